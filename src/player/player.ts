import type { StoreApi } from 'zustand/vanilla';
import { browserFrames, type FrameSource } from './frames';

/** What the player needs from a lab store: whether it plays, how fast, and how to move the cursor. */
export interface PlayableState {
  playback: { playing: boolean; speed: number };
  /** Moves the cursor on by `wallMs` of real time at the chosen speed (the store paces it; may pause at the end); `frameAt` is the frame's timestamp. */
  tick(wallMs: number, frameAt?: number): void;
}

export interface Player {
  dispose(): void;
}

/**
 * A hidden tab resumes with one huge frame, and a slow frame would make the next one simulate
 * more (and be slower still); capping a frame's share of time keeps both in check.
 */
export const MAX_FRAME_MS = 50;

/**
 * Drives a lab store's cursor from animation frames: each frame hands the store the real time
 * elapsed, and the store turns it into virtual time (`elapsed × speed`, slowed around hops: see
 * src/store/pacing.ts). Tests pass `manualFrames()` and call `tick(ms)`, never waiting on real time.
 */
export function createPlayer(store: StoreApi<PlayableState>, frames: FrameSource = browserFrames): Player {
  let handle: number | null = null;
  let lastTimestamp: number | null = null;

  const onFrame = (timestamp: number) => {
    handle = null;
    const state = store.getState();
    if (!state.playback.playing) {
      lastTimestamp = null;
      return;
    }
    const elapsed = lastTimestamp === null ? 0 : Math.min(Math.max(0, timestamp - lastTimestamp), MAX_FRAME_MS);
    lastTimestamp = timestamp;
    if (elapsed > 0) state.tick(elapsed, timestamp);
    if (store.getState().playback.playing) handle = frames.request(onFrame);
    else lastTimestamp = null;
  };

  const sync = () => {
    const playing = store.getState().playback.playing;
    if (playing && handle === null) {
      handle = frames.request(onFrame);
    } else if (!playing && handle !== null) {
      frames.cancel(handle);
      handle = null;
      lastTimestamp = null;
    }
  };

  const unsubscribe = store.subscribe(sync);
  sync();
  return {
    dispose() {
      unsubscribe();
      if (handle !== null) frames.cancel(handle);
      handle = null;
    },
  };
}
