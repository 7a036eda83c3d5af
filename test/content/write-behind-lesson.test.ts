// Lesson 2's write-behind lab (content/02-when-to-use.md, "Watch the write-behind queue"): each
// number its steps state is pinned here to a rerun of the lab block's own options.
import { join } from 'node:path';
import { loadLessons } from '../../src/lessons/build/load.ts';
import { createSimulation } from '../../src/scenarios/simulation.ts';
import { stateAt } from '../../src/scenarios/views.ts';
import { databaseRows, freshness } from '../../src/components/lab/database-view.ts';
import { listItems } from '../../src/components/lab/derive.ts';
import type { TraceEvent } from '../../src/scenarios/events.ts';
import type { ScenarioId } from '../../src/scenarios/types.ts';

const root = join(import.meta.dirname, '..', '..');
const lessons = await loadLessons(join(root, 'content'), root);
const lesson = lessons.find(({ file }) => file.endsWith('02-when-to-use.md'))!;
const block = lesson.module.blocks.find((b) => b.kind === 'lab' && b.lab.options?.['writeMode'] === 'write-behind');
const lab = block?.kind === 'lab' ? block.lab : null;

const indexAt = (trace: readonly TraceEvent[], ms: number) => {
  const i = trace.findIndex((event) => event.at > ms);
  return i < 0 ? trace.length : i;
};

test('the lesson has a write-behind lab, after the existing one (lab ids name progress and share links)', () => {
  expect(block?.kind === 'lab' && block.id).toBe('lab-2');
  expect(lab?.options).toMatchObject({ writeMode: 'write-behind', workerDelayMs: 3000, readRatePerSec: 0, writeRatePerSec: 0 });
});

test('its steps: a read, three quick writes answered in 4 ms each, the queue grows to 3, the database stays at version 1 for 3 s, then reaches version 4', () => {
  const sim = createSimulation({ scenario: lab!.scenario as ScenarioId, options: lab!.options });
  sim.apply({ type: 'read', key: 'user:1' }, 0);
  for (const at of [1000, 1300, 1600]) sim.apply({ type: 'write', key: 'user:1' }, at);
  sim.runUntil(10_000);
  const trace = sim.trace;

  const writes = trace.filter((event) => event.type === 'request.served' && event.kind === 'write');
  expect(writes.map((event) => event.type === 'request.served' && event.latencyMs)).toEqual([4, 4, 4]);
  // "a SET and an RPUSH, without touching the database"
  const sent = trace.filter((event) => event.type === 'redis.command' && writes.some((w) => w.type === 'request.served' && w.requestId === event.requestId));
  expect(sent.map((event) => event.type === 'redis.command' && event.argv[0])).toEqual(['SET', 'RPUSH', 'SET', 'RPUSH', 'SET', 'RPUSH']);

  // The window: three changes queued, the database at version 1, the cached copy newer.
  const window = indexAt(trace, 2000);
  const during = stateAt(trace, window);
  expect(listItems(during.keyspace.get('queue:user-writes')!.value)).toHaveLength(3);
  const row = databaseRows(trace, window).get('user:1');
  expect(row?.version).toBe(1);
  expect(freshness(during.keyspace.get('user:1'), row)).toBe('ahead');
  expect(during.metrics.dbWrites).toBe(0);

  // "the worker waits 3 s after a change is queued": the first write was answered at 1004 ms.
  const wake = trace.find((event) => event.type === 'request.arrived' && event.kind === 'drain');
  expect(wake?.at).toBe(1004 + 3000);
  const lastBefore = databaseRows(trace, indexAt(trace, wake!.at - 1)).get('user:1');
  expect(lastBefore?.version).toBe(1);

  // "one change at a time, until LMOVE answers nil. The database reaches version 4 and both lists are gone"
  const worker = trace.filter((event) => event.type === 'redis.command' && event.requestId === (wake as { requestId: number }).requestId);
  expect(worker.map((event) => event.type === 'redis.command' && event.argv[0])).toEqual(['LMOVE', 'LREM', 'LMOVE', 'LREM', 'LMOVE', 'LREM', 'LMOVE']);
  const after = stateAt(trace, trace.length);
  expect(databaseRows(trace, trace.length).get('user:1')?.version).toBe(4);
  expect(freshness(after.keyspace.get('user:1'), databaseRows(trace, trace.length).get('user:1'))).toBe('fresh');
  expect(after.keyspace.has('queue:user-writes')).toBe(false);
  expect(after.keyspace.has('queue:user-writes:in-progress')).toBe(false);
  expect(after.metrics.dbWrites).toBe(3);
});

test('with the write path set back to cache-aside, each write waits for the database', () => {
  const sim = createSimulation({ scenario: lab!.scenario as ScenarioId, options: { ...lab!.options, writeMode: 'cache-aside' } });
  sim.apply({ type: 'write', key: 'user:1' }, 0);
  sim.runUntil(1000);
  const served = sim.trace.find((event) => event.type === 'request.served' && event.kind === 'write');
  expect(served?.type === 'request.served' && served.latencyMs).toBe(sim.options.dbLatencyMs + 2);
});
