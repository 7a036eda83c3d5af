/**
 * Lesson 13's LRU experiment as a figure that plays: the emulator runs Redis's test at once, and the
 * figure replays it new key by new key, so the evictions land out of order before the learner's
 * eyes. Like a scenario figure it plays when half of it is in view, pauses when it leaves, and under
 * reduced motion shows the end with its step controls.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createStore } from 'zustand/vanilla';
import { createPlayer, type FrameSource } from '../../player/index.ts';
import { LruExperiment } from '../../components/lab/LruExperiment.tsx';
import { useReducedMotion } from '../../components/lab/hooks.ts';
import type { ExperimentFigureDefinition } from './types.ts';
import { useAutoPlayInView, type FigureControl } from './autoplay.ts';

/** Wall ms per new key: the 150 keys take six seconds. */
const MS_PER_KEY = 40;
/** Step buttons move this many new keys. */
const STEP_KEYS = 10;

interface Replay {
  playback: { playing: boolean; speed: number };
  /** New keys added so far, fractional while playing. */
  added: number;
  tick(wallMs: number): void;
}

function replayStore(total: number) {
  return createStore<Replay>()((set, get) => ({
    playback: { playing: false, speed: 1 },
    added: 0,
    tick(wallMs) {
      const added = Math.min(total, get().added + wallMs / MS_PER_KEY);
      set({ added, ...(added >= total ? { playback: { playing: false, speed: 1 } } : {}) });
    },
  }));
}

export function ExperimentFigure({ definition, frames }: { definition: ExperimentFigureDefinition; frames?: FrameSource }) {
  const [panels] = useState(() => definition.experiment());
  const total = panels[0]?.added.length ?? 0;
  const [store] = useState(() => replayStore(total));
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const added = Math.floor(state.added);
  const reduced = useReducedMotion();
  const rootRef = useRef<HTMLDivElement>(null);
  const control = useRef<FigureControl>('untouched');

  useEffect(() => {
    const player = createPlayer(store, frames);
    return () => player.dispose();
  }, [store, frames]);

  const setPlaying = (playing: boolean) => store.setState({ playback: { playing, speed: 1 } });
  const play = () => {
    if (store.getState().added >= total) store.setState({ added: 0 });
    setPlaying(true);
  };
  const moveTo = (to: number) => store.setState({ added: Math.max(0, Math.min(total, to)), playback: { playing: false, speed: 1 } });

  // Reduced motion: the end, still; the learner may step or press play.
  useEffect(() => {
    if (reduced && control.current !== 'learner') store.setState({ added: total, playback: { playing: false, speed: 1 } });
  }, [reduced, store, total]);

  useAutoPlayInView(rootRef, control, reduced, {
    play: () => {
      if (store.getState().added < total) setPlaying(true);
    },
    pause: () => setPlaying(false),
    isPlaying: () => store.getState().playback.playing,
  }, [store, total]);

  const byLearner = (action: () => void) => () => {
    control.current = 'learner';
    action();
  };
  const playing = state.playback.playing;
  const ended = state.added >= total;
  const label = playing ? 'Pause' : ended ? 'Replay' : 'Play';
  return (
    <div ref={rootRef} className="figure-body" data-state={playing ? 'playing' : ended ? 'ended' : 'paused'}>
      {/* The three panels may be taller than the figure: keyboard users scroll them with the arrow keys. */}
      <div className={`figure-view figure-view-${definition.view}`} tabIndex={0} role="group" aria-label="LRU experiment (scrolls)">
        <LruExperiment panels={panels} added={added} />
      </div>
      <div className="figure-controls" role="group" aria-label="Figure controls">
        <button type="button" className="figure-button figure-play" onClick={byLearner(playing ? () => setPlaying(false) : play)} aria-label={`${label} the figure`}>
          <span aria-hidden="true">{playing ? '❚❚' : ended ? '↺' : '▶'}</span> {label}
        </button>
        <button type="button" className="figure-button" onClick={byLearner(() => moveTo(Math.ceil(state.added / STEP_KEYS) * STEP_KEYS - STEP_KEYS))} disabled={state.added <= 0} aria-label={`Step back ${STEP_KEYS} keys`}>
          <span aria-hidden="true">◀</span>
        </button>
        <button type="button" className="figure-button" onClick={byLearner(() => moveTo(Math.floor(state.added / STEP_KEYS) * STEP_KEYS + STEP_KEYS))} disabled={ended} aria-label={`Step forward ${STEP_KEYS} keys`}>
          <span aria-hidden="true">▶</span>
        </button>
        <span className="figure-progress">
          <span className="figure-progress-track" aria-hidden="true">
            <span className="figure-progress-fill" style={{ width: `${((added / (total || 1)) * 100).toFixed(1)}%` }} />
          </span>
          <span className="figure-progress-text">{`${added} / ${total} new keys`}</span>
        </span>
      </div>
    </div>
  );
}
