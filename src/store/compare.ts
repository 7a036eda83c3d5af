/**
 * A side-by-side pair: two lab stores (one per side, each a whole lab of its own) under one clock.
 * The same learner action goes to both at the same virtual moment, and playback moves both
 * cursors to the same time: each frame goes as far as the slower side's pacing allows
 * (src/store/pacing.ts), and Step stops at the next moment either side has a sentence for.
 *
 * @example
 * const pair = createCompareStore({ scenario: 'stampede', engine, sides: [{ strategy: 'plain' }, { strategy: 'lock' }] });
 * pair.getState().act({ type: 'burst', key: 'user:1', count: 50 });
 * pair.getState().tick(16);
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LearnerAction } from '../scenarios/types.ts';
import { createLabStore } from './createLabStore.ts';
import { hasWorkload, lastEventAt } from './timeline.ts';
import type { Cursor, LabConfig, LabStore } from './types.ts';

export interface CompareConfig extends Omit<LabConfig, 'options' | 'initialCursor'> {
  /** The options every side shares. */
  options?: Record<string, unknown>;
  /** Each side's own options, on top of the shared ones: [left, right]. */
  sides: readonly [Record<string, unknown>, Record<string, unknown>];
  /** Playback pauses by itself when the shared clock reaches this virtual moment (ms), so a steady workload's numbers can be read at a stated time. */
  pauseAt?: number;
}

export interface CompareState {
  readonly sides: readonly [LabStore, LabStore];
  /** The shared clock: both sides play, pause and move together. */
  readonly playback: { readonly playing: boolean; readonly speed: number };
  /** The same action on both sides, at the shared moment; both play from there. */
  act(action: LearnerAction): void;
  /** Moves both cursors on by `wallMs` of real time: as far as the slower side's pacing goes. */
  tick(wallMs: number, frameAt?: number): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  /** To the nearest moment, forward or back, at which either side has a sentence of its own. */
  step(direction: 1 | -1): void;
  seek(time: number): void;
  setSpeed(speed: number): void;
  reset(): void;
  /**
   * Puts a new right-hand side in place (the learner picked another fix): a fresh lab with these
   * options that has taken the left side's actions at their times, standing at the same moment.
   */
  replaceRight(options: Record<string, unknown>): void;
}

export type CompareStore = StoreApi<CompareState>;

const live = (store: LabStore) => store.getState().playback.free || hasWorkload(store.getState().options);

export function createCompareStore(config: CompareConfig): CompareStore {
  const sideStore = (own: Record<string, unknown>) => createLabStore({ ...config, options: { ...config.options, ...own } });

  return createStore<CompareState>()((set, get) => {
    const each = (run: (store: LabStore) => void) => get().sides.forEach(run);
    const setPlaying = (playing: boolean) => {
      each((store) => (playing ? store.getState().play() : store.getState().pause()));
      set({ playback: { ...get().playback, playing } });
    };
    const left = sideStore(config.sides[0]);
    return {
      sides: [left, sideStore(config.sides[1])],
      playback: { playing: false, speed: left.getState().playback.speed },

      act(action) {
        const run = () => {
          each((store) => store.getState().act(action));
          set({ playback: { ...get().playback, playing: true } });
        };
        // A side still loading a part of Redis (the lock strategy's Lua VM) first gets it, so both act at the same moment.
        const waiting = get().sides.filter((store) => store.getState().loading !== null);
        if (waiting.length === 0) run();
        else void Promise.all(waiting.map((store) => store.getState().whenReady())).then(run);
      },

      tick(wallMs, frameAt) {
        if (wallMs <= 0) return;
        const { sides } = get();
        let target = Math.min(...sides.map((store) => store.getState().pacedTime(wallMs)));
        const end = Math.max(...sides.map((store) => lastEventAt(store.getState().trace.events)));
        const now = sides[0].getState().cursor.time;
        const stop = !sides.some(live) && target >= end;
        if (stop) target = Math.max(end, now);
        // Crossing the block's pause moment stops there, once: playing on from it goes past.
        const pause = config.pauseAt !== undefined && now < config.pauseAt && target >= config.pauseAt;
        if (pause) target = config.pauseAt!;
        each((store) => store.getState().playTo(target, frameAt));
        if (stop || pause) setPlaying(false);
      },

      play: () => setPlaying(true),
      pause: () => setPlaying(false),
      togglePlay: () => setPlaying(!get().playback.playing),

      step(direction) {
        const { sides } = get();
        const before: Cursor[] = sides.map((store) => store.getState().cursor);
        // Each side finds its own next (or previous) beat; the nearest one in time wins.
        sides.forEach((store) => store.getState().step(direction));
        const after: Cursor[] = sides.map((store) => store.getState().cursor);
        const moved = after.filter((cursor, i) => cursor !== before[i]);
        if (moved.length === 0) return setPlaying(false);
        const times = moved.map((cursor) => cursor.time);
        const time = direction > 0 ? Math.min(...times) : Math.max(...times);
        sides.forEach((store, i) => {
          if (after[i]!.time === time && after[i] !== before[i]) return;
          // This side's beat is further away: it stands at the winner's moment instead.
          store.setState({ cursor: before[i]! });
          if (before[i]!.time !== time) store.getState().seek(time);
        });
        setPlaying(false);
      },

      seek: (time) => each((store) => store.getState().seek(time)),

      setSpeed(speed) {
        each((store) => store.getState().setSpeed(speed));
        set({ playback: { ...get().playback, speed: get().sides[0].getState().playback.speed } });
      },

      reset() {
        each((store) => store.getState().reset());
        set({ playback: { ...get().playback, playing: false } });
      },

      replaceRight(options) {
        const [first] = get().sides;
        const { actionLog, cursor, playback } = first.getState();
        const next = sideStore(options);
        next.getState().setSpeed(playback.speed);
        if (actionLog.length > 0 || cursor.time > 0) next.getState().stage({ actions: actionLog, at: cursor.time });
        set({ sides: [first, next], playback: { ...get().playback, playing: false } });
        first.getState().pause();
      },
    };
  });
}
