/**
 * maxmemory and eviction as Redis 7.0 does it (evict.c): an approximated LRU over a 24-bit
 * seconds clock, LFU with a Morris counter, volatile-ttl and the random policies, all choosing
 * through the 16-entry eviction pool fed by `maxmemory-samples` sampled keys per database. The
 * samples come from the emulator's seeded generator, so a replayed lab evicts the same keys.
 *
 * @example
 * engine.exec(['CONFIG', 'SET', 'maxmemory', '2mb', 'maxmemory-policy', 'allkeys-lru']);
 * // from now on each command first evicts until used_memory <= maxmemory (performEvictions)
 *
 * This file holds the clocks and counters every write touches; the eviction pool (`Evictor`,
 * evictor.ts) loads with CONFIG, the only way to set maxmemory.
 */

export const POLICIES = [
  'volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl',
  'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction',
] as const;
export type Policy = (typeof POLICIES)[number];

const LRU_CLOCK_MAX = 0xffffff;
const LFU_INIT_VAL = 5;

/** The maxmemory settings CONFIG SET changes. */
export interface EvictionConfig {
  maxmemory: number;
  policy: Policy;
  samples: number;
  lfuLogFactor: number;
  lfuDecayTime: number;
}

/** Redis's LRU_CLOCK for a time in ms: seconds, 24 bits. */
export function lruClock(ms: number): number {
  return Math.floor(ms / 1000) & LRU_CLOCK_MAX;
}

/** estimateObjectIdleTime in ms: `lru` and `clock` are LRU clock values. */
export function idleTime(lru: number, clock: number): number {
  return (clock >= lru ? clock - lru : clock + (LRU_CLOCK_MAX - lru)) * 1000;
}

function minutes(ms: number): number {
  return Math.floor(ms / 60000) & 65535;
}

/** A new object's LFU data: the time in minutes and LFU_INIT_VAL. */
export function lfuInitial(now: number): number {
  return (minutes(now) << 8) | LFU_INIT_VAL;
}

/** LFUDecrAndReturn: the counter after one decrement per `lfu-decay-time` minutes idle. */
export function lfuCounter(lru: number, now: number, decayTime: number): number {
  const ldt = lru >>> 8;
  let counter = lru & 255;
  const current = minutes(now);
  const elapsed = current >= ldt ? current - ldt : 65535 - ldt + current;
  const periods = decayTime !== 0 ? Math.floor(elapsed / decayTime) : 0;
  if (periods !== 0) counter = periods > counter ? 0 : counter - periods;
  return counter;
}

/** updateLFU: decay, then LFULogIncr (probability 1 / ((counter - 5) * lfu-log-factor + 1)). */
export function lfuTouch(lru: number, now: number, config: EvictionConfig, random: () => number): number {
  let counter = lfuCounter(lru, now, config.lfuDecayTime);
  if (counter < 255) {
    const r = random() / 4294967296;
    const base = Math.max(0, counter - LFU_INIT_VAL);
    if (r < 1 / (base * config.lfuLogFactor + 1)) counter++;
  }
  return (minutes(now) << 8) | counter;
}

/** An LFU policy is set (Redis's MAXMEMORY_FLAG_LFU). */
export function isLfu(policy: Policy): boolean {
  return policy === 'allkeys-lfu' || policy === 'volatile-lfu';
}
