/**
 * Null caching and staleness against closed forms (renewal-reward arguments, see each test).
 */
import { runBatch } from '../../src/scenarios/batch.ts';

// Long virtual runs on a shared machine: give each test room.
vi.setConfig({ testTimeout: 60_000 });

const HOUR = 3_600_000;

describe('null caching', () => {
  // A missing id read at rate r with the sentinel cached for N ms: one database read per cycle of
  // N + 1/r (the sentinel lives N, then the next read comes after 1/r on average). Over D that is
  // D / (N + 1/r) reads per missing id, which tends to D / N when reads are frequent.
  test('database reads for missing ids ≈ missing ids × D / (nullTtl + 1/r)', () => {
    const count = 100;
    const missing = 20;
    const perKeyRate = 1 / 1000; // 100/s spread over 100 ids
    const nullTtl = 5000;
    const duration = HOUR;
    const { metrics, world } = runBatch({
      seed: 21,
      durationMs: duration,
      keys: { count, popularity: 'uniform', missingFraction: missing / count },
      reads: { arrival: 'poisson', ratePerSec: 100 },
      options: { ttlMs: 60_000, nullTtlMs: nullTtl, dbLatencyMs: 0 },
    });
    let missingReads = 0;
    for (let i = 1; i <= count; i++) if (world.keys.isMissing(i)) missingReads += metrics.dbReadsByKey[world.keys.keyOf(i)] ?? 0;
    const expected = (missing * duration) / (nullTtl + 0.5 + 1 / perKeyRate);
    // Per id: var ≈ D σ² / μ³ = 3.6e6 · 1e6 / 6e3³ ≈ 17; 20 ids: sd ≈ 18 on 12,000 (0.15%).
    expect(Math.abs(missingReads - expected) / expected).toBeLessThan(0.01);
  });

  test('without null caching every read of a missing id reaches the database', () => {
    const { metrics, world } = runBatch({
      seed: 22,
      durationMs: HOUR / 4,
      keys: { count: 100, popularity: 'uniform', missingFraction: 0.2 },
      reads: { arrival: 'poisson', ratePerSec: 100 },
      options: { ttlMs: 60_000, nullTtlMs: 0, dbLatencyMs: 0 },
    });
    let missingDbReads = 0;
    for (let i = 1; i <= 100; i++) if (world.keys.isMissing(i)) missingDbReads += metrics.dbReadsByKey[world.keys.keyOf(i)] ?? 0;
    // A binomial 20% share of ~90,000 reads: sd ≈ 120, so 1.5% is > 5 sd.
    expect(Math.abs(missingDbReads / (metrics.reads * 0.2) - 1)).toBeLessThan(0.015);
  });
});

describe('staleness', () => {
  // invalidateOnWrite none, instant database. A cycle starts with a miss that caches the current
  // version; a read at age u is stale iff a write (Poisson, rate w) happened in (0, u]. Stale reads
  // per cycle: λ ∫₀ᵀ (1 - e^{-wu}) du = λ (T - (1 - e^{-wT}) / w); reads per cycle: 1 + λT.
  test('with writes at rate w and no invalidation the stale share is λ(T - (1-e^{-wT})/w) / (1 + λT)', () => {
    const lambda = 10 / 1000;
    const w = 0.5 / 1000;
    const T = 2000;
    const te = T + 0.5;
    const expected = (lambda * (te - (1 - Math.exp(-w * te)) / w)) / (1 + lambda * te);
    const { metrics } = runBatch({
      seed: 31,
      durationMs: 12 * HOUR,
      keys: { count: 1, popularity: 'uniform', missingFraction: 0 },
      reads: { arrival: 'poisson', ratePerSec: 10 },
      writes: { arrival: 'poisson', ratePerSec: 0.5 },
      options: { ttlMs: T, dbLatencyMs: 0, invalidateOnWrite: 'none' },
    });
    const share = metrics.staleReads / metrics.reads;
    // ~20,000 cycles, stale count per cycle sd ≈ 8: the share's sd is ~0.003.
    expect(expected).toBeCloseTo(0.3504, 3);
    expect(Math.abs(share - expected)).toBeLessThan(0.015);
  }, 60_000);

  test('delete on write with an instant database leaves no stale reads', () => {
    const { metrics } = runBatch({
      seed: 32,
      durationMs: HOUR,
      keys: { count: 1, popularity: 'uniform', missingFraction: 0 },
      reads: { arrival: 'poisson', ratePerSec: 10 },
      writes: { arrival: 'poisson', ratePerSec: 0.5 },
      options: { ttlMs: 2000, dbLatencyMs: 0, invalidateOnWrite: 'delete' },
    });
    expect(metrics.dbWrites).toBeGreaterThan(1500);
    expect(metrics.staleReads).toBe(0);
  });
});
