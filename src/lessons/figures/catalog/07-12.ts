/** Figures for lessons 7 to 12 (Redis failing, measuring, best practices, stampedes, null caching, the playground). */
import type { FigureDefinition } from '../types.ts';
import { ms, only, pair, percent, plural, settings } from './words.ts';

const read = (at: number, key = 'user:1') => ({ at, action: { type: 'read', key } }) as const;
/** Lesson 7: Redis is down when one read arrives. */
const downThenRead = [{ at: 0, action: { type: 'redisDown' } }, read(10)] as const;
/** Lesson 10: twenty readers at once on a cold key. */
const burstOf20 = [{ at: 0, action: { type: 'burst', key: 'user:1', count: 20 } }] as const;
/** Lesson 11: four reads of user:404, which does not exist. */
const fourMissingReads = [0, 300, 600, 900].map((at) => ({ at, action: { type: 'readMissing' } }) as const);

export const figures = {
  'redis-down-fallback': {
    summary: 'Lesson 7: a hit, then Redis goes down: the next read waits for the timeout, retries, and falls back to the database.',
    scenario: 'outage',
    options: { redisTimeoutMs: 200, retries: 1, backoffMs: 50, dbLatencyMs: 50 },
    view: 'flow',
    facts: ['hits', 'errors', 'fallbacks', 'latencyMs.p99'],
    speed: 0.5,
    runs: [{ actions: [read(0), { at: 100, action: { type: 'redisDown' } }, read(150)] }],
    describe: (outcomes) => {
      const m = only(outcomes);
      return `user:1 is cached and the first read is a hit. Then Redis goes down: the second read's GET times out after 200 ms, is retried after 50 ms, times out again, and the app reads the database instead. ${plural(m.errors, 'failed Redis command')}, ${plural(m.fallbacks, 'fallback')}; the slowest read took ${ms(m.latencyMs.p99)}.`;
    },
  },
  'timeout-fail-fast': {
    summary: 'Lesson 7: with Redis down, a 1 second timeout against a 100 ms one: how long one read waits before its fallback.',
    scenario: 'outage',
    options: { retries: 0, dbLatencyMs: 50 },
    view: 'flow',
    facts: ['fallbacks', 'latencyMs.p99'],
    speed: 1,
    runs: settings(['Timeout 1 s', { redisTimeoutMs: 1_000 }], ['Timeout 100 ms', { redisTimeoutMs: 100 }], downThenRead),
    describe: (outcomes) => {
      const [a, b] = pair(outcomes);
      return `Redis is down and one read arrives. With a 1 second timeout the read is answered from the database after ${ms(a.metrics.latencyMs.p99)}; with a 100 ms timeout, after ${ms(b.metrics.latencyMs.p99)}.`;
    },
  },
  'hit-ratio-ttl': {
    summary: 'Lesson 8: 50 reads a second over 100 keys (Zipf 1) with a 1 s TTL and a 10 s TTL: the hit ratio each gives.',
    scenario: 'hit-ratio',
    options: { readRatePerSec: 50, keyCount: 100, zipf: 1 },
    view: 'flow',
    facts: ['reads', 'hitRatio', 'dbReads'],
    speed: 1,
    until: 10_000,
    runs: settings(['TTL 1 s', { ttlMs: 1_000 }], ['TTL 10 s', { ttlMs: 10_000 }]),
    describe: (outcomes) => {
      const [a, b] = pair(outcomes);
      return `Ten seconds of 50 reads a second over 100 keys, a few popular and many rarely read (Zipf 1). With a 1 second TTL ${percent(a.metrics.hitRatio)} of ${plural(a.metrics.reads, 'read')} are hits; with a 10 second TTL, ${percent(b.metrics.hitRatio)} of ${plural(b.metrics.reads, 'read')}.`;
    },
  },
  'zipf-popularity': {
    summary: 'Lesson 8: 100 keys under uniform and skewed (Zipf 1.2) popularity: which keys stay cached, and the hit ratio.',
    scenario: 'hit-ratio',
    options: { readRatePerSec: 50, keyCount: 100, ttlMs: 2_000 },
    view: 'keys',
    keys: 'grid',
    facts: ['hitRatio'],
    speed: 1,
    until: 8_000,
    runs: settings(['Every key as popular', { zipf: 0 }], ['A few keys popular (Zipf 1.2)', { zipf: 1.2 }]),
    describe: (outcomes) => {
      const [a, b] = pair(outcomes);
      return `Eight seconds of 50 reads a second over 100 keys with a 2 second TTL. When every key is as popular as the next, most keys are read too rarely to still be cached and the hit ratio is ${percent(a.metrics.hitRatio)}; when a few keys take most of the reads, those stay cached and the hit ratio is ${percent(b.metrics.hitRatio)}.`;
    },
  },
  'key-names-and-sizes': {
    summary: 'Lesson 9: prefixed keys with their TTLs, and what STRLEN and MEMORY USAGE say about one value.',
    scenario: 'best-practices',
    view: 'keys',
    speed: 1,
    until: 3_200,
    runs: [
      {
        actions: [
          read(0, 'product:2'),
          { at: 600, action: { type: 'console', line: 'STRLEN user:1' } },
          { at: 1_600, action: { type: 'console', line: 'MEMORY USAGE user:1' } },
          { at: 2_600, action: { type: 'console', line: 'TTL product:2' } },
        ],
      },
    ],
    describe: () =>
      'Keys named by type and id (user:1, user:2, product:1, product:2), each with a one hour TTL bar. STRLEN and MEMORY USAGE report the size of user:1, in bytes, as the emulator computes it for Redis 7.0, and TTL reports the seconds product:2 has left.',
  },
  'retry-rides-blip': {
    summary: 'Lesson 9: Redis drops out for a moment; a read retries with backoff and gets its hit without touching the database.',
    scenario: 'best-practices',
    options: { retries: 2, redisTimeoutMs: 100, backoffMs: 25 },
    view: 'flow',
    facts: ['errors', 'hits', 'fallbacks', 'dbReads'],
    speed: 0.5,
    runs: [{ actions: [...downThenRead, { at: 130, action: { type: 'redisUp' } }] }],
    describe: (outcomes) => {
      const m = only(outcomes);
      return `Redis is down when a read of user:1 arrives. Its GET times out after 100 ms; Redis comes back 130 ms in, and the retry after a 25 ms backoff is a hit. ${plural(m.errors, 'failed Redis command')}, ${plural(m.hits, 'hit')}, ${plural(m.fallbacks, 'fallback')}, ${plural(m.dbReads, 'database read')}.`;
    },
  },
  'stampede-burst': {
    summary: 'Lesson 10: twenty readers arrive at once on a key that is not cached: every one of them queries the database.',
    scenario: 'stampede',
    options: { strategy: 'plain', dbLatencyMs: 100, dbConnections: 10 },
    view: 'flow',
    facts: ['reads', 'dbReads', 'dbPeakConcurrency'],
    speed: 0.25,
    runs: [{ actions: burstOf20 }],
    describe: (outcomes) => {
      const m = only(outcomes);
      return `Twenty readers ask for user:1 at the same moment and all miss. Each one queries the database: ${plural(m.dbReads, 'database read')} for one row, up to ${plural(m.dbPeakConcurrency, 'query', 'queries')} running at once, the rest queued for a connection.`;
    },
  },
  'stampede-lock': {
    summary: 'Lesson 10: the same burst of twenty, plain and with a lock: one reader rebuilds, the others wait and read the cache.',
    scenario: 'stampede',
    options: { dbLatencyMs: 100, dbConnections: 10 },
    view: 'flow',
    facts: ['dbReads', 'hits', 'latencyMs.p99'],
    speed: 0.25,
    runs: settings(['Plain', { strategy: 'plain' }], ['With a lock', { strategy: 'lock' }], burstOf20),
    describe: (outcomes) => {
      const [a, b] = pair(outcomes);
      return `Twenty readers at once on a cold key. Plain cache-aside sends ${plural(a.metrics.dbReads, 'query', 'queries')} to the database. With a lock, one reader takes it and rebuilds the value while the others wait and retry: ${plural(b.metrics.dbReads, 'query', 'queries')}, and ${plural(b.metrics.hits, 'reader')} served from the cache; the slowest reader took ${ms(b.metrics.latencyMs.p99)} against ${ms(a.metrics.latencyMs.p99)} plain.`;
    },
  },
  'missing-id-misses': {
    summary: 'Lesson 11: reads of an id that does not exist: each one misses and queries the database again.',
    scenario: 'null-caching',
    options: { nullTtlMs: 0 },
    view: 'flow',
    facts: ['reads', 'hits', 'dbReads'],
    speed: 0.5,
    runs: [{ actions: fourMissingReads }],
    describe: (outcomes) => {
      const m = only(outcomes);
      return `Four reads of user:404, a user that does not exist. The database finds nothing, so nothing is cached and every read misses: ${plural(m.reads, 'read')}, ${plural(m.hits, 'hit')}, ${plural(m.dbReads, 'database read')}.`;
    },
  },
  'cached-null': {
    summary: 'Lesson 11: the same four reads, without and with a cached null (5 s): one database read instead of four.',
    scenario: 'null-caching',
    view: 'flow',
    facts: ['hits', 'dbReads'],
    speed: 0.5,
    runs: settings(['No null caching', { nullTtlMs: 0 }], ['Null cached for 5 s', { nullTtlMs: 5_000 }], fourMissingReads),
    describe: (outcomes) => {
      const [a, b] = pair(outcomes);
      return `Four reads of user:404, which does not exist. Without null caching every read queries the database: ${plural(a.metrics.dbReads, 'database read')}. Caching the "not found" answer for 5 seconds makes the first read store a null marker and the next ones hits: ${plural(b.metrics.dbReads, 'database read')}, ${plural(b.metrics.hits, 'hit')}.`;
    },
  },
  'playground-mix': {
    summary: 'Playground: the default mix of reads, writes, popular and rare keys, and what it adds up to.',
    scenario: 'playground',
    view: 'flow',
    facts: ['reads', 'hitRatio', 'dbReads', 'staleReads'],
    speed: 1,
    until: 10_000,
    runs: [{ actions: [] }],
    describe: (outcomes) => {
      const m = only(outcomes);
      return `Ten seconds of the playground's default workload: 20 reads and half a write a second over 50 keys with Zipf 1 popularity and a 5 second TTL. ${plural(m.reads, 'read')}, ${percent(m.hitRatio)} hits, ${plural(m.dbReads, 'database read')}, ${plural(m.writes, 'write')}, ${plural(m.staleReads, 'stale read')}.`;
    },
  },
  'playground-outage': {
    summary: 'Playground: the same mix while Redis is down for 3 seconds: every read falls back to the database.',
    scenario: 'playground',
    options: { redisTimeoutMs: 100, retries: 0 },
    view: 'flow',
    facts: ['hitRatio', 'fallbacks', 'dbReads'],
    speed: 1,
    until: 8_000,
    runs: [{ actions: [{ at: 2_000, action: { type: 'redisDown' } }, { at: 5_000, action: { type: 'redisUp' } }] }],
    describe: (outcomes) => {
      const m = only(outcomes);
      return `Eight seconds of the default mix with Redis down from second 2 to second 5 and a 100 ms timeout. ${plural(m.fallbacks, 'read')} fell back to the database while it was down; over the whole run ${percent(m.hitRatio)} of ${plural(m.reads, 'read')} were hits and the database served ${plural(m.dbReads, 'read')}.`;
    },
  },
} satisfies Record<string, FigureDefinition>;
