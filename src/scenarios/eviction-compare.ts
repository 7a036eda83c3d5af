/**
 * The experiment Redis's documentation draws for its approximated LRU (`lruExperiment`), computed
 * on the emulator rather than drawn by hand: fill the cache with keys read in order, add half as
 * many again, and see which of the old keys survive.
 *
 * It needs the emulator's CONFIG family (`prepareScenario('eviction')`); the lab loads this module
 * only when its panel shows.
 */
import { RedisEmulator } from '../redis/emulator.ts';

/** Keys in the LRU experiment (Redis's documentation draws the same test); half as many again are added. */
export const LRU_EXPERIMENT_KEYS = 300;
/** The maxmemory-samples settings it compares with true LRU: Redis's default and the lesson's suggestion. */
export const LRU_EXPERIMENT_SAMPLES = [5, 10] as const;

/** One panel of the LRU experiment: which keys survived, in the order they were last read. */
export interface LruPanel {
  /** "Redis, 5 samples", "True LRU". */
  readonly label: string;
  /** maxmemory-samples, or null for the exact LRU. */
  readonly samples: number | null;
  /** The first keys, oldest access first: true = still cached. */
  readonly old: readonly boolean[];
  /** The keys added after the cache was full, in order: true = still cached. */
  readonly added: readonly boolean[];
  /** Old keys evicted that exact LRU would have kept (it evicts exactly the oldest). */
  readonly wrongEvictions: number;
  /**
   * For each old key, then each added one (in the order above): how many keys had been added when it
   * was found evicted (1 = by the first new key's SET), or null if it is still cached; a figure replays the test by it.
   */
  readonly evictedAfter: readonly (number | null)[];
}

/**
 * Redis's documented LRU test: `keys` keys written and read in order one second apart (Redis's
 * LRU clock counts seconds), maxmemory set to what they use, then `keys / 2` new keys added one
 * second apart under allkeys-lru. Exact LRU evicts exactly the oldest half; Redis, sampling,
 * keeps some old keys and evicts some newer ones, less so with more samples.
 *
 * @example
 * lruExperiment(200, [5, 10]).map((p) => p.wrongEvictions); // [n5, n10, 0], n10 < n5
 */
export function lruExperiment(keys: number, samples: readonly number[], seed = 1): LruPanel[] {
  const added = Math.floor(keys / 2);
  const panels: LruPanel[] = samples.map((n) => {
    let clock = 1_700_000_000_000;
    const redis = new RedisEmulator({ now: () => clock, seed });
    const session = redis.createSession();
    const run = (...argv: string[]) => redis.exec(argv, session);
    run('CONFIG', 'SET', 'latency-tracking', 'no', 'maxmemory-policy', 'allkeys-lru', 'maxmemory-samples', String(n));
    const value = 'v'.repeat(100);
    for (let i = 0; i < keys; i++, clock += 1000) run('SET', `old:${i}`, value);
    run('CONFIG', 'SET', 'maxmemory', String(redis.usedMemory()));
    const names = [...Array.from({ length: keys }, (_, i) => `old:${i}`), ...Array.from({ length: added }, (_, i) => `new:${i}`)];
    const evictedAfter: (number | null)[] = names.map(() => null);
    const alive = (key: string) => redis.inspect(key) !== undefined;
    for (let i = 0; i < added; i++, clock += 1000) {
      run('SET', `new:${i}`, value);
      for (let k = 0; k < keys + i + 1; k++) if (evictedAfter[k] === null && !alive(names[k]!)) evictedAfter[k] = i + 1;
    }
    const old = Array.from({ length: keys }, (_, i) => alive(`old:${i}`));
    return { label: `Redis, ${n} samples`, samples: n, old, added: Array.from({ length: added }, (_, i) => alive(`new:${i}`)), wrongEvictions: wrong(old, added), evictedAfter };
  });
  // Exact LRU with room for `keys` keys of one size: each new key pushes out the oldest one.
  const exact = Array.from({ length: keys }, (_, i) => i >= added);
  // Each new key's SET pushes out the oldest one left.
  const exactAfter = [...Array.from({ length: keys }, (_, i) => (i < added ? i + 1 : null)), ...Array.from({ length: added }, () => null)];
  panels.push({ label: 'True LRU', samples: null, old: exact, added: Array.from({ length: added }, () => true), wrongEvictions: 0, evictedAfter: exactAfter });
  return panels;
}

/** Evicted old keys among the newest `keys - added`: the ones exact LRU would have kept. */
function wrong(old: readonly boolean[], added: number): number {
  let count = 0;
  for (let i = added; i < old.length; i++) if (!old[i]) count++;
  return count;
}
