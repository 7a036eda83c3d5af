/**
 * Event pacing, as RaftScope and VisuAlgo pace theirs: while few requests are about, the clock
 * slows down around every hop so each one stays on screen long enough to follow, whatever the
 * speed, and speeds up again between them. When the lab is busy (many requests close together)
 * the clock runs at the chosen speed and the view aggregates instead: each dot is drawn for a
 * minimum time and edges carry rates. Pure functions of (trace, time, speed).
 */
import type { TraceEvent } from '../scenarios/events.ts';
import { countBefore } from '../engine/search.ts';
import { flowIndex, lowerBound, movingUntil } from './flow.ts';

/** Wall ms a moving hop stays on screen while the lab is not busy (the issue asks for ≥ 250). */
export const HOP_WALL_MS = 300;
/** Wall ms the clock lingers on a moment with a sentence of its own but no message (an expiry, a fault). */
export const HOLD_WALL_MS = 250;
/** Virtual ms a hold covers: the clock crosses this stretch in HOLD_WALL_MS. */
const HOLD_SPAN_MS = 1;
/** Busy: more distinct request arrivals than this within ±BUSY_WINDOW_WALL_MS of wall time at the chosen speed. */
export const BUSY_REQUESTS = 4;
export const BUSY_WINDOW_WALL_MS = 1_000;

/** How many of `sorted` are at most `value`. */
function upperBound(sorted: readonly number[], value: number): number {
  return countBefore(sorted, (x) => x <= value);
}

/**
 * Whether the trace is too crowded around `time` to follow request by request at `speed`
 * (then the clock is not slowed and the view aggregates).
 */
export function isBusy(trace: readonly TraceEvent[], time: number, speed: number): boolean {
  const { arrivals } = flowIndex(trace);
  const window = speed * BUSY_WINDOW_WALL_MS;
  return upperBound(arrivals, time + window) - lowerBound(arrivals, time - window) > BUSY_REQUESTS;
}

/** With at least this many messages really on the wire the picture is full already: dots are not kept on. */
export const FULL_AT = 40;

/**
 * Virtual ms a view keeps each dot on screen, given how many are really on the wire: a minimum
 * only when the lab is busy (otherwise the clock slows instead) and the picture is not full already.
 */
export function minShownMs(trace: readonly TraceEvent[], time: number, speed: number, onTheWire = 0): number {
  return onTheWire < FULL_AT && isBusy(trace, time, speed) ? speed * HOP_WALL_MS : 0;
}

/**
 * The virtual time reached from `from` after `wallMs` of real time at `speed`: the chosen speed,
 * except that while a hop is moving the clock goes no faster than crosses it in HOP_WALL_MS (the
 * shortest hop in flight sets the pace), and it lingers HOLD_WALL_MS on each moment of its own.
 */
export function pacedAdvance(trace: readonly TraceEvent[], from: number, wallMs: number, speed: number): number {
  const index = flowIndex(trace);
  const { messages, addedAt, maxDuration, maxMoving, holds } = index;
  let time = from;
  let wall = wallMs;
  for (let round = 0; round < 64 && wall > 1e-9; round++) {
    if (isBusy(trace, time, speed)) return time + wall * speed;
    let rate = speed;
    let boundary = Infinity;
    // A message's sentAt lies within maxDuration of the moment it was added to the index.
    for (let i = lowerBound(addedAt, time - maxDuration - maxMoving); i < messages.length && addedAt[i]! <= Math.min(boundary, time + speed * wall) + maxDuration; i++) {
      const message = messages[i]!;
      const end = movingUntil(message);
      if (message.sentAt <= time && time < end) {
        rate = Math.min(rate, (end - message.sentAt) / HOP_WALL_MS);
        boundary = Math.min(boundary, end);
      } else if (message.sentAt > time) {
        boundary = Math.min(boundary, message.sentAt);
      }
    }
    const hold = lowerBound(holds, time - HOLD_SPAN_MS + 1e-9);
    if (hold < holds.length) {
      const at = holds[hold]!;
      if (at <= time) {
        rate = Math.min(rate, HOLD_SPAN_MS / HOLD_WALL_MS);
        boundary = Math.min(boundary, at + HOLD_SPAN_MS);
      } else boundary = Math.min(boundary, at);
    }
    const step = Math.min(wall * rate, boundary - time);
    time += step;
    wall -= step / rate;
  }
  return time;
}
