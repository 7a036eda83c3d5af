/**
 * maxmemory and eviction as Redis 7.0 does it (evict.c): an approximated LRU over a 24-bit
 * seconds clock, LFU with a Morris counter, volatile-ttl and the random policies, all choosing
 * through the 16-entry eviction pool fed by `maxmemory-samples` sampled keys per database. The
 * samples come from the emulator's seeded generator, so a replayed lab evicts the same keys.
 *
 * @example
 * engine.exec(['CONFIG', 'SET', 'maxmemory', '2mb', 'maxmemory-policy', 'allkeys-lru']);
 * // from now on each command first evicts until used_memory <= maxmemory (performEvictions)
 */
import { NO_EXPIRY, type Keyspace } from './keyspace.ts';

export const POLICIES = [
  'volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl',
  'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction',
] as const;
export type Policy = (typeof POLICIES)[number];

const LRU_CLOCK_MAX = 0xffffff;
const LFU_INIT_VAL = 5;
const EVPOOL_SIZE = 16;

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

interface PoolEntry {
  idle: number;
  key: string;
  db: Keyspace;
}

/**
 * The eviction side of the server: the pool survives between calls, as Redis's static
 * EvictionPoolLRU does, and so does the random policies' round-robin database cursor.
 */
export class Evictor {
  private pool: Array<PoolEntry | null> = new Array<PoolEntry | null>(EVPOOL_SIZE).fill(null);
  private nextDb = 0;

  constructor(
    readonly config: EvictionConfig,
    private readonly random: () => number,
  ) {}

  /** After a policy change the pool's scores mean something else. */
  reset(): void {
    this.pool.fill(null);
  }

  /**
   * performEvictions: deletes keys through `evict` until `used()` is within maxmemory.
   * False when memory is still over the limit (noeviction, or nothing left to evict).
   */
  perform(dbs: readonly Keyspace[], now: number, used: () => number, evict: (db: Keyspace, key: string) => void): boolean {
    const { maxmemory, policy } = this.config;
    if (maxmemory === 0 || used() <= maxmemory) return true;
    if (policy === 'noeviction') return false;
    while (used() > maxmemory) {
      const chosen = policy.endsWith('random') ? this.pickRandom(dbs, policy === 'allkeys-random') : this.pickFromPool(dbs, now);
      if (chosen === null) return false;
      evict(chosen.db, chosen.key);
    }
    return true;
  }

  private pickRandom(dbs: readonly Keyspace[], allKeys: boolean): PoolEntry | null {
    for (let i = 0; i < dbs.length; i++) {
      const db = dbs[++this.nextDb % dbs.length]!;
      if (allKeys ? db.size === 0 : db.volatile.size === 0) continue;
      if (allKeys) return { idle: 0, key: db.randomKey(this.random)!, db };
      const keys = db.volatileKeys;
      return { idle: 0, key: keys[this.random() % keys.length]!, db };
    }
    return null;
  }

  private pickFromPool(dbs: readonly Keyspace[], now: number): PoolEntry | null {
    const allKeys = this.config.policy.startsWith('allkeys');
    const pool = this.pool;
    for (;;) {
      let total = 0;
      for (const db of dbs) {
        const keys = allKeys ? db.size : db.volatile.size;
        if (keys === 0) continue;
        this.populate(db, now, allKeys);
        total += keys;
      }
      if (total === 0) return null;
      // From the best candidate (highest idle, on the right) down; ghosts are dropped.
      for (let k = EVPOOL_SIZE - 1; k >= 0; k--) {
        const candidate = pool[k];
        if (candidate === null || candidate === undefined) continue;
        pool.splice(k, 1);
        pool.push(null);
        const entry = candidate.db.index[candidate.key];
        if (entry !== undefined && (allKeys || entry.expireAt !== NO_EXPIRY)) return candidate;
      }
    }
  }

  // evictionPoolPopulate: score `maxmemory-samples` sampled keys and insert them in order.
  private populate(db: Keyspace, now: number, allKeys: boolean): void {
    const { policy, samples, lfuDecayTime } = this.config;
    const sampled: string[] = [];
    db.sampleKeys(samples, this.random, sampled, !allKeys);
    const pool = this.pool;
    for (const key of sampled) {
      const entry = db.index[key]!;
      let idle: number;
      if (policy.endsWith('lru')) idle = idleTime(entry.lru, lruClock(now));
      else if (policy.endsWith('lfu')) idle = 255 - lfuCounter(entry.lru, now, lfuDecayTime);
      else idle = Number.MAX_SAFE_INTEGER - Number(entry.expireAt);
      let k = 0;
      while (k < EVPOOL_SIZE && pool[k] !== null && pool[k]!.idle < idle) k++;
      if (k === 0 && pool[EVPOOL_SIZE - 1] !== null) continue;
      if (!(k < EVPOOL_SIZE && pool[k] === null)) {
        if (pool[EVPOOL_SIZE - 1] === null) {
          pool.splice(k, 0, null);
          pool.length = EVPOOL_SIZE;
        } else {
          k--;
          pool.splice(0, 1);
          pool.splice(k, 0, null);
        }
      }
      pool[k] = { idle, key, db };
    }
  }
}

/** An LFU policy is set (Redis's MAXMEMORY_FLAG_LFU). */
export function isLfu(policy: Policy): boolean {
  return policy === 'allkeys-lfu' || policy === 'volatile-lfu';
}
