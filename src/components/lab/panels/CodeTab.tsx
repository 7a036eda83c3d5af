/** The Code tab: the running strategy's source, the line the request is on highlighted. Loaded on first open. */
import { useEffect, useState } from 'react';
import { CodePanel } from '../../code/CodePanel.tsx';
import { visibleLines, strategies } from '../../../scenarios/strategies/index.ts';
import { loadStrategySource, strategySourceNow, writeSourceNow, type WritePath } from '../../../scenarios/strategies/sources.ts';
import type { StrategyName } from '../../../scenarios/types.ts';
import { selectOptionsAtCursor, useLabStore } from '../../../store/index.ts';

const WRITE_TITLES: Record<WritePath, string> = { write: 'Write then invalidate', 'write-behind': 'Write-behind: queue, then a worker' };

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
  const name: StrategyName = shown in strategies ? (shown as StrategyName) : 'plain';
  const writePath: WritePath | null = shown === 'write' || shown === 'write-behind' ? shown : null;
  // Plain's rendering comes with this panel; the others and the write paths' load the first time one is shown (plain's stays up meanwhile).
  const [, setLoaded] = useState(0);
  const ready = writePath !== null ? writeSourceNow(writePath) : strategySourceNow(name);
  useEffect(() => {
    if (ready !== undefined) return;
    let live = true;
    void loadStrategySource(writePath ?? name).then(() => live && setLoaded((n) => n + 1));
    return () => {
      live = false;
    };
  }, [ready, name, writePath]);
  const source = ready ?? strategySourceNow('plain')!;
  const flags = { nullTtlMs, jitterMs, syncMethod };
  const sources = { ts: visibleLines(source.ts, flags), python: visibleLines(source.python, flags) };
  const title = ready === undefined ? strategies.plain.title : writePath !== null ? WRITE_TITLES[writePath] : strategies[name].title;
  return <CodePanel sources={sources} activeLineId={ready === undefined ? null : (active?.lineId ?? null)} label={title} />;
}
