import { cachedVersion, databaseRows, freshness } from './database-view.ts';
import { createLabStore } from '../../store/createLabStore.ts';
import { defaultEngine } from '../../store/defaultEngine.ts';
import { selectSnapshot } from '../../store/selectors.ts';

type Trace = Parameters<typeof databaseRows>[0];
const trace = (...events: Record<string, unknown>[]): Trace => events.map((event, seq) => ({ seq, at: seq, ...event })) as unknown as Trace;
const finished = (op: 'read' | 'write', key: string, version: number | null, ok = true) => ({ type: 'db.finished', op, key, table: 'users', id: key.slice(5), version, ok });
const row = (version: number) => `{"id":"1","name":"Ada","version":${version}}`;

const events = trace(
  finished('read', 'user:10', 1), //  0
  finished('read', 'user:2', 1), //   1
  finished('write', 'user:2', 2), //  2
  finished('read', 'user:2', 1), //   3: a slow read that started before the write
  finished('write', 'user:2', 3, false), // 4: failed (database down): no new version
  finished('read', 'user:3', null), // 5: no such row
);

test('rows appear once queried, in natural order, with their version at the cursor', () => {
  expect([...databaseRows(events, 1).keys()]).toEqual(['user:10']);
  const rows = databaseRows(events, events.length);
  expect([...rows.keys()]).toEqual(['user:2', 'user:10']);
  expect(rows.get('user:2')).toMatchObject({ table: 'users', id: '2', version: 2, writes: 1 });
});

test('the cursor decides: before the write the row is at version 1', () => {
  expect(databaseRows(events, 2).get('user:2')?.version).toBe(1);
  expect(databaseRows(events, 3).get('user:2')?.version).toBe(2);
});

test('a later slow read of an older version does not take the row back', () => {
  expect(databaseRows(events, 4).get('user:2')?.version).toBe(2);
});

test('a cached copy is stale when older than its row, fresh when as new', () => {
  const user2 = databaseRows(events, events.length).get('user:2');
  const entry = (version: number) => ({ type: 'string', value: row(version), expireAt: null });
  expect(freshness(entry(1), user2)).toBe('stale');
  expect(freshness(entry(2), user2)).toBe('fresh');
  expect(freshness(undefined, user2)).toBe('unknown');
  expect(freshness({ type: 'string', value: 'NULL', expireAt: null }, user2)).toBe('unknown');
  expect(freshness(entry(1), undefined)).toBe('unknown');
  expect(cachedVersion(entry(7))).toBe(7);
  expect(cachedVersion({ type: 'hash', value: '', expireAt: null })).toBeNull();
});

test("lesson 4's lab starts with the rows behind its warm cached copies (users/1 and users/2 at v1), with no read counted", () => {
  const state = createLabStore({ scenario: 'invalidation', engine: defaultEngine }).getState();
  const snapshot = selectSnapshot(state)!;
  const rows = databaseRows(state.trace.events, state.cursor.index);
  const cached = [...snapshot.keyspace.keys()].sort();
  expect(cached).toEqual(['user:1', 'user:2']);
  expect([...rows.keys()]).toEqual(cached);
  for (const key of cached) {
    expect(rows.get(key)).toMatchObject({ table: 'users', id: key.slice(5), version: 1, writes: 0 });
    expect(freshness(snapshot.keyspace.get(key), rows.get(key))).toBe('fresh');
  }
  // The rows are shown, not read: the database has answered no query yet.
  expect(snapshot.metrics.dbReads).toBe(0);
  expect(state.trace.events.some((event) => event.type === 'db.finished')).toBe(false);
});
