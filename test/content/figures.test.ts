/**
 * Figures in the lessons: every lesson from 1 to 15 and the playground places at least two, the
 * figures whose pictures depend on the emulator's exact behaviour show what their captions say,
 * and every number a caption states is its figure's own run's.
 */
import { join } from 'node:path';
import { loadLessons } from '../../src/lessons/build/load.ts';
import { figures } from '../../src/lessons/figures/catalog/index.ts';
import { SCAN_CALLS } from '../../src/lessons/figures/catalog/01-06.ts';
import { outcomesOf, startFigure } from '../../src/lessons/figures/run.ts';
import type { FigureOutcome, ScenarioFigureDefinition } from '../../src/lessons/figures/types.ts';
import { scanSteps } from '../../src/components/lab/scan-view.ts';

const lessons = await loadLessons(join(import.meta.dirname, '..', '..', 'content'));
const NUMBERED = /^(0[1-9]|1[0-5])-/;
/** Each placed figure's caption, by figure name. */
const captions = new Map(lessons.flatMap((lesson) => lesson.module.blocks.flatMap((block) => (block.kind === 'figure' ? [[block.figure.name, block.figure.caption] as const] : []))));

test.each(lessons.filter((lesson) => NUMBERED.test(lesson.module.slug)).map((lesson) => [lesson.module.slug, lesson] as const))(
  '%s places at least two figures, each after text that introduces it',
  (_, lesson) => {
    const blocks = lesson.module.blocks;
    const placed = blocks.flatMap((block, i) => (block.kind === 'figure' ? [i] : []));
    expect(placed.length).toBeGreaterThanOrEqual(2);
    for (const i of placed) expect(blocks[i - 1]?.kind, `${lesson.file} ${i}`).toBe('html');
  },
);

test(`lesson 5's SCAN figure makes ${SCAN_CALLS} calls: the last hands back cursor 0 and none starts over`, () => {
  const [run] = startFigure(figures['scan-cursor']);
  const { trace, engine } = run!.store.getState();
  const lines = trace.events.slice(0, trace.length).flatMap((event) => (event.type === 'console' && event.line.startsWith('SCAN') ? [event.line] : []));
  expect(lines).toHaveLength(SCAN_CALLS);
  expect(lines.filter((line) => line.startsWith('SCAN 0 '))).toHaveLength(1);
  const snapshot = engine.stateAt(trace.events, trace.length);
  expect([...snapshot.keyspace.keys()].filter((key) => key.startsWith('user:42:'))).toEqual([]);
});

test("lesson 5's KEYS figure: one call examines all 12 keys; SCAN COUNT 2 examines them all over 6 calls of at most 3", () => {
  const [run] = outcomesOf(startFigure(figures['keys-examined']));
  const steps = scanSteps(run!.events, run!.events.length);
  const keys = steps.at(-1);
  const scans = steps.slice(0, -1);
  expect(keys!.command).toBe('KEYS');
  expect(keys!.visited).toHaveLength(keys!.tableSize);
  expect(scans.every((scan) => scan.command === 'SCAN')).toBe(true);
  expect(scans.reduce((sum, scan) => sum + scan.examined, 0)).toBe(keys!.examined);
  const most = Math.max(...scans.map((scan) => scan.examined));
  expect(captions.get('keys-examined')).toContain(`KEYS user:42:* examines all ${keys!.examined} keys in one call. SCAN … COUNT 2 makes the same walk in ${scans.length} calls of at most ${most} keys each`);
});

test("lesson 5's pattern figure: user:42* also returns user:420:profile, user:42:* only user 42's four keys", () => {
  const { trace } = startFigure(figures['pattern-colon'])[0]!.store.getState();
  const [loose, exact] = scanSteps(trace.events, trace.length);
  const own = ['user:42:avatar', 'user:42:orders', 'user:42:profile', 'user:42:settings'];
  expect([...loose!.returned].sort()).toEqual([...own, 'user:420:profile'].sort());
  expect([...exact!.returned].sort()).toEqual(own);
  expect([loose!.nextCursor, exact!.nextCursor]).toEqual([0, 0]);
});

const outcomes = (name: keyof typeof figures): FigureOutcome[] => outcomesOf(startFigure(figures[name] as ScenarioFigureDefinition));
const times = (n: number) => (n === 0 ? 'never' : n === 1 ? 'once' : `${n} times`);
const isHot = (key: string) => Number(key.split(':')[1]) <= 10;
const pct = (ratio: number) => `${Math.round(ratio * 100)}%`;
const commands = (outcome: FigureOutcome, name: string) => outcome.events.filter((e) => e.type === 'redis.executed' && e.argv[0] === name).length;
const lostMessages = (outcome: FigureOutcome) => outcome.events.filter((e) => e.type === 'sync.message' && e.lost).length;
const sentMessages = (outcome: FigureOutcome) => outcome.events.filter((e) => e.type === 'sync.message').length;

describe('the numbers in the captions of lessons 13 to 15 are their figures’ runs', () => {
  test('13 eviction-fills: full after 2.3 s; 38 evicted in 6 s, 27 past user:10', () => {
    const [run] = outcomes('eviction-fills');
    const first = run!.events.find((e) => e.type === 'key.evicted')!.at;
    expect(captions.get('eviction-fills')).toContain(`It is full after ${(first / 1000).toFixed(1)} s`);
    expect(captions.get('eviction-fills')).toContain(`In 6 s, ${run!.evicted.length} keys are evicted, ${run!.evicted.filter((key) => !isHot(key)).length} of them past user:10.`);
  });

  test('13 lru-approximation: the same experiment as the lesson text, out of order 23 (5 samples) and 7 (10 samples)', () => {
    const definition = figures['lru-approximation'];
    const [five, ten, exact] = definition.experiment();
    expect(captions.get('lru-approximation')).toContain(`Redis with 5 samples evicted ${five!.wrongEvictions} keys and with 10 samples ${ten!.wrongEvictions}; true LRU evicts none.`);
    expect(exact!.wrongEvictions).toBe(0);
    expect([five!.old.length, five!.added.length]).toEqual([300, 150]);
    expect(captions.get('lru-approximation')).toContain('300 keys, then 150 added');
  });

  test('13 lfu-keeps-hot: the ten most-read keys evicted 54 times under LRU (user:1 once), 34 under LFU (user:1 never)', () => {
    const [lru, lfu] = outcomes('lfu-keeps-hot');
    const user1 = (o: FigureOutcome) => o.evicted.filter((key) => key === 'user:1').length;
    expect(captions.get('lfu-keeps-hot')).toContain(
      `LRU evicted one of the ten most-read keys ${times(lru!.evicted.filter(isHot).length)} (user:1 ${times(user1(lru!))}), LFU ${times(lfu!.evicted.filter(isHot).length)} (user:1 ${times(user1(lfu!))}); ${pct(lru!.metrics.hitRatio)} against ${pct(lfu!.metrics.hitRatio)} of reads hit.`,
    );
  });

  test('14 hash-one-field: the JSON rewrite sends 52 bytes of value, the HSET 2; the hash keeps its TTL', () => {
    const [json, hash] = outcomes('hash-one-field');
    const lastWrite = (o: FigureOutcome, name: string) => o.events.findLast((e) => e.type === 'redis.executed' && e.argv[0] === name);
    const set = lastWrite(json!, 'SET');
    const hset = lastWrite(hash!, 'HSET');
    if (set?.type !== 'redis.executed' || hset?.type !== 'redis.executed') throw new Error('no write');
    expect(captions.get('hash-one-field')).toContain(`SET of the whole ${set.argv[2]!.length}-byte value`);
    expect(hset.argv.slice(1)).toEqual(['product:1', 'price', '81']);
    expect(captions.get('hash-one-field')).toContain('HSET product:1 price 81, 2 bytes');
    // The hash keeps its name and tags and its TTL.
    const { engine } = startFigure(figures['hash-one-field'])[1]!.store.getState();
    const state = engine.stateAt(hash!.events, hash!.events.length);
    const entry = state.keyspace.get('product:1')!;
    expect(entry.expireAt).not.toBeNull();
    expect(entry.value).toMatch(/name=Trail shoe/);
  });

  test('14 tag-set-vs-scan: 3 commands with the set; 14 by SCAN (4 SCANs, 8 HGETs, UNLINK, XADD)', () => {
    const [set, scan] = outcomes('tag-set-vs-scan');
    expect(captions.get('tag-set-vs-scan')).toContain(`With its set the app sends ${set!.metrics.redisCommands} commands (SMEMBERS, UNLINK, XADD)`);
    expect(captions.get('tag-set-vs-scan')).toContain(`by SCAN, ${scan!.metrics.redisCommands}: four SCAN calls, an HGET of each of the eight products`);
    expect([commands(scan!, 'SCAN'), commands(scan!, 'HGET'), commands(scan!, 'UNLINK'), commands(scan!, 'XADD')]).toEqual([4, 8, 1, 1]);
    expect(set!.metrics.redisCommands).toBe(3);
  });

  test('15: 2 stale local reads without sync; 3 messages and 0 with pub/sub; 1 lost message and 1 stale read with loss', () => {
    const [none] = outcomes('stale-local-copy');
    expect(captions.get('stale-local-copy')).toContain(`Of the next three reads, ${none!.metrics.staleLocalReads} come from a stale local copy.`);
    const [pubsub] = outcomes('pubsub-drops-copies');
    expect(captions.get('pubsub-drops-copies')).toContain(`the write sends ${sentMessages(pubsub!)} messages, one to each instance`);
    expect(captions.get('pubsub-drops-copies')).toContain(`${pubsub!.metrics.staleLocalReads} stale local reads.`);
    const [lossy] = outcomes('lost-message');
    expect(captions.get('lost-message')).toContain(`${lostMessages(lossy!)} of the ${sentMessages(lossy!)} messages never arrives, and the instance it was for answers ${lossy!.metrics.staleLocalReads} read from its stale copy.`);
  });
});
