/**
 * Two labs side by side (a lesson's ```lab block with `compare:`): one store per side under one
 * clock (createCompareStore), one set of buttons driving both, each side's flow and sentence
 * next to the other's, and the difference in numbers above them. Loaded lazily: no embed's first
 * load carries it.
 */
import { useEffect, useId, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { createPlayer, type FrameSource } from '../../player/index.ts';
import { createCompareStore, hasWorkload, LabStoreProvider, selectSnapshot, SPEEDS, lastEventAt, useLabStoreThrottled, type CompareState, type CompareStore, type LabEngine, type LabStore } from '../../store/index.ts';
import { defaultEngine } from '../../store/defaultEngine.ts';
import { compareSentence, formatMetric, metricTitle, readsMetric, type CompareSpec } from '../../scenarios/compare.ts';
import { ActionsPanel } from './ActionsPanel.tsx';
import { formatMoment } from '../../scenarios/format.ts';
import { metricAt } from './check.ts';
import { Icon } from './icons.tsx';
import { Keyspace } from './Keyspace.tsx';
import { LabErrorBoundary } from './LabErrorBoundary.tsx';
import { lazyPanel, PanelPlaceholder } from './lazyPanel.tsx';
import { Narration } from './Narration.tsx';
import { RequestFlow } from './RequestFlow.tsx';
import '../theme.css';
import './lab.css';
import './compare.css';

const DatabasePanel = lazyPanel(() => import('./DatabasePanel.tsx').then((m) => m.DatabasePanel), <PanelPlaceholder label="the database" minHeight={260} />);

export interface LabCompareProps {
  scenario: string;
  /** Options both sides share; each side adds its own (`compare.left.options`, `compare.right[i].options`). */
  options?: Record<string, unknown>;
  seed?: number;
  title?: string;
  compare: CompareSpec;
  engine?: LabEngine;
  /** Where animation frames come from; tests pass `manualFrames()`. */
  frames?: FrameSource;
  /** A pair made by the caller (a share link restores it); the config props are then ignored. */
  store?: CompareStore;
  /** Which right-hand side a given `store` shows (index into `compare.right`). */
  initialChoice?: number;
  /** Extra controls in the header (Share), rendered beside the title. */
  toolbar?: ReactNode;
  /** Told when the learner picks another right-hand side. */
  onChoose?: (choice: number) => void;
}

export function LabCompare(props: LabCompareProps) {
  const [generation, setGeneration] = useState(0);
  return (
    <LabErrorBoundary key={generation} onReset={() => setGeneration((n) => n + 1)}>
      <CompareInstance {...props} />
    </LabErrorBoundary>
  );
}

/** The pair for a compare block: the left side and the first (or chosen) right side. */
export function createComparePair(props: Pick<LabCompareProps, 'scenario' | 'options' | 'seed' | 'compare' | 'engine'>, choice = 0): CompareStore {
  const right = props.compare.right[choice] ?? props.compare.right[0]!;
  return createCompareStore({
    scenario: props.scenario,
    engine: props.engine ?? defaultEngine,
    ...(props.options ? { options: props.options } : {}),
    ...(props.seed !== undefined ? { seed: props.seed } : {}),
    sides: [{ ...props.compare.left.options }, { ...right.options }],
    ...(props.compare.pauseAt !== undefined ? { pauseAt: props.compare.pauseAt } : {}),
  });
}

function useCompare<T>(store: CompareStore, selector: (state: CompareState) => T): T {
  return useStore(store, useShallow(selector));
}

/** Re-renders when either side changes; `read` should return a string or number, so equal values skip the render. */
function useSides<T extends string | number>(sides: readonly LabStore[], read: () => T): T {
  return useSyncExternalStore(
    (listener) => {
      const stops = sides.map((store) => store.subscribe(listener));
      return () => stops.forEach((stop) => stop());
    },
    read,
    read,
  );
}

function CompareInstance(props: LabCompareProps) {
  const { compare, title, toolbar, frames } = props;
  const id = useId();
  const [choice, setChoice] = useState(() => (props.store ? (props.initialChoice ?? 0) : 0));
  const [pair] = useState(() => props.store ?? createComparePair(props, choice));
  useEffect(() => {
    const player = createPlayer(pair, frames);
    return () => player.dispose();
  }, [pair, frames]);
  const sides = useCompare(pair, (s) => s.sides);
  const labels = [compare.left.label, compare.right[choice]?.label ?? compare.right[0]!.label] as const;
  const info = sides[0].getState().scenario;
  const failure = useSides(sides, () => sides.map((store) => store.getState().failure ?? '').find(Boolean) ?? '');
  const [root, setRoot] = useState<HTMLElement | null>(null);
  const narrow = useNarrow(root);

  const choose = (next: number) => {
    setChoice(next);
    pair.getState().replaceRight({ ...compare.right[next]!.options });
    props.onChoose?.(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault();
      pair.getState().step(event.key === 'ArrowLeft' ? -1 : 1);
    } else if (event.key === ' ' && !(target instanceof HTMLButtonElement)) {
      event.preventDefault();
      pair.getState().togglePlay();
    }
  };

  return (
    <section ref={setRoot} className="cal-lab cal-compare" aria-labelledby={`${id}-title`} aria-describedby={`${id}-how`} onKeyDown={onKeyDown} tabIndex={-1} data-scenario={props.scenario} data-compare>
      <header className="cal-lab-head">
        <p id={`${id}-title`} className="cal-lab-title">
          {title ?? `${info?.title ?? props.scenario}: ${labels.join(' vs ')}`}
        </p>
        <p id={`${id}-how`} className="cal-lab-description">
          One set of buttons drives both labs at the same moment: {labels[0]} on the left, {labels[1]} on the right.
          {compare.pauseAt !== undefined && ` Playing pauses by itself at ${formatMoment(compare.pauseAt)} of lab time.`}
        </p>
        {toolbar}
      </header>
      {failure && (
        <p className="cal-note cal-note-error" role="alert">
          {failure}
        </p>
      )}
      <div className="cal-compare-body">
        <div className="cal-compare-actions">
          <LabStoreProvider store={sides[0]}>
            <ActionsPanel only={compare.actions} onAct={(action) => pair.getState().act(action)} title="Actions (both sides)" />
          </LabStoreProvider>
          {/* On a phone the buttons stick to the bottom of the screen, and Play with them: a steady workload is driven by it. */}
          {narrow && (
            <div className="cal-compare-sticky-play">
              <PlayBoth pair={pair} />
            </div>
          )}
        </div>
        <div className="cal-panel cal-compare-settings">
          {compare.right.length > 1 && (
            <label className="cal-field">
              <span className="cal-field-label">Beside {compare.left.label}</span>
              <select className="cal-input" value={choice} onChange={(event) => choose(Number(event.currentTarget.value))}>
                {compare.right.map((side, i) => (
                  <option key={side.label} value={i}>
                    {side.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          <ComparePlayback pair={pair} sides={sides} withPlay={!narrow} />
        </div>
        <CompareSummary sides={sides} labels={labels} metrics={compare.metrics} />
        <div className="cal-compare-grid">
          {sides.map((store, i) => (
            <LabStoreProvider key={`${i}-${i === 1 ? choice : 0}`} store={store}>
              <section className={`cal-compare-column is-${i === 0 ? 'left' : 'right'}`} aria-label={`${labels[i]} (${i === 0 ? 'left' : 'right'})`} data-side={i === 0 ? 'left' : 'right'}>
                <div className="cal-compare-side-head">
                  <h3 className="cal-compare-name">
                    <span className="cal-compare-side">{i === 0 ? 'Left' : 'Right'}</span> {labels[i]}
                  </h3>
                  <SideNumbers metrics={compare.metrics} />
                </div>
                <RequestFlow />
                <Narration speaker={labels[i]} />
              </section>
            </LabStoreProvider>
          ))}
        </div>
        <div className="cal-compare-grid cal-compare-stores">
          {sides.map((store, i) => (
            <LabStoreProvider key={`${i}-${i === 1 ? choice : 0}`} store={store}>
              <div className="cal-compare-column" role="group" aria-label={`Redis and the database: ${labels[i]}`}>
                {/* Stacked on a phone, the stores are far below their flows: each says again which side it is. */}
                <p className="cal-compare-name" aria-hidden="true">
                  <span className="cal-compare-side">{i === 0 ? 'Left' : 'Right'}</span> {labels[i]}
                </p>
                <Keyspace />
                <DatabasePanel />
              </div>
            </LabStoreProvider>
          ))}
        </div>
      </div>
    </section>
  );
}

/** Below the width at which compare.css puts the two sides next to each other (its container query): the phone layout. */
const WIDE_FROM = 760;

function useNarrow(element: HTMLElement | null): boolean {
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setNarrow((entry?.contentRect.width ?? WIDE_FROM) < WIDE_FROM));
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return narrow;
}

/** Play or pause both sides (in the playback bar; on a phone, beside the shared buttons instead). */
function PlayBoth({ pair }: { pair: CompareStore }) {
  const playing = useCompare(pair, (s) => s.playback.playing);
  return (
    <button type="button" className="cal-icon-button cal-play" onClick={() => pair.getState().togglePlay()} aria-label={playing ? 'Pause both' : 'Play both'} title="Play or pause (Space)">
      <Icon name={playing ? 'pause' : 'play'} />
    </button>
  );
}

const speedLabel = (speed: number) => (speed < 1 ? `1/${Math.round(1 / speed)}×` : `${speed}×`);

/** One playback bar for both sides: they play, step and seek together. */
function ComparePlayback({ pair, sides, withPlay }: { pair: CompareStore; sides: readonly LabStore[]; withPlay: boolean }) {
  const id = useId();
  const speed = useCompare(pair, (s) => s.playback.speed);
  const actions = useCompare(pair, (s) => ({ step: s.step, seek: s.seek, setSpeed: s.setSpeed, reset: s.reset }));
  return (
    <div className="cal-playback cal-compare-playback" role="group" aria-label="Playback (both sides)">
      <div className="cal-playback-buttons">
        <button type="button" className="cal-icon-button" onClick={() => actions.step(-1)} aria-label="Step back on both sides" title="Step back (←)">
          <Icon name="back" />
        </button>
        {withPlay && <PlayBoth pair={pair} />}
        <button type="button" className="cal-icon-button" onClick={() => actions.step(1)} aria-label="Step forward on both sides" title="Step forward (→)">
          <Icon name="forward" />
        </button>
      </div>
      <LabStoreProvider store={sides[0]!}>
        <CompareScrubber id={id} sides={sides} onSeek={actions.seek} />
      </LabStoreProvider>
      <div className="cal-playback-tools">
        <label className="cal-speed">
          <span className="cal-visually-hidden">Speed</span>
          <select value={speed} onChange={(event) => actions.setSpeed(Number(event.currentTarget.value))} aria-label="Playback speed">
            {SPEEDS.map((option) => (
              <option key={option} value={option}>
                {speedLabel(option)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="cal-icon-button" onClick={actions.reset} aria-label="Reset both sides" title="Reset">
          <Icon name="reset" />
        </button>
      </div>
    </div>
  );
}

function CompareScrubber({ id, sides, onSeek }: { id: string; sides: readonly LabStore[]; onSeek: (time: number) => void }) {
  // The left side's cursor is the pair's moment (both stand at the same time); its refresh is throttled while playing.
  const time = useLabStoreThrottled((s) => s.cursor.time, 1);
  const end = Math.max(...sides.map((store) => lastEventAt(store.getState().trace.events)));
  const max = Math.max(end, time, 1);
  return (
    <div className="cal-scrubber">
      <label htmlFor={`${id}-time`} className="cal-visually-hidden">
        Virtual time (both sides)
      </label>
      <input id={`${id}-time`} type="range" min={0} max={max} step={1} value={Math.min(time, max)} aria-valuetext={`${formatMoment(time)} of ${formatMoment(max)}`} onChange={(event) => onSeek(Number(event.currentTarget.value))} />
      <output className="cal-time" htmlFor={`${id}-time`} aria-label="Virtual time">
        {formatMoment(time)}
      </output>
    </div>
  );
}

/**
 * A side's value of `metric` at its cursor: NaN (shown "—") for a hit ratio or latency before any
 * read has been served; `partial` while some of its reads are still waiting (a burst part-way), so
 * the value is labelled "so far". A steady workload always has reads on the way, so its numbers
 * are running totals and carry no label.
 */
function shownValue(state: ReturnType<LabStore['getState']>, metric: string): { value: number; partial: boolean } {
  const snapshot = selectSnapshot(state);
  const metrics = snapshot?.metrics;
  if (readsMetric(metric) && (metrics?.reads ?? 0) === 0) return { value: Number.NaN, partial: false };
  const value = metricAt(state.trace.events, Math.min(state.cursor.index, state.trace.length), metrics, metric);
  const partial = readsMetric(metric) && !hasWorkload(state.options) && (snapshot?.inFlight.some((request) => request.kind === 'read') ?? false);
  return { value, partial };
}

/** The numbers that differ, one sentence per metric: "Stale reads: 1 vs 0 (No invalidation 1, Delete on write 0)". */
function CompareSummary({ sides, labels, metrics }: { sides: readonly LabStore[]; labels: readonly [string, string]; metrics: CompareSpec['metrics'] }) {
  const key = useSides(sides, () =>
    metrics
      .map((metric) =>
        sides
          .map((store) => {
            const { value, partial } = shownValue(store.getState(), metric);
            return `${value}~${partial ? 1 : 0}`;
          })
          .join(':'),
      )
      .join('|'),
  );
  const rows = key.split('|').map((row, i) => {
    const cells = row.split(':').map((cell) => cell.split('~'));
    return { metric: metrics[i]!, values: cells.map(([value]) => Number(value)), partial: cells.map(([, partial]) => partial === '1') };
  });
  return (
    <ul className="cal-compare-summary" aria-label="The difference in numbers" data-testid="compare-summary">
      {rows.map(({ metric, values, partial }) => (
        <li key={metric} data-metric={metric} className={!Object.is(values[0], values[1]) ? 'is-different' : undefined}>
          {compareSentence(labels, metric, values, partial)}
        </li>
      ))}
    </ul>
  );
}

/** This side's values of the compared metrics, at its cursor. */
function SideNumbers({ metrics }: { metrics: CompareSpec['metrics'] }) {
  // Flat primitives, so the throttled hook's shallow comparison sees an unchanged value as unchanged.
  const shown = useLabStoreThrottled((s) => metrics.flatMap((metric) => {
    const { value, partial } = shownValue(s, metric);
    return [value, partial];
  }), 3);
  const values = metrics.map((_, i) => ({ value: shown[2 * i] as number, partial: shown[2 * i + 1] as boolean }));
  return (
    <dl className="cal-compare-numbers">
      {metrics.map((metric, i) => (
        <div key={metric} data-metric={metric}>
          <dt>{metricTitle(metric)}</dt>
          <dd>{formatMetric(metric, values[i]!.value, values[i]!.partial)}</dd>
        </div>
      ))}
    </dl>
  );
}
