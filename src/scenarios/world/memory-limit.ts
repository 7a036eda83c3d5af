/**
 * The eviction lab's Redis: maxmemory sized in keys, with its policy and samples, set by CONFIG
 * SET on the emulator (the CONFIG family loads with `loadCommands()`: `prepareScenario` in
 * registry.ts awaits it before such a lab opens).
 *
 * This module is the eviction scenario's setup, loaded by `prepareScenario('eviction')` (the
 * scenario's `prepare`), so labs that never limit memory do not carry it.
 *
 * The limit is what used_memory measured when the lab started, plus room for `cacheKeys` keys at
 * the cost the first keys were measured to add. Latency tracking is off, as it can be in Redis
 * (`latency-tracking no`): otherwise the first use of each command (a learner's INFO) would add a
 * 24 KB histogram to used_memory and evict a crowd of small keys.
 */
// Types only: a value import from the lab's own modules would make the bundler split them into
// shared chunks, which costs the first load more than this file.
import type { World } from '../world.ts';
import type { SimOptions } from '../types.ts';

/** How many keys the lab writes and deletes to measure one key's cost. */
const PROBE_KEYS = 20;

class MemoryLimit {
  private readonly base: number;
  private readonly perKey: number;

  constructor(private readonly world: World) {
    this.config(['latency-tracking', 'no']);
    const redis = world.redis;
    this.base = redis.usedMemory();
    const probe = Math.max(1, Math.min(PROBE_KEYS, world.keys.count));
    const keys: string[] = [];
    for (let i = 1; i <= probe; i++) {
      const key = world.keys.keyOf(i);
      const { table, id } = world.rowOf(key);
      const row = world.db.peek(table, id);
      if (row === null) continue;
      keys.push(key);
      world.exec(['SET', key, row.value, 'PX', String(world.options.ttlMs)]);
    }
    this.perKey = keys.length === 0 ? 0 : (redis.usedMemory() - this.base) / keys.length;
    if (keys.length > 0) world.exec(['DEL', ...keys]);
  }

  /** maxmemory in bytes for these options (0 = no limit). */
  bytes(options: Pick<SimOptions, 'cacheKeys'>): number {
    return options.cacheKeys === 0 ? 0 : this.base + Math.round(this.perKey * options.cacheKeys);
  }

  /** CONFIG SET the limit, the policy and the samples from the world's options. */
  apply(): void {
    const o = this.world.options;
    this.config(['maxmemory', String(this.bytes(o)), 'maxmemory-policy', o.maxmemoryPolicy, 'maxmemory-samples', String(o.maxmemorySamples)]);
  }

  private config(pairs: readonly string[]): void {
    const reply = this.world.exec(['CONFIG', 'SET', ...pairs]);
    if (reply.type === 'error') throw new Error(`the eviction lab could not configure Redis: ${reply.message}`);
  }
}

/** The eviction scenario's setup: the limit from the options, re-applied when they change. */
export function limitMemory(world: World): void {
  const limit = new MemoryLimit(world);
  limit.apply();
  world.onOptionChange((name) => {
    if (name === 'cacheKeys' || name === 'maxmemoryPolicy' || name === 'maxmemorySamples') limit.apply();
  });
}
