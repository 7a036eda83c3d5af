/**
 * Lesson 15's lab: each app instance's local cache in front of Redis, kept in sync by real Redis
 * messages (pub/sub, keyspace notifications, CLIENT TRACKING) carried on the virtual clock with a
 * seeded delay and loss. Also pins every number the lesson states to a rerun of its lab.
 */
import { createSimulation } from '../../src/scenarios/simulation.ts';
import type { TraceEvent } from '../../src/scenarios/events.ts';
import type { Simulation } from '../../src/scenarios/types.ts';
import { localCaches } from '../../src/components/lab/local-view.ts';
import { describeEvent } from '../../src/components/lab/narration.ts';

const METHODS = ['pubsub', 'keyspace', 'tracking', 'bcast'] as const;

/** Every instance reads user:1 and user:2, then each key is written, then every instance reads both again; twice over. */
function scripted(options: Record<string, unknown>): Simulation {
  const sim = createSimulation({ scenario: 'many-caches', options });
  let at = 0;
  for (let round = 0; round < 2; round++) {
    for (const key of ['user:1', 'user:2']) {
      for (let instance = 0; instance < 3; instance++) sim.apply({ type: 'read', key, instance }, (at += 200));
      sim.apply({ type: 'write', key, instance: round }, (at += 200));
      for (let instance = 0; instance < 3; instance++) sim.apply({ type: 'read', key, instance }, (at += 200));
    }
  }
  sim.runUntil(at + 1000);
  return sim;
}

const messages = (trace: readonly TraceEvent[]) => trace.filter((e): e is Extract<TraceEvent, { type: 'sync.message' }> => e.type === 'sync.message');

describe('local caches kept in sync by Redis messages', () => {
  test.each(METHODS)('%s with no delay and no loss: no stale local read', (syncMethod) => {
    const m = scripted({ syncMethod }).metrics();
    expect(m.localHits).toBeGreaterThan(0);
    expect(m.staleLocalReads).toBe(0);
  });

  test('with no sync, the other instances serve their old copies', () => {
    const m = scripted({ syncMethod: 'none' }).metrics();
    expect(m.staleLocalReads).toBeGreaterThan(0);
    expect(m.staleLocalReads).toBeLessThanOrEqual(m.staleReads);
  });

  test.each(METHODS)('%s with every message lost: stale local reads, and no message delivered', (syncMethod) => {
    const sim = scripted({ syncMethod, messageLoss: 1 });
    expect(sim.metrics().staleLocalReads).toBeGreaterThan(0);
    expect(messages(sim.trace).every((e) => e.lost)).toBe(true);
    expect(sim.trace.some((e) => e.type === 'sync.delivered')).toBe(false);
  });

  test('a message arrives after redisLatencyMs + messageDelayMs; reads before it are stale, after it are not', () => {
    const sim = createSimulation({ scenario: 'many-caches', options: { syncMethod: 'pubsub', messageDelayMs: 300 } });
    for (let instance = 0; instance < 3; instance++) sim.apply({ type: 'read', key: 'user:1', instance }, 100 * (instance + 1));
    sim.apply({ type: 'write', key: 'user:1', instance: 0 }, 500);
    sim.runUntil(700);
    const sent = messages(sim.trace);
    expect(sent).toHaveLength(3);
    for (const message of sent) expect(message.arrivesAt - message.at).toBe(1 + 300);
    sim.apply({ type: 'read', key: 'user:1', instance: 1 }, 560); // the write committed at 540; the message is on its way
    expect(sim.metrics().staleLocalReads).toBe(1);
    sim.apply({ type: 'read', key: 'user:1', instance: 2 }, sent[0]!.arrivesAt + 1);
    sim.runUntilIdle();
    expect(sim.metrics().staleLocalReads).toBe(1);
  });

  test('the messages are the frames Redis sends each method', () => {
    const frames = Object.fromEntries(
      METHODS.map((syncMethod) => {
        const sim = createSimulation({ scenario: 'many-caches', options: { syncMethod } });
        sim.apply({ type: 'read', key: 'user:1', instance: 0 }, 0);
        sim.apply({ type: 'read', key: 'user:1', instance: 1 }, 200);
        sim.apply({ type: 'write', key: 'user:1', instance: 2 }, 400);
        sim.runUntil(800);
        return [syncMethod, messages(sim.trace.filter((e) => e.at >= 400)).map((e) => `${e.instance}:${e.frame.join(' ')}`)];
      }),
    );
    expect(frames['pubsub']).toEqual(['0:message invalidate user:1', '1:message invalidate user:1', '2:message invalidate user:1']);
    expect(frames['keyspace']).toEqual([0, 1, 2].map((i) => `${i}:pmessage __keyspace@0__:user:* __keyspace@0__:user:1 del`));
    // Default mode: only app 2 (instance 1) read user:1 from Redis since its last change (app 1's read missed and SET it).
    expect(frames['tracking']).toEqual(['1:message __redis__:invalidate [user:1]']);
    expect(frames['bcast']).toEqual([0, 1, 2].map((i) => `${i}:message __redis__:invalidate [user:1]`));
  });

  test('a local cache keeps at most localCacheSize keys, least recently used out first, each for localTtlMs', () => {
    const sim = createSimulation({ scenario: 'many-caches', options: { localCacheSize: 2, localTtlMs: 5000 } });
    for (const [i, key] of ['user:1', 'user:2', 'user:3'].entries()) sim.apply({ type: 'read', key, instance: 1 }, i * 100);
    for (const [i, key] of ['user:1', 'user:2', 'user:1', 'user:3'].entries()) sim.apply({ type: 'read', key, instance: 0 }, 1000 + i * 100);
    sim.runUntil(1500);
    const view = localCaches(sim.trace, sim.trace.length, 1500, 3);
    expect(view.instances[0]!.map((c) => c.key)).toEqual(['user:1', 'user:3']); // user:2 was used least recently
    expect(sim.trace.some((e) => e.type === 'local.dropped' && e.reason === 'evicted' && e.key === 'user:2')).toBe(true);
    expect(localCaches(sim.trace, sim.trace.length, 1300 + 5001, 3).instances[0]!.map((c) => c.key)).toEqual(['user:3']);
    const before = sim.metrics().localHits;
    sim.apply({ type: 'read', key: 'user:1', instance: 0 }, 1200 + 5001); // past its local TTL: asks Redis again
    sim.runUntilIdle();
    expect(sim.metrics().localHits).toBe(before);
    expect(sim.trace.some((e) => e.type === 'local.dropped' && e.reason === 'expired')).toBe(true);
  });

  test('changing the sync method mid-run rewires every instance', () => {
    const sim = createSimulation({ scenario: 'many-caches', options: { syncMethod: 'none' } });
    for (let instance = 0; instance < 3; instance++) sim.apply({ type: 'read', key: 'user:1', instance }, 100 * (instance + 1));
    sim.apply({ type: 'setOption', name: 'syncMethod', value: 'bcast' }, 500);
    sim.apply({ type: 'write', key: 'user:1', instance: 0 }, 600);
    sim.apply({ type: 'read', key: 'user:1', instance: 1 }, 800);
    sim.apply({ type: 'setOption', name: 'syncMethod', value: 'pubsub' }, 900);
    sim.apply({ type: 'console', line: 'CLIENT LIST' }, 950);
    sim.runUntil(1000);
    expect(sim.metrics().staleLocalReads).toBe(0);
    const list = sim.trace.filter((e) => e.type === 'redis.reply' && e.actor === 'console').at(-1);
    const text = list?.type === 'redis.reply' && list.reply.type === 'verbatim' ? list.reply.value : '';
    // After the switch: three subscribers on one channel, no connection tracking any more.
    expect(text.match(/flags=P /g)).toHaveLength(3);
    expect(text).not.toMatch(/flags=t/);
  });

  test('the same seed replays the same trace; another seed loses other messages', () => {
    const run = (seed: number) => {
      const sim = createSimulation({ scenario: 'many-caches', seed, options: { syncMethod: 'bcast', messageLoss: 0.3, messageDelayMs: 50, readRatePerSec: 20, writeRatePerSec: 2 } });
      sim.runUntil(20_000);
      return sim;
    };
    const a = run(7);
    expect(JSON.stringify(run(7).trace)).toBe(JSON.stringify(a.trace));
    expect(messages(run(8).trace).map((e) => e.lost)).not.toEqual(messages(a.trace).map((e) => e.lost));
    const lost = messages(a.trace).filter((e) => e.lost).length / messages(a.trace).length;
    expect(lost).toBeGreaterThan(0.2);
    expect(lost).toBeLessThan(0.4);
  });

  test('traced and untraced runs count the same', () => {
    const options = { syncMethod: 'tracking', messageLoss: 0.2, readRatePerSec: 30, writeRatePerSec: 1 };
    const traced = createSimulation({ scenario: 'many-caches', options });
    const untraced = createSimulation({ scenario: 'many-caches', options, trace: false });
    traced.runUntil(30_000);
    untraced.runUntil(30_000);
    expect(untraced.metrics()).toEqual(traced.metrics());
  });
});

describe('the narration says where a read was answered', () => {
  test.each(['none', ...METHODS] as const)('%s: a local hit is never narrated as asking Redis; a local miss is', (syncMethod) => {
    const trace = scripted({ syncMethod }).trace;
    const servedFrom = new Map<number, string>();
    const askedRedis = new Set<number>();
    for (const e of trace) {
      if (e.type === 'request.served') servedFrom.set(e.requestId, e.from);
      if (e.type === 'redis.command' && e.requestId !== null) askedRedis.add(e.requestId);
    }
    let localHits = 0;
    let localMisses = 0;
    for (const e of trace) {
      if (e.type !== 'request.arrived' || e.kind !== 'read') continue;
      const sentence = describeEvent(e)!;
      if (servedFrom.get(e.requestId) === 'local') {
        localHits++;
        expect(askedRedis.has(e.requestId)).toBe(false);
        expect(sentence).not.toMatch(/asks Redis/);
        expect(sentence).toMatch(/local cache: Redis is not asked/);
        // No other sentence of that request mentions Redis either.
        for (const other of trace) {
          if (other !== e && 'requestId' in other && other.requestId === e.requestId) expect(describeEvent(other) ?? '').not.toMatch(/Redis/);
        }
      } else {
        localMisses++;
        expect(askedRedis.has(e.requestId)).toBe(true);
        expect(sentence).toMatch(/no local copy, so it asks Redis/);
      }
    }
    expect(localHits).toBeGreaterThan(0);
    expect(localMisses).toBeGreaterThan(0);
  });
});

describe('the numbers lesson 15 states are what its lab shows', () => {
  // content/15-many-caches-in-sync.md, "When messages are late or lost": the second lab's options, 60 s of its run.
  const lab = { syncMethod: 'pubsub', messageLoss: 0.2, readRatePerSec: 20, writeRatePerSec: 1, localTtlMs: 30000 };
  test.each([
    ['the lab as it opens', {}, 1229, 250],
    ['no sync', { syncMethod: 'none' }, 1229, 716],
    ['every message 500 ms late', { messageLoss: 0, messageDelayMs: 500 }, 1229, 149],
    ['no loss, no delay', { messageLoss: 0 }, 1229, 25],
  ] as const)('%s', (_name, change, reads, staleLocalReads) => {
    const sim = createSimulation({ scenario: 'many-caches', options: { ...lab, ...change } });
    sim.runUntil(60_000);
    const m = sim.metrics();
    expect(m.reads).toBe(reads);
    expect(m.staleLocalReads).toBe(staleLocalReads);
  });
});
