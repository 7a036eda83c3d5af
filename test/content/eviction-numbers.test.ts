/**
 * Lesson 13 states numbers measured on its lab: each is rerun here and must still appear in the
 * text, so a change to the emulator's eviction or the scenario that moves a number fails until the
 * lesson says the new one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { LRU_EXPERIMENT_KEYS, LRU_EXPERIMENT_SAMPLES, lruExperiment } from '../../src/scenarios/eviction-compare.ts';
import { createSimulation } from '../../src/scenarios/simulation.ts';
import { RedisEmulator } from '../../src/redis/emulator.ts';
import { metricAt } from '../../src/components/lab/check.ts';
import { compareSentence, type CompareSpec } from '../../src/scenarios/compare.ts';
import { createCompareStore } from '../../src/store/compare.ts';
import { defaultEngine } from '../../src/store/defaultEngine.ts';
import { selectSnapshot } from '../../src/store/selectors.ts';

const source = readFileSync(join(import.meta.dirname, '..', '..', 'content', '13-when-the-cache-is-full.md'), 'utf8');
const lesson = source.replace(/\s+/g, ' ');
const LAB = { maxmemoryPolicy: 'allkeys-lru', cacheKeys: 25, readRatePerSec: 20, zipf: 1 };
const pct = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

/** The lesson's side-by-side block, as written. */
const pairBlock = (() => {
  const blocks = [...source.matchAll(/```lab\n([\s\S]*?)```/g)].map((m) => parseYaml(m[1]!) as { scenario: string; options: Record<string, unknown>; compare?: CompareSpec });
  const block = blocks.find((b) => b.compare !== undefined)!;
  return { ...block, compare: { ...block.compare!, right: [block.compare!.right].flat() } };
})();

/** The pair with the given right-hand side, at its pause moment: each side's numbers as the lab shows them. */
function runPair(right: number) {
  const { compare, options } = pairBlock;
  const pair = createCompareStore({ scenario: pairBlock.scenario, engine: defaultEngine, options, sides: [compare.left.options, compare.right[right]!.options], pauseAt: compare.pauseAt! });
  pair.getState().seek(compare.pauseAt!);
  const values = (metric: string) =>
    pair.getState().sides.map((side) => {
      const state = side.getState();
      return metricAt(state.trace.events, state.cursor.index, selectSnapshot(state)?.metrics, metric);
    });
  const labels = [compare.left.label, compare.right[right]!.label];
  return {
    labels,
    value: (metric: string, side: 0 | 1) => values(metric)[side]!,
    sentence: (metric: string) => compareSentence(labels, metric, values(metric)),
  };
}

describe('the pair the lesson quotes (LRU beside each policy, paused at two minutes, seed 1)', () => {
  const policy = (i: number) => pairBlock.compare.right[i]!.options.maxmemoryPolicy;
  const runs = pairBlock.compare.right.map((_, i) => runPair(i));
  const of = (name: string) => runs[pairBlock.compare.right.findIndex((_, i) => policy(i) === name)]!;
  const lfu = of('allkeys-lfu');

  it('is LRU on the left, the four policies the lesson discusses on the right, and pauses at two minutes', () => {
    expect(pairBlock.compare.left.options.maxmemoryPolicy).toBe('allkeys-lru');
    expect(pairBlock.compare.right.map((_, i) => policy(i))).toEqual(['allkeys-lfu', 'allkeys-random', 'volatile-ttl', 'noeviction']);
    expect(pairBlock.compare.metrics).toEqual(['hitRatio', 'dbReads', 'keysEvicted']);
    expect(pairBlock.compare.pauseAt).toBe(120_000);
    expect(lesson).toContain('It pauses by itself at two minutes');
    expect({ ...pairBlock.options, maxmemoryPolicy: 'allkeys-lru' }).toEqual(LAB);
  });

  it('states LRU’s and LFU’s hit ratio, database reads and evictions', () => {
    expect(lesson).toContain(`LFU beat LRU clearly: ${pct(lfu.value('hitRatio', 1))} of reads hit against ${pct(lfu.value('hitRatio', 0))}`);
    expect(lesson).toContain(`with ${lfu.value('dbReads', 0) - lfu.value('dbReads', 1)} fewer database reads in two minutes`);
    expect(lesson).toContain(`it made ${lfu.value('keysEvicted', 1)} evictions against LRU's ${lfu.value('keysEvicted', 0)}`);
    // What the pair's numbers line says: one decimal, as the lesson quotes it.
    expect(lfu.sentence('hitRatio')).toBe(`Hit ratio: ${pct(lfu.value('hitRatio', 0))} vs ${pct(lfu.value('hitRatio', 1))} (allkeys-lru ${pct(lfu.value('hitRatio', 0))}, allkeys-lfu ${pct(lfu.value('hitRatio', 1))})`);
  });

  it('states the other right-hand sides’ hit ratios, and that noeviction evicts nothing', () => {
    expect(lesson).toContain(`\`allkeys-random\` hit ${pct(of('allkeys-random').value('hitRatio', 1))} and \`volatile-ttl\` ${pct(of('volatile-ttl').value('hitRatio', 1))}`);
    expect(lesson).toContain(`(${pct(of('volatile-ttl').value('hitRatio', 1))} against ${pct(of('allkeys-random').value('hitRatio', 1))}: pick each`);
    expect(lesson).toContain(`close to LRU's (${pct(of('noeviction').value('hitRatio', 1))}, with ${of('noeviction').value('keysEvicted', 1)} keys evicted`);
    expect(of('noeviction').value('keysEvicted', 1)).toBe(0);
    // The left side is the same run whatever stands on the right.
    expect(new Set(runs.map((run) => run.value('hitRatio', 0))).size).toBe(1);
  });

  it('10 samples instead of 5 move LRU’s hit ratio by less than half a point', () => {
    const ratio = (samples: number) => {
      const sim = createSimulation({ scenario: 'eviction', options: { ...LAB, maxmemorySamples: samples }, seed: 1, trace: false });
      sim.runUntil(pairBlock.compare.pauseAt!);
      return sim.metrics().hitRatio;
    };
    expect(ratio(5)).toBe(lfu.value('hitRatio', 0));
    expect(Math.abs(ratio(10) - ratio(5))).toBeLessThan(0.005);
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
    sim.runUntil(pairBlock.compare.pauseAt!);
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

  it('records when each key went, so the figure can replay the test key by key and end where the numbers do', () => {
    for (const panel of [five!, ten!, exact!]) {
      const still = [...panel.old, ...panel.added];
      expect(panel.evictedAfter.map((after) => after === null)).toEqual(still);
      // Nothing is evicted before the cache is full, and a new key is never evicted before it is added.
      panel.evictedAfter.forEach((after, k) => {
        if (after !== null) expect(after).toBeGreaterThanOrEqual(k < 300 ? 1 : k - 300 + 1);
      });
    }
    expect(exact!.evictedAfter.slice(0, 3)).toEqual([1, 2, 3]);
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

  it('under noeviction each OOM refusal the app hears counts as a failed Redis command, traced or not', () => {
    const options = { ...LAB, maxmemoryPolicy: 'noeviction' };
    const traced = createSimulation({ scenario: 'eviction', options, seed: 1 });
    traced.runUntil(30_000);
    const refusals = traced.trace.filter((e) => e.type === 'redis.reply' && e.actor !== 'console' && e.reply.type === 'error').length;
    expect(refusals).toBeGreaterThan(0);
    expect(traced.metrics().errors).toBe(refusals);
    const untraced = createSimulation({ scenario: 'eviction', options, seed: 1, trace: false });
    untraced.runUntil(30_000);
    expect(untraced.metrics().errors).toBe(refusals);
  });

  it('under noeviction its SET is refused with OOM', () => {
    const [get, set] = reveal('noeviction');
    expect(get?.type === 'redis.executed' && get.outcome).toBe('miss');
    expect(set?.type === 'redis.executed' && set.reply.type === 'error' && set.reply.message).toMatch(/^OOM command not allowed/);
  });
});
