/**
 * The headless fast path (trace off) must not change what happens, only what is recorded.
 */
import { runBatch, type BatchSpec } from '../../src/scenarios/batch.ts';
import type { StrategyName } from '../../src/scenarios/types.ts';

describe('trace off is the same run as trace on', () => {
  test.each(['plain', 'lock', 'coalesce', 'xfetch', 'swr'] as StrategyName[])('%s: identical metrics', (strategy) => {
    const spec: BatchSpec = {
      seed: 12,
      durationMs: 60_000,
      keys: { count: 50, popularity: { zipf: 1 }, missingFraction: 0.1 },
      reads: { arrival: 'poisson', ratePerSec: 200 },
      writes: { arrival: 'poisson', ratePerSec: 5 },
      options: { strategy, ttlMs: 2000, nullTtlMs: 500, jitterMs: 300, dbLatencyMs: 30, dbConnections: 4, instances: 3, softTtlMs: 1000, redisLatencyMs: 1 },
      actions: [
        { at: 20_000, action: { type: 'redisDown' } },
        { at: 22_000, action: { type: 'redisUp' } },
      ],
    };
    const on = runBatch({ ...spec, trace: true });
    const off = runBatch({ ...spec, trace: false });
    expect(on.world.events.length).toBeGreaterThan(10_000);
    expect(off.world.events.length).toBe(0);
    expect(off.metrics).toEqual(on.metrics);
    expect(on.metrics.staleReads).toBeGreaterThan(0);
    expect(on.metrics.fallbacks).toBeGreaterThan(0);
  });

  // With an instant Redis the untraced run answers hits without a generator: same counts, stale reads included.
  test.each(['plain', 'lock', 'coalesce', 'xfetch', 'swr'] as StrategyName[])('%s with zero Redis latency: identical metrics', (strategy) => {
    const spec: BatchSpec = {
      seed: 5,
      durationMs: 30_000,
      keys: { count: 40, popularity: { zipf: 1 }, missingFraction: 0.1 },
      reads: { arrival: 'poisson', ratePerSec: 300 },
      writes: { arrival: 'poisson', ratePerSec: 5 },
      options: { strategy, ttlMs: 2000, nullTtlMs: 500, jitterMs: 300, dbLatencyMs: 30, dbConnections: 4, instances: 3, softTtlMs: 1000, redisLatencyMs: 0 },
      actions: [
        { at: 10_000, action: { type: 'redisDown' } },
        { at: 11_000, action: { type: 'redisUp' } },
        { at: 15_000, action: { type: 'write', key: 'user:1' } },
      ],
    };
    const on = runBatch({ ...spec, trace: true });
    const off = runBatch({ ...spec, trace: false });
    expect(off.metrics).toEqual(on.metrics);
    expect(on.metrics.hits).toBeGreaterThan(1000);
    expect(on.metrics.staleReads).toBeGreaterThan(0);
  });

  test('warm-up: reads that arrive before warmupMs are not counted', () => {
    const base: BatchSpec = { seed: 1, durationMs: 10_001, keys: { count: 1, popularity: 'uniform', missingFraction: 0 }, reads: { arrival: 'periodic', everyMs: 100 }, options: { ttlMs: 1000, dbLatencyMs: 0 } };
    const all = runBatch(base).metrics;
    const warm = runBatch({ ...base, warmupMs: 5050 }).metrics;
    expect(all.reads).toBe(100);
    expect(warm.reads).toBe(50);
    expect(warm.dbReads).toBeLessThan(all.dbReads);
  });
});
