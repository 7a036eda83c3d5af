import type { TraceEvent } from '../scenarios/events.ts';

/** How far the simulation runs ahead of the cursor, so replies already on the wire can be drawn. */
export const LOOKAHEAD_MS = 2_000;
/** After an action, the simulation runs until quiet, but never more than this far ahead. */
export const ACTION_HORIZON_MS = 30_000;

/** Number of events with `at <= time` (the trace is sorted by `at`). */
export function eventsUpTo(trace: readonly TraceEvent[], time: number): number {
  let low = 0;
  let high = trace.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (trace[mid]!.at <= time) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function lastEventAt(trace: readonly TraceEvent[]): number {
  return trace.length === 0 ? 0 : trace[trace.length - 1]!.at;
}

/** A scenario with a background workload keeps producing requests as long as the clock runs. */
export function hasWorkload(options: Record<string, unknown>): boolean {
  return Number(options.readRatePerSec ?? 0) > 0 || Number(options.writeRatePerSec ?? 0) > 0;
}
