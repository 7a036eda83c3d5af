import type { StateCreator } from 'zustand/vanilla';
import type { CursorSlice, LabConfig, LabState } from './types.ts';
import { SPEEDS } from './types.ts';
import { eventsUpTo, hasWorkload, lastEventAt, lookaheadMs } from './timeline.ts';
import { pacedAdvance } from './pacing.ts';
import { nextBeat, previousBeat } from './beats.ts';

function nearestSpeed(speed: number): number {
  return SPEEDS.reduce((best, candidate) => (Math.abs(candidate - speed) < Math.abs(best - speed) ? candidate : best), 1);
}

export function createCursorSlice(config: LabConfig): StateCreator<LabState, [], [], CursorSlice> {
  return (set, get) => {
    /**
     * Runs the simulation far enough past `time` that replies already on the wire are in the trace.
     * It runs a little every frame rather than a big chunk now and then, so playback never stutters.
     */
    const extendTo = (time: number) => {
      const { sim } = get();
      const horizon = Math.ceil(time) + lookaheadMs(sim?.options ?? get().options);
      if (!sim || sim.now >= horizon) return;
      sim.runUntil(horizon);
    };

    /** One store update per move, so a panel that skips updates never sees half a move. */
    const moveTo = (time: number, playback?: Partial<LabState['playback']>) => {
      // Virtual time stays fractional so slow speeds still move the dots every frame.
      const target = Math.max(0, time);
      extendTo(Math.ceil(target));
      const { sim, trace, cursor } = get();
      const current = sim ? sim.trace : trace;
      // A step may stand mid-hop with the event that hop ends already counted (a reply's sentence
      // shows while it travels); playing on from there must not take that event back.
      const forward = current === trace && target >= cursor.time;
      set({
        trace: current,
        traceLength: current.length,
        cursor: { index: Math.max(eventsUpTo(current, target), forward ? Math.min(cursor.index, current.length) : 0), time: target },
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
        const end = lastEventAt(state.trace);
        if (!live && target >= end) {
          // Nothing left to show: stop at the last event instead of running an empty clock.
          moveTo(Math.max(end, state.cursor.time), { ...frame, playing: false });
          return;
        }
        moveTo(target, frame);
      },

      tick(wallMs, frameAt) {
        const state = get();
        if (wallMs <= 0) return;
        // The hops a frame may cross must be in the trace before the pace is worked out.
        extendTo(state.cursor.time + wallMs * state.playback.speed);
        const { sim, trace } = get();
        const current = sim ? sim.trace : trace;
        get().advance(pacedAdvance(current, state.cursor.time, wallMs, state.playback.speed) - state.cursor.time, frameAt);
      },

      play() {
        const state = get();
        const atEnd = state.cursor.index >= state.traceLength && state.cursor.time >= lastEventAt(state.trace);
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
          let beat = nextBeat(state.trace, state.traceLength, state.cursor);
          if (!beat) {
            // Past the recorded events: let the simulation run on a little and look again.
            extendTo(Math.max(state.cursor.time, lastEventAt(state.trace)) + lookaheadMs(state.sim?.options ?? state.options));
            const sim = get().sim;
            if (!sim) return;
            beat = nextBeat(sim.trace, sim.trace.length, state.cursor);
            if (!beat) return;
            set({ trace: sim.trace, traceLength: sim.trace.length });
          }
          set({ cursor: { index: beat.index, time: beat.time }, ...pause });
        } else {
          const beat = previousBeat(state.trace, state.traceLength, state.cursor);
          set({ cursor: beat ? { index: beat.index, time: beat.time } : { index: 0, time: 0 }, ...pause });
        }
      },

      seek(time) {
        moveTo(time);
      },

      seekIndex(index) {
        const { trace } = get();
        const clamped = Math.max(0, Math.min(index, trace.length));
        set({ cursor: { index: clamped, time: clamped > 0 ? trace[clamped - 1]!.at : 0 } });
      },

      setSpeed(speed) {
        set({ playback: { ...get().playback, speed: nearestSpeed(speed) } });
      },
    };
  };
}
