/** How the lab judges a lesson's check against its trace (the check's shape: src/scenarios/checks.ts). */
import type { TraceEvent } from '../../scenarios/events.ts';
import type { LearnerAction, Metrics } from '../../scenarios/types.ts';
import { actionByName, judgedSince, lastRequiredSeq } from '../../scenarios/actions.ts';
import { METRIC_NAMES } from '../../scenarios/checks.ts';
import { metricsOf, metricValue } from '../../scenarios/metrics.ts';
import { ownEvents } from '../../scenarios/work-done.ts';
import type { ScenarioInfo } from '../../store/index.ts';

/** Check metrics that `Metrics` leaves out, counted from the trace: metric name → the event it counts. */
const COUNTED_EVENTS: Readonly<Record<string, TraceEvent['type']>> = { keysExpired: 'key.expired', keysEvicted: 'key.evicted' };

/** Per trace (a fork is a new array) and event type: the indices of those events, scanned once and extended as the trace grows. */
const eventIndices = new WeakMap<readonly TraceEvent[], Map<string, { scanned: number; at: number[] }>>();

function countBefore(trace: readonly TraceEvent[], type: string, index: number): number {
  let byType = eventIndices.get(trace);
  if (!byType) eventIndices.set(trace, (byType = new Map()));
  let seen = byType.get(type);
  if (!seen) byType.set(type, (seen = { scanned: 0, at: [] }));
  for (; seen.scanned < trace.length; seen.scanned++) if (trace[seen.scanned]!.type === type) seen.at.push(seen.scanned);
  let [low, high] = [0, seen.at.length];
  while (low < high) {
    const mid = (low + high) >> 1;
    if (seen.at[mid]! < index) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * A metric's value after the first `index` events of a run, for any name a check or a side-by-side
 * pair may name: `metrics` are the snapshot's at that cursor; keysExpired and keysEvicted are counted.
 */
export function metricAt(trace: readonly TraceEvent[], index: number, metrics: Metrics | undefined, name: string): number {
  const counted = COUNTED_EVENTS[name];
  if (counted !== undefined) return countBefore(trace, counted, index);
  return metrics ? (metricValue(metrics, name) ?? 0) : 0;
}

/**
 * The metrics of the events in [from, to): what happened since an action, not since the start.
 * The definitions are the core's (`metricsOf`); checks read metrics by their dotted names.
 * `keysExpired` (keys whose TTL ran out) and `keysEvicted` (keys maxmemory removed) are a check's
 * counts only, so they are counted here.
 */
export function windowMetrics(trace: readonly TraceEvent[], from: number, to: number): Record<string, number> & { reads: number; dbWrites: number; keysExpired: number; keysEvicted: number } {
  const metrics = metricsOf(trace, from, to);
  const flat: Record<string, number> = {};
  for (const name of METRIC_NAMES) flat[name] = metricValue(metrics, name) ?? 0;
  const [start, end] = [Math.max(0, from), Math.min(to, trace.length)];
  for (const [name, type] of Object.entries(COUNTED_EVENTS)) flat[name] = Math.max(0, countBefore(trace, type, end) - countBefore(trace, type, start));
  return flat as Record<string, number> & { reads: number; dbWrites: number; keysExpired: number; keysEvicted: number };
}

/** The seq of the last `action` event of this type before `index`, or -1. */
export function lastActionSeq(trace: readonly TraceEvent[], type: string, index: number): number {
  for (let i = Math.min(index, trace.length) - 1; i >= 0; i--) {
    const event = trace[i]!;
    if (event.type === 'action' && event.action.type === type) return i;
  }
  return -1;
}

/**
 * The metrics a challenge is judged on after the first `index` events, or null before the learner
 * took the action it `requires`. After a change the lab runs on with (`judged: 'since'` in the
 * action registry: an option), everything since it counts; after any other action, only what that
 * action started (`ownEvents`): a burst on a warm key followed by a flush and one read did not
 * reach the database once, whatever the window since the burst holds.
 */
export function challengeMetrics(trace: readonly TraceEvent[], requires: string | undefined, index: number): ReturnType<typeof windowMetrics> | null {
  if (requires === undefined) return windowMetrics(trace, 0, index);
  const from = lastRequiredSeq(trace, requires, index);
  if (from < 0) return null;
  if (judgedSince(requires)) return windowMetrics(trace, from, index);
  const own = ownEvents(trace, from, index);
  return windowMetrics(own, 0, own.length);
}

/** Turns an action name from a lab block into the action the lab runs, with this scenario's defaults (or the key a check names). */
export function actionFromName(name: string, scenario: ScenarioInfo | undefined, options: Record<string, unknown>, key?: string): LearnerAction | null {
  return actionByName(name, { defaultKey: key ?? scenario?.defaultKey ?? 'user:1', options });
}
