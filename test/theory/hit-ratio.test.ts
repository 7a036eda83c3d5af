/**
 * The simulator against closed forms. Each test names its source; tolerances are about five
 * standard deviations of the estimate (worked out in the comments) at a fixed seed, so a failure
 * means the simulator or the formula is wrong, not bad luck.
 *
 * Clock note: times are whole ms. A value SET at floor(t0) with TTL T is alive while
 * now <= floor(t0) + T, and a Poisson arrival at real time t is seen at floor(t), so measured
 * from real arrival times a TTL lasts T + 0.5 ms on average. The formulas use T_EFF = T + 0.5.
 */
import { runBatch } from '../../src/scenarios/batch.ts';

// Long virtual runs on a shared machine: give each test room.
vi.setConfig({ testTimeout: 60_000 });
import type { KeySpaceSpec } from '../../src/scenarios/workload.ts';

const oneKey: KeySpaceSpec = { count: 1, popularity: 'uniform', missingFraction: 0 };
const HOUR = 3_600_000;

describe('one key, Poisson reads, TTL not refreshed on hits, instant database', () => {
  // Renewal-reward: a cycle is one miss, then λT hits on average, then an idle wait of 1/λ
  // until the next read (memoryless). Hits per cycle λT, reads per cycle 1 + λT.
  test('hit ratio is λT / (1 + λT): 10/s and 1 s give 0.909', () => {
    const lambda = 10 / 1000; // per ms
    const T = 1000;
    const { metrics } = runBatch({ seed: 11, durationMs: 2 * HOUR, keys: oneKey, reads: { arrival: 'poisson', ratePerSec: 10 }, options: { ttlMs: T, dbLatencyMs: 0 } });
    const expected = (lambda * (T + 0.5)) / (1 + lambda * (T + 0.5));
    // ~6,500 cycles; the miss count's relative sd is ~0.4%, so the hit ratio's sd is ~0.0004.
    expect(Math.abs(metrics.hitRatio - expected)).toBeLessThan(0.002);
    expect(metrics.hitRatio).toBeGreaterThan(0.9);
    expect(metrics.dbReads).toBe(metrics.misses);
  });
});

describe('TTL boundary: a key is alive while now <= expireAt', () => {
  // Reads every 100 ms with T = 1000: the read at 100 misses and sets expireAt = 1100; the reads
  // at 200..1100 hit (10 of them, the one at exactly 1100 included); 1200 misses. Exactly 10/11.
  test('periodic reads every Δ with TTL T hit floor(T/Δ) times per miss', () => {
    const { metrics } = runBatch({ seed: 1, durationMs: 110_001, keys: oneKey, reads: { arrival: 'periodic', everyMs: 100 }, options: { ttlMs: 1000, dbLatencyMs: 0 } });
    expect(metrics.reads).toBe(1100);
    expect(metrics.misses).toBe(100);
    expect(metrics.hits).toBe(1000);
  });

  // With latency L, reads at 0, Δ, .. before L all miss (m = ceil(L/Δ)); the last of their SETs
  // lands at (m-1)Δ + L and lives T more. Δ=100, L=250, T=1000: 3 misses and 12 hits per cycle.
  test('periodic reads with a slow database: ceil(L/Δ) misses per cycle', () => {
    const delta = 100;
    const L = 250;
    const T = 1000;
    const m = Math.ceil(L / delta);
    const hitsPerCycle = Math.floor(((m - 1) * delta + L + T) / delta) - m + 1;
    const cycleMs = (m + hitsPerCycle) * delta;
    const cycles = 40;
    const { metrics } = runBatch({
      seed: 1,
      durationMs: cycles * cycleMs + delta,
      keys: oneKey,
      reads: { arrival: 'periodic', everyMs: delta },
      options: { ttlMs: T, dbLatencyMs: L },
    });
    expect(hitsPerCycle).toBe(12);
    expect(metrics.misses).toBe(cycles * m);
    expect(metrics.hits).toBe(cycles * hitsPerCycle);
  });
});

describe('database latency L with the plain strategy', () => {
  // Every read that arrives during the refill window [0, L) after the first miss also misses and
  // reads the database: 1 + λL misses per cycle (Poisson arrivals in a window of length L). Each
  // of them SETs again L later, so the key lives until (last window arrival) + L + T, where
  // E[last arrival in (0, L)] = L - (1 - e^{-λL}) / λ. Then an idle wait of 1/λ.
  test('misses per cycle are 1 + λL', () => {
    const lambda = 10 / 1000;
    const L = 200;
    const T = 1000;
    const lastArrival = L - (1 - Math.exp(-lambda * L)) / lambda;
    const cycle = lastArrival + L + T + 0.5 + 1 / lambda;
    const expectedMissRatio = (1 + lambda * L) / (lambda * cycle);
    const { metrics } = runBatch({ seed: 5, durationMs: 4 * HOUR, keys: oneKey, reads: { arrival: 'poisson', ratePerSec: 10 }, options: { ttlMs: T, dbLatencyMs: L } });
    const missRatio = metrics.misses / metrics.reads;
    // ~10,000 cycles, misses per cycle 1 + Poisson(2): relative sd of the ratio ~0.5%, sd ~0.001.
    expect(Math.abs(missRatio - expectedMissRatio)).toBeLessThan(0.005);
    expect(metrics.dbReads).toBe(metrics.misses);
    // And the estimate of misses per cycle itself: misses / (reads / (λ E[C])).
    const missesPerCycle = metrics.misses / (metrics.reads / (lambda * cycle));
    expect(missesPerCycle).toBeGreaterThan(2.95);
    expect(missesPerCycle).toBeLessThan(3.05);
  });
});

describe('coalescing and locks: one database read per expiry', () => {
  // Single-flight on one instance: the first miss reads the database; the others in the window
  // wait for it. The key is SET at L and lives T: a cycle lasts L + T + 1/λ, one read each.
  test('coalesce on one instance: database reads = duration / (L + T + 1/λ)', () => {
    const lambda = 100 / 1000;
    const L = 200;
    const T = 1000;
    const duration = 2 * HOUR;
    const { metrics } = runBatch({ seed: 3, durationMs: duration, keys: oneKey, reads: { arrival: 'poisson', ratePerSec: 100 }, options: { ttlMs: T, dbLatencyMs: L, strategy: 'coalesce' } });
    const expected = duration / (L + T + 0.5 + 1 / lambda);
    // Cycle length sd is 1/λ = 10 ms on 1.21 s: the count's sd is under 1.
    expect(Math.abs(metrics.dbReads - expected) / expected).toBeLessThan(0.005);
    expect(metrics.dbPeakConcurrency).toBe(1);
  });

  // A Redis lock is shared by all instances: still one database read per expiry.
  test('lock across 4 instances: one database read per expiry, never two at once', () => {
    const lambda = 100 / 1000;
    const L = 200;
    const T = 1000;
    const duration = HOUR;
    const { metrics } = runBatch({
      seed: 4,
      durationMs: duration,
      keys: oneKey,
      reads: { arrival: 'poisson', ratePerSec: 100 },
      options: { ttlMs: T, dbLatencyMs: L, strategy: 'lock', instances: 4, retryMs: 20, lockTtlMs: 2000 },
    });
    const expected = duration / (L + T + 0.5 + 1 / lambda);
    expect(Math.abs(metrics.dbReads - expected) / expected).toBeLessThan(0.005);
    expect(metrics.dbPeakConcurrency).toBe(1);
  });

  test('coalesce across 4 instances is per instance: up to 4 reads per expiry', () => {
    const { metrics } = runBatch({
      seed: 4,
      durationMs: HOUR,
      keys: oneKey,
      reads: { arrival: 'poisson', ratePerSec: 100 },
      options: { ttlMs: 1000, dbLatencyMs: 200, strategy: 'coalesce', instances: 4 },
    });
    // λL = 20 reads in each window, round-robin: all four instances miss every cycle.
    expect(metrics.dbPeakConcurrency).toBe(4);
    const cycles = HOUR / (200 + 1000 + 10);
    expect(metrics.dbReads / cycles).toBeGreaterThan(3.8);
    expect(metrics.dbReads / cycles).toBeLessThanOrEqual(4);
  });
});

describe('Zipf popularity with a per-key TTL', () => {
  // Each key is its own renewal process with rate p_i λ (Jung, Berger, Balakrishnan, "Modeling
  // TTL-based Internet caches", INFOCOM 2003): hit ratio = Σ p_i · p_i λT / (1 + p_i λT).
  // (Che's approximation is the LRU analogue; with TTLs not refreshed on hits it is exact.)
  test('hit ratio = Σ p_i · p_i λT / (1 + p_i λT)', () => {
    const count = 100;
    const rate = 200 / 1000;
    const T = 1000;
    const result = runBatch({
      seed: 9,
      durationMs: HOUR,
      keys: { count, popularity: { zipf: 1 }, missingFraction: 0 },
      reads: { arrival: 'poisson', ratePerSec: 200 },
      options: { ttlMs: T, dbLatencyMs: 0 },
    });
    let expected = 0;
    for (let i = 1; i <= count; i++) {
      const p = result.world.keys.probability(i);
      expected += (p * (p * rate * (T + 0.5))) / (1 + p * rate * (T + 0.5));
    }
    // 720k reads; summing the per-key cycle-count variances gives an sd of ~0.0003.
    expect(Math.abs(result.metrics.hitRatio - expected)).toBeLessThan(0.002);
    // Zipf really is skewed: key 1 is read ~1/H_100 ≈ 19% of the time.
    expect(result.world.keys.probability(1)).toBeCloseTo(1 / 5.187, 3);
  });
});
