/** Figures for lessons 13 to 15 (a full cache and its policies, Redis's data types, many local caches in sync). */
import { LRU_EXPERIMENT_KEYS, LRU_EXPERIMENT_SAMPLES, lruExperiment } from '../../../scenarios/eviction-compare.ts';
import type { ScheduledAction } from '../../../scenarios/types.ts';
import type { FigureDefinition, FigureOutcome } from '../types.ts';
import { only, pair, percent, plural, settings } from './words.ts';

/** Lesson 13's lab: 100 keys read 20 times a second (Zipf 1), room for about 25. */
const FULL_CACHE = { cacheKeys: 25, readRatePerSec: 20, zipf: 1 };
/** The ten most-read keys of that workload: user:1 to user:10. */
const isHot = (key: string) => Number(key.split(':')[1]) <= 10;
const times = (n: number) => (n === 0 ? 'never' : n === 1 ? 'once' : `${n} times`);

const typed = (at: number, line: string): ScheduledAction => ({ at, action: { type: 'console', line } });
const product = (price: number) => JSON.stringify({ name: 'Trail shoe', price, tags: 'shoes,sale' });
/** The value bytes of the last write a run's console sent with this command (SET's value, HSET's field values). */
const valueBytes = (outcome: FigureOutcome, command: 'SET' | 'HSET'): number => {
  const written = outcome.events.findLast((e) => e.type === 'redis.executed' && e.actor === 'console' && e.argv[0] === command);
  if (written?.type !== 'redis.executed') return 0;
  const values = command === 'SET' ? [written.argv[2]!] : written.argv.slice(2).filter((_, i) => i % 2 === 1);
  return values.reduce((sum, value) => sum + new TextEncoder().encode(value).length, 0);
};

/** Lesson 15: three reads (one per instance, round robin), a write on app 1 at 600 ms, three reads again. */
const readsAroundWrite: ScheduledAction[] = [
  ...[0, 200, 400].map((at) => ({ at, action: { type: 'read', key: 'user:1' } }) as const),
  { at: 600, action: { type: 'write', key: 'user:1' } },
  ...[1_000, 1_200, 1_400].map((at) => ({ at, action: { type: 'read', key: 'user:1' } }) as const),
];
const LOCAL = { instances: 3, localTtlMs: 30_000 };
/** What lesson 15's three figures share: the same reads and write, drawn as the flow over each instance's local cache. */
const localFigure = {
  scenario: 'many-caches',
  view: 'local',
  facts: ['localHits', 'staleLocalReads'],
  speed: 0.5,
  runs: [{ actions: readsAroundWrite }],
} as const;
const messages = (outcome: FigureOutcome) => outcome.events.filter((e) => e.type === 'sync.message');

export const figures = {
  'eviction-fills': {
    summary: 'Lesson 13: a cache with room for about 25 of 100 keys fills, then every miss evicts a key (allkeys-lru).',
    scenario: 'eviction',
    options: { ...FULL_CACHE, maxmemoryPolicy: 'allkeys-lru' },
    view: 'keys',
    keys: 'grid',
    facts: ['keysEvicted', 'hitRatio'],
    speed: 1,
    until: 6_000,
    runs: [{ actions: [] }],
    describe: (outcomes) => {
      const { evicted, metrics, events } = outcomes[0]!;
      const first = events.find((e) => e.type === 'key.evicted')!.at;
      return `Six seconds of 20 reads a second over 100 keys, with memory for about 25 of them, under allkeys-lru. Each miss stores its key; after ${(first / 1000).toFixed(1)} seconds the cache is full and each new key first evicts an idle one: ${plural(evicted.length, 'key')} evicted, ${evicted.filter((key) => !isHot(key)).length} of them past user:10; ${percent(metrics.hitRatio)} of reads hit.`;
    },
  },
  'lru-approximation': {
    summary: "Lesson 13: Redis's LRU test on the emulator: 300 keys, then 150 added; 5 and 10 samples against true LRU.",
    view: 'lru',
    experiment: () => lruExperiment(LRU_EXPERIMENT_KEYS, LRU_EXPERIMENT_SAMPLES),
    describe: (panels) => {
      const [five, ten] = panels;
      return `${LRU_EXPERIMENT_KEYS} keys read one a second fill the cache, then ${LRU_EXPERIMENT_KEYS / 2} new keys are added. True LRU evicts exactly the ${LRU_EXPERIMENT_KEYS / 2} oldest. Redis with 5 samples evicted ${plural(five!.wrongEvictions, 'key')} that true LRU would have kept, and kept as many older ones; with 10 samples, ${plural(ten!.wrongEvictions, 'key')}. No new key was evicted.`;
    },
  },
  'lfu-keeps-hot': {
    summary: 'Lesson 13: the same full cache for 30 s under allkeys-lru and allkeys-lfu: how often the ten most-read keys are evicted.',
    scenario: 'eviction',
    options: FULL_CACHE,
    view: 'keys',
    keys: 'grid',
    facts: ['hitRatio', 'keysEvicted'],
    speed: 4,
    until: 30_000,
    runs: settings(['allkeys-lru', { maxmemoryPolicy: 'allkeys-lru' }], ['allkeys-lfu', { maxmemoryPolicy: 'allkeys-lfu' }]),
    describe: (outcomes) => {
      const [lru, lfu] = pair(outcomes);
      const hot = (o: FigureOutcome) => o.evicted.filter(isHot).length;
      const user1 = (o: FigureOutcome) => o.evicted.filter((key) => key === 'user:1').length;
      return `Thirty seconds of the same reads under LRU and under LFU. LRU evicted one of the ten most-read keys ${times(hot(lru))} (user:1 ${times(user1(lru))}), LFU ${times(hot(lfu))} (user:1 ${times(user1(lfu))}); ${percent(lru.metrics.hitRatio)} of reads hit under LRU and ${percent(lfu.metrics.hitRatio)} under LFU.`;
    },
  },
  'hash-one-field': {
    summary: 'Lesson 14: a price cut on a product cached as a JSON string (GET, then SET of the whole value) and as a hash (HSET of one field).',
    scenario: 'data-types',
    view: 'keys',
    match: 'product:1',
    speed: 1,
    runs: [
      {
        label: 'A JSON string',
        actions: [typed(0, `SET product:1 '${product(90)}' KEEPTTL`), typed(800, 'GET product:1'), typed(1_600, `SET product:1 '${product(81)}' KEEPTTL`)],
      },
      { label: 'A hash', actions: [typed(800, 'HGET product:1 price'), typed(1_600, 'HSET product:1 price 81')] },
    ],
    describe: (outcomes) => {
      const [json, hash] = pair(outcomes);
      return `Two caches of product:1: in the first it is stored as a JSON string, in the second it is a hash with name, price and tags fields. To cut its price to 81, the JSON string is read whole with GET and written back whole with SET, ${plural(valueBytes(json, 'SET'), 'byte')} of value; the hash gets HSET product:1 price 81, ${plural(valueBytes(hash, 'HSET'), 'byte')}, and its other fields and its TTL stay as they were.`;
    },
  },
  'tag-set-vs-scan': {
    summary: 'Lesson 14: invalidating the sale tag with its set (SMEMBERS, UNLINK) and by SCAN over every product: the commands each sends.',
    scenario: 'data-types',
    view: 'flow',
    facts: ['redisCommands'],
    speed: 0.5,
    // An app task is not a request, so the run cannot end when requests go quiet: both are done by 30 ms.
    until: 30,
    runs: [
      { label: 'With the tag’s set', actions: [{ at: 0, action: { type: 'invalidateTag', tag: 'sale' } }] },
      { label: 'By SCAN', actions: [{ at: 0, action: { type: 'invalidateTagByScan', tag: 'sale' } }] },
    ],
    describe: (outcomes) => {
      const [set, scan] = pair(outcomes);
      return `Both runs drop the four products tagged sale and log it to a stream. With the tag's set the app sends ${plural(set.metrics.redisCommands, 'command')}: SMEMBERS tag:sale, one UNLINK and the XADD. By SCAN it sends ${plural(scan.metrics.redisCommands, 'command')}: SCAN calls over every product key, an HGET of each product's tags, then the UNLINK and the XADD.`;
    },
  },
  'stale-local-copy': {
    summary: 'Lesson 15: three instances keep user:1 locally; a write updates the row and deletes only the Redis key; the instances answer the old row.',
    ...localFigure,
    options: { ...LOCAL, syncMethod: 'none' },
    describe: (outcomes: readonly FigureOutcome[]) => {
      const m = only(outcomes);
      return `Three app instances read user:1 in turn and keep copies in their own memory. A write updates the row and deletes user:1 in Redis; nothing tells the instances. Three more reads: app 1 loads the new row, and ${plural(m.staleLocalReads, 'read')} come from a stale local copy.`;
    },
  },
  'pubsub-drops-copies': {
    summary: 'Lesson 15: the same reads and write with pub/sub: the writer publishes the key and every instance drops its copy.',
    ...localFigure,
    options: { ...LOCAL, syncMethod: 'pubsub' },
    describe: (outcomes: readonly FigureOutcome[]) => {
      const o = outcomes[0]!;
      return `The same reads and write with pub/sub: after the write, the writer publishes user:1 on the invalidate channel and Redis delivers ${plural(messages(o).length, 'message')}, one to each instance, which drops its local copy. The next reads load the new row: ${plural(o.metrics.staleLocalReads, 'stale local read')}.`;
    },
  },
  'lost-message': {
    summary: 'Lesson 15: pub/sub with one message in three lost: the instance that missed it keeps serving its old copy.',
    ...localFigure,
    options: { ...LOCAL, syncMethod: 'pubsub', messageLoss: 0.3 },
    // A seed whose draw loses one of the three messages, so the figure shows a loss.
    seed: 3,
    describe: (outcomes: readonly FigureOutcome[]) => {
      const o = outcomes[0]!;
      const sent = messages(o);
      const lost = sent.filter((e) => e.type === 'sync.message' && e.lost).length;
      return `The same run with pub/sub and 30% of messages lost: of the ${plural(sent.length, 'message')} after the write, ${lost} never arrived. The instance it was for still holds the old row and answers with it: ${plural(o.metrics.staleLocalReads, 'stale local read')}, until its 30 second local TTL ends.`;
    },
  },
} satisfies Record<string, FigureDefinition>;
