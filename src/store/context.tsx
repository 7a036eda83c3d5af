import { createContext, useCallback, useContext, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { createLabStore } from './createLabStore.ts';
import type { LabConfig, LabState, LabStore } from './types.ts';

const LabStoreContext = createContext<LabStore | null>(null);

/** Gives its subtree one lab store: either the one passed in, or one created once from `config`. */
export function LabStoreProvider({ store, config, children }: { store?: LabStore; config?: LabConfig; children: ReactNode }) {
  const [own] = useState(() => store ?? createLabStore(config!));
  return <LabStoreContext.Provider value={store ?? own}>{children}</LabStoreContext.Provider>;
}

export function useLabStoreApi(): LabStore {
  const store = useContext(LabStoreContext);
  if (!store) throw new Error('useLabStore must be used inside <LabStoreProvider>');
  return store;
}

/** Selects from the lab store; a selector returning a fresh object or array is compared shallowly. */
export function useLabStore<T>(selector: (state: LabState) => T): T {
  return useStore(useLabStoreApi(), useShallow(selector));
}

/** While playing, panels other than the animation redraw at most this often (ms of real time). */
export const PANEL_REFRESH_MS = 66;

/** Throttled panels can take turns: the refresh period is cut into this many slots. */
export const PANEL_PHASES = 4;
const PHASE_MS = PANEL_REFRESH_MS / PANEL_PHASES;

/**
 * Like `useLabStore`, but while the lab plays it re-renders at most every PANEL_REFRESH_MS:
 * text panels need not redraw at 60 fps. Paused, stepping or seeking, it follows every change.
 * A `phase` (0 to PANEL_PHASES - 1) makes the panel refresh in its own slot of the period, so
 * panels spread over different frames instead of all landing on one; a panel whose slot a slow
 * frame skipped refreshes on the next frame anyway.
 */
export function useLabStoreThrottled<T>(selector: (state: LabState) => T, phase?: number): T {
  const store = useLabStoreApi();
  const lastAccepted = useRef(-Infinity);
  const lastPlaying = useRef(store.getState().playback.playing);
  const version = useRef(0);
  const shallow = useShallow(selector);
  const subscribe = useCallback(
    (onChange: () => void) =>
      store.subscribe((state) => {
        // Frame timestamps, not the wall clock, so tests that tick frames see the same behaviour.
        const now = state.playback.frameAt;
        const since = now - lastAccepted.current;
        const due = since >= PANEL_REFRESH_MS && (phase === undefined || Math.floor(now / PHASE_MS) % PANEL_PHASES === phase || since >= PANEL_REFRESH_MS + PHASE_MS);
        // Starting or stopping shows at once (the Pause button must not wait for a slot).
        const flipped = state.playback.playing !== lastPlaying.current;
        lastPlaying.current = state.playback.playing;
        if (!state.playback.playing || due || flipped) {
          lastAccepted.current = now;
          version.current++;
          onChange();
        }
      }),
    [store, phase],
  );
  const held = useRef<{ value: T; version: number } | null>(null);
  const getSnapshot = () => {
    const state = store.getState();
    // While playing, hand back the value of the last accepted change until the next one.
    if (held.current && held.current.version === version.current && state.playback.playing) return held.current.value;
    const value = shallow(state);
    held.current = { value, version: version.current };
    return value;
  };
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
