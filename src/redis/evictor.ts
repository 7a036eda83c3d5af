// The eviction pool of evict.c (performEvictions, evictionPoolPopulate). It loads with CONFIG
// (config.ts creates it on the first CONFIG SET maxmemory): without maxmemory nothing evicts.
import { NO_EXPIRY, type Keyspace } from './keyspace.ts';
import { idleTime, lfuCounter, lruClock, type EvictionConfig } from './evict.ts';

const EVPOOL_SIZE = 16;

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
