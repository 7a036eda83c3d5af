import type { TraceEvent } from '../scenarios/events.ts';
import type { SimState } from '../scenarios/types.ts';
import type { LabState } from './types.ts';
import type { LabOptions } from './engine.ts';

const snapshots = new WeakMap<readonly TraceEvent[], { index: number; state: SimState }>();

/** The simulation's state at the cursor, computed once per (trace, index) however many views ask. */
export function selectSnapshot(state: LabState): SimState | null {
  if (!state.running) return null;
  const trace = state.trace.events;
  const index = Math.min(state.cursor.index, state.trace.length);
  const cached = snapshots.get(trace);
  if (cached && cached.index === index) return cached.state;
  const snapshot = state.engine.stateAt(trace, index);
  snapshots.set(trace, { index, state: snapshot });
  return snapshot;
}

/** The options in force at the cursor: the starting options plus every `option` event before it. */
/** Positions of `option` events per run (its log only grows), found incrementally. */
const optionEvents = new WeakMap<readonly TraceEvent[], { scanned: number; seqs: number[] }>();
const optionsMemo = new WeakMap<readonly TraceEvent[], { base: LabOptions; count: number; options: LabOptions }>();

export function selectOptionsAtCursor(state: LabState): LabOptions {
  const trace = state.trace.events;
  const index = Math.min(state.cursor.index, state.trace.length);
  let found = optionEvents.get(trace);
  if (!found) optionEvents.set(trace, (found = { scanned: 0, seqs: [] }));
  for (; found.scanned < state.trace.length; found.scanned++) if (trace[found.scanned]!.type === 'option') found.seqs.push(found.scanned);
  let count = 0;
  while (count < found.seqs.length && found.seqs[count]! < index) count++;
  const cached = optionsMemo.get(trace);
  if (cached && cached.count === count && cached.base === state.options) return cached.options;
  const options: Record<string, unknown> = { ...state.options };
  for (let i = 0; i < count; i++) {
    const event = trace[found.seqs[i]!]!;
    if (event.type === 'option') options[event.name] = event.value;
  }
  // The core checked each option event against the schema before recording it.
  const typed = options as LabOptions;
  optionsMemo.set(trace, { base: state.options, count, options: typed });
  return typed;
}
