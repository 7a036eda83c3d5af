import type { TraceEvent } from '../scenarios/events.ts';
import type { LabOptions } from './engine.ts';
import { countBefore } from '../engine/search.ts';

/** How far the simulation runs ahead of the cursor, so replies already on the wire can be drawn. */
export const LOOKAHEAD_MS = 2_000;
/** After an action, the simulation runs until quiet, but never more than this far ahead. */
export const ACTION_HORIZON_MS = 30_000;

/** Number of events with `at <= time` (the trace is sorted by `at`). */
export function eventsUpTo(trace: readonly TraceEvent[], time: number): number {
  return countBefore(trace, (event) => event.at <= time);
}

export function lastEventAt(trace: readonly TraceEvent[]): number {
  return trace.at(-1)?.at ?? 0;
}

/** Requests a run of this many per second may take before the trace must be handed back (one lookahead). */
const LOOKAHEAD_REQUESTS = 2_000;

/**
 * How far to run ahead of the cursor for these options: `LOOKAHEAD_MS`, shortened at high request
 * rates (100,000 reads/s would be 2 M events per lookahead) to about `LOOKAHEAD_REQUESTS`.
 */
export function lookaheadMs(options: LabOptions): number {
  const rate = (options.readRatePerSec ?? 0) + (options.writeRatePerSec ?? 0);
  return rate <= 0 ? LOOKAHEAD_MS : Math.max(20, Math.min(LOOKAHEAD_MS, Math.round((LOOKAHEAD_REQUESTS * 1000) / rate)));
}

/** A scenario with a background workload keeps producing requests as long as the clock runs. */
export function hasWorkload(options: LabOptions): boolean {
  return (options.readRatePerSec ?? 0) > 0 || (options.writeRatePerSec ?? 0) > 0;
}
