/**
 * A lesson's check as written in a ```lab block (docs/architecture.md, "Lessons"), and the pure
 * judgment of its condition. Lessons validate this shape at build time; the lab judges it.
 */
import type { LearnerActionType } from './actions.ts';
import { formatCount } from './format.ts';

/** Metric names a check may compare (docs/architecture.md, "Metric names"). */
export const METRIC_NAMES = [
  'reads', 'hits', 'misses', 'hitRatio', 'dbReads', 'dbWrites', 'dbPeakConcurrency', 'staleReads',
  'latencyMs.p50', 'latencyMs.p95', 'latencyMs.p99', 'redisCommands', 'errors', 'fallbacks', 'failedReads', 'keysExpired',
  'keysEvicted',
  // h-sync: lesson 15
  'localHits', 'staleLocalReads',
  // h-challenge2: lesson 2's challenge bounds it (a count of stale reads grows with the time played)
  'staleShare',
] as const;

export type MetricName = (typeof METRIC_NAMES)[number];

export const METRIC_LABELS: Record<MetricName, string> = {
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
  keysExpired: 'keys that expired',
  keysEvicted: 'keys evicted',
  localHits: 'reads from a local cache',
  staleLocalReads: 'stale local reads',
  staleShare: 'share of stale reads',
};

/** Metrics that are fractions from 0 to 1, stated as percentages. */
export const FRACTION_METRICS: readonly string[] = ['hitRatio', 'staleShare'];

export const COMPARISON_OPS = ['<', '<=', '>', '>=', '==', '!='] as const;

export type ComparisonOp = (typeof COMPARISON_OPS)[number];

export interface CheckCondition {
  metric: string;
  op: ComparisonOp;
  value: number;
}

export type CheckSpec =
  | {
      kind: 'challenge';
      goal: string;
      /** An action (from the registry, src/scenarios/actions.ts) that must have happened. */
      requires?: LearnerActionType;
      /** One comparison, or a list of them that must all hold (`conditionsOf` reads either). */
      condition: CheckCondition | CheckCondition[];
      /**
       * Options that must keep these values for the challenge to count, when the goal names one lever
       * and others reach the same number (lesson 8: the TTL, not the read rate, the keys or their popularity).
       */
      keep?: Record<string, unknown>;
      hint?: string;
      solution?: string;
    }
  | {
      kind: 'predict';
      prompt: string;
      choices: string[];
      answer: string;
      /** The action the lab runs once the learner commits (one of `namedActionTypes`). */
      reveal?: LearnerActionType;
      /** The key the reveal acts on, when the prompt names one (default: the scenario's default key). */
      revealKey?: string;
      /** The situation the prompt describes; committing runs it from a clean state, then the reveal. */
      situation?: PredictSituation;
      /** What the revealed run shows, checked on the events from the reveal on (required with `reveal`). */
      expect?: CheckCondition;
      explain?: string;
    };

/**
 * A predict check's situation: option overrides, learner actions by name at times (ms from a
 * fresh start), and the moment the reveal runs. "user:1 read 3 s ago" is
 * `{ actions: [{ do: 'read', at: 0 }], revealAt: 3000 }`.
 */
export interface PredictSituation {
  options?: Record<string, unknown>;
  actions: { do: LearnerActionType; at: number }[];
  revealAt: number;
}

/** At most this many conditions in one challenge, so its goal and verdict stay one sentence each. */
export const MAX_CONDITIONS = 3;

/** A challenge's conditions as a list: `condition` may be one comparison or a list of them. */
export function conditionsOf(condition: CheckCondition | readonly CheckCondition[]): readonly CheckCondition[] {
  return Array.isArray(condition) ? condition : [condition as CheckCondition];
}

/** "a", "a and b", "a, b and c". */
export function joinAnd(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The label of a metric name, or the name itself when it has none. */
export function metricLabel(metric: string): string {
  return (METRIC_LABELS as Record<string, string>)[metric] ?? metric;
}

const OP_TEXT: Record<ComparisonOp, string> = { '<': 'below', '<=': 'at most', '>': 'above', '>=': 'at least', '==': 'exactly', '!=': 'not' };

/**
 * States what is checked, in words; a list reads as all of them.
 * @example describeCondition({ metric: 'dbReads', op: '<=', value: 1 }) // "database reads at most 1"
 * @example describeCondition([{ metric: 'hitRatio', op: '>=', value: 0.9 }, { metric: 'staleReads', op: '==', value: 0 }])
 * // "hit ratio at least 90% and stale reads exactly 0"
 */
export function describeCondition(condition: CheckCondition | readonly CheckCondition[]): string {
  if (Array.isArray(condition)) return joinAnd(condition.map((one: CheckCondition) => describeCondition(one)));
  return describeOne(condition as CheckCondition);
}

function describeOne(condition: CheckCondition): string {
  const value = FRACTION_METRICS.includes(condition.metric) && condition.value <= 1 ? `${Math.round(condition.value * 100)}%` : formatCount(condition.value);
  return `${metricLabel(condition.metric)} ${OP_TEXT[condition.op] ?? condition.op} ${value}`;
}

/** The options of `keep` whose value in `options` is not the kept one, in `keep`'s order. */
export function movedOptions(keep: Readonly<Record<string, unknown>> | undefined, options: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(keep ?? {}).filter(([name, value]) => options[name] !== value).map(([name]) => name);
}

/** Whether `actual op expected` holds, e.g. compare(1, '<=', 1) is true. */
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
