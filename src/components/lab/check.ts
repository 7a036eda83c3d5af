/** How the lab judges a lesson's check against its trace (the check's shape: src/scenarios/checks.ts). */
import type { TraceEvent } from '../../scenarios/events.ts';
import type { LearnerAction } from '../../scenarios/types.ts';
import { actionByName, doesWhatIsRequired } from '../../scenarios/actions.ts';
import { METRIC_NAMES } from '../../scenarios/checks.ts';
import { metricsOf, metricValue } from '../../scenarios/metrics.ts';
import type { ScenarioInfo } from '../../store/index.ts';

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
  let keysExpired = 0;
  let keysEvicted = 0;
  for (let i = Math.max(0, from); i < Math.min(to, trace.length); i++) {
    const type = trace[i]!.type;
    if (type === 'key.expired') keysExpired++;
    else if (type === 'key.evicted') keysEvicted++;
  }
  flat.keysExpired = keysExpired;
  flat.keysEvicted = keysEvicted;
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
 * The seq of the last action before `index` that does what a challenge `requires`: that action, or
 * any other the registry says does the same (`doneBy`: a read of user:404 for "Request a missing
 * key"), or -1.
 */
export function lastRequiredSeq(trace: readonly TraceEvent[], required: string, index: number): number {
  for (let i = Math.min(index, trace.length) - 1; i >= 0; i--) {
    if (trace[i]!.type === 'action' && doesWhatIsRequired(trace, i, required)) return i;
  }
  return -1;
}

/** Turns an action name from a lab block into the action the lab runs, with this scenario's defaults. */
export function actionFromName(name: string, scenario: ScenarioInfo | undefined, options: Record<string, unknown>): LearnerAction | null {
  return actionByName(name, { defaultKey: scenario?.defaultKey ?? 'user:1', options });
}
