/**
 * Workloads: which keys are read (uniform or Zipf popularity, some ids missing from the
 * database) and when requests arrive (Poisson, periodic, a burst, or a scripted timeline).
 */
import type { Random } from '../engine/random.ts';

export type ArrivalSpec =
  | { readonly arrival: 'poisson'; readonly ratePerSec: number }
  | { readonly arrival: 'periodic'; readonly everyMs: number; readonly startMs?: number }
  | { readonly arrival: 'burst'; readonly count: number; readonly atMs: number };

export type Popularity = 'uniform' | { readonly zipf: number };

export interface KeySpaceSpec {
  readonly count: number;
  readonly popularity: Popularity;
  readonly missingFraction: number;
  /** Key prefix; the database table is the prefix plus "s" (user → users). */
  readonly prefix?: string;
}

export interface WorkloadSpec {
  readonly keys: KeySpaceSpec;
  readonly reads?: ArrivalSpec | null;
  readonly writes?: ArrivalSpec | null;
}

/**
 * Ids 1..count; ids chosen by a seeded shuffle are missing from the database. Zipf(s) gives id
 * rank i a probability proportional to 1 / i^s (id 1 is the most popular).
 */
export class KeySpace {
  readonly count: number;
  readonly prefix: string;
  private readonly missing: Uint8Array;
  private readonly cdf: Float64Array | null;
  private readonly names: (string | undefined)[] = [];
  readonly missingCount: number;

  constructor(spec: KeySpaceSpec, random: Random) {
    this.count = spec.count;
    this.prefix = spec.prefix ?? 'user';
    this.missing = new Uint8Array(spec.count + 1);
    this.missingCount = Math.round(spec.missingFraction * spec.count);
    if (this.missingCount > 0) {
      const order = Array.from({ length: spec.count }, (_, i) => i + 1);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random.float() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (let i = 0; i < this.missingCount; i++) this.missing[order[i]!] = 1;
    }
    const s = spec.popularity === 'uniform' ? 0 : spec.popularity.zipf;
    if (s > 0) {
      const cdf = new Float64Array(spec.count);
      let total = 0;
      for (let i = 1; i <= spec.count; i++) {
        total += 1 / Math.pow(i, s);
        cdf[i - 1] = total;
      }
      for (let i = 0; i < spec.count; i++) cdf[i]! /= total;
      this.cdf = cdf;
    } else this.cdf = null;
  }

  /** Probability that a request picks id `i` (1-based). */
  probability(i: number): number {
    if (this.cdf === null) return 1 / this.count;
    return this.cdf[i - 1]! - (i > 1 ? this.cdf[i - 2]! : 0);
  }

  isMissing(i: number): boolean {
    return this.missing[i] === 1;
  }

  /** A random id by popularity. */
  pick(u: number): number {
    const cdf = this.cdf;
    if (cdf === null) return 1 + Math.floor(u * this.count);
    // Inlined rather than engine/search.ts's countBefore: this runs once per simulated read, and
    // through the shared helper's callback it measured twice as slow (issue 10).
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo + 1;
  }

  keyOf(i: number): string {
    let name = this.names[i];
    if (name === undefined) {
      name = `${this.prefix}:${i}`;
      this.names[i] = name;
    }
    return name;
  }

  /** The first missing id's key, else user:404 (the lessons' missing user) or an id past the range. */
  missingKey(): string {
    for (let i = 1; i <= this.count; i++) if (this.missing[i] === 1) return this.keyOf(i);
    return `${this.prefix}:${this.count < 404 ? 404 : this.count + 1}`;
  }
}
