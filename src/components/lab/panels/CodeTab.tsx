/** The Code tab: the code the lab's app runs, the line the trace is on highlighted. Loaded on first open. */
import { useEffect, useState } from 'react';
import { CodePanel } from '../../code/CodePanel.tsx';
import { PanelPlaceholder } from '../lazyPanel.tsx';
import { visibleLines, strategies } from '../../../scenarios/strategies/index.ts';
import { codeRenderingNow, hasOwnRenderings, loadCodeRendering, plainSource } from '../../../scenarios/strategies/sources.ts';
import type { StrategyName } from '../../../scenarios/types.ts';
import { selectOptionsAtCursor, useLabStore, useLabStoreThrottled } from '../../../store/index.ts';
import { activeCodeLine } from './code-line.ts';

export function LabCode() {
  const scenario = useLabStore((s) => s.scenarioId);
  const { strategy, nullTtlMs, jitterMs, syncMethod } = useLabStore((s) => {
    const options = selectOptionsAtCursor(s);
    return { strategy: String(options.strategy ?? 'plain'), nullTtlMs: Number(options.nullTtlMs ?? 0), jitterMs: Number(options.jitterMs ?? 0), syncMethod: String(options.syncMethod ?? 'none') };
  });
  // Throttled while playing: in a busy run the line changes every frame, and each change costs a layout (the panel scrolls to it).
  // In the sentence's and the clock's slot (1), so the line beside them is of the same moment.
  const active = useLabStoreThrottled((s) => activeCodeLine(s.trace.events, s.trace.length, s.cursor.index, s.cursor.time, s.selectedRequest), 1);
  // The rendering is named by the latest line's `strategy` (before any, by the scenario or its strategy option).
  const name = active?.strategy ?? null;
  const [, setLoaded] = useState(0);
  const ready = codeRenderingNow(scenario, name, strategy);
  useEffect(() => {
    if (ready !== undefined) return;
    let live = true;
    void loadCodeRendering(scenario, name, strategy).then(() => live && setLoaded((n) => n + 1));
    return () => {
      live = false;
    };
  }, [ready, scenario, name, strategy]);
  // Meanwhile a strategy lab keeps plain's rendering up (same shape); a lab with code of its own waits.
  if (ready === undefined && hasOwnRenderings(scenario)) return <PanelPlaceholder label="the code" minHeight={200} />;
  const source = ready ?? plainSource;
  const flags = { nullTtlMs, jitterMs, syncMethod };
  const sources = { ts: visibleLines(source.ts, flags), python: visibleLines(source.python, flags) };
  // The write paths' and lessons 13-15's renderings carry their own title; a strategy's is its name.
  const shown = ready === undefined ? 'plain' : (name ?? strategy);
  const title = source.title ?? strategies[shown as StrategyName]?.title ?? strategies.plain.title;
  const ran = ready === undefined || !active?.ran ? undefined : active.ran.split(' ');
  return <CodePanel sources={sources} activeLineId={ready === undefined ? null : (active?.lineId ?? null)} ranLineIds={ran} label={title} />;
}
