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
 * One refresh decision per (store, slot) and store update, shared by every panel of the slot: they
 * refresh on the same frames and read the same state, so a sentence, the clock and the code line in
 * one slot always tell one moment (each panel deciding for itself drifted apart: a panel mounted
 * while playing, a slot caught up late).
 */
interface RefreshGate {
  /** The last state offered (each store update is decided once, by whichever panel hears it first). */
  offered: LabState;
  lastAccepted: number;
  lastPlaying: boolean;
  /** Bumped on each accepted update. */
  version: number;
  /** The state of the last accepted update: what every panel of the slot shows while playing. */
  shown: LabState;
}

const gates = new WeakMap<LabStore, Map<number | undefined, RefreshGate>>();

function refreshGate(store: LabStore, phase: number | undefined): RefreshGate {
  let byPhase = gates.get(store);
  if (!byPhase) gates.set(store, (byPhase = new Map()));
  let gate = byPhase.get(phase);
  if (!gate) {
    const state = store.getState();
    byPhase.set(phase, (gate = { offered: state, lastAccepted: -Infinity, lastPlaying: state.playback.playing, version: 0, shown: state }));
  }
  return gate;
}

/** Decides once whether `state` refreshes the gate's panels; returns the gate's version. */
function offer(gate: RefreshGate, state: LabState, phase: number | undefined): number {
  if (gate.offered === state) return gate.version;
  gate.offered = state;
  // Frame timestamps, not the wall clock, so tests that tick frames see the same behaviour.
  const now = state.playback.frameAt;
  const since = now - gate.lastAccepted;
  const due = since >= PANEL_REFRESH_MS && (phase === undefined || Math.floor(now / PHASE_MS) % PANEL_PHASES === phase || since >= PANEL_REFRESH_MS + PHASE_MS);
  // Starting or stopping shows at once (the Pause button must not wait for a slot).
  const flipped = state.playback.playing !== gate.lastPlaying;
  gate.lastPlaying = state.playback.playing;
  if (!state.playback.playing || due || flipped) {
    gate.lastAccepted = now;
    gate.version++;
    gate.shown = state;
  }
  return gate.version;
}

/**
 * Like `useLabStore`, but while the lab plays it re-renders at most every PANEL_REFRESH_MS:
 * text panels need not redraw at 60 fps. Paused, stepping or seeking, it follows every change.
 * A `phase` (0 to PANEL_PHASES - 1) makes the panel refresh in its own slot of the period, so
 * panels spread over different frames instead of all landing on one; a slot a slow frame skipped
 * refreshes on the next frame anyway. Panels that must tell the same moment (the sentence, the
 * clock, the code line) share a phase: a slot's panels refresh together, from the same state.
 */
export function useLabStoreThrottled<T>(selector: (state: LabState) => T, phase?: number): T {
  const store = useLabStoreApi();
  const gate = refreshGate(store, phase);
  const seen = useRef(gate.version);
  const shallow = useShallow(selector);
  const subscribe = useCallback(
    (onChange: () => void) =>
      store.subscribe((state) => {
        const version = offer(gate, state, phase);
        if (version !== seen.current) {
          seen.current = version;
          onChange();
        }
      }),
    [store, gate, phase],
  );
  const held = useRef<{ value: T; version: number } | null>(null);
  const getSnapshot = () => {
    const state = store.getState();
    if (!state.playback.playing) return shallow(state);
    // While playing, the state of the slot's last accepted update, until the next one.
    if (held.current && held.current.version === gate.version) return held.current.value;
    const value = shallow(gate.shown);
    held.current = { value, version: gate.version };
    return value;
  };
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
