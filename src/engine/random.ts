/**
 * Seeded randomness for the simulation (xoroshiro128+ from pure-rand). Never Math.random:
 * the same seed gives the same run.
 *
 * @example
 * const rng = createRandom(7);
 * rng.exponential(10); // an inter-arrival time in seconds for a rate of 10/s
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

// pure-rand's uniformFloat64, written out so the hot callers (Poisson arrivals) inline it and keep
// the double unboxed: 26 + 27 random bits, exactly as pure-rand combines them (same values).
const SCALE_26 = 2 ** -26;
const SCALE_53 = 2 ** -53;

export interface Random {
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform integer in [from, to]. */
  int(from: number, to: number): number;
  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** An independent stream derived from this seed and a label, so adding one stream never shifts another. */
  fork(label: string): Random;
}

export function createRandom(seed: number): Random {
  const generator = xoroshiro128plus(seed | 0);
  const float = (): number => (generator.next() & 0x3ffffff) * SCALE_26 + (generator.next() & 0x7ffffff) * SCALE_53;
  return {
    float,
    int: (from, to) => from + Math.floor(float() * (to - from + 1)),
    // 1 - U is in (0, 1], so the log is finite.
    exponential: (rate) => -Math.log(1 - float()) / rate,
    normal: () => {
      const u = 1 - float();
      const v = float();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    fork: (label) => createRandom(mix(seed, label)),
  };
}

/** A 32-bit FNV-1a hash of the label mixed with the seed. */
function mix(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h | 0;
}
