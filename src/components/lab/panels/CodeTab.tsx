/** The Code tab: the running strategy's source, the line the request is on highlighted. Loaded on first open. */
import { CodePanel } from '../../code/CodePanel.tsx';
import { visibleLines, strategies, writeSource } from '../../../scenarios/strategies/index.ts';
import { selectOptionsAtCursor, useLabStore } from '../../../store/index.ts';

export function LabCode() {
  const { strategy, nullTtlMs, jitterMs, syncMethod } = useLabStore((s) => {
    const options = selectOptionsAtCursor(s);
    return { strategy: String(options.strategy ?? 'plain'), nullTtlMs: Number(options.nullTtlMs ?? 0), jitterMs: Number(options.jitterMs ?? 0), syncMethod: String(options.syncMethod ?? 'none') };
  });
  const active = useLabStore((s) => {
    for (let i = Math.min(s.cursor.index, s.trace.length) - 1; i >= 0; i--) {
      const event = s.trace.events[i]!;
      if (event.type === 'code.line' && (s.selectedRequest === null || event.requestId === s.selectedRequest)) return { lineId: event.lineId, strategy: event.strategy };
    }
    return null;
  });
  const shown = active?.strategy ?? strategy;
  const source = shown === 'write' ? writeSource : (strategies[shown as keyof typeof strategies] ?? strategies.plain).source;
  const flags = { nullTtlMs, jitterMs, syncMethod };
  const sources = { ts: visibleLines(source.ts, flags), python: visibleLines(source.python, flags) };
  const title = shown === 'write' ? 'Write then invalidate' : (strategies[shown as keyof typeof strategies] ?? strategies.plain).title;
  return <CodePanel sources={sources} activeLineId={active?.lineId ?? null} label={title} />;
}
