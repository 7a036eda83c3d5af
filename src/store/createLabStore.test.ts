import { defaultEngine } from './defaultEngine.ts';
import { createLabStore } from './createLabStore.ts';
import { selectOptionsAtCursor } from './selectors.ts';
import { fakeEngine } from './testing/fakeEngine.ts';

const lab = (options?: Record<string, unknown>) => createLabStore({ scenario: 'fake', options, engine: fakeEngine(), speed: 1 });

describe('lab store', () => {
  test('starts paused at time 0 with validated options and a note for each ignored one', () => {
    const store = lab({ ttlMs: 5, colour: 'red', strategy: 'lock' });
    const state = store.getState();
    expect(state.cursor).toEqual({ index: 0, time: 0 });
    expect(state.playback.playing).toBe(false);
    expect(state.options).toEqual({ ttlMs: 1_000, strategy: 'lock' });
    expect(state.optionMessages).toHaveLength(2);
    expect(state.optionMessages.join(' ')).toMatch(/ttlMs/);
    expect(state.optionMessages.join(' ')).toMatch(/colour/);
  });

  test('an unknown scenario is a failure message, not an exception', () => {
    const store = createLabStore({ scenario: 'nope', engine: fakeEngine() });
    expect(store.getState().failure).toMatch(/no scenario called "nope"/);
    expect(() => store.getState().act({ type: 'read', key: 'a' })).not.toThrow();
  });

  test('act applies at the cursor, records the action and starts playing from it', () => {
    const store = lab();
    store.getState().act({ type: 'read', key: 'user:1' });
    const state = store.getState();
    expect(state.actionLog).toEqual([{ at: 0, action: { type: 'read', key: 'user:1' } }]);
    expect(state.playback.playing).toBe(true);
    expect(state.cursor.index).toBe(0);
    expect(state.trace.events.some((event) => event.type === 'request.served')).toBe(true);
  });

  test('advance moves virtual time and pauses at the last event of a quiet simulation', () => {
    const store = lab();
    store.getState().act({ type: 'read', key: 'user:1' });
    store.getState().advance(10);
    expect(store.getState().cursor.time).toBe(10);
    const happened = store.getState().trace.events.slice(0, store.getState().cursor.index);
    expect(happened.every((event) => event.at <= 10)).toBe(true);
    expect(happened.some((event) => event.type === 'db.started')).toBe(true);
    store.getState().advance(10_000);
    expect(store.getState().cursor.time).toBe(54);
    expect(store.getState().cursor.index).toBe(store.getState().trace.length);
    expect(store.getState().playback.playing).toBe(false);
  });

  test('step moves one event at a time, forward and back, and pauses', () => {
    const store = lab();
    store.getState().act({ type: 'read', key: 'user:1' });
    store.getState().step(1);
    store.getState().step(1);
    const { cursor, trace, playback } = store.getState();
    expect(cursor.index).toBe(2);
    expect(cursor.time).toBe(trace.events[1]!.at);
    expect(playback.playing).toBe(false);
    store.getState().step(-1);
    expect(store.getState().cursor.index).toBe(1);
    store.getState().step(-1);
    store.getState().step(-1);
    expect(store.getState().cursor).toEqual({ index: 0, time: 0 });
  });

  test('acting in the past forks: later actions are dropped and the trace recomputed', () => {
    const store = lab();
    store.getState().act({ type: 'read', key: 'user:1' });
    store.getState().seek(200);
    store.getState().act({ type: 'read', key: 'user:2' });
    expect(store.getState().actionLog.map((entry) => entry.at)).toEqual([0, 200]);
    store.getState().seek(100);
    store.getState().act({ type: 'read', key: 'user:3' });
    const keys = store.getState().actionLog.map((entry) => (entry.action as { key: string }).key);
    expect(keys).toEqual(['user:1', 'user:3']);
    const readKeys = store.getState().trace.events.filter((event) => event.type === 'request.arrived').map((event) => (event as { key: string }).key);
    expect(readKeys).toEqual(['user:1', 'user:3']);
  });

  test('seek maps a virtual time to the events that have happened by then', () => {
    const store = lab();
    store.getState().act({ type: 'read', key: 'user:1' });
    store.getState().seek(52);
    const { cursor, trace } = store.getState();
    expect(trace.events[cursor.index - 1]!.at).toBeLessThanOrEqual(52);
    expect(trace.events[cursor.index]!.at).toBeGreaterThan(52);
  });

  test('fast-forward lands just after the earliest TTL at any speed; with nothing to expire, time stays and a note says so', () => {
    const store = createLabStore({ scenario: 'basics', engine: defaultEngine, speed: 0.01 });
    store.getState().act({ type: 'fastForwardToExpiry' });
    const still = store.getState();
    expect(still.cursor.time).toBe(0);
    expect(still.trace.events.some((event) => event.type === 'note' && /Nothing is set to expire/.test(event.text))).toBe(true);
    store.getState().act({ type: 'read', key: 'user:1' });
    store.getState().advance(1_000);
    const expireAt = store.getState().session.nextExpiryAt('user:1')!;
    store.getState().act({ type: 'fastForwardToExpiry' });
    expect(store.getState().cursor.time).toBe(expireAt + 1);
    expect(store.getState().trace.events.filter((event) => event.type === 'note')).toHaveLength(1);
  });

  test('a typed command answers at the cursor and leaves playback as it was: paused stays paused, playing plays on', () => {
    const store = createLabStore({ scenario: 'hit-ratio', options: { readRatePerSec: 40 }, engine: defaultEngine, speed: 1 });
    store.getState().play();
    store.getState().advance(2_000);
    store.getState().pause();
    store.getState().console('GET user:1');
    const paused = store.getState();
    expect(paused.playback.playing).toBe(false);
    expect(paused.cursor.time).toBe(2_000);
    const typed = paused.trace.events.findIndex((event) => event.type === 'console');
    expect(typed).toBeGreaterThanOrEqual(0);
    expect(typed).toBeLessThan(paused.cursor.index);
    store.getState().play();
    store.getState().console('GET user:2');
    expect(store.getState().playback.playing).toBe(true);
  });

  test('speed snaps to the offered steps from 1/100× to 64×', () => {
    const store = lab();
    store.getState().setSpeed(100);
    expect(store.getState().playback.speed).toBe(64);
    store.getState().setSpeed(0.3);
    expect(store.getState().playback.speed).toBe(0.25);
    store.getState().setSpeed(0.0001);
    expect(store.getState().playback.speed).toBe(0.01);
  });

  test('setOption rejects an out-of-range value with a message naming the field', () => {
    const store = lab();
    expect(store.getState().setOption('ttlMs', 5)).toMatch(/ttlMs/);
    expect(store.getState().options.ttlMs).toBe(1_000);
    expect(store.getState().setOption('strategy', 'lock')).toBeNull();
    expect(selectOptionsAtCursor(store.getState()).strategy).toBe('lock');
    store.getState().seek(0);
    store.getState().step(-1);
    expect(selectOptionsAtCursor(store.getState()).strategy).toBe('plain');
    expect(store.getState().actionLog.at(-1)?.action).toEqual({ type: 'setOption', name: 'strategy', value: 'lock' });
  });

  test('play at the end lets the clock run freely; reset starts over', () => {
    const store = lab();
    store.getState().play();
    store.getState().advance(500);
    expect(store.getState().cursor.time).toBe(500);
    store.getState().act({ type: 'read', key: 'user:1' });
    store.getState().reset();
    const state = store.getState();
    expect(state.actionLog).toEqual([]);
    expect(state.cursor).toEqual({ index: 0, time: 0 });
    expect(state.playback.playing).toBe(false);
  });

  test('two labs never share state', () => {
    const a = lab();
    const b = lab();
    a.getState().act({ type: 'read', key: 'user:1' });
    expect(b.getState().actionLog).toEqual([]);
  });
});
