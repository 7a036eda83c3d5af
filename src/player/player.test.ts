import { createStore } from 'zustand/vanilla';
import { createPlayer, MAX_FRAME_MS, type PlayableState } from './player';
import { manualFrames } from './frames';

function fakeLab(speed = 1) {
  return createStore<PlayableState & { time: number; end: number; setPlaying(p: boolean): void }>()((set, get) => ({
    time: 0,
    end: 1_000,
    playback: { playing: false, speed },
    setPlaying: (playing) => set({ playback: { ...get().playback, playing } }),
    tick: (wallMs) => {
      const ms = wallMs * get().playback.speed;
      const time = Math.min(get().end, get().time + ms);
      set({ time, playback: { ...get().playback, playing: time < get().end && get().playback.playing } });
    },
  }));
}

describe('player', () => {
  test('hands the store the real time elapsed on each frame (a plain store turns it into elapsed × speed)', () => {
    const store = fakeLab(4);
    const frames = manualFrames();
    const player = createPlayer(store, frames);
    store.getState().setPlaying(true);
    frames.tick(16); // first frame only records the timestamp
    expect(store.getState().time).toBe(0);
    frames.tick(25);
    expect(store.getState().time).toBe(100);
    frames.tick(10);
    expect(store.getState().time).toBe(140);
    player.dispose();
  });

  test('requests no frames while paused and stops when the store pauses itself at the end', () => {
    const store = fakeLab(64);
    const frames = manualFrames();
    createPlayer(store, frames);
    expect(frames.pending).toBe(0);
    store.getState().setPlaying(true);
    expect(frames.pending).toBe(1);
    for (let i = 0; i < 10; i++) frames.tick(50);
    expect(store.getState().time).toBe(1_000);
    expect(store.getState().playback.playing).toBe(false);
    expect(frames.pending).toBe(0);
  });

  test('caps a long frame gap (hidden tab) and restarts timing after a pause', () => {
    const store = fakeLab(1);
    const frames = manualFrames();
    createPlayer(store, frames);
    store.getState().setPlaying(true);
    frames.tick(0);
    frames.tick(5_000);
    expect(store.getState().time).toBe(MAX_FRAME_MS);
    store.getState().setPlaying(false);
    frames.tick(10_000);
    store.getState().setPlaying(true);
    frames.tick(20);
    expect(store.getState().time).toBe(MAX_FRAME_MS);
    frames.tick(20);
    expect(store.getState().time).toBe(MAX_FRAME_MS + 20);
  });

  test('dispose cancels the pending frame', () => {
    const store = fakeLab();
    const frames = manualFrames();
    const player = createPlayer(store, frames);
    store.getState().setPlaying(true);
    player.dispose();
    expect(frames.pending).toBe(0);
  });
});
