/** The store never misleads: option changes keep playback as it was, fast-forward lands on the expiry, stage starts clean. */
import { createLabStore } from './createLabStore.ts';
import { defaultEngine } from './defaultEngine.ts';

const lab = (scenario: string, options?: Record<string, unknown>) => createLabStore({ scenario, ...(options ? { options } : {}), engine: defaultEngine });

test('changing an option while playing keeps playing; while paused stays paused', () => {
  const store = lab('hit-ratio');
  store.getState().play();
  store.getState().advance(1000);
  expect(store.getState().setOption('ttlMs', 2000)).toBeNull();
  expect(store.getState().playback.playing).toBe(true);
  store.getState().pause();
  expect(store.getState().setOption('ttlMs', 3000)).toBeNull();
  expect(store.getState().playback.playing).toBe(false);
});

test('fast-forward to expiry jumps the cursor just past the expiry at any speed', () => {
  const store = lab('read-path', { ttlMs: 30_000 });
  store.getState().setSpeed(0.05);
  store.getState().act({ type: 'read', key: 'user:1' });
  for (let i = 0; i < 200; i++) store.getState().advance(50);
  const before = store.getState().cursor.time;
  store.getState().act({ type: 'fastForwardToExpiry' });
  const { cursor, trace } = store.getState();
  const expired = trace.events.slice(0, cursor.index).filter((e) => e.type === 'key.expired');
  expect(expired.length).toBeGreaterThan(0);
  expect(cursor.time).toBeGreaterThanOrEqual(expired.at(-1)!.at);
  expect(cursor.time - before).toBeGreaterThan(25_000);
});

test('stage starts over in the stated situation, whatever happened before', () => {
  const store = lab('outage');
  store.getState().act({ type: 'redisDown' });
  store.getState().advance(1000);
  store.getState().stage({ actions: [{ at: 0, action: { type: 'read', key: 'user:1' } }], at: 2000 });
  const { cursor, trace, playback } = store.getState();
  expect(cursor.time).toBe(2000);
  expect(playback.playing).toBe(false);
  expect(trace.events.some((e) => e.type === 'fault')).toBe(false);
  expect(trace.events.filter((e) => e.type === 'request.served')).toHaveLength(1);
});
