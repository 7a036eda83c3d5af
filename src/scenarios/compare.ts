/**
 * A side-by-side lab (a ```lab block's `compare:`): one scenario run twice with different options,
 * driven by the same learner actions, and the difference stated in numbers. Pure: the lesson
 * schema validates this shape, the lab draws it, the tests read the same sentences.
 *
 * @example
 * compareSentence(['No invalidation', 'Delete on write'], 'staleReads', [1, 0]);
 * // 'Stale reads: 1 vs 0 (No invalidation 1, Delete on write 0)'
 */
import type { LearnerActionType } from './actions.ts';
import { metricLabel, type MetricName } from './checks.ts';

/** One side: its label (what the learner reads above it) and the options it runs with on top of the block's. */
export interface CompareSide {
  readonly label: string;
  readonly options: Readonly<Record<string, unknown>>;
}

export interface CompareSpec {
  readonly left: CompareSide;
  /** One side, or several the learner picks from (lesson 10: plain beside the fix of their choice). */
  readonly right: readonly CompareSide[];
  /** The numbers whose difference the lab states, in this order (at most 3). */
  readonly metrics: readonly MetricName[];
  /** The shared buttons, in this order; each must be one the scenario offers and one both sides can take at the same moment. */
  readonly actions: readonly CompareAction[];
  /** Playback pauses by itself at this virtual moment (ms), once: lesson 13's pair states its numbers at two minutes of a steady workload. */
  readonly pauseAt?: number;
}

/**
 * Actions both sides can take at one shared moment. Fast-forward is not one: it jumps each side to
 * its own next expiry, so the two would stop showing the same moment; scripts and option changes
 * belong to a single lab.
 */
export const COMPARE_ACTIONS = ['read', 'readMissing', 'write', 'burst', 'flushCache', 'slowRead', 'redisDown', 'redisUp'] as const satisfies readonly LearnerActionType[];
export type CompareAction = (typeof COMPARE_ACTIONS)[number];

export const MAX_COMPARE_METRICS = 3;

/** A metric's name with a capital, as the head of a sentence: "Database reads". */
export function metricTitle(metric: string): string {
  const label = metricLabel(metric);
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** A metric value as the lab shows it: a ratio as a percentage to a tenth (as lessons quote it), latencies in ms. */
export function formatMetric(metric: string, value: number, partial = false): string {
  // NaN: a ratio or latency of no reads (see `readsMetric`), which has no value yet.
  if (Number.isNaN(value)) return '—';
  // `partial`: reads are still waiting, so this is the value so far, not the run's.
  const soFar = partial ? ' so far' : '';
  if (metric === 'hitRatio') return `${Math.round(value * 1000) / 10}%${soFar}`;
  return `${Number.isInteger(value) ? String(value) : value.toFixed(1)}${soFar}`;
}

/** Whether the metric is a ratio or percentile of reads, so undefined while a side has served none. */
export function readsMetric(metric: string): boolean {
  return metric === 'hitRatio' || metric.startsWith('latencyMs.');
}

/** "Database reads: 50 vs 1 (Plain 50, Lock 1)": the two numbers first, then who has which. */
export function compareSentence(labels: readonly [string, string] | readonly string[], metric: string, values: readonly [number, number] | readonly number[], partial: readonly boolean[] = []): string {
  const [a, b] = [formatMetric(metric, values[0]!, partial[0]), formatMetric(metric, values[1]!, partial[1])];
  return `${metricTitle(metric)}: ${a} vs ${b} (${labels[0]} ${a}, ${labels[1]} ${b})`;
}
