// What the lab shows of lesson 2's write-behind: the queue's items, the worker named in the
// narration and drawn from its own node, the database behind the cache.
import { createSimulation } from '../../scenarios/simulation.ts';
import { stateAt } from '../../scenarios/views.ts';
import { messagesInFlight } from '../../store/flow.ts';
import { keyRows, listItems } from './derive.ts';
import { narrationAt } from './narration.ts';
import { databaseRows, freshness } from './database-view.ts';
import { flowLayout } from './flowGeometry.ts';
import { groupByEdge } from './flowScene.ts';

const run = () => {
  const sim = createSimulation({ scenario: 'read-write-mix', options: { writeMode: 'write-behind', readRatePerSec: 0, writeRatePerSec: 0, keyCount: 3, workerDelayMs: 1000 } });
  sim.apply({ type: 'read', key: 'user:1' }, 0);
  sim.apply({ type: 'write', key: 'user:1' }, 100);
  sim.apply({ type: 'write', key: 'user:1' }, 200);
  sim.runUntil(3000);
  return sim.trace;
};

test('a list preview splits into its items, JSON items whole', () => {
  expect(listItems('[{"id":"1","v":2}, {"id":"2","v":[1, 2]}, plain]')).toEqual(['{"id":"1","v":2}', '{"id":"2","v":[1, 2]}', 'plain']);
  expect(listItems('[]')).toEqual([]);
  expect(listItems('[a]')).toEqual(['a']);
});

test('every step of the worker is narrated as the worker, and its messages leave from the Worker node', () => {
  const trace = run();
  const drain = trace.find((event) => event.type === 'request.arrived' && event.kind === 'drain')!;
  const texts = trace.flatMap((event, i) => (event.at >= drain.at ? [narrationAt(trace, i + 1, event.at)?.text ?? ''] : []));
  const sentences = [...new Set(texts.filter((text) => text !== ''))];
  expect(sentences[0]).toMatch(/^The write-behind worker wakes up to copy the changes queued in queue:user-writes/);
  expect(sentences).toContain('The worker sends LMOVE queue:user-writes to Redis.');
  expect(sentences.some((text) => /^LMOVE queue:user-writes → .*the worker takes the oldest change/.test(text))).toBe(true);
  expect(sentences.some((text) => /^LMOVE queue:user-writes → \(nil\): the queue is empty, so the worker stops\.$/.test(text))).toBe(true);
  expect(sentences.some((text) => /^The database saved version 3 of users\/1: it has caught up/.test(text))).toBe(true);
  expect(sentences.some((text) => /^The queue is empty: the database has every queued change/.test(text))).toBe(true);

  const layout = flowLayout(1, false, true, true);
  const lmove = trace.find((event) => event.type === 'redis.command' && event.argv[0] === 'LMOVE')!;
  const edges = [...groupByEdge(layout, messagesInFlight(trace, lmove.at)).keys()];
  expect(edges).toEqual(['redis|worker|out']);
  // On a phone the row holds the app, the writer and the worker.
  expect([...flowLayout(3, true, true, true).nodes.keys()]).toEqual(['app:0', 'app:1', 'writer', 'worker', 'redis', 'db']);
});

test('between a write and the worker the cached copy is newer than its row, and the queue lists each change', () => {
  const trace = run();
  const index = trace.findIndex((event) => event.at > 500);
  const state = stateAt(trace, index);
  expect(freshness(state.keyspace.get('user:1'), databaseRows(trace, index).get('user:1'))).toBe('ahead');
  expect(listItems(state.keyspace.get('queue:user-writes')!.value)).toEqual(['{"id":"1","name":"user 1","version":2}', '{"id":"1","name":"user 1","version":3}']);
  const end = trace.length;
  expect(freshness(stateAt(trace, end).keyspace.get('user:1'), databaseRows(trace, end).get('user:1'))).toBe('fresh');
});

test('the keyspace names the command that changed a key: the queue grows by RPUSH and the copy by SET', () => {
  const trace = run();
  const rpush = trace.find((event) => event.type === 'redis.executed' && event.argv[0] === 'RPUSH')!;
  const index = trace.indexOf(rpush) + 1;
  const rows = keyRows(trace, stateAt(trace, index).keyspace, index, rpush.at);
  expect(rows.find((row) => row.key === 'queue:user-writes')?.touch).toMatchObject({ kind: 'set', command: 'rpush' });
  expect(rows.find((row) => row.key === 'user:1')?.touch).toMatchObject({ kind: 'set', command: 'set' });
});
