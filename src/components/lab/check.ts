/** Lesson checks as written in a ```lab block (docs/architecture.md), and how they are judged. */
import type { TraceEvent } from '../../scenarios/events.ts';
import type { LearnerAction } from '../../scenarios/types.ts';
import { actionByName } from '../../scenarios/actions.ts';
import { metricsOf, metricValue } from '../../scenarios/metrics.ts';
import type { ScenarioInfo } from '../../store/index.ts';

export type ComparisonOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

export type CheckSpec =
  | {
      kind: 'challenge';
      goal: string;
      requires?: string;
      condition: { metric: string; op: ComparisonOp; value: number };
      hint?: string;
      solution?: string;
    }
  | {
      kind: 'predict';
      prompt: string;
      choices: string[];
      answer: string;
      reveal?: string;
      explain?: string;
    };

export const METRIC_LABELS: Record<string, string> = {
  reads: 'reads',
  hits: 'cache hits',
  misses: 'cache misses',
  hitRatio: 'hit ratio',
  dbReads: 'database reads',
  dbWrites: 'database writes',
  dbPeakConcurrency: 'peak concurrent database queries',
  staleReads: 'stale reads',
  'latencyMs.p50': 'median latency (ms)',
  'latencyMs.p95': 'p95 latency (ms)',
  'latencyMs.p99': 'p99 latency (ms)',
  redisCommands: 'Redis commands',
  errors: 'failed Redis commands',
  fallbacks: 'fallbacks to the database',
  failedReads: 'failed reads',
};

const OP_TEXT: Record<ComparisonOp, string> = { '<': 'below', '<=': 'at most', '>': 'above', '>=': 'at least', '==': 'exactly', '!=': 'not' };

/** "database reads at most 1", for stating what is checked. */
export function describeCondition(condition: { metric: string; op: ComparisonOp; value: number }): string {
  const value = condition.metric === 'hitRatio' && condition.value <= 1 ? `${Math.round(condition.value * 100)}%` : String(condition.value);
  return `${METRIC_LABELS[condition.metric] ?? condition.metric} ${OP_TEXT[condition.op] ?? condition.op} ${value}`;
}

export function compare(actual: number, op: ComparisonOp, expected: number): boolean {
  switch (op) {
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
    case '==':
      return actual === expected;
    case '!=':
      return actual !== expected;
  }
}

/**
 * The metrics of the events in [from, to): what happened since an action, not since the start.
 * The definitions are the core's (`metricsOf`); checks read metrics by their dotted names.
 */
export function windowMetrics(trace: readonly TraceEvent[], from: number, to: number): Record<string, number> & { reads: number; dbWrites: number } {
  const metrics = metricsOf(trace, from, to);
  const flat: Record<string, number> = {};
  for (const name of Object.keys(METRIC_LABELS)) flat[name] = metricValue(metrics, name) ?? 0;
  return flat as Record<string, number> & { reads: number; dbWrites: number };
}

/** The seq of the last `action` event of this type before `index`, or -1. */
export function lastActionSeq(trace: readonly TraceEvent[], type: string, index: number): number {
  for (let i = Math.min(index, trace.length) - 1; i >= 0; i--) {
    const event = trace[i]!;
    if (event.type === 'action' && event.action.type === type) return i;
  }
  return -1;
}

/** Turns an action name from a lab block into the action the lab runs, with this scenario's defaults. */
export function actionFromName(name: string, scenario: ScenarioInfo | undefined, options: Record<string, unknown>): LearnerAction | null {
  return actionByName(name, { defaultKey: scenario?.defaultKey ?? 'user:1', options });
}
