/**
 * How long a database query takes once it has a connection.
 *
 * @example
 * sampleLatency({ kind: 'lognormal', medianMs: 20, sigma: 0.8 }, rng); // long-tailed
 */
import type { Random } from '../engine/random.ts';

export type LatencyModel =
  | { readonly kind: 'fixed'; readonly ms: number }
  | { readonly kind: 'uniform'; readonly minMs: number; readonly maxMs: number }
  /** exp(N(ln median, sigma²)): most queries near the median, a few very slow. */
  | { readonly kind: 'lognormal'; readonly medianMs: number; readonly sigma: number };

/** A latency in whole ms (>= 0). */
export function sampleLatency(model: LatencyModel, random: Random): number {
  switch (model.kind) {
    case 'fixed':
      return Math.max(0, Math.round(model.ms));
    case 'uniform':
      return Math.max(0, Math.round(model.minMs + random.float() * (model.maxMs - model.minMs)));
    case 'lognormal':
      return Math.max(0, Math.round(model.medianMs * Math.exp(model.sigma * random.normal())));
  }
}

export function fixedLatency(ms: number): LatencyModel {
  return { kind: 'fixed', ms };
}
