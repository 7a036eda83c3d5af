/**
 * XFetch (Vattani, Chierichetti, Lowenstein, "Optimal Probabilistic Cache Stampede Prevention",
 * VLDB 2015). A read at time-to-expiry t recomputes early iff δβ·(-ln U) >= t, i.e. with
 * probability exp(-t / (δβ)). With reads at rate λ, early recomputes form a Poisson process of
 * intensity λ e^{-t/(δβ)}; the chance that none happens while t runs from T down to 0 is
 * exp(-λδβ (1 - e^{-T/(δβ)})). Then the cycle ends in a real expiry (a hard miss) instead.
 */
import { runBatch } from '../../src/scenarios/batch.ts';
import { createSimulation } from '../../src/scenarios/simulation.ts';

// Long virtual runs on a shared machine: give each test room.
vi.setConfig({ testTimeout: 60_000 });

function hardMissShare(beta: number, seed: number): { share: number; expected: number; cycles: number } {
  const lambda = 1 / 1000;
  const delta = 1; // the database takes 1 ms, so the stored delta is 1 ms and overlaps are rare
  const T = 10_000;
  const { metrics } = runBatch({
    seed,
    durationMs: 48 * 3_600_000,
    keys: { count: 1, popularity: 'uniform', missingFraction: 0 },
    reads: { arrival: 'poisson', ratePerSec: 1 },
    options: { ttlMs: T, dbLatencyMs: delta, strategy: 'xfetch', beta },
  });
  const early = metrics.earlyRecomputes;
  const hard = metrics.misses - early;
  const scale = delta * beta;
  return { share: hard / (hard + early), expected: Math.exp(-lambda * scale * (1 - Math.exp(-T / scale))), cycles: hard + early };
}

describe('XFetch probabilistic early expiration', () => {
  test.each([
    [1000, 41],
    [2000, 42],
  ])('β = %d: the share of cycles that end in a real expiry is exp(-λδβ(1 - e^{-T/δβ}))', (beta, seed) => {
    const { share, expected, cycles } = hardMissShare(beta, seed);
    // Binomial over ~20,000 cycles: sd ≤ 0.0035, so 0.02 is > 5 sd.
    expect(cycles).toBeGreaterThan(15_000);
    expect(Math.abs(share - expected)).toBeLessThan(0.02);
  });

  test('β = 0 never recomputes early', () => {
    const { metrics } = runBatch({
      seed: 43,
      durationMs: 3_600_000,
      keys: { count: 1, popularity: 'uniform', missingFraction: 0 },
      reads: { arrival: 'poisson', ratePerSec: 5 },
      options: { ttlMs: 2000, dbLatencyMs: 10, strategy: 'xfetch', beta: 0 },
    });
    expect(metrics.earlyRecomputes).toBe(0);
    expect(metrics.misses).toBeGreaterThan(1000);
  });

  test('a burst of 50 at time-to-expiry t recomputes early 50 · e^{-t/(δβ)} times on average', () => {
    // Lesson 10's burst: δ = 100 ms (the database), β = 1, cached value read 100 ms before expiry.
    // Each reader decides when its GET reply arrives, one Redis round trip (2 × 1 ms) after the burst.
    const seeds = 200;
    let early = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const sim = createSimulation({ scenario: 'stampede', options: { strategy: 'xfetch', dbLatencyMs: 100, beta: 1, redisLatencyMs: 1 }, seed });
      sim.apply({ type: 'read', key: 'user:1' });
      sim.runUntilIdle();
      sim.runUntil(sim.nextExpiryAt('user:1')! - 100);
      const before = sim.metrics().earlyRecomputes;
      sim.apply({ type: 'burst', key: 'user:1', count: 50 });
      sim.runUntilIdle();
      early += sim.metrics().earlyRecomputes - before;
    }
    // The stored expiry is the SET's send time + TTL, 1 ms before Redis's; reads decide 2 ms after
    // the burst: time left to the paper's expiry (expiresAt + 1) is 100 - 2 = 98 ms.
    const expected = 50 * Math.exp(-98 / 100);
    // Binomial(50, 0.375) per burst: sd of the mean over 200 bursts ≈ 0.24, so 1.0 is 4 sd.
    expect(Math.abs(early / seeds - expected)).toBeLessThan(1.0);
  });
});
