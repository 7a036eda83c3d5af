/**
 * Active expiry as Redis 7.0's expire.c does it (the slow cycle, `active-expire-effort` 1): per
 * database, look at 20 volatile keys, remove the expired ones, and repeat while more than 10% of
 * the sample was expired. Redis walks its hash table of volatile keys with a cursor, which visits
 * keys in an order unrelated to when they got their TTL; here the 20 are picked at random from the
 * seeded generator (a database with at most 20 volatile keys is looked at whole, in slot order). Work per call is bounded by what is expired (each repeat
 * removes at least 3 keys) and, when the caller gives one, by a time budget checked every 16
 * loops. Up to ~10% of volatile keys may stay expired-but-present until sampled or read, as in Redis.
 * Deterministic: the sample depends only on the operations done and the seed, and the only time
 * source is the caller's `timeUp`.
 */
import type { Keyspace } from './keyspace.ts';

/** ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP. */
export const KEYS_PER_LOOP = 20;
/** ACTIVE_EXPIRE_CYCLE_ACCEPTABLE_STALE: repeat while more than this % of a sample was expired. */
export const ACCEPTABLE_STALE_PERCENT = 10;

export interface ExpireBudget {
  /** Asked every 16 loops; true stops the cycle (Redis: 25% of 1/hz, 25 ms at hz 10). */
  readonly timeUp: () => boolean;
}

/** What the cycle needs from the emulator. */
export interface ExpireHost {
  readonly now: number;
  readonly dbs: readonly Keyspace[];
  /** A uniform 32-bit unsigned integer from a seeded generator. */
  expireRandom(): number;
  expireKey(db: Keyspace, key: string, how: 'active'): void;
}

export interface CycleResult {
  readonly expired: number;
  readonly sampled: number;
  /** The budget ran out before the cycle was done (INFO expired_time_cap_reached_count). */
  readonly timeCapReached: boolean;
  /** Where the next cycle starts, so a cut-short cycle resumes with the next database. */
  readonly nextDb: number;
}

/**
 * One slow cycle over every database, starting at `startDb`.
 * @example const { expired } = runExpireCycle(redis, 0); // without a budget: until the sample is clean
 */
export function runExpireCycle(host: ExpireHost, startDb: number, budget?: ExpireBudget): CycleResult {
  const now = host.now;
  const dbs = host.dbs;
  let totalExpired = 0;
  let totalSampled = 0;
  let iteration = 0;
  let timeCapReached = false;
  let visited = 0;
  for (; visited < dbs.length && !timeCapReached; visited++) {
    const db = dbs[(startDb + visited) % dbs.length]!;
    // A lower bound of the expiries: nothing in this database is due yet.
    if (db.volatileKeys.length === 0 || !(now > db.earliestExpiry)) continue;
    let expired: number;
    let sampled: number;
    do {
      iteration++;
      const order = db.volatileKeys;
      const size = order.length;
      if (size === 0) break;
      const wholeSet = size <= KEYS_PER_LOOP;
      let earliest = Infinity as number | bigint;
      expired = 0;
      sampled = 0;
      // A whole set is walked slot by slot: an expired key's slot gets the last key, looked at next.
      for (let slot = 0; sampled < KEYS_PER_LOOP && order.length > 0; ) {
        if (!wholeSet) slot = host.expireRandom() % order.length;
        else if (slot >= order.length) break;
        const key = order[slot]!;
        const when = db.volatileEntries[slot]!.expireAt;
        sampled++;
        if (now > when) {
          host.expireKey(db, key, 'active');
          expired++;
        } else {
          if (when < earliest) earliest = when;
          slot++;
        }
      }
      // A sample of the whole set found the true earliest expiry: idle cycles can skip this database.
      if (wholeSet) db.earliestExpiry = earliest;
      totalExpired += expired;
      totalSampled += sampled;
      if ((iteration & 0xf) === 0 && budget?.timeUp()) {
        timeCapReached = true;
        break;
      }
    } while (Math.floor((expired * 100) / sampled) > ACCEPTABLE_STALE_PERCENT);
  }
  return { expired: totalExpired, sampled: totalSampled, timeCapReached, nextDb: (startDb + visited) % dbs.length };
}
