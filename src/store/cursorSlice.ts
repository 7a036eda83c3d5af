import type { StateCreator } from 'zustand/vanilla';
import type { CursorSlice, LabConfig, LabState } from './types.ts';
import { SPEEDS } from './types.ts';
import { eventsUpTo, hasWorkload, lastEventAt, lookaheadMs } from './timeline.ts';

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
      const { sim, trace } = get();
      const current = sim ? sim.trace : trace;
      set({
        trace: current,
        traceLength: current.length,
        cursor: { index: eventsUpTo(current, target), time: target },
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
        const { index } = state.cursor;
        if (direction > 0) {
          if (index >= state.traceLength) {
            extendTo(state.cursor.time + lookaheadMs(state.sim?.options ?? state.options));
            const sim = get().sim;
            if (!sim || index >= sim.trace.length) return;
            set({ trace: sim.trace, traceLength: sim.trace.length });
          }
          const { trace } = get();
          set({ cursor: { index: index + 1, time: trace[index]!.at }, playback: { ...state.playback, playing: false } });
        } else {
          if (index <= 0) return;
          const previous = index - 1;
          const time = previous > 0 ? state.trace[previous - 1]!.at : 0;
          set({ cursor: { index: previous, time }, playback: { ...state.playback, playing: false } });
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

      jumpToNextExpiry() {
        const state = get();
        const { time } = state.cursor;
        const snapshot = state.sim ? state.engine.stateAt(state.trace, state.cursor.index) : null;
        let next: number | null = null;
        for (const entry of snapshot?.keyspace.values() ?? []) {
          if (entry.expireAt !== null && entry.expireAt >= time && (next === null || entry.expireAt < next)) next = entry.expireAt;
        }
        if (next === null) return false;
        // A key is alive while now <= expireAt, so one millisecond later it is gone.
        moveTo(next + 1);
        return true;
      },
    };
  };
}
