/** Figures for lessons 1 to 6 (what cache-aside is, when to use it, the read path, invalidation, SCAN, TTLs). */
import { invalidation } from '../../../scenarios/lessons/index.ts';
import { scanSteps } from '../../../components/lab/scan-view.ts';
import type { FigureDefinition } from '../types.ts';
import { ms, only, pair, percent, plural, settings } from './words.ts';

const read = (at: number, key = 'user:1') => ({ at, action: { type: 'read', key } }) as const;
/** With COUNT 2, lesson 5's twelve keys take this many calls to come back to cursor 0 (a test checks it). */
export const SCAN_CALLS = 6;

export const figures = {
  'miss-then-hit': {
    summary: 'Lesson 1: two reads of user:1; the first misses and loads the database, the second is a hit.',
    scenario: 'basics',
    view: 'flow',
    facts: ['reads', 'hits', 'dbReads'],
    speed: 0.25,
    runs: [{ actions: [read(0), read(400)] }],
    describe: (outcomes) => {
      const m = only(outcomes);
      return `App 1 reads user:1 twice. The first GET misses, so the app queries the database and stores the row in Redis with SET; the second GET is a hit. ${plural(m.reads, 'read')}, ${plural(m.hits, 'hit')}, ${plural(m.dbReads, 'database read')}.`;
    },
  },
  'cache-aside-loop': {
    summary: 'Lesson 1: the loop of a cached copy: a miss fills it, hits use it, the TTL ends it, the next read fills it again.',
    scenario: 'basics',
    options: { ttlMs: 2_000 },
    view: 'flow',
    facts: ['reads', 'hits', 'dbReads'],
    speed: 1,
    runs: [{ actions: [read(0), read(700), read(1_400), read(2_600)] }],
    describe: (outcomes) => {
      const m = only(outcomes);
      return `Four reads of user:1 with a 2 second TTL: the first misses and caches the row, the next two are hits, the copy expires, and the fourth read misses and caches it again. ${plural(m.hits, 'hit')} of ${plural(m.reads, 'read')}, ${plural(m.dbReads, 'database read')}.`;
    },
  },
  'read-heavy': {
    summary: 'Lesson 2: 20 reads a second over 3 keys and a write every 5 seconds: almost every read is a hit.',
    scenario: 'read-write-mix',
    options: { readRatePerSec: 20, writeRatePerSec: 0.2, keyCount: 3, ttlMs: 30_000 },
    view: 'flow',
    facts: ['reads', 'hitRatio', 'dbReads', 'dbWrites'],
    speed: 1,
    until: 8_000,
    runs: [{ actions: [] }],
    describe: (outcomes) => {
      const m = only(outcomes);
      return `Eight seconds of a read-heavy workload: ${plural(m.reads, 'read')} and ${plural(m.writes, 'write')} over three keys. ${percent(m.hitRatio)} of the reads are hits; the database answers ${plural(m.dbReads, 'read')}.`;
    },
  },
  'write-heavy': {
    summary: 'Lesson 2: the same reads with one write per 100 reads, and with one write per 2 reads: the hit ratio falls.',
    scenario: 'read-write-mix',
    options: { readRatePerSec: 20, keyCount: 3, ttlMs: 30_000 },
    view: 'flow',
    facts: ['hitRatio', 'dbReads', 'dbWrites'],
    speed: 1,
    until: 8_000,
    runs: settings(['1 write per 100 reads', { writeRatePerSec: 0.2 }], ['1 write per 2 reads', { writeRatePerSec: 10 }]),
    describe: (outcomes) => {
      const [a, b] = pair(outcomes);
      return `Two runs of 20 reads a second over three keys for eight seconds, each write deleting its key. With ${plural(a.metrics.writes, 'write')} the hit ratio is ${percent(a.metrics.hitRatio)} and the database serves ${plural(a.metrics.dbReads, 'read')}; with ${plural(b.metrics.writes, 'write')} it is ${percent(b.metrics.hitRatio)} and the database serves ${plural(b.metrics.dbReads, 'read')}.`;
    },
  },
  'round-trips': {
    summary: 'Lesson 3: a miss costs two Redis commands and a query, a hit one command; the read path step by step.',
    scenario: 'read-path',
    options: { dbLatencyMs: 20, redisLatencyMs: 1 },
    view: 'flow',
    facts: ['redisCommands', 'dbReads', 'hits'],
    speed: 0.1,
    runs: [{ actions: [read(0), read(150)] }],
    describe: (outcomes) => {
      const m = only(outcomes);
      return `A miss and then a hit for user:1, with 1 ms to Redis and a 20 ms query. The miss sends GET, queries the database and sends SET; the hit sends one GET. In all: ${plural(m.redisCommands, 'Redis command')}, ${plural(m.dbReads, 'database query', 'database queries')}, ${plural(m.hits, 'hit')}.`;
    },
  },
  'stored-as-text': {
    summary: 'Lesson 3: what a miss leaves in Redis: the row serialized as a JSON string, with its TTL counting down.',
    scenario: 'read-path',
    options: { ttlMs: 10_000 },
    view: 'keys',
    speed: 1,
    until: 3_000,
    runs: [{ actions: [read(0), read(600, 'user:2')] }],
    describe: () =>
      'Two misses, for user:1 and user:2, each leave a key in Redis whose value is the database row serialized as a JSON string, and whose 10 second TTL counts down.',
  },
  'write-then-delete': {
    summary: 'Lesson 4: a cached user:1 is updated: the writer updates the row, then deletes the key; the next read loads the new version.',
    scenario: 'invalidation',
    options: { invalidateOnWrite: 'delete' },
    view: 'flow',
    facts: ['hits', 'dbReads', 'dbWrites', 'staleReads'],
    speed: 0.25,
    runs: [{ actions: [read(0), { at: 200, action: { type: 'write', key: 'user:1' } }, read(500)] }],
    describe: (outcomes) => {
      const m = only(outcomes);
      return `user:1 starts cached. A read is a hit; the writer updates the row in the database, then sends DEL user:1; the next read misses and loads the new version. ${plural(m.hits, 'hit')}, ${plural(m.dbWrites, 'database write')}, ${plural(m.dbReads, 'database read')}, ${plural(m.staleReads, 'stale read')}.`;
    },
  },
  'stale-set-race': {
    summary: "Lesson 4: the race that remains: a slow reader's SET of the old row lands after the writer's DEL.",
    scenario: 'invalidation',
    options: { invalidateOnWrite: 'delete' },
    view: 'flow',
    facts: ['dbReads', 'dbWrites', 'staleReads'],
    speed: 0.25,
    runs: [{ actions: invalidation.scripts!['stale-set-race']! }],
    describe: (outcomes) => {
      const m = only(outcomes);
      return `A reader misses user:3 and starts a slow 300 ms query that returns version 1. Meanwhile the writer updates the row to version 2 and deletes the key, which is not there yet. The reader answers with version 1 and stores it, and the next read gets version 1 from the cache: ${plural(m.staleReads, 'stale read')}, and more until the key's TTL ends.`;
    },
  },
  'scan-cursor': {
    summary: "Lesson 5: SCAN MATCH user:42:* COUNT 2, call by call, over Redis's hash-table buckets until the cursor is 0.",
    scenario: 'pattern-invalidation',
    view: 'scan',
    speed: 1,
    runs: [{ actions: Array.from({ length: SCAN_CALLS }, (_, i) => ({ at: i * 700, action: { type: 'scanStep', pattern: 'user:42:*', count: 2 } }) as const) }],
    describe: () =>
      'SCAN with MATCH user:42:* and COUNT 2, called again and again: each call visits a couple of buckets of the hash table in reverse-binary order, returns the matching keys it found there (often none), and hands back the cursor to continue from, until the cursor comes back as 0. Each batch is deleted as it comes.',
  },
  'keys-examined': {
    summary: 'Lesson 5: SCAN with COUNT 2 walks the table in bounded steps; KEYS user:42:* examines every key in one call. Keys are counted, not timed.',
    scenario: 'pattern-invalidation',
    view: 'scan',
    speed: 1,
    runs: [
      {
        // SCAN's steps first, KEYS last: the end state (all a reduced-motion reader sees) is the call that visits every bucket.
        actions: [
          ...Array.from({ length: SCAN_CALLS }, (_, i) => ({ at: 300 + i * 700, action: { type: 'scanStep', pattern: 'user:42:*', count: 2, deleteMatches: false } }) as const),
          { at: 300 + SCAN_CALLS * 700, action: { type: 'console', line: 'KEYS user:42:*' } },
        ],
      },
    ],
    describe: (outcomes) => {
      const { events } = outcomes[0]!;
      const steps = scanSteps(events, events.length);
      const scans = steps.filter((step) => step.command === 'SCAN');
      const keys = steps.find((step) => step.command === 'KEYS')!;
      return `SCAN 0 MATCH user:42:* COUNT 2 walks the hash table in ${plural(scans.length, 'call')}, examining at most ${plural(Math.max(...scans.map((scan) => scan.examined)), 'key')} in any one of them; Redis serves other clients between calls. Then KEYS user:42:* walks every bucket in one call: it examines all ${plural(keys.examined, 'key')} and returns user 42's ${keys.returned.length}. The emulator does not time commands, so the figure counts keys, not milliseconds.`;
    },
  },
  'pattern-colon': {
    summary: 'Lesson 5: SCAN with MATCH user:42* returns user:420:profile too; MATCH user:42:* returns only user 42’s keys.',
    scenario: 'pattern-invalidation',
    view: 'scan',
    speed: 1,
    runs: [
      {
        actions: [
          { at: 300, action: { type: 'scanStep', pattern: 'user:42*', count: 100, deleteMatches: false } },
          { at: 2_300, action: { type: 'scanStep', pattern: 'user:42:*', count: 100, deleteMatches: false } },
        ],
      },
    ],
    describe: () =>
      'Two SCAN calls over the same twelve keys, each visiting every bucket and deleting nothing. MATCH user:42* returns the four keys of user 42 and user:420:profile as well; MATCH user:42:* returns only the four keys of user 42.',
  },
  'expiry-countdown': {
    summary: 'Lesson 6: twenty keys cached at the same moment with the same TTL count down together and expire together.',
    scenario: 'ttl',
    options: { readRatePerSec: 0, ttlMs: 4_000, jitterMs: 0 },
    view: 'keys',
    keys: 'grid',
    facts: ['keysExpired'],
    speed: 1,
    until: 4_600,
    runs: [{ actions: [] }],
    describe: (outcomes) =>
      `Twenty keys cached at time 0 with a 4 second TTL: their TTL bars shrink together and ${plural(outcomes[0]!.keysExpired, 'key')} expire at the same moment.`,
  },
  'jitter-spreads-expiry': {
    summary: 'Lesson 6: the same twenty keys under 200 reads a second, with no jitter and with 3 seconds of jitter: database load and the slowest read.',
    scenario: 'ttl',
    options: { readRatePerSec: 200, ttlMs: 4_000, dbLatencyMs: 200 },
    view: 'keys',
    keys: 'grid',
    facts: ['dbReads', 'latencyMs.p99'],
    speed: 1,
    until: 7_000,
    runs: settings(['No jitter', { jitterMs: 0 }], ['Up to 3 s of jitter', { jitterMs: 3_000 }]),
    describe: (outcomes) => {
      const [a, b] = pair(outcomes);
      return `Twenty keys with a 4 second TTL under 200 reads a second for seven seconds, with 200 ms queries. Without jitter they all expire at once, the misses pile onto the database (${plural(a.metrics.dbReads, 'read')}, up to ${plural(a.metrics.dbPeakConcurrency, 'query', 'queries')} at once) and the slowest read waits ${ms(a.metrics.latencyMs.p99)}. With up to 3 seconds of jitter the expiries spread out: ${plural(b.metrics.dbReads, 'read')}, and the slowest read waits ${ms(b.metrics.latencyMs.p99)}.`;
    },
  },
} satisfies Record<string, FigureDefinition>;
