/**
 * Lesson 13 states numbers measured on its lab: each is rerun here and must still appear in the
 * text, so a change to the emulator's eviction or the scenario that moves a number fails until the
 * lesson says the new one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparePolicies, LRU_EXPERIMENT_KEYS, LRU_EXPERIMENT_SAMPLES, lruExperiment } from '../../src/scenarios/eviction-compare.ts';
import { createSimulation } from '../../src/scenarios/simulation.ts';
import { RedisEmulator } from '../../src/redis/emulator.ts';
import { COMPARE_MS } from '../../src/components/lab/EvictionPanel.tsx';

const lesson = readFileSync(join(import.meta.dirname, '..', '..', 'content', '13-when-the-cache-is-full.md'), 'utf8').replace(/\s+/g, ' ');
const LAB = { maxmemoryPolicy: 'allkeys-lru', cacheKeys: 25, readRatePerSec: 20, zipf: 1 };
const pct = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

describe('the policy comparison the lesson quotes (Run every policy, 120 s, seed 1)', () => {
  const results = comparePolicies(createSimulation, LAB, 1, COMPARE_MS);
  const of = (policy: string) => results.find((r) => r.policy === policy)!;

  it('runs two minutes, as the lesson says', () => {
    expect(COMPARE_MS).toBe(120_000);
    expect(lesson).toContain('Over two minutes from a cold cache');
  });

  it('states each policy’s hit ratio', () => {
    expect(lesson).toContain(`${pct(of('allkeys-lru').hitRatio)} hits for \`allkeys-lru\``);
    expect(lesson).toContain(`${pct(of('allkeys-lfu').hitRatio)} for \`allkeys-lfu\``);
    expect(lesson).toContain(`${pct(of('allkeys-random').hitRatio)} for \`allkeys-random\``);
    expect(lesson).toContain(`${pct(of('volatile-ttl').hitRatio)} for \`volatile-ttl\``);
    expect(lesson).toContain(`${pct(of('allkeys-lfu').hitRatio)} of reads hit against ${pct(of('allkeys-lru').hitRatio)}`);
    expect(lesson).toContain(`(${pct(of('volatile-ttl').hitRatio)} against ${pct(of('allkeys-random').hitRatio)})`);
    expect(lesson).toContain(`close to LRU's (${pct(of('noeviction').hitRatio)})`);
  });

  it('states how many database reads LFU saved, and that noeviction evicts nothing', () => {
    expect(lesson).toContain(`with ${of('allkeys-lru').dbReads - of('allkeys-lfu').dbReads} fewer database reads in two minutes`);
    expect(of('noeviction').evicted).toBe(0);
    expect(of('allkeys-lru').evicted).toBeGreaterThan(0);
  });

  it('10 samples instead of 5 move LRU’s hit ratio by less than half a point', () => {
    const [ten] = comparePolicies(createSimulation, { ...LAB, maxmemorySamples: 10 }, 1, COMPARE_MS, ['allkeys-lru']);
    expect(Math.abs(ten!.hitRatio - of('allkeys-lru').hitRatio)).toBeLessThan(0.005);
    expect(lesson).toContain('moved the hit ratio by less than half a point');
  });
});

describe('the lab itself', () => {
  it('keeps about 25 of the 100 keys, and fills within a few seconds', () => {
    const sim = createSimulation({ scenario: 'eviction', options: LAB });
    sim.runUntil(5_000);
    const firstEviction = sim.trace.find((e) => e.type === 'key.evicted');
    expect(firstEviction?.at).toBeLessThan(5_000);
    sim.runUntil(60_000);
    const kept = (sim.redis as RedisEmulator).snapshot(0).length;
    expect(kept).toBeGreaterThanOrEqual(23);
    expect(kept).toBeLessThanOrEqual(27);
    expect(lesson).toContain('gives Redis room for about 25 of them');
  });

  const evictedIds = (maxmemoryPolicy: string) => {
    const sim = createSimulation({ scenario: 'eviction', options: { ...LAB, maxmemoryPolicy } });
    sim.runUntil(COMPARE_MS);
    return sim.trace.flatMap((e) => (e.type === 'key.evicted' ? [Number(e.key.split(':')[1])] : []));
  };

  it('evicts mostly keys past user:10, and user:1 as often as the lesson says (LRU 5 times, LFU never)', () => {
    const lru = evictedIds('allkeys-lru');
    expect(lru.filter((id) => id > 10).length / lru.length).toBeGreaterThan(0.75);
    expect(lesson).toContain('the evicted keys are mostly the less popular keys, past `user:10`');
    const lruUser1 = lru.filter((id) => id === 1).length;
    expect(lesson).toContain(`read about four times a second, ${lruUser1} times in those two minutes`);
    expect(evictedIds('allkeys-lfu')).not.toContain(1);
    expect(lesson).toContain('LFU never evicted it.');
  });
});

describe('the LRU experiment (Redis’s documented test, on the emulator)', () => {
  const [five, ten, exact] = lruExperiment(LRU_EXPERIMENT_KEYS, LRU_EXPERIMENT_SAMPLES);

  it('is the test the lesson describes', () => {
    expect([LRU_EXPERIMENT_KEYS, ...LRU_EXPERIMENT_SAMPLES]).toEqual([300, 5, 10]);
    expect(lesson).toContain('300 keys are read one after another, a second apart');
    expect(lesson).toContain('150 new keys are added. Exact LRU evicts precisely the 150 oldest.');
  });

  it('states how many keys 5 and 10 samples evicted out of order', () => {
    expect(lesson).toContain(`Redis with 5 samples evicted ${five!.wrongEvictions} keys that exact LRU would have kept`);
    expect(lesson).toContain(`with 10 samples, ${ten!.wrongEvictions}.`);
    expect(ten!.wrongEvictions).toBeLessThan(five!.wrongEvictions);
    expect(exact!.wrongEvictions).toBe(0);
  });

  it('kept about as many of the oldest keys instead, and no new key was evicted', () => {
    const oldestKept = five!.old.slice(0, 150).filter(Boolean).length;
    expect(Math.abs(oldestKept - five!.wrongEvictions)).toBeLessThanOrEqual(3);
    expect(five!.added.every(Boolean)).toBe(true);
  });
});

describe('the LFU counter the lesson quotes (lfu-log-factor 10)', () => {
  it.each([
    [100, 'a key read 100 times as'],
    [1_000, 'a thousand times as'],
    [10_000, 'ten thousand times as'],
    [100_000, 'a hundred thousand times as'],
  ])('%i reads', (reads, words) => {
    const clock = 1_700_000_000_000;
    const redis = new RedisEmulator({ now: () => clock, seed: 3 });
    const session = redis.createSession();
    redis.exec(['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu'], session);
    redis.exec(['SET', 'k', 'v'], session);
    for (let i = 0; i < reads; i++) redis.exec(['GET', 'k'], session);
    const freq = redis.exec(['OBJECT', 'FREQ', 'k'], session);
    expect(freq.type).toBe('integer');
    expect(lesson).toContain(`${words} ${String((freq as { value: unknown }).value)}`);
  });
});

describe('the predict checks’ situations (30 s into the lab)', () => {
  const reveal = (maxmemoryPolicy: string) => {
    const sim = createSimulation({ scenario: 'eviction', options: { ...LAB, maxmemoryPolicy, readRatePerSec: 20 } });
    sim.runUntil(30_000);
    const from = sim.trace.length;
    sim.apply({ type: 'read', key: 'user:100' });
    sim.runUntilIdle();
    return sim.trace.slice(from).filter((e) => e.type === 'redis.executed' && e.argv[1] === 'user:100');
  };

  it('user:100 misses; under allkeys-lru its SET is stored', () => {
    const [get, set] = reveal('allkeys-lru');
    expect(get?.type === 'redis.executed' && get.outcome).toBe('miss');
    expect(set?.type === 'redis.executed' && set.reply.type).toBe('status');
  });

  it('under noeviction its SET is refused with OOM', () => {
    const [get, set] = reveal('noeviction');
    expect(get?.type === 'redis.executed' && get.outcome).toBe('miss');
    expect(set?.type === 'redis.executed' && set.reply.type === 'error' && set.reply.message).toMatch(/^OOM command not allowed/);
  });
});
