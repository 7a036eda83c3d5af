import { actionFromName, lastActionSeq, windowMetrics } from './check.ts';
import { lastRequiredSeq } from '../../scenarios/actions.ts';
import { buttonText } from '../../scenarios/actions.ts';
import { createSimulation } from '../../scenarios/simulation.ts';
import type { LearnerAction } from '../../scenarios/types.ts';

type Trace = Parameters<typeof windowMetrics>[0];
type Scenario = NonNullable<Parameters<typeof actionFromName>[1]>;

/** A trace from loose event literals: only the fields the check logic reads matter here. */
function trace(...events: Record<string, unknown>[]): Trace {
  return events.map((event, seq) => ({ seq, at: seq * 10, ...event })) as unknown as Trace;
}

const served = (fields: Record<string, unknown>) => ({ type: 'request.served', kind: 'read', key: 'user:1', stale: false, hit: false, from: 'database', latencyMs: 10, ...fields });
const dbStarted = (op: 'read' | 'write', active: number) => ({ type: 'db.started', op, active });
const action = (type: string) => ({ type: 'action', action: { type } });

describe('windowMetrics counts each event kind once, in its own counter (the core\'s metricsOf)', () => {
  const events = trace(
    action('burst'), //                                                     0
    served({ hit: true, from: 'cache', latencyMs: 1 }), //                 1: hit
    served({ hit: false, from: 'database', latencyMs: 40 }), //            2: miss
    served({ hit: true, from: 'cache', stale: true, latencyMs: 2 }), //    3: stale hit
    served({ hit: false, from: 'fallback', latencyMs: 30 }), //            4: fallback (a miss)
    served({ hit: false, from: 'none', latencyMs: 50 }), //                5: failed read
    served({ kind: 'write', hit: false, from: 'database', latencyMs: 99 }), // 6: a write is no read
    dbStarted('read', 1), //                                               7
    dbStarted('read', 3), //                                               8
    dbStarted('write', 2), //                                              9
    { type: 'redis.command', actor: 0, argv: ['GET', 'user:1'] }, //        10
    { type: 'redis.command', actor: 1, argv: ['SET', 'user:1', 'v'] }, //   11
    { type: 'redis.error', actor: 0, error: 'timeout', attempt: 0 }, //     12
    { type: 'db.finished', op: 'read', active: 0 }, //                     13: not counted
    { type: 'redis.command', actor: 'console', argv: ['GET', 'x'] }, //     14: the learner's, not the app's
    { type: 'redis.error', actor: 'console', error: 'down', attempt: 0 }, // 15: not counted either
  );

  test('the whole trace', () => {
    expect(windowMetrics(events, 0, events.length)).toEqual({
      reads: 5,
      hits: 2,
      misses: 3,
      hitRatio: 2 / 5,
      dbReads: 2,
      dbWrites: 1,
      dbPeakConcurrency: 3,
      staleReads: 1,
      staleShare: 1 / 5,
      redisCommands: 2,
      errors: 1,
      fallbacks: 1,
      failedReads: 1,
      keysExpired: 0,
      keysEvicted: 0,
      localHits: 0,
      staleLocalReads: 0,
      // latencies of the reads sorted: 1, 2, 30, 40, 50 (nearest rank)
      'latencyMs.p50': 30,
      'latencyMs.p95': 50,
      'latencyMs.p99': 50,
    });
  });

  test('the window is [from, to): the event at `from` counts, the one at `to` does not', () => {
    const m = windowMetrics(events, 1, 3);
    expect([m.reads, m.hits, m.misses, m.hitRatio]).toEqual([2, 1, 1, 0.5]);
    expect(windowMetrics(events, 2, 2).reads).toBe(0);
  });

  test('out-of-range bounds are clamped, not read past the trace', () => {
    expect(windowMetrics(events, -5, 1000)).toEqual(windowMetrics(events, 0, events.length));
  });

  test('an empty window has zeros, not NaN', () => {
    const m = windowMetrics(events, 7, 10);
    expect(m.reads).toBe(0);
    expect(m.hitRatio).toBe(0);
    expect(m['latencyMs.p50']).toBe(0);
    expect([m.dbReads, m.dbWrites, m.dbPeakConcurrency]).toEqual([2, 1, 3]);
  });

  test('percentiles use the nearest rank of the sorted latencies', () => {
    const latencies = trace(...[40, 10, 30, 20].map((latencyMs) => served({ latencyMs })));
    const m = windowMetrics(latencies, 0, 4);
    expect([m['latencyMs.p50'], m['latencyMs.p95'], m['latencyMs.p99']]).toEqual([20, 40, 40]);
  });
});

describe('lastActionSeq', () => {
  const events = trace(action('read'), served({}), action('burst'), served({}), action('read'), served({}));

  test('finds the last action of the type strictly before the index', () => {
    expect(lastActionSeq(events, 'read', 6)).toBe(4);
    expect(lastActionSeq(events, 'read', 4)).toBe(0);
    expect(lastActionSeq(events, 'burst', 6)).toBe(2);
  });

  test('is -1 when there is none before the index', () => {
    expect(lastActionSeq(events, 'burst', 2)).toBe(-1);
    expect(lastActionSeq(events, 'write', 6)).toBe(-1);
  });

  test('an index past the end searches the whole trace', () => {
    expect(lastActionSeq(events, 'read', 99)).toBe(4);
  });
});

describe('actionFromName', () => {
  const scenario = { defaultKey: 'product:7' } as Scenario;

  test('keyed actions use the scenario default key, else user:1', () => {
    expect(actionFromName('read', scenario, {})).toEqual({ type: 'read', key: 'product:7' });
    expect(actionFromName('write', undefined, {})).toEqual({ type: 'write', key: 'user:1' });
  });

  test('a burst has the lab’s burst size, 50 by default', () => {
    expect(actionFromName('burst', scenario, { burstSize: 12 })).toEqual({ type: 'burst', key: 'product:7', count: 12 });
    expect(actionFromName('burst', scenario, {})).toEqual({ type: 'burst', key: 'product:7', count: 50 });
  });

  test('dbSlow is ten times the database latency, at least 500 ms', () => {
    expect(actionFromName('dbSlow', scenario, { dbLatencyMs: 80 })).toEqual({ type: 'dbSlow', latencyMs: 800 });
    expect(actionFromName('dbSlow', scenario, { dbLatencyMs: 20 })).toEqual({ type: 'dbSlow', latencyMs: 500 });
  });

  test.each(['readMissing', 'fastForwardToExpiry', 'redisDown', 'redisUp', 'dbNormal', 'flushCache'])('%s takes no fields', (name) => {
    expect(actionFromName(name, scenario, {})).toEqual({ type: name });
  });

  test('an unknown name is null', () => {
    expect(actionFromName('console', scenario, {})).toBeNull();
    expect(actionFromName('nope', scenario, {})).toBeNull();
  });
});

describe('a challenge requirement is met by any action that does what it asks', () => {
  const run = (actions: LearnerAction[]) => {
    const sim = createSimulation({ scenario: 'null-caching', options: { nullTtlMs: 30_000 } });
    for (const action of actions) {
      sim.apply(action);
      sim.runUntilIdle();
    }
    return sim.trace;
  };

  test('a read of user:404 (which does not exist) is a request for a missing key; a read of user:1 is not', () => {
    const trace = run([{ type: 'read', key: 'user:1' }, { type: 'read', key: 'user:404' }, { type: 'read', key: 'user:1' }]);
    const actions = trace.flatMap((event) => (event.type === 'action' ? [event.seq] : []));
    expect(lastRequiredSeq(trace, 'readMissing', trace.length)).toBe(actions[1]);
    expect(lastRequiredSeq(trace, 'readMissing', actions[1]!)).toBe(-1);
    // The button itself still counts, and a type with no `doneBy` only counts itself.
    const pressed = run([{ type: 'readMissing' }]);
    expect(lastRequiredSeq(pressed, 'readMissing', pressed.length)).toBeGreaterThanOrEqual(0);
    expect(lastRequiredSeq(trace, 'burst', trace.length)).toBe(-1);
  });

  test('a second read of user:404, answered by the cached not-found marker, counts too', () => {
    const trace = run([{ type: 'read', key: 'user:404' }, { type: 'read', key: 'user:404' }]);
    const second = trace.filter((event) => event.type === 'action')[1]!.seq;
    expect(lastRequiredSeq(trace, 'readMissing', trace.length)).toBe(second);
    expect(windowMetrics(trace, second, trace.length).dbReads).toBe(0);
  });

  test('a hint names the button as the lab shows it', () => {
    const defaults = { defaultKey: 'user:1', options: { burstSize: 20 } };
    expect([buttonText('readMissing', defaults), buttonText('read', defaults), buttonText('burst', defaults), buttonText('flushCache', defaults)]).toEqual([
      'Request a missing key',
      'Request user:1',
      'Burst of 20',
      'Flush the cache',
    ]);
  });
});
