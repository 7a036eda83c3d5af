/**
 * What each option does, in a sentence for the options form. Apart from the option specs
 * (options.ts) because only the form shows them, and the form loads on demand: the first load of
 * a lab does not carry these sentences.
 */
import type { OptionName } from './options.ts';

export const optionDescriptions: { readonly [K in OptionName]: string } = {
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
  cacheKeys: 'maxmemory, set so that about this many of the keys fit (0 = no limit).',
  maxmemoryPolicy: 'maxmemory-policy: which key Redis evicts when a write would pass the memory limit.',
  maxmemorySamples: 'maxmemory-samples: how many keys Redis looks at to pick each victim (more is closer to exact LRU/LFU, and slower).',
  backoffMs: 'First retry delay; each further retry waits twice as long.',
};
