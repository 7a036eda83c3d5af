/**
 * The store hands views frozen trace views: once handed out, a view's events never change, whatever
 * the learner does next (play, step, seek, act, act in the past, set an option, stage, reset).
 */
import type { LabStore } from './types.ts';
import type { TraceView } from './session.ts';
import { createLabStore } from './createLabStore.ts';
import { defaultEngine } from './defaultEngine.ts';
import { fakeEngine } from './testing/fakeEngine.ts';

/** What a view showed when it was handed out: its length, its event objects and their contents. */
function record(view: TraceView) {
  const events = view.events.slice(0, view.length);
  return { view, length: view.length, events, json: JSON.stringify(events) };
}

function expectUnchanged(held: ReturnType<typeof record>, what: string) {
  const { view } = held;
  expect(Object.isFrozen(view), what).toBe(true);
  expect(view.length, what).toBe(held.length);
  const now = view.events.slice(0, view.length);
  now.forEach((event, i) => expect(event, `${what}: event ${i}`).toBe(held.events[i]));
  expect(JSON.stringify(now), what).toBe(held.json);
}

/** The store's view covers its whole log: nothing the simulation ran is hidden from the views. */
function expectCurrent(store: LabStore) {
  const { trace } = store.getState();
  expect(trace.length).toBe(trace.events.length);
}

const moves: [string, (store: LabStore) => void][] = [
  ['tick', (store) => { store.getState().play(); for (let i = 0; i < 30; i++) store.getState().tick(16, i * 16); }],
  ['advance', (store) => store.getState().advance(3_000)],
  ['seek back and forth', (store) => { store.getState().seek(0); store.getState().seek(10_000); }],
  ['step', (store) => { for (let i = 0; i < 12; i++) store.getState().step(1); store.getState().step(-1); }],
  ['act now', (store) => store.getState().act({ type: 'read', key: 'user:2' })],
  ['act in the past (a fork)', (store) => { store.getState().seek(1); store.getState().act({ type: 'read', key: 'user:3' }); }],
  ['set an option', (store) => store.getState().setOption('ttlMs', 2_000)],
  ['run a script', (store) => store.getState().runScript([{ at: 0, action: { type: 'read', key: 'user:1' } }, { at: 5, action: { type: 'read', key: 'user:1' } }])],
  ['fast-forward to the next expiry', (store) => store.getState().act({ type: 'fastForwardToExpiry' })],
  ['stage', (store) => store.getState().stage({ actions: [{ at: 0, action: { type: 'read', key: 'user:1' } }], at: 100 })],
  ['reset', (store) => store.getState().reset()],
];

describe('trace views handed out by the store', () => {
  test.each(moves)('a view is unchanged after "%s" (fake engine)', (what, move) => {
    const store = createLabStore({ scenario: 'fake', engine: fakeEngine(), speed: 1 });
    store.getState().act({ type: 'read', key: 'user:1' });
    const held = record(store.getState().trace);
    expect(held.length).toBeGreaterThan(0);
    move(store);
    expectUnchanged(held, what);
    expectCurrent(store);
  });

  test.each(moves)('a view is unchanged after "%s" (the real core, a live workload)', (what, move) => {
    const store = createLabStore({ scenario: 'playground', options: { readRatePerSec: 200, writeRatePerSec: 5 }, engine: defaultEngine });
    store.getState().play();
    for (let i = 0; i < 20; i++) store.getState().tick(16, i * 16);
    const held = record(store.getState().trace);
    expect(held.length).toBeGreaterThan(100);
    move(store);
    expectUnchanged(held, what);
    expectCurrent(store);
  });

  test('a run that has new events is a new view; moving the cursor over what already ran keeps the same one', () => {
    const store = createLabStore({ scenario: 'fake', engine: fakeEngine(), speed: 1 });
    const start = store.getState().trace;
    store.getState().act({ type: 'read', key: 'user:1' });
    const afterRead = store.getState().trace;
    expect(afterRead).not.toBe(start);
    expect(afterRead.length).toBeGreaterThan(start.length);
    store.getState().seek(20);
    store.getState().seek(0);
    store.getState().step(1);
    expect(store.getState().trace).toBe(afterRead);
  });

  test('a fork is a new run: a new events array, and the old one keeps its length', () => {
    const store = createLabStore({ scenario: 'fake', engine: fakeEngine(), speed: 1 });
    store.getState().act({ type: 'read', key: 'user:1' });
    store.getState().advance(1_000);
    const before = store.getState().trace;
    const length = before.events.length;
    store.getState().seek(10);
    store.getState().act({ type: 'read', key: 'user:2' });
    expect(store.getState().trace.events).not.toBe(before.events);
    expect(before.events.length).toBe(length);
  });

  test('the view carries the options in force at its end, as a frozen copy', () => {
    const store = createLabStore({ scenario: 'stampede', engine: defaultEngine });
    const first = store.getState().trace.options;
    expect(store.getState().setOption('strategy', 'lock')).toBeNull();
    expect(store.getState().trace.options.strategy).toBe('lock');
    expect(first.strategy).not.toBe('lock');
    expect(Object.isFrozen(store.getState().trace.options)).toBe(true);
  });
});
