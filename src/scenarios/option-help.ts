/**
 * What each option does, in a sentence (the Options tab's help under each field). Apart from
 * `optionSpecs` so these words load with that tab, not with every lab's first paint.
 */
import type { OptionName } from './options.ts';

// Partial so a new option type-checks before its sentence is written; test/scenarios/lessons.test.ts requires one per offered option.
export const optionHelp: { readonly [K in OptionName]?: string } = {
  ttlMs: 'How long a cached value lives: the PX of the SET that caches it.',
  jitterMs: 'A random extra, from 0 up to this, added to each TTL so keys cached together do not expire together.',
  nullTtlMs: 'TTL of the "not found" sentinel; 0 = do not cache misses.',
  dbLatencyMs: 'How long one database query takes.',
  dbConnections: 'Database connection limit; extra queries wait in a FIFO queue.',
  strategy: 'How a miss is rebuilt: plain, a Redis lock, single-flight per instance, probabilistic early expiration, or stale-while-revalidate.',
  lockTtlMs: 'How long the rebuild lock lives: the PX of SET lock:<key> <token> NX.',
  retryMs: 'How often a reader waiting for the lock checks the cache again.',
  beta: 'XFetch eagerness: larger recomputes earlier (1 is the paper\'s default).',
  softTtlMs: 'Stale-while-revalidate: after this age a hit triggers a background refresh.',
  instances: 'How many app instances share the cache; requests go round-robin.',
  readRatePerSec: 'Poisson rate of reads (0 = only the reads you trigger).',
  writeRatePerSec: 'Poisson rate of writes.',
  keyCount: 'How many distinct ids the workload reads.',
  zipf: 'Zipf exponent of key popularity; 0 = uniform.',
  missingFraction: 'Share of ids that do not exist in the database.',
  burstSize: 'How many readers arrive at once in a burst.',
  redisTimeoutMs: 'How long the client waits for a Redis reply before giving up.',
  retries: 'Retries after a Redis timeout, with exponential backoff.',
  seed: 'Seed of the random generator; the same seed replays the same run.',
  redisLatencyMs: 'One-way network latency between an app instance and Redis.',
  invalidateOnWrite: 'After a database write: delete the cached key, or leave it to expire.',
  backoffMs: 'First retry delay; each further retry waits twice as long.',
  // h-evict: memory limit and eviction (lesson 13).
  cacheKeys: 'maxmemory, set so that about this many of the keys fit (0 = no limit).',
  maxmemoryPolicy: 'maxmemory-policy: which key Redis evicts when a write would pass the memory limit.',
  maxmemorySamples: 'maxmemory-samples: how many keys Redis looks at to pick each victim (more is closer to exact LRU/LFU, and slower).',
  // h-sync: local caches (lesson 15).
  syncMethod: 'How each instance hears of a change: not at all, a PUBLISH by the writer, keyspace notifications, or CLIENT TRACKING (default or BCAST).',
  localTtlMs: 'How long an instance keeps a value it read from Redis in its own memory; 0 = no local cache.',
  localCacheSize: 'Most keys one instance keeps locally; the least recently used goes first.',
  messageDelayMs: 'Extra time an invalidation message takes from Redis to an instance.',
  messageLoss: 'Share of invalidation messages that never arrive (seeded, so a run replays exactly).',
  // h-writebehind: lesson 2's write paths.
  writeMode: 'Cache-aside updates the database, then deletes the cached copy; write-behind SETs Redis, RPUSHes the change to a queue list, and a worker writes the database later.',
  workerDelayMs: 'Write-behind: how long the worker waits after a write is queued before it moves the queue into the database.',
};
