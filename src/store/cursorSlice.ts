import type { StateCreator } from 'zustand/vanilla';
import type { CursorSlice, LabConfig, LabState } from './types.ts';
import { SPEEDS, continuousSince } from './types.ts';
import { eventsUpTo, hasWorkload, lastEventAt, lookaheadMs } from './timeline.ts';
import { pacedAdvance } from './pacing.ts';
import { nextBeat, previousBeat } from './beats.ts';

function nearestSpeed(speed: number): number {
  return SPEEDS.reduce((best, candidate) => (Math.abs(candidate - speed) < Math.abs(best - speed) ? candidate : best), 1);
}

export function createCursorSlice(config: LabConfig): StateCreator<LabState, [], [], CursorSlice> {
  return (set, get) => {
    /**
     * Asks the session to run far enough past `time` that replies already on the wire are in the
     * trace, and takes its view. It runs a little every frame rather than a big chunk now and then,
     * so playback never stutters; within what has run, moving the cursor changes nothing else.
     */
    const extendTo = (time: number) => {
      const { session, trace } = get();
      const view = session.extendTo(time);
      if (view !== trace) set({ trace: view });
      return view;
    };

    /**
     * One store update per move, so a panel that skips updates never sees half a move. A move that
     * plays on (`continuous`) keeps where the clock has run from; any other lands at `time`.
     */
    const moveTo = (time: number, playback?: Partial<LabState['playback']>, continuous = false) => {
      // Virtual time stays fractional so slow speeds still move the dots every frame.
      const target = Math.max(0, time);
      const { trace } = get();
      const current = get().session.extendTo(Math.ceil(target));
      set({
        ...(current !== trace ? { trace: current } : {}),
        cursor: { index: eventsUpTo(current.events, target), time: target, ...(continuous ? { since: continuousSince(get().cursor) } : {}) },
        ...(playback ? { playback: { ...get().playback, ...playback } } : {}),
      });
    };

    return {
      cursor: { index: 0, time: 0 },
      playback: { playing: false, speed: nearestSpeed(config.speed ?? 0.05), free: false, frameAt: 0 },

      advance(virtualMs, frameAt) {
        const state = get();
        if (virtualMs <= 0) return;
        const frame = frameAt === undefined ? {} : { frameAt };
        const target = state.cursor.time + virtualMs;
        const live = state.playback.free || hasWorkload(state.options);
        const end = lastEventAt(state.trace.events);
        if (!live && target >= end) {
          // Nothing left to show: stop at the last event instead of running an empty clock.
          moveTo(Math.max(end, state.cursor.time), { ...frame, playing: false }, true);
          return;
        }
        moveTo(target, frame, true);
      },

      pacedTime(wallMs) {
        const state = get();
        // The hops a frame may cross must be in the trace before the pace is worked out.
        const current = extendTo(state.cursor.time + wallMs * state.playback.speed);
        return pacedAdvance(current.events, state.cursor.time, wallMs, state.playback.speed);
      },

      tick(wallMs, frameAt) {
        if (wallMs <= 0) return;
        get().advance(get().pacedTime(wallMs) - get().cursor.time, frameAt);
      },

      play() {
        const state = get();
        const atEnd = state.cursor.index >= state.trace.length && state.cursor.time >= lastEventAt(state.trace.events);
        set({ playback: { ...state.playback, playing: true, free: atEnd } });
      },

      pause() {
        set({ playback: { ...get().playback, playing: false } });
      },

      togglePlay() {
        if (get().playback.playing) get().pause();
        else get().play();
      },

      step(direction) {
        const state = get();
        const pause = { playback: { ...state.playback, playing: false } };
        if (direction > 0) {
          let beat = nextBeat(state.trace.events, state.trace.length, state.cursor);
          if (!beat) {
            // Past the recorded events: let the simulation run on a little and look again.
            const view = extendTo(Math.max(state.cursor.time, lastEventAt(state.trace.events)) + lookaheadMs(state.trace.options));
            beat = nextBeat(view.events, view.length, state.cursor);
            if (!beat) return;
          }
          set({ cursor: { index: beat.index, time: beat.at }, ...pause });
        } else {
          const beat = previousBeat(state.trace.events, state.trace.length, state.cursor);
          set({ cursor: beat ? { index: beat.index, time: beat.at } : { index: 0, time: 0 }, ...pause });
        }
      },

      seek(time, frameAt) {
        moveTo(time, frameAt === undefined ? undefined : { frameAt });
      },

      playTo(time, frameAt) {
        moveTo(time, frameAt === undefined ? undefined : { frameAt }, time >= get().cursor.time);
      },

      seekIndex(index) {
        const { trace } = get();
        const clamped = Math.max(0, Math.min(index, trace.length));
        set({ cursor: { index: clamped, time: clamped > 0 ? trace.events[clamped - 1]!.at : 0 } });
      },

      setSpeed(speed) {
        set({ playback: { ...get().playback, speed: nearestSpeed(speed) } });
      },
    };
  };
}
