/** Where Step stops: one beat per event with a sentence of its own (see `flowIndex().beats`). */
import type { TraceEvent } from '../scenarios/events.ts';
import { countBefore } from '../engine/search.ts';
import { flowIndex, type Beat } from './flow.ts';
import type { Cursor } from './types.ts';

/** Index in `beats` of the first beat whose event index is at least `index`. */
function firstAtOrAfter(beats: readonly Beat[], index: number): number {
  return countBefore(beats, (beat) => beat.index < index);
}

/** The next beat after the cursor among the first `length` events; never earlier in time than the cursor. */
export function nextBeat(trace: readonly TraceEvent[], length: number, cursor: Cursor): Beat | null {
  const { beats } = flowIndex(trace, length);
  const beat = beats[firstAtOrAfter(beats, cursor.index + 1)];
  if (!beat || beat.index > length) return null;
  return { ...beat, time: Math.max(beat.time, cursor.time) };
}

/** The beat before the cursor, or null when none is. */
export function previousBeat(trace: readonly TraceEvent[], length: number, cursor: Cursor): Beat | null {
  const { beats } = flowIndex(trace, length);
  let at = firstAtOrAfter(beats, cursor.index);
  // A beat at the cursor's own index counts when the cursor stands later than it.
  if (at < beats.length && beats[at]!.index === cursor.index && beats[at]!.time < cursor.time) return beats[at]!;
  at--;
  return at >= 0 ? beats[at]! : null;
}

/** Whether Step can stand at (index, time): a beat's index, at or after its stop and not past its event. */
export function isBeat(trace: readonly TraceEvent[], index: number, time: number): boolean {
  const { beats } = flowIndex(trace, index);
  const beat = beats[firstAtOrAfter(beats, index)];
  return beat !== undefined && beat.index === index && beat.time <= time && time <= beat.at;
}
