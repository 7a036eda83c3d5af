/**
 * Every lesson scenario replayed headlessly with a scripted set of learner actions, asserting
 * the outcome the lesson teaches (as learnGitBranching replays each level's solution).
 */
import { optionHelp } from '../../src/scenarios/option-help.ts';
import type { OptionName } from '../../src/scenarios/options.ts';
import { createSimulation } from '../../src/scenarios/simulation.ts';
import { scenarios } from '../../src/scenarios/registry.ts';
import { stateAt } from '../../src/scenarios/views.ts';
import type { LearnerAction, ScenarioId, Simulation } from '../../src/scenarios/types.ts';
import type { ValueServed } from '../../src/scenarios/events.ts';

function run(scenario: ScenarioId, options: Record<string, unknown>, steps: (LearnerAction | number)[]): Simulation {
  const sim = createSimulation({ scenario, options, seed: 1 });
  for (const step of steps) {
    if (typeof step === 'number') sim.runUntil(sim.now + step);
    else {
      sim.apply(step);
      sim.runUntilIdle();
    }
  }
  return sim;
}

const served = (sim: Simulation): ValueServed[] => sim.trace.filter((e): e is ValueServed => e.type === 'request.served');

describe('lesson scenarios', () => {
  test('every id of docs/architecture.md has a scenario with options, actions and a description', () => {
    expect(scenarios.map((s) => s.id)).toEqual([
      'basics', 'read-write-mix', 'read-path', 'invalidation', 'pattern-invalidation', 'ttl',
      'outage', 'hit-ratio', 'best-practices', 'stampede', 'null-caching', 'playground',
      'eviction', // lesson 13
      // Lesson 14 (h-types).
      'data-types',
      // h-sync
      'many-caches',
    ]);
    for (const s of scenarios) {
      expect(s.title.length).toBeGreaterThan(3);
      expect(s.description.length).toBeGreaterThan(20);
      expect(s.actions.length).toBeGreaterThan(0);
      for (const [name, spec] of Object.entries(s.optionSchema)) expect((optionHelp[name as OptionName] ?? spec.description ?? '').length, name).toBeGreaterThan(10);
      // The defaults pass their own validation.
      const defaults = Object.fromEntries(Object.entries(s.optionSchema).map(([k, v]) => [k, v.default]));
      expect(s.validateOptions(defaults).messages).toEqual([]);
    }
  });

  test('basics: a miss loads the database, the next read hits, a write invalidates', () => {
    const sim = run('basics', {}, [{ type: 'read', key: 'user:1' }, { type: 'read', key: 'user:1' }, { type: 'write', key: 'user:1' }, { type: 'read', key: 'user:1' }]);
    const reads = served(sim).filter((e) => e.kind === 'read');
    expect(reads.map((e) => [e.hit, e.version])).toEqual([[false, 1], [true, 1], [false, 2]]);
    expect(sim.metrics().dbReads).toBe(2);
    expect(sim.metrics().dbWrites).toBe(1);
  });

  test('read-write-mix: a minute of reads and writes gives a hit ratio between the extremes', () => {
    const sim = createSimulation({ scenario: 'read-write-mix', seed: 1 });
    sim.runUntil(60_000);
    const m = sim.metrics();
    expect(m.reads).toBeGreaterThan(1000);
    expect(m.dbWrites).toBeGreaterThan(20);
    expect(m.hitRatio).toBeGreaterThan(0.5);
    expect(m.hitRatio).toBeLessThan(1);
  });

  test('read-path: the lines run in lesson order, the key expires, then misses again', () => {
    const sim = run('read-path', {}, [{ type: 'read', key: 'user:2' }]);
    const lines = sim.trace.flatMap((e) => (e.type === 'code.line' ? [e.lineId] : []));
    expect(lines).toEqual(['get', 'db-read', 'set', 'return']);
    expect(sim.nextExpiryAt()).not.toBeNull();
    sim.apply({ type: 'fastForwardToExpiry' });
    expect(stateAt(sim.trace, sim.trace.length).keyspace.has('user:2')).toBe(false);
    sim.apply({ type: 'read', key: 'user:2' });
    sim.runUntilIdle();
    expect(served(sim).map((e) => e.hit)).toEqual([false, false]);
    sim.apply({ type: 'readMissing' });
    sim.runUntilIdle();
    expect(served(sim).at(-1)!.version).toBeNull();
  });

  test('invalidation: the stale-set race leaves v1 cached while the database has v2', () => {
    const scenario = scenarios.find((s) => s.id === 'invalidation')!;
    const sim = createSimulation({ scenario: 'invalidation', seed: 1, actions: scenario.scripts!['stale-set-race']! });
    sim.runUntil(1000);
    const last = served(sim).at(-1)!;
    expect(last.kind).toBe('read');
    expect(last.hit).toBe(true);
    expect(last.version).toBe(1);
    expect(last.stale).toBe(true);
    // Stale until the TTL ends: after expiry the next read loads v2.
    sim.apply({ type: 'fastForwardToExpiry', key: 'user:3' });
    sim.apply({ type: 'read', key: 'user:3' });
    sim.runUntilIdle();
    expect(served(sim).at(-1)!).toMatchObject({ version: 2, stale: false });
  });

  test('pattern-invalidation: stepping SCAN MATCH user:42:* deletes exactly those keys', () => {
    const sim = createSimulation({ scenario: 'pattern-invalidation', seed: 1 });
    sim.runUntil(0);
    const before = [...stateAt(sim.trace, sim.trace.length).keyspace.keys()];
    let steps = 0;
    do {
      sim.apply({ type: 'scanStep', pattern: 'user:42:*', count: 3 });
      steps++;
    } while (!(sim.trace.at(-1)?.type === 'redis.reply' && lastScanCursor(sim) === '0') && steps < 50);
    const after = [...stateAt(sim.trace, sim.trace.length).keyspace.keys()];
    expect(steps).toBeGreaterThan(1);
    expect(before.filter((k) => k.startsWith('user:42:'))).toHaveLength(4);
    expect(after.filter((k) => k.startsWith('user:42:'))).toEqual([]);
    expect(after).toContain('user:420:profile');
    expect(after).toHaveLength(before.length - 4);
  });

  test('ttl: keys cached together expire together, jitter spreads them', () => {
    const expiries = (jitterMs: number): number => {
      const sim = createSimulation({ scenario: 'ttl', options: { jitterMs, readRatePerSec: 0 }, seed: 1 });
      sim.runUntil(0);
      const keyspace = stateAt(sim.trace, sim.trace.length).keyspace;
      return new Set([...keyspace.values()].map((e) => e.expireAt)).size;
    };
    expect(expiries(0)).toBe(1);
    expect(expiries(2000)).toBeGreaterThan(15);
  });

  test('outage: reads time out, retry, fall back to the database; back up, they hit', () => {
    const sim = run('outage', { redisTimeoutMs: 200, retries: 1, backoffMs: 50, dbLatencyMs: 50 }, [
      { type: 'redisDown' },
      { type: 'read', key: 'user:1' },
      { type: 'redisUp' },
      { type: 'read', key: 'user:1' },
    ]);
    const [down, up] = served(sim);
    expect(down).toMatchObject({ from: 'fallback', hit: false, version: 1 });
    expect(down!.latencyMs).toBe(200 + 50 + 200 + 50);
    expect(up).toMatchObject({ from: 'cache', hit: true });
    expect(sim.metrics()).toMatchObject({ errors: 2, fallbacks: 1 });
  });

  test('hit-ratio: a minute of Zipf reads, with a per-second series for the chart', () => {
    const sim = createSimulation({ scenario: 'hit-ratio', seed: 1 });
    sim.runUntil(60_000);
    const m = sim.metrics();
    expect(m.hitRatio).toBeGreaterThan(0.6);
    expect(m.hitRatio).toBeLessThan(0.95);
    const series = sim.timeSeries();
    expect(series.length).toBeGreaterThanOrEqual(60);
    expect(series.reduce((n, s) => n + s.reads, 0)).toBe(m.reads);
  });

  test('best-practices: retries ride out a short blip without falling back', () => {
    const sim = createSimulation({ scenario: 'best-practices', options: { redisTimeoutMs: 100, retries: 2, backoffMs: 25 }, seed: 1 });
    sim.apply({ type: 'redisDown' }, 0);
    sim.apply({ type: 'read', key: 'user:1' }, 0);
    sim.apply({ type: 'redisUp' }, 150);
    sim.runUntilIdle();
    expect(served(sim)[0]).toMatchObject({ from: 'cache', version: 1 });
    expect(sim.metrics()).toMatchObject({ errors: 2, fallbacks: 0 });
    expect(sim.consoleExec('STRLEN user:1')).toMatchObject({ type: 'integer' });
  });

  test.each([
    ['plain', 1, 50],
    ['lock', 1, 1],
    ['coalesce', 1, 1],
    ['coalesce', 3, 3],
    ['lock', 3, 1],
  ] as const)('stampede: a burst of 50 with %s on %d instance(s) makes %d database reads', (strategy, instances, dbReads) => {
    const sim = run('stampede', { strategy, instances }, [{ type: 'burst', key: 'user:1', count: 50 }]);
    const m = sim.metrics();
    expect(m.reads).toBe(50);
    expect(m.dbReads).toBe(dbReads);
  });

  test('stampede: with 10 connections the plain burst queues at the database', () => {
    const m = run('stampede', { strategy: 'plain', dbConnections: 10, dbLatencyMs: 100 }, [{ type: 'burst', key: 'user:1', count: 50 }]).metrics();
    expect(m.dbPeakConcurrency).toBe(10);
    expect(m.latencyMs.p99).toBeGreaterThanOrEqual(500);
  });

  test('null-caching: repeated reads of a missing id stop reaching the database', () => {
    const reads = Array.from({ length: 5 }, () => ({ type: 'readMissing' }) as const);
    expect(run('null-caching', { nullTtlMs: 0 }, reads).metrics().dbReads).toBe(5);
    expect(run('null-caching', { nullTtlMs: 5000 }, reads).metrics().dbReads).toBe(1);
  });

  test('playground: every knob runs, options change mid-run, a Redis outage falls back', () => {
    const sim = createSimulation({ scenario: 'playground', options: { strategy: 'swr', softTtlMs: 1000, ttlMs: 5000 }, seed: 3 });
    sim.runUntil(20_000);
    sim.apply({ type: 'setOption', name: 'strategy', value: 'xfetch' });
    sim.runUntil(40_000);
    sim.apply({ type: 'redisDown' });
    sim.runUntil(45_000);
    sim.apply({ type: 'redisUp' });
    sim.runUntil(50_000);
    const m = sim.metrics();
    expect(m.reads).toBeGreaterThan(800);
    expect(m.fallbacks).toBeGreaterThan(10);
    expect(sim.options.strategy).toBe('xfetch');
    expect(sim.trace.some((e) => e.type === 'request.arrived' && e.kind === 'refresh')).toBe(true);
  });
});

function lastScanCursor(sim: Simulation): string | null {
  for (let i = sim.trace.length - 1; i >= 0; i--) {
    const e = sim.trace[i]!;
    if (e.type === 'redis.reply' && e.argv[0] === 'SCAN' && e.reply.type === 'array' && e.reply.value) {
      const cursor = e.reply.value[0];
      return cursor?.type === 'bulk' ? cursor.value : null;
    }
  }
  return null;
}

describe('every action a scenario offers runs', () => {
  const example = (type: string, key: string): LearnerAction | null => {
    switch (type) {
      case 'read':
      case 'write':
        return { type, key };
      case 'burst':
        return { type, key, count: 5 };
      case 'readMissing':
      case 'fastForwardToExpiry':
      case 'redisDown':
      case 'redisUp':
      case 'dbNormal':
      case 'flushCache':
        return { type } as LearnerAction;
      case 'dbSlow':
        return { type, latencyMs: 300 };
      case 'console':
        return { type, line: `GET ${key}` };
      case 'setOption':
        return { type, name: 'ttlMs', value: 2000 };
      case 'scanStep':
        return { type, pattern: 'user:*', count: 5 };
      case 'slowRead':
        return { type, key, dbLatencyMs: 200 };
      // Lesson 14's app tasks.
      case 'viewProduct':
      case 'updatePrice':
        return { type, key };
      case 'invalidateTag':
      case 'invalidateTagByScan':
        return { type, tag: 'sale' };
      default:
        return null;
    }
  };

  test.each(scenarios.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
    const sim = createSimulation({ scenario: scenario.id, seed: 1 });
    sim.runUntil(100);
    for (const type of scenario.actions) {
      const action = example(type, scenario.defaultKey);
      expect(action, `no example for ${type}`).not.toBeNull();
      sim.apply(action!);
      sim.runUntilIdle(sim.now + 5000);
      expect(sim.trace.some((e) => e.type === 'action' && e.action.type === type)).toBe(true);
    }
    if (scenario.actions.includes('redisDown')) sim.apply({ type: 'redisUp' });
    sim.runUntil(sim.now + 1000);
    expect(sim.metrics().reads + sim.metrics().writes + sim.trace.filter((e) => e.type === 'console').length).toBeGreaterThan(0);
  });
});
