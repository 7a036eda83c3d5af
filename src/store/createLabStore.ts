import { createStore } from 'zustand/vanilla';
import type { LabConfig, LabState, LabStore } from './types.ts';
import { createSimulationSlice } from './simulationSlice.ts';
import { createCursorSlice } from './cursorSlice.ts';
import { createUiSlice } from './uiSlice.ts';
import { hasWorkload } from './timeline.ts';

/**
 * One store per lab instance: many labs on a page never share state.
 *
 * @example
 * const lab = createLabStore({ scenario: 'basics', engine });
 * lab.getState().act({ type: 'read', key: 'user:1' });
 * lab.getState().advance(500);
 */
export function createLabStore(config: LabConfig): LabStore {
  const store = createStore<LabState>()((...args) => ({
    ...createSimulationSlice(config)(...args),
    ...createCursorSlice(config)(...args),
    ...createUiSlice(...args),
  }));
  const start = () => {
    const { trace, options } = store.getState();
    // Real time, too, where a write-behind worker waits seconds between a write and its own steps (hops still slow down to be followed).
    if (config.speed === undefined && (hasWorkload(options) || options['writeMode'] === 'write-behind')) store.getState().setSpeed(1);
    if (config.initialCursor !== undefined) store.getState().seekIndex(config.initialCursor);
    else store.setState({ cursor: { index: trace.length, time: 0 } });
  };
  // A lab whose options need a part of Redis that loads separately starts once it is there.
  if (store.getState().loading !== null) void store.getState().whenReady().then(start);
  else start();
  return store;
}
