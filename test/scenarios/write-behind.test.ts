/**
 * Lesson 2's write-behind: a write answers once Redis has the value and the change is queued in a
 * list; the worker moves it into the database `workerDelayMs` later, oldest first (LMOVE into the
 * in-progress list, the database write, LREM).
 */
import { createSimulation } from '../../src/scenarios/simulation.ts';
import { runBatch, type BatchSpec } from '../../src/scenarios/batch.ts';
import { stateAt } from '../../src/scenarios/views.ts';
import { databaseRows } from '../../src/components/lab/database-view.ts';
import type { TraceEvent } from '../../src/scenarios/events.ts';
import { loadCodeRendering } from '../../src/scenarios/strategies/sources.ts';

const manual = { writeMode: 'write-behind', readRatePerSec: 0, writeRatePerSec: 0, keyCount: 3, workerDelayMs: 2000 };

function indexAt(trace: readonly TraceEvent[], ms: number): number {
  const i = trace.findIndex((event) => event.at > ms);
  return i < 0 ? trace.length : i;
}

describe('write-behind in the read-write-mix lab', () => {
  test('the write answers after SET and RPUSH; the database takes it only when the worker runs', () => {
    const sim = createSimulation({ scenario: 'read-write-mix', options: manual });
    sim.apply({ type: 'read', key: 'user:1' }, 0);
    for (const at of [300, 400]) sim.apply({ type: 'write', key: 'user:1' }, at);
    sim.apply({ type: 'write', key: 'user:2' }, 500);
    sim.runUntil(6000);
    const trace = sim.trace;

    const writes = trace.filter((event) => event.type === 'request.served' && event.kind === 'write');
    expect(writes.map((event) => event.type === 'request.served' && [event.latencyMs, event.from, event.version])).toEqual([
      [4, 'cache', 2],
      [4, 'cache', 3],
      [4, 'cache', 2],
    ]);
    const sent = trace.filter((event) => event.type === 'redis.command' && event.requestId === 2).map((event) => event.type === 'redis.command' && event.argv[0]);
    expect(sent).toEqual(['SET', 'RPUSH']);

    // The window: Redis has version 3 of user:1, the queue holds three changes, the database still version 1.
    const during = stateAt(trace, indexAt(trace, 1000));
    expect(during.keyspace.get('user:1')?.value).toContain('"version":3');
    expect(during.keyspace.get('queue:user-writes')).toMatchObject({ type: 'list' });
    expect(during.keyspace.get('queue:user-writes')?.value.split('}, {')).toHaveLength(3);
    expect(databaseRows(trace, indexAt(trace, 1000)).get('user:1')?.version).toBe(1);
    expect(during.metrics.dbWrites).toBe(0);

    // The worker wakes 2 s after the first change was queued (answered at 304 ms) and drains oldest first.
    const drain = trace.find((event) => event.type === 'request.arrived' && event.kind === 'drain');
    expect(drain?.at).toBe(2304);
    const commands = trace.filter((event) => event.type === 'redis.command' && event.requestId === (drain as { requestId: number }).requestId).map((event) => event.type === 'redis.command' && event.argv[0]);
    expect(commands).toEqual(['LMOVE', 'LREM', 'LMOVE', 'LREM', 'LMOVE', 'LREM', 'LMOVE']);
    const applied = trace.filter((event) => event.type === 'db.finished' && event.op === 'write').map((event) => event.type === 'db.finished' && `${event.key} v${event.version}`);
    expect(applied).toEqual(['user:1 v2', 'user:1 v3', 'user:2 v2']);

    const after = stateAt(trace, trace.length);
    expect(after.keyspace.has('queue:user-writes')).toBe(false);
    expect(after.keyspace.has('queue:user-writes:in-progress')).toBe(false);
    expect(databaseRows(trace, trace.length).get('user:1')?.version).toBe(3);
    expect(after.metrics.dbWrites).toBe(3);
    expect(after.metrics.writes).toBe(3);
  });

  test('a change queued while the worker runs is drained by a later run', () => {
    const sim = createSimulation({ scenario: 'read-write-mix', options: { ...manual, workerDelayMs: 100 } });
    sim.apply({ type: 'write', key: 'user:1' }, 0);
    // The worker starts at 104 ms; this write lands while it is on its first change.
    sim.apply({ type: 'write', key: 'user:2' }, 130);
    sim.apply({ type: 'write', key: 'user:3' }, 250);
    sim.runUntil(2000);
    const applied = sim.trace.filter((event) => event.type === 'db.finished' && event.op === 'write').map((event) => event.type === 'db.finished' && event.key);
    expect(applied).toEqual(['user:1', 'user:2', 'user:3']);
    expect(stateAt(sim.trace, sim.trace.length).keyspace.has('queue:user-writes')).toBe(false);
  });

  test('every line the write and the worker run is in both renderings of the code panel', async () => {
    const source = await loadCodeRendering('read-write-mix', 'write-behind', 'plain');
    const sim = createSimulation({ scenario: 'read-write-mix', options: { ...manual, workerDelayMs: 100 } });
    sim.apply({ type: 'write', key: 'user:1' }, 0);
    sim.runUntil(1000);
    const executed = new Set(sim.trace.flatMap((event) => (event.type === 'code.line' && event.strategy === 'write-behind' ? [event.lineId] : [])));
    expect([...executed].sort()).toEqual(['db-apply', 'drained', 'lmove', 'lrem', 'wb-push', 'wb-return', 'wb-set']);
    for (const language of ['ts', 'python'] as const) {
      const ids = new Set(source[language].flatMap((line) => (line.id ? [line.id] : [])));
      for (const id of executed) expect(ids, `${language} lacks ${id}`).toContain(id);
      // The panel's code is the lesson's: the same commands, in the same order.
      expect(source[language].map((line) => line.text).join('\n')).toMatch(language === 'ts' ? /redis\.rpush[\s\S]*redis\.lmove\(WRITE_QUEUE, IN_PROGRESS, 'LEFT', 'RIGHT'\)[\s\S]*redis\.lrem\(IN_PROGRESS, 1, job\)/ : /r\.rpush[\s\S]*r\.lmove\(WRITE_QUEUE, IN_PROGRESS, "LEFT", "RIGHT"\)[\s\S]*r\.lrem\(IN_PROGRESS, 1, job\)/);
    }
  });

  test('traced and untraced runs count the same', () => {
    const spec: BatchSpec = {
      seed: 7,
      durationMs: 15_000,
      keys: { count: 20, popularity: { zipf: 1 }, missingFraction: 0 },
      reads: { arrival: 'poisson', ratePerSec: 100 },
      writes: { arrival: 'poisson', ratePerSec: 20 },
      options: { writeMode: 'write-behind', workerDelayMs: 500, ttlMs: 2000, dbLatencyMs: 20, redisLatencyMs: 1 },
    };
    const on = runBatch({ ...spec, trace: true });
    const off = runBatch({ ...spec, trace: false });
    expect(off.metrics).toEqual(on.metrics);
    expect(on.metrics.writes).toBeGreaterThan(200);
    expect(on.metrics.dbWrites).toBeGreaterThan(200);
    // With an instant Redis the untraced reads take the fast path: still the same counts.
    const instant = { ...spec, options: { ...spec.options, redisLatencyMs: 0 } };
    expect(runBatch({ ...instant, trace: false }).metrics).toEqual(runBatch({ ...instant, trace: true }).metrics);
  });

  test('a lab switched to write-behind loads the list commands and its code first, then applies the option at the same moment', async () => {
    vi.resetModules();
    const { createSimulation: fresh } = await import('../../src/scenarios/simulation.ts');
    const { createLabStore } = await import('../../src/store/createLabStore.ts');
    const { defaultEngine } = await import('../../src/store/defaultEngine.ts');
    expect(() => fresh({ scenario: 'read-write-mix', options: { writeMode: 'write-behind' } })).toThrow(/loadCommands/);
    const store = createLabStore({ scenario: 'read-write-mix', options: { readRatePerSec: 0, writeRatePerSec: 0 }, engine: defaultEngine });
    expect(store.getState().running).toBe(true);
    expect(store.getState().setOption('writeMode', 'write-behind')).toBeNull();
    expect(store.getState().loading).not.toBeNull();
    store.getState().act({ type: 'write', key: 'user:1' });
    await store.getState().whenReady();
    expect(store.getState().actionLog.map(({ action }) => action.type)).toEqual(['setOption', 'write']);
    const view = store.getState().session.runUntilIdle(600_000);
    const sent = view.events.slice(0, view.length).flatMap((event) => (event.type === 'redis.command' ? [event.argv[0]] : []));
    // Running until idle includes the worker's run, due 2 s after the change was queued.
    expect(sent).toEqual(['SET', 'RPUSH', 'LMOVE', 'LREM', 'LMOVE']);
  });
});
