/**
 * Where Step stops: one beat per event with a sentence of its own (see `flowIndex().beats`), at
 * that event's own time. Forward and back visit the same stops, so one is the mirror of the other.
 */
import type { TraceEvent } from '../scenarios/events.ts';
import { countBefore } from '../engine/search.ts';
import { beatAt, flowIndex, type Beat } from './flow.ts';
import type { Cursor } from './types.ts';

/** Index in `beats` of the first beat whose event index is at least `index`. */
function firstAtOrAfter(beats: readonly Beat[], index: number): number {
  return countBefore(beats, (beat) => beat.index < index);
}

/** The next beat after the cursor among the first `length` events, or null when none is. */
export function nextBeat(trace: readonly TraceEvent[], length: number, cursor: Cursor): Beat | null {
  const { beats } = flowIndex(trace, length);
  const beat = beats[firstAtOrAfter(beats, cursor.index + 1)];
  return beat && beat.index <= length ? beat : null;
}

/**
 * The beat before the one whose sentence the cursor shows, or null when none is. Standing on a beat,
 * that is the previous stop; between beats (playing, scrubbing) the sentence on screen is already
 * the last beat passed, so back goes to the one before it, never later than the cursor.
 */
export function previousBeat(trace: readonly TraceEvent[], length: number, cursor: Cursor): Beat | null {
  const { beats } = flowIndex(trace, length);
  let at = firstAtOrAfter(beats, cursor.index);
  // The last beat strictly before the cursor: one at the cursor's own index counts when the cursor stands later than it.
  if (!(at < beats.length && beats[at]!.index === cursor.index && beats[at]!.at < cursor.time)) at--;
  if (at >= 0 && beats[at] === beatAt(trace, length, cursor.index, cursor.time)) at--;
  return at >= 0 ? beats[at]! : null;
}
