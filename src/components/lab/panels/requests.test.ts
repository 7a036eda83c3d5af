import { raceOf, recentRaces, recentRequests } from './requests.ts';

type Trace = Parameters<typeof raceOf>[0];
const trace = (...events: Record<string, unknown>[]): Trace => events.map((event, seq) => ({ seq, at: seq, ...event })) as unknown as Trace;
const arrived = (requestId: number, kind: string, key: string) => ({ type: 'request.arrived', requestId, kind, key, instance: 0 });
const served = (requestId: number) => ({ type: 'request.served', requestId });

// The stale-set race: a slow read of user:3 (#1), a write (#2) commits while it runs; later a read (#3).
const events = trace(
  arrived(1, 'read', 'user:3'), // 0
  arrived(4, 'read', 'user:9'), // 1: another key, overlapping in time
  arrived(2, 'write', 'user:3'), // 2
  served(2), // 3
  served(4), // 4
  served(1), // 5
  arrived(3, 'read', 'user:3'), // 6
  served(3), // 7
);

test('recent requests, newest first, only those that arrived before the cursor', () => {
  expect(recentRequests(events, events.length, events.length).map((r) => r.requestId)).toEqual([3, 2, 4, 1]);
  expect(recentRequests(events, events.length, 2).map((r) => r.requestId)).toEqual([4, 1]);
});

test('a race is the requests on the same key whose lifetimes overlapped, in arrival order', () => {
  expect(raceOf(events, events.length, events.length, 2)).toEqual([1, 2]);
  expect(raceOf(events, events.length, events.length, 1)).toEqual([1, 2]);
  expect(raceOf(events, events.length, events.length, 3)).toEqual([3]);
  expect(raceOf(events, events.length, events.length, 4)).toEqual([4]);
});

test('before the write arrives there is no race yet; an unknown or future request has none', () => {
  expect(raceOf(events, events.length, 2, 1)).toEqual([1]);
  expect(raceOf(events, events.length, 2, 2)).toEqual([]);
  expect(raceOf(events, events.length, events.length, 99)).toEqual([]);
});

test('recentRaces lists each write that overlapped a read of its key', () => {
  expect(recentRaces(events, events.length, events.length)).toEqual([[1, 2]]);
  const writesOnly = trace(arrived(1, 'write', 'k'), arrived(2, 'write', 'k'), served(1), served(2));
  expect(recentRaces(writesOnly, 4, 4)).toEqual([]);
});
