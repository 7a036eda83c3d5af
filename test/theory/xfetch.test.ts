/**
 * XFetch (Vattani, Chierichetti, Lowenstein, "Optimal Probabilistic Cache Stampede Prevention",
 * VLDB 2015). A read at time-to-expiry t recomputes early iff δβ·(-ln U) >= t, i.e. with
 * probability exp(-t / (δβ)). With reads at rate λ, early recomputes form a Poisson process of
 * intensity λ e^{-t/(δβ)}; the chance that none happens while t runs from T down to 0 is
 * exp(-λδβ (1 - e^{-T/(δβ)})). Then the cycle ends in a real expiry (a hard miss) instead.
 */
import { runBatch } from '../../src/scenarios/batch.ts';

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
});
