import type { TraceEvent } from '../scenarios/events.ts';
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
  return trace.length === 0 ? 0 : trace[trace.length - 1]!.at;
}

/** A scenario with a background workload keeps producing requests as long as the clock runs. */
export function hasWorkload(options: Record<string, unknown>): boolean {
  return Number(options.readRatePerSec ?? 0) > 0 || Number(options.writeRatePerSec ?? 0) > 0;
}
