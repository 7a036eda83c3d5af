/**
 * One scenario per lesson (ids from docs/architecture.md). Most are manual: nothing happens
 * until the learner acts. Keys are user:1..keyCount; user:404 never exists.
 */
import { defineScenario } from '../scenario.ts';
import type { World } from '../world.ts';
import { dataTypeTasks } from '../world/app-tasks.ts';

const warm = (keys: readonly string[]) => (world: World) => world.seedKeys(keys, world.options.ttlMs);
const firstKeys = (n: number): string[] => Array.from({ length: n }, (_, i) => `user:${i + 1}`);

export const basics = defineScenario({
  id: 'basics',
  lesson: 1,
  title: 'What cache-aside is',
  description: 'Read a user twice: the first read misses and loads the database, the second is served by Redis.',
  options: ['ttlMs', 'dbLatencyMs'],
  defaults: { ttlMs: 10_000, dbLatencyMs: 50, keyCount: 3 },
  actions: ['read', 'write', 'flushCache', 'console'],
});

export const readWriteMix = defineScenario({
  id: 'read-write-mix',
  lesson: 2,
  title: 'When to use it',
  description: 'Reads and writes over the same keys. Cache-aside: watch the hit ratio fall as writes grow. Write-behind: watch the queue a worker drains into the database.',
  // h-writebehind: the write path (cache-aside or write-behind) and the worker's delay.
  options: ['readRatePerSec', 'writeRatePerSec', 'ttlMs', 'keyCount', 'invalidateOnWrite', 'writeMode', 'workerDelayMs'],
  defaults: { readRatePerSec: 20, writeRatePerSec: 1, ttlMs: 5000, keyCount: 10, dbLatencyMs: 30, writeMode: 'cache-aside', workerDelayMs: 2000 },
  actions: ['read', 'write', 'setOption'],
});

export const readPath = defineScenario({
  id: 'read-path',
  lesson: 3,
  title: 'The read path step by step',
  description: 'GET, miss, read the database, SET with a TTL, return; then a hit. Step through each line.',
  options: ['ttlMs', 'dbLatencyMs', 'redisLatencyMs'],
  defaults: { ttlMs: 10_000, dbLatencyMs: 80, keyCount: 3 },
  actions: ['read', 'readMissing', 'fastForwardToExpiry', 'console'],
});

export const invalidation = defineScenario({
  id: 'invalidation',
  lesson: 4,
  title: 'Invalidation on write, and the stale-set race',
  description:
    'A write updates the row, then deletes the key. Run the race: a slow reader loads v1, a writer commits v2 and deletes, then the reader SETs v1: stale until the TTL ends.',
  options: ['ttlMs', 'dbLatencyMs', 'invalidateOnWrite'],
  defaults: { ttlMs: 10_000, dbLatencyMs: 40, keyCount: 3 },
  actions: ['read', 'write', 'slowRead', 'fastForwardToExpiry', 'console'],
  setup: warm(firstKeys(2)),
  scripts: {
    // Times are relative to the start of the script.
    'stale-set-race': [
      // The race needs a writer that deletes; the lesson's lab starts with On write set to none.
      { at: 0, action: { type: 'setOption', name: 'invalidateOnWrite', value: 'delete' } },
      { at: 0, action: { type: 'console', line: 'DEL user:3' } },
      { at: 0, action: { type: 'slowRead', key: 'user:3', dbLatencyMs: 300 } },
      { at: 50, action: { type: 'write', key: 'user:3' } },
      { at: 400, action: { type: 'read', key: 'user:3' } },
    ],
  },
});

export const patternInvalidation = defineScenario({
  id: 'pattern-invalidation',
  lesson: 5,
  title: 'Invalidation by pattern with SCAN',
  description: 'Delete every key of user 42 (user:42:*) by stepping SCAN 0 MATCH user:42:* cursor by cursor.',
  options: ['ttlMs'],
  defaults: { ttlMs: 600_000, keyCount: 3 },
  actions: ['scanStep', 'read', 'console'],
  defaultKey: 'user:42:profile',
  setup: (world) => {
    const keys = [
      'user:42:profile',
      'user:42:orders',
      'user:42:settings',
      'user:42:avatar',
      'user:7:profile',
      'user:7:orders',
      'user:8:profile',
      'product:1',
      'product:2',
      'session:abc',
      'session:def',
      'user:420:profile',
    ];
    world.insertRows(keys);
    world.seedKeys(keys, world.options.ttlMs);
  },
});

export const ttl = defineScenario({
  id: 'ttl',
  lesson: 6,
  title: 'TTLs and jitter',
  description: 'Twenty keys cached at the same moment expire at the same moment, and the database feels it. Add jitter to spread them.',
  options: ['ttlMs', 'jitterMs', 'readRatePerSec', 'dbLatencyMs'],
  defaults: { ttlMs: 5000, jitterMs: 0, readRatePerSec: 40, keyCount: 20, dbLatencyMs: 50 },
  actions: ['read', 'fastForwardToExpiry', 'setOption'],
  setup: warm(firstKeys(20)),
});

export const outage = defineScenario({
  id: 'outage',
  lesson: 7,
  title: 'When Redis fails',
  description: 'Take Redis down: each read waits for the timeout, retries with backoff, then falls back to the database.',
  options: ['redisTimeoutMs', 'retries', 'backoffMs', 'dbLatencyMs'],
  defaults: { redisTimeoutMs: 200, retries: 1, backoffMs: 50, dbLatencyMs: 50, keyCount: 3, ttlMs: 60_000 },
  actions: ['read', 'redisDown', 'redisUp', 'dbSlow', 'dbNormal', 'console'],
  setup: warm(firstKeys(3)),
});

export const hitRatio = defineScenario({
  id: 'hit-ratio',
  lesson: 8,
  title: 'Measuring',
  description: 'A steady stream of reads over many keys (the Options tab shows how many, and how popular each is). Change the TTL and watch the hit ratio move.',
  options: ['ttlMs', 'readRatePerSec', 'keyCount', 'zipf', 'writeRatePerSec'],
  defaults: { ttlMs: 5000, readRatePerSec: 50, keyCount: 100, zipf: 1, dbLatencyMs: 20 },
  actions: ['read', 'flushCache', 'setOption'],
});

export const bestPractices = defineScenario({
  id: 'best-practices',
  lesson: 9,
  title: 'Key prefixes, sizes, retries',
  description: 'Prefixed keys (user:, product:), a look at value sizes with STRLEN and MEMORY USAGE, and retries that ride out a blip.',
  options: ['ttlMs', 'retries', 'redisTimeoutMs', 'backoffMs'],
  defaults: { ttlMs: 3_600_000, retries: 2, redisTimeoutMs: 100, backoffMs: 25, keyCount: 5 },
  actions: ['read', 'redisDown', 'redisUp', 'console'],
  setup: (world) => {
    world.insertRows(['product:1', 'product:2']);
    world.seedKeys(['user:1', 'user:2', 'product:1'], world.options.ttlMs);
  },
});

export const stampede = defineScenario({
  id: 'stampede',
  lesson: 10,
  title: 'Cache stampede',
  description: 'Fifty readers arrive at once on a cold key. Plain cache-aside sends all fifty to the database; a lock sends one.',
  options: ['strategy', 'burstSize', 'dbLatencyMs', 'dbConnections', 'instances', 'ttlMs', 'lockTtlMs', 'retryMs', 'beta', 'softTtlMs'],
  defaults: { burstSize: 50, dbLatencyMs: 100, dbConnections: 10, instances: 1, ttlMs: 5000, keyCount: 1 },
  actions: ['burst', 'read', 'fastForwardToExpiry', 'setOption', 'flushCache', 'console'],
});

export const nullCaching = defineScenario({
  id: 'null-caching',
  lesson: 11,
  title: 'Null caching',
  description: 'Requests for an id that does not exist go to the database every time, unless the miss itself is cached for a short while.',
  options: ['nullTtlMs', 'ttlMs', 'dbLatencyMs'],
  defaults: { nullTtlMs: 0, ttlMs: 10_000, dbLatencyMs: 50, keyCount: 3 },
  actions: ['read', 'readMissing', 'burst', 'fastForwardToExpiry', 'setOption', 'console'],
  defaultKey: 'user:404',
});

export const playground = defineScenario({
  id: 'playground',
  lesson: 12,
  title: 'Playground',
  description: 'Every knob at once: workload, popularity, strategy, TTLs, faults.',
  options: [
    'ttlMs', 'jitterMs', 'nullTtlMs', 'dbLatencyMs', 'dbConnections', 'strategy', 'lockTtlMs', 'retryMs', 'beta', 'softTtlMs',
    'instances', 'readRatePerSec', 'writeRatePerSec', 'keyCount', 'zipf', 'missingFraction', 'burstSize', 'redisTimeoutMs',
    'retries', 'seed', 'redisLatencyMs', 'invalidateOnWrite', 'backoffMs',
  ],
  defaults: { readRatePerSec: 20, writeRatePerSec: 0.5, keyCount: 50, zipf: 1, ttlMs: 5000, dbLatencyMs: 50 },
  actions: ['read', 'readMissing', 'burst', 'write', 'fastForwardToExpiry', 'redisDown', 'redisUp', 'dbSlow', 'dbNormal', 'flushCache', 'console', 'setOption'],
});

// ---- lesson 13 (h-evict) -------------------------------------------------------------------

// Its setup (CONFIG SET maxmemory & co., and the CONFIG commands it sends) loads with
// `prepareScenario('eviction')`, outside every other lab's first load.
let memoryLimit: typeof import('../world/memory-limit.ts') | null = null;

export const eviction = defineScenario({
  id: 'eviction',
  lesson: 13,
  title: 'When the cache is full',
  description:
    'A Zipf workload over 100 keys and memory for about 25 of them: pick the eviction policy and watch which keys Redis evicts, the hit ratio and the database load.',
  options: ['maxmemoryPolicy', 'cacheKeys', 'maxmemorySamples', 'readRatePerSec', 'zipf', 'ttlMs'],
  defaults: { maxmemoryPolicy: 'allkeys-lru', cacheKeys: 25, maxmemorySamples: 5, readRatePerSec: 20, keyCount: 100, zipf: 1, ttlMs: 600_000, dbLatencyMs: 20 },
  actions: ['read', 'flushCache', 'setOption', 'console'],
  defaultKey: 'user:100',
  setup: (world) => {
    if (memoryLimit === null) throw new Error('not loaded: await prepareScenario first');
    memoryLimit.limitMemory(world);
  },
  prepare: async (loadCommands) => {
    const [module] = await Promise.all([import('../world/memory-limit.ts'), loadCommands()]);
    memoryLimit = module;
  },
  // Set only once both loads are done; the command table, once loaded, stays loaded.
  prepared: () => memoryLimit !== null,
});

// Lesson 14: caching with Redis data types (h-types).
export const dataTypes = defineScenario({
  id: 'data-types',
  lesson: 14,
  title: 'Caching with Redis data types',
  description: 'Products as hashes, a set per tag, a ranking, recent views and an invalidation log: act as the app and watch each key change.',
  options: ['ttlMs', 'redisLatencyMs'],
  defaults: { ttlMs: 3_600_000, keyCount: 8 },
  actions: ['viewProduct', 'updatePrice', 'invalidateTag', 'invalidateTagByScan', 'console'],
  defaultKey: 'product:1',
  needsCommands: true,
  setup: (world) => dataTypeTasks.get().seedDataTypes(world),
});

// h-sync: lesson 15. Its code and the Redis commands it sends (SUBSCRIBE, PUBLISH, CONFIG SET,
// CLIENT TRACKING) load with `prepareScenario('many-caches')`, outside every other lab's first load.
let localCaches: typeof import('../world/local-caches.ts') | null = null;

export const manyCaches = defineScenario({
  id: 'many-caches',
  lesson: 15,
  title: 'Keeping many caches in sync',
  description: 'Three app instances, each with a local cache in front of Redis. Does a write reach their copies?',
  options: ['syncMethod', 'localTtlMs', 'localCacheSize', 'messageDelayMs', 'messageLoss', 'instances', 'readRatePerSec', 'writeRatePerSec', 'ttlMs', 'dbLatencyMs', 'seed'],
  defaults: { syncMethod: 'none', localTtlMs: 30_000, localCacheSize: 100, instances: 3, keyCount: 3, ttlMs: 60_000, dbLatencyMs: 40 },
  actions: ['read', 'write', 'setOption', 'console'],
  setup: (world) => {
    if (localCaches === null) throw new Error('not loaded: await prepareScenario first');
    localCaches.installLocalCaches(world, world.apps.invalidateChannel);
  },
  prepare: async (loadCommands) => {
    const [module] = await Promise.all([import('../world/local-caches.ts'), loadCommands()]);
    localCaches = module;
  },
  // Set only once both loads are done; the command table, once loaded, stays loaded.
  prepared: () => localCaches !== null,
});
