/**
 * A figure in the text: a scripted run of a real scenario drawn with the lab's own views, small
 * and focused. It plays when half of it scrolls into view, pauses when it leaves, and never
 * plays by itself for a learner who asked for reduced motion (they get the end state and steps).
 * Loaded lazily by FigureSlot, inside a box of the placeholder's size.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { createPlayer, type FrameSource } from '../../player/index.ts';
import { LabStoreProvider, eventsUpTo, useLabStoreThrottled, type LabState } from '../../store/index.ts';
import { beatAt } from '../../store/flow.ts';
import { RequestFlow } from '../../components/lab/RequestFlow.tsx';
import { Keyspace } from '../../components/lab/Keyspace.tsx';
import { ScanBuckets } from '../../components/lab/ScanBuckets.tsx';
import { LocalCaches } from '../../components/lab/LocalCaches.tsx';
import { narrationAt } from '../../components/lab/narration.ts';
import { windowMetrics } from '../../components/lab/check.ts';
import { useReducedMotion } from '../../components/lab/hooks.ts';
import { METRIC_LABELS, type MetricName } from '../../scenarios/checks.ts';
import { getFigure } from './catalog/index.ts';
import { prepareFigure, startFigure, type FigureRun } from './run.ts';
import { isExperiment, type ScenarioFigureDefinition } from './types.ts';
import { ExperimentFigure } from './ExperimentFigure.tsx';
import { useAutoPlayInView, type FigureControl } from './autoplay.ts';
import { formatMoment } from '../../scenarios/format.ts';
import '../../components/theme.css';
import '../../components/lab/lab.css';
import './figure.css';

export interface FigureProps {
  name: string;
  options?: Record<string, unknown>;
  /** Where animation frames come from; tests pass `manualFrames()`. */
  frames?: FrameSource;
}


export function Figure({ name, options, frames }: FigureProps) {
  const definition = getFigure(name);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    if (definition) void prepareFigure(definition).then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [definition]);
  if (!definition) return <p className="figure-missing">There is no figure called “{name}”.</p>;
  // The placeholder's twin while the emulator loads what the figure's console lines need.
  if (!ready) return <div className="figure-body" aria-busy="true" />;
  if (isExperiment(definition)) return <ExperimentFigure definition={definition} frames={frames} />;
  return <FigurePlayer definition={definition} options={options} frames={frames} />;
}

function FigurePlayer({ definition, options, frames }: { definition: ScenarioFigureDefinition; options?: Record<string, unknown>; frames?: FrameSource }) {
  const [runs] = useState(() => startFigure(definition, options));
  const reduced = useReducedMotion();
  const rootRef = useRef<HTMLDivElement>(null);
  const control = useRef<FigureControl>('untouched');
  const [announce, setAnnounce] = useState(false);
  const state = useFigureState(runs);

  useEffect(() => {
    const players = runs.map((run) => createPlayer(run.store, frames));
    // A run stops at its own end, even where the simulation has recorded events past it.
    const stops = runs.map((run) =>
      run.store.subscribe((s) => {
        if (s.playback.playing && s.cursor.time >= run.end) {
          s.pause();
          s.seek(run.end);
        }
      }),
    );
    return () => {
      for (const player of players) player.dispose();
      for (const stop of stops) stop();
    };
  }, [runs, frames]);

  const play = useCallback(() => {
    const ended = runs.every((run) => atEnd(run, run.store.getState()));
    for (const run of runs) {
      const store = run.store;
      if (ended) store.getState().seekIndex(0);
      store.getState().play();
      // A run that ends at a set time plays on through quiet stretches (a TTL counting down).
      if (definition.until !== undefined) store.setState({ playback: { ...store.getState().playback, free: true } });
    }
  }, [runs, definition.until]);
  const pause = useCallback(() => {
    for (const run of runs) run.store.getState().pause();
  }, [runs]);
  const toEnd = useCallback(() => {
    for (const run of runs) {
      run.store.getState().pause();
      run.store.getState().seek(run.end);
    }
  }, [runs]);

  // Reduced motion: the end state, still; the learner may step or press play.
  useEffect(() => {
    if (reduced && control.current !== 'learner') toEnd();
  }, [reduced, toEnd]);

  useAutoPlayInView(rootRef, control, reduced, { play, pause, isPlaying: () => runs.some((run) => run.store.getState().playback.playing) }, [play, pause, runs]);

  /** Any control the learner touches takes over from auto-play and makes the sentence announce itself. */
  const byLearner = (action: () => void) => () => {
    control.current = 'learner';
    setAnnounce(true);
    action();
  };
  const step = (direction: 1 | -1) => {
    const run = runs[0]!;
    run.store.getState().step(direction);
    if (run.store.getState().cursor.time > run.end) run.store.getState().seek(run.end);
  };

  const single = runs.length === 1;
  const label = state.playing ? 'Pause' : state.ended ? 'Replay' : 'Play';
  return (
    <div ref={rootRef} className="figure-body" data-state={state.playing ? 'playing' : state.ended ? 'ended' : 'paused'}>
      <div className={`figure-runs figure-runs-${runs.length}`}>
        {runs.map((run, i) => (
          <LabStoreProvider key={i} store={run.store}>
            <FigureRunView run={run} definition={definition} narrate={single} announce={announce} />
          </LabStoreProvider>
        ))}
      </div>
      <div className="figure-controls" role="group" aria-label="Figure controls">
        <button type="button" className="figure-button figure-play" onClick={byLearner(state.playing ? pause : play)} aria-label={`${label} the figure`}>
          <span aria-hidden="true">{state.playing ? '❚❚' : state.ended ? '↺' : '▶'}</span> {label}
        </button>
        {single && (
          <>
            <button type="button" className="figure-button" onClick={byLearner(() => step(-1))} disabled={state.atStart} aria-label="Step back">
              <span aria-hidden="true">◀</span>
            </button>
            <button type="button" className="figure-button" onClick={byLearner(() => step(1))} disabled={state.ended} aria-label="Step forward">
              <span aria-hidden="true">▶</span>
            </button>
          </>
        )}
        <Progress runs={runs} />
      </div>
    </div>
  );
}

/** A string read from every run's store, re-rendering only when it changes (strings compare by value). */
function useAcrossRuns(runs: readonly FigureRun[], read: () => string): string {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const stops = runs.map((run) => run.store.subscribe(onChange));
      return () => stops.forEach((stop) => stop());
    },
    [runs],
  );
  return useSyncExternalStore(subscribe, read);
}

/** Whether a run stands at its end: its time, with every event up to it counted (Step stops on each event at that time in turn). */
function atEnd(run: FigureRun, state: LabState): boolean {
  return state.cursor.time >= run.end && state.cursor.index >= eventsUpTo(state.trace.events, run.end);
}

/** Playing, ended and at-start across all runs, as one re-render per change of any of them. */
function useFigureState(runs: readonly FigureRun[]) {
  const key = useAcrossRuns(runs, () => {
    const states = runs.map((run) => run.store.getState());
    const playing = states.some((s) => s.playback.playing);
    const ended = runs.every((run, i) => atEnd(run, states[i]!));
    const atStart = states.every((s) => s.cursor.index === 0 && s.cursor.time === 0);
    return `${+playing}${+ended}${+atStart}`;
  });
  return { playing: key[0] === '1', ended: key[1] === '1', atStart: key[2] === '1' };
}

/**
 * How far the figure has played, as text and a thin bar: the run furthest from its end, since the
 * figure has ended only when every run has (two runs side by side may end at different times).
 */
function Progress({ runs }: { runs: readonly FigureRun[] }) {
  // Rounded down (whole ms, tenths of a percent), so it reads full only once every run has ended,
  // and as one string: a re-render only when what the bar or the text shows moves.
  const behind = useAcrossRuns(runs, () => {
    let slowest = 0;
    let share = Infinity;
    runs.forEach((run, i) => {
      const runShare = run.end > 0 ? Math.min(1, run.store.getState().cursor.time / run.end) : 1;
      if (runShare < share) [slowest, share] = [i, runShare];
    });
    return `${slowest}:${Math.floor(runs[slowest]!.store.getState().cursor.time)}:${Math.floor(share * 1000) / 10}`;
  });
  const [index, time, percent] = behind.split(':').map(Number) as [number, number, number];
  const end = runs[index]!.end;
  return (
    <span className="figure-progress">
      <span className="figure-progress-track" aria-hidden="true">
        <span className="figure-progress-fill" style={{ width: `${percent.toFixed(1)}%` }} />
      </span>
      <span className="figure-progress-text">{`${formatMoment(time)} / ${formatMoment(end)}`}</span>
    </span>
  );
}

function FigureRunView({ run, definition, narrate, announce }: { run: FigureRun; definition: ScenarioFigureDefinition; narrate: boolean; announce: boolean }) {
  const writer = definition.runs.some((spec) => spec.actions.some((entry) => entry.action.type === 'write'));
  return (
    <div className="figure-run">
      {run.label && <p className="figure-run-label">{run.label}</p>}
      <div
        className={`figure-view figure-view-${definition.view}${definition.view === 'keys' ? ` figure-keys-${definition.keys ?? 'list'}` : ''}`}
        // The SCAN picture may be taller than the figure: keyboard users scroll it with the arrow keys.
        {...(definition.view === 'scan' ? { tabIndex: 0, role: 'group', 'aria-label': 'SCAN buckets (scrolls)' } : {})}
      >
        {definition.view === 'flow' ? (
          <RequestFlow writer={writer} />
        ) : definition.view === 'local' ? (
          <>
            <RequestFlow writer={writer} />
            <LocalCaches />
          </>
        ) : definition.view === 'keys' ? (
          <Keyspace {...(definition.match !== undefined ? { match: definition.match } : {})} />
        ) : (
          <ScanBuckets />
        )}
      </div>
      {definition.facts && <Facts names={definition.facts} />}
      {narrate && <FigureNarration announce={announce} />}
    </div>
  );
}

const RATIO_METRICS = new Set<MetricName>(['hitRatio']);

/** The figure's numbers at the cursor, from the same metric definitions as the lab's. */
function Facts({ names }: { names: readonly MetricName[] }) {
  const values = useLabStoreThrottled((s) => {
    const flat = windowMetrics(s.trace.events, 0, Math.min(s.cursor.index, s.trace.length));
    return names.map((name) => flat[name] ?? 0);
  }, 2);
  const items = useMemo(() => names.map((name, i) => ({ name, value: values[i]! })), [names, values]);
  return (
    <dl className="figure-facts">
      {items.map(({ name, value }) => (
        <div key={name} className="figure-fact">
          <dt>{METRIC_LABELS[name].replace(/ \(ms\)$/, '')}</dt>
          <dd>{RATIO_METRICS.has(name) ? `${Math.round(value * 100)}%` : name.startsWith('latencyMs.') ? `${Math.round(value)} ms` : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The sentence for the step on screen; it announces itself only once the learner drives the figure. */
function FigureNarration({ announce }: { announce: boolean }) {
  const { trace, index, time } = useLabStoreThrottled((s) => ({ trace: s.trace, index: Math.min(s.cursor.index, s.trace.length), time: s.cursor.time }), 1);
  // The latest event's sentence alone, not the lab's joined moment: the figure's box is sized for two lines.
  const beat = beatAt(trace.events, trace.length, index, time);
  const narration = beat ? narrationAt(trace.events, beat.index, beat.at, trace.length) : null;
  return (
    <p className="figure-narration" aria-live={announce ? 'polite' : 'off'} aria-atomic="true">
      {narration?.text ?? (time > 0 ? `${formatMoment(time)} in: the clock runs, nothing else has happened yet.` : 'Nothing has happened yet: press Play or step forward.')}
    </p>
  );
}
