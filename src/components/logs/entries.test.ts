import { commandLogEntries, queryLogEntries, rowsBefore } from './entries';
import { manyGets, stamp } from './fixtures';

test('rowsBefore counts the rows whose event happened before the cursor', () => {
  const rows = [{ seq: 2 }, { seq: 5 }, { seq: 9 }];
  expect([0, 2, 3, 5, 6, 9, 10, 99].map((cursor) => rowsBefore(rows, cursor))).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
});

test('the command log keeps executed commands and client-side failures, nothing else', () => {
  const trace = stamp([
    { type: 'redis.command', at: 0, commandId: 1, requestId: 1, actor: 0, argv: ['GET', 'a'], sentAt: 0, arrivesAt: 1 },
    { type: 'redis.executed', at: 1, commandId: 1, requestId: 1, actor: 0, argv: ['GET', 'a'], reply: { type: 'bulk', value: null }, outcome: 'miss', changes: [] },
    { type: 'redis.error', at: 9, commandId: 2, requestId: 2, actor: 'console', argv: ['PING'], error: 'down', message: 'Connection refused', attempt: 0, retryAt: null },
  ]);
  expect(commandLogEntries(trace)).toEqual([
    { seq: 1, at: 1, actor: 0, db: 0, argv: ['GET', 'a'], reply: { type: 'bulk', value: null }, outcome: 'miss' },
    { seq: 2, at: 9, actor: 'console', db: 0, argv: ['PING'], reply: null, outcome: null, failure: 'down: Connection refused' },
  ]);
});

test('a query row starts when it gets a connection and is completed by its finish', () => {
  const base = { queryId: 4, requestId: 1, instance: 1, op: 'read', table: 'users', id: '7' } as const;
  const trace = stamp([
    { ...base, type: 'db.queued', at: 0, queueLength: 1 },
    { ...base, type: 'db.started', at: 5, waitMs: 5, finishesAt: 55, active: 1 },
    { ...base, type: 'db.finished', at: 55, version: 2, waitMs: 5, latencyMs: 50, ok: true, active: 0 },
  ]);
  expect(queryLogEntries(trace)).toEqual([
    { seq: 1, at: 5, instance: 1, op: 'read', table: 'users', id: '7', waitMs: 5, finish: { seq: 2, latencyMs: 50, version: 2, ok: true } },
  ]);
});

test('deriving 100,000 rows is fast', () => {
  const trace = manyGets(100_000);
  const started = performance.now();
  expect(commandLogEntries(trace)).toHaveLength(100_000);
  expect(performance.now() - started).toBeLessThan(5000); // generous: the machine is shared; a quadratic derivation would take minutes
});
