/**
 * Figures the lessons quote from their labs (content/*.md). If the simulation changes so that one
 * of these moves, the lesson text must change with it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLessons } from '../../src/lessons/build/load.ts';
import type { LabBlockSpec } from '../../src/lessons/types.ts';
import { createSimulation } from '../../src/scenarios/simulation.ts';
import { metricsOf } from '../../src/scenarios/metrics.ts';
import type { ValueServed } from '../../src/scenarios/events.ts';
import type { ScenarioId, Simulation } from '../../src/scenarios/types.ts';

const root = join(import.meta.dirname, '..', '..');
const lessons = await loadLessons(join(root, 'content'), root);
const lessonText = (file: string): string => readFileSync(join(root, 'content', file), 'utf8');

/** The lesson's own lab (options and seed), so a figure is measured exactly where the learner measures it. */
function labOf(file: string, index = 0): LabBlockSpec {
  const lesson = lessons.find((l) => l.file.endsWith(file));
  const labs = lesson?.module.blocks.flatMap((b) => (b.kind === 'lab' ? [b.lab] : [])) ?? [];
  if (!labs[index]) throw new Error(`${file} has no lab ${index}`);
  return labs[index];
}

function startLab(lab: LabBlockSpec): Simulation {
  return createSimulation({ scenario: lab.scenario as ScenarioId, options: lab.options ?? {}, ...(lab.seed === undefined ? {} : { seed: lab.seed }) });
}

const latencies = (sim: Simulation): number[] => sim.trace.filter((e): e is ValueServed => e.type === 'request.served').map((e) => e.latencyMs);

describe('figures quoted by the lessons', () => {
  test('06 TTLs: 22 database reads in second 5 without jitter; 3, 4, 10, 3 in seconds 5-8 with 3,000 ms', () => {
    const readsPerSecond = (jitterMs: number): number[] => {
      const sim = createSimulation({ scenario: 'ttl', options: { ttlMs: 5000, jitterMs }, seed: 1 });
      sim.runUntil(9000);
      return sim.timeSeries().slice(5, 9).map((b) => b.dbReads);
    };
    expect(readsPerSecond(0)[0]).toBe(22);
    expect(readsPerSecond(3000)).toEqual([3, 4, 10, 3]);
  });

  test('05 pattern invalidation: SCAN MATCH user:42:* COUNT 3 walks cursors 14, 9, 5, 11, 0', () => {
    const sim = createSimulation({ scenario: 'pattern-invalidation', seed: 1 });
    const cursors: string[] = [];
    let cursor = '0';
    do {
      const reply = sim.consoleExec(`SCAN ${cursor} MATCH user:42:* COUNT 3`);
      if (reply.type !== 'array' || !reply.value || reply.value[0]?.type !== 'bulk') throw new Error('not a SCAN reply');
      cursor = reply.value[0].value ?? '0';
      cursors.push(cursor);
    } while (cursor !== '0' && cursors.length < 20);
    expect(cursors).toEqual(['14', '9', '5', '11', '0']);
  });

  test('10 stampede: plain 50 reads (last reader ~500 ms), lock 1 (~120 ms), coalesce on 4 instances 4 (~100 ms)', () => {
    const base = { burstSize: 50, ttlMs: 5000, dbLatencyMs: 100, lockTtlMs: 2000, retryMs: 20 };
    const burst = (strategy: string, instances: number): Simulation => {
      const sim = createSimulation({ scenario: 'stampede', options: { ...base, strategy, instances }, seed: 1 });
      sim.apply({ type: 'burst', key: 'user:1', count: 50 });
      sim.runUntilIdle();
      return sim;
    };
    const plain = burst('plain', 1);
    expect(plain.metrics().dbReads).toBe(50);
    expect(Math.max(...latencies(plain))).toBeGreaterThanOrEqual(500);
    expect(Math.max(...latencies(plain))).toBeLessThan(520);
    const lock = burst('lock', 1);
    expect(lock.metrics().dbReads).toBe(1);
    expect(Math.max(...latencies(lock))).toBeGreaterThanOrEqual(100);
    expect(Math.max(...latencies(lock))).toBeLessThan(140);
    const coalesce = burst('coalesce', 4);
    expect(coalesce.metrics().dbReads).toBe(4);
    expect(Math.max(...latencies(coalesce))).toBeLessThan(110);
  });

  test('10 stampede: swr after the soft TTL answers all 50 from the cache with one background refresh', () => {
    const sim = createSimulation({ scenario: 'stampede', options: { strategy: 'swr', softTtlMs: 3000, ttlMs: 5000 }, seed: 1 });
    sim.apply({ type: 'read', key: 'user:1' });
    sim.runUntilIdle();
    sim.runUntil(3300);
    sim.apply({ type: 'burst', key: 'user:1', count: 50 });
    sim.runUntilIdle();
    expect(sim.metrics().hits).toBe(50);
    expect(sim.metrics().dbReads).toBe(2);
  });

  test('11 null caching: "Request a missing key" asks for user:404', () => {
    const sim = createSimulation({ scenario: 'null-caching', options: { nullTtlMs: 30_000 }, seed: 1 });
    sim.apply({ type: 'readMissing' });
    sim.runUntilIdle();
    sim.apply({ type: 'readMissing' });
    sim.runUntilIdle();
    const reads = sim.trace.filter((e): e is ValueServed => e.type === 'request.served');
    expect(reads.map((e) => [e.key, e.hit])).toEqual([['user:404', false], ['user:404', true]]);
    expect(sim.metrics().dbReads).toBe(1);
  });

  test('12 playground: about 70% with a 5 s TTL, about 92% over a minute with 60 s', () => {
    const ratio = (ttlMs: number): number => {
      const sim = createSimulation({ scenario: 'playground', options: { keyCount: 1000, readRatePerSec: 200, writeRatePerSec: 0, zipf: 1, ttlMs }, seed: 1 });
      sim.runUntil(60_000);
      return sim.metrics().hitRatio;
    };
    expect(ratio(5000)).toBeCloseTo(0.7, 1);
    expect(ratio(60_000)).toBeCloseTo(0.92, 2);
  });

  test('08 measuring: following Try it, the hit ratio before the first change and 30 s after each TTL change is what the lesson says', () => {
    const quoted = /hit ratio read about (\d+)% before the first change, then (\d+)% and (\d+)% 30 s after each change/.exec(
      lessonText('08-measuring.md').replace(/\s+/g, ' '),
    );
    expect(quoted).not.toBeNull();
    const sim = startLab(labOf('08-measuring.md'));
    sim.runUntil(30_000);
    const measured = [sim.metrics().hitRatio];
    // The panel's headline counts from the learner's last change: the events after it.
    for (const [ttlMs, until] of [[2000, 60_000], [5000, 90_000]] as const) {
      const from = sim.trace.length;
      sim.apply({ type: 'setOption', name: 'ttlMs', value: ttlMs });
      sim.runUntil(until);
      measured.push(metricsOf(sim.trace, from).hitRatio);
    }
    // "About": within 1.5 points of each quoted figure (measured 66.7%, 78.5%, 90.3%).
    measured.forEach((ratio, i) => expect(Math.abs(ratio * 100 - Number(quoted![i + 1]))).toBeLessThan(1.5));
  });

  test('10 stampede: the XFetch burst 100 ms before expiry sends as many early recomputes as the lesson says', () => {
    const quoted = /about (\d+) of 50 on average, (\d+) in the lab/.exec(lessonText('10-cache-stampede.md'));
    expect(quoted).not.toBeNull();
    const sim = startLab(labOf('10-cache-stampede.md'));
    sim.apply({ type: 'setOption', name: 'strategy', value: 'xfetch' });
    sim.apply({ type: 'read', key: 'user:1' });
    sim.runUntilIdle();
    sim.runUntil(sim.nextExpiryAt('user:1')! - 100);
    sim.apply({ type: 'burst', key: 'user:1', count: 50 });
    sim.runUntilIdle();
    expect(sim.metrics().earlyRecomputes).toBe(Number(quoted![2]));
    // The average the lesson quotes is the closed form: 50 · e^{-100 ms / (δβ)} with δ = 100 ms, β = 1.
    expect(Number(quoted![1])).toBe(Math.round(50 * Math.exp(-1)));
  });
});
