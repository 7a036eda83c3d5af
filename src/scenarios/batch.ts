/**
 * Headless batch runs (the CLI, the theory tests, the benchmarks): a workload for a fixed
 * duration, metrics at the end. Trace off by default, which is the fast path.
 *
 * @example
 * runBatch({ seed: 7, durationMs: 60_000, keys: { count: 1, popularity: 'uniform', missingFraction: 0 },
 *            reads: { arrival: 'poisson', ratePerSec: 10 }, options: { ttlMs: 1000, dbLatencyMs: 0 } }).metrics.hitRatio;
 */
import { World } from './world.ts';
import { createRedisPort } from './redis-backend.ts';
import { assertRedisReady } from './redis-needs.ts';
import { defaultOptions } from './options.ts';
import type { ArrivalSpec, KeySpaceSpec } from './workload.ts';
import type { LatencyModel } from '../database/latency.ts';
import type { Metrics, ScheduledAction, SimOptions } from './types.ts';
import { Priority } from '../engine/scheduler.ts';

export interface BatchSpec {
  readonly seed: number;
  readonly durationMs: number;
  /** Reads that arrive before this instant are not counted. */
  readonly warmupMs?: number;
  readonly keys: KeySpaceSpec;
  readonly reads?: ArrivalSpec | null;
  readonly writes?: ArrivalSpec | null;
  /** Options; unspecified ones take their defaults, except redisLatencyMs which defaults to 0. */
  readonly options?: Partial<SimOptions>;
  readonly latency?: LatencyModel;
  readonly actions?: readonly ScheduledAction[];
  readonly trace?: boolean;
}

export interface BatchResult {
  readonly metrics: Metrics;
  readonly world: World;
}

export function runBatch(spec: BatchSpec): BatchResult {
  const options = defaultOptions({ redisLatencyMs: 0, dbConnections: 10_000, ...spec.options, seed: spec.seed });
  assertRedisReady(undefined, options);
  const world = new World({
    options,
    seed: spec.seed,
    trace: spec.trace ?? false,
    redis: createRedisPort,
    keys: spec.keys,
    ...(spec.latency ? { latency: spec.latency } : {}),
  });
  world.metrics.warmupUntil = spec.warmupMs ?? 0;
  // Arrivals stop at the end of the run; requests already under way finish.
  world.arrivals.start('read', spec.reads, spec.durationMs - 1);
  world.arrivals.start('write', spec.writes, spec.durationMs - 1);
  for (const { at, action } of spec.actions ?? []) world.scheduler.schedule(at, () => world.apply(action), Priority.action);
  world.scheduler.runUntil(spec.durationMs - 1);
  while (world.workInFlight > 0 && world.scheduler.step()) {
    // drain
  }
  return { metrics: world.metrics.snapshot(), world };
}
