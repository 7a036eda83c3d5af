// The lock strategy releases its lock with a real EVAL, and the Lua VM is a separate chunk. Every
// test here imports fresh modules, so it starts with the VM not loaded, as a page does.
import type { LabStore } from './types.ts';
import type { TraceEvent } from '../scenarios/events.ts';
import { metricsOf } from '../scenarios/metrics.ts';

beforeEach(() => {
  vi.resetModules();
});

async function fresh() {
  const { createLabStore } = await import('./createLabStore.ts');
  const { defaultEngine } = await import('./defaultEngine.ts');
  const { commandsLoadedFor } = await import('../redis/index.ts');
  const { createSimulation } = await import('../scenarios/simulation.ts');
  const { selectOptionsAtCursor } = await import('./selectors.ts');
  const { UNLOCK_SCRIPT } = await import('../scenarios/strategies/lock.ts');
  return { createLabStore, defaultEngine, luaLoaded: () => commandsLoadedFor('EVAL'), createSimulation, selectOptionsAtCursor, UNLOCK_SCRIPT };
}

/** Runs the lab's session until nothing is in flight and returns its events. */
function settle(store: LabStore): readonly TraceEvent[] {
  const view = store.getState().session.runUntilIdle(600_000);
  return view.events.slice(0, view.length);
}

test('a simulation that would run the lock strategy without the Lua VM refuses to start, naming what to load', async () => {
  const { createSimulation, luaLoaded } = await fresh();
  expect(luaLoaded()).toBe(false);
  expect(() => createSimulation({ scenario: 'stampede', options: { strategy: 'lock' } })).toThrow(/EVAL.*loadScripting\(\)/);
  // Other strategies need nothing more, and switching to lock mid-run refuses the same way.
  const sim = createSimulation({ scenario: 'stampede', options: { strategy: 'plain' } });
  expect(() => sim.apply({ type: 'setOption', name: 'strategy', value: 'lock' })).toThrow(/loadScripting/);
});

test('a lab that opens with the lock strategy waits for the Lua VM, then runs; its release is a real EVAL that deletes the lock', async () => {
  const { createLabStore, defaultEngine, luaLoaded, UNLOCK_SCRIPT } = await fresh();
  const store = createLabStore({ scenario: 'stampede', options: { strategy: 'lock' }, engine: defaultEngine });
  expect(store.getState()).toMatchObject({ running: false, failure: null, loading: expect.stringContaining('Lua') });
  await store.getState().whenReady();
  expect(luaLoaded()).toBe(true);
  expect(store.getState()).toMatchObject({ running: true, loading: null });
  store.getState().act({ type: 'burst', key: 'user:1', count: 50 });
  const events = settle(store);
  expect(metricsOf(events).dbReads).toBe(1);
  const release = events.find((event) => event.type === 'redis.executed' && event.argv[0] === 'EVAL');
  expect(release).toMatchObject({ argv: ['EVAL', UNLOCK_SCRIPT, '1', 'lock:user:1', expect.any(String)], reply: { type: 'integer', value: 1 }, changes: [{ key: 'lock:user:1', entry: null }] });
});

test('choosing lock in a running plain lab pauses, loads the VM, then applies the option at the same moment', async () => {
  const { createLabStore, defaultEngine, luaLoaded, selectOptionsAtCursor } = await fresh();
  const store = createLabStore({ scenario: 'stampede', options: { strategy: 'plain' }, engine: defaultEngine });
  expect(store.getState().running).toBe(true);
  expect(luaLoaded()).toBe(false);
  store.getState().advance(40);
  store.getState().play();
  const at = store.getState().cursor.time;
  expect(store.getState().setOption('strategy', 'lock')).toBeNull();
  expect(store.getState()).toMatchObject({ loading: expect.stringContaining('Lua'), playback: { playing: false } });
  // An action taken while it loads waits its turn, so it runs after the option, as clicked.
  store.getState().act({ type: 'burst', key: 'user:1', count: 50 });
  expect(store.getState().actionLog).toHaveLength(0);
  await store.getState().whenReady();
  expect(luaLoaded()).toBe(true);
  const state = store.getState();
  expect(state.loading).toBeNull();
  expect(state.actionLog.map(({ at: when, action }) => [when, action.type])).toEqual([
    [Math.ceil(at), 'setOption'],
    [Math.ceil(at), 'burst'],
  ]);
  expect(selectOptionsAtCursor(state).strategy).toBe('lock');
  expect(metricsOf(settle(store)).dbReads).toBe(1);
});

test('a share link whose actions switch to lock replays once the VM is loaded, with the same result as the original', async () => {
  const { createLabStore, defaultEngine, luaLoaded } = await fresh();
  const { captureShareState, restoreShareState } = await import('../share/restore.ts');
  const { loadScripting } = await import('../redis/index.ts');
  // The original run, made with the VM loaded as the lab would have it.
  await loadScripting();
  const original = createLabStore({ scenario: 'stampede', options: { strategy: 'plain' }, seed: 3, engine: defaultEngine });
  original.getState().setOption('strategy', 'lock');
  original.getState().act({ type: 'burst', key: 'user:1', count: 50 });
  original.getState().seek(2000);
  const state = captureShareState(original.getState(), '10-cache-stampede');

  vi.resetModules();
  const again = await fresh();
  expect(again.luaLoaded()).toBe(false);
  const store = again.createLabStore({ scenario: 'stampede', options: { strategy: 'plain' }, seed: 3, engine: again.defaultEngine });
  const { restoreShareState: restore } = await import('../share/restore.ts');
  const link = restore(store, state, { schedule: (next) => setTimeout(next, 0) });
  expect(link.getStatus().phase).toBe('running');
  await new Promise<void>((resolve) => {
    const check = () => (link.getStatus().phase === 'running' ? setTimeout(check, 5) : resolve());
    check();
  });
  expect(link.getStatus()).toMatchObject({ phase: 'done', notes: [] });
  expect(store.getState().trace.length).toBe(original.getState().trace.length);
  expect(metricsOf(settle(store)).dbReads).toBe(1);
});
