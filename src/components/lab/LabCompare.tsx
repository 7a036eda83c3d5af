import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import { createPlayer, type FrameSource } from '../../player/index.ts';
import { createLabStore, LabStoreProvider, selectOptionsAtCursor, selectSnapshot, SPEEDS, type LabEngine, type LabStore } from '../../store/index.ts';
import { defaultEngine } from '../../store/defaultEngine.ts';
import { actionFromName } from './check.ts';
import { Keyspace } from './Keyspace.tsx';
import { LabErrorBoundary } from './LabErrorBoundary.tsx';
import { Metrics } from './Metrics.tsx';
import { Narration } from './Narration.tsx';
import { RequestFlow } from './RequestFlow.tsx';
import { Icon } from './icons.tsx';
import '../theme.css';
import './lab.css';
import './compare.css';

export interface LabCompareProps {
  scenario: string;
  options?: Record<string, unknown>;
  seed?: number;
  /** The two strategies to run side by side, e.g. ['plain', 'lock']. */
  strategies: readonly [string, string] | readonly string[];
  title?: string;
  engine?: LabEngine;
  frames?: FrameSource;
}

/** The same seeded workload under two strategies, side by side, with the difference in numbers. */
export function LabCompare(props: LabCompareProps) {
  const [generation, setGeneration] = useState(0);
  return (
    <LabErrorBoundary key={generation} onReset={() => setGeneration((n) => n + 1)}>
      <CompareInstance {...props} />
    </LabErrorBoundary>
  );
}

/** Re-renders when any of the stores changes. */
function useStores<T>(stores: readonly LabStore[], read: () => T): T {
  return useSyncExternalStore(
    (listener) => {
      const stops = stores.map((store) => store.subscribe(listener));
      return () => stops.forEach((stop) => stop());
    },
    read,
  );
}

const dbReadsText = (n: number) => `${n} DB read${n === 1 ? '' : 's'}`;

function CompareInstance({ scenario, options, seed, strategies, title, engine = defaultEngine, frames }: LabCompareProps) {
  const id = useId();
  const pair = strategies.slice(0, 2);
  const [stores] = useState(() => pair.map((strategy) => createLabStore({ scenario, options: { ...options, strategy }, seed, engine })));
  useEffect(() => {
    const players = stores.map((store) => createPlayer(store, frames));
    return () => players.forEach((player) => player.dispose());
  }, [stores, frames]);

  const first = stores[0]!;
  const info = first.getState().scenario;
  const summaryKey = useStores(stores, () =>
    stores
      .map((store) => {
        const snapshot = selectSnapshot(store.getState());
        return `${snapshot?.metrics.dbReads ?? 0}:${snapshot?.inFlight.length ?? 0}:${store.getState().playback.playing ? 1 : 0}:${store.getState().actionLog.length}:${store.getState().playback.speed}`;
      })
      .join('|'),
  );
  const parts = summaryKey.split('|').map((part) => part.split(':').map(Number));
  const reads = parts.map((part) => part[0]!);
  const settled = parts.every((part) => part[1] === 0);
  const playing = parts.some((part) => part[2] === 1);
  const acted = parts.some((part) => part[3]! > 0);
  const speed = parts[0]![4]!;
  const failure = stores.map((store) => store.getState().failure).find(Boolean);

  const actionName = info?.actions.includes('burst') ? 'burst' : 'read';
  const run = () => {
    for (const store of stores) {
      const state = store.getState();
      const action = actionFromName(actionName, state.scenario, selectOptionsAtCursor(state));
      if (action) state.act(action);
    }
  };
  const [a, b] = [reads[0]!, reads[1]!];
  const difference = a === b ? 'the same load' : `${Math.abs(a - b)} ${a > b ? 'fewer' : 'more'}`;
  const summary = `${pair[0]}: ${dbReadsText(a)}, ${pair[1]}: ${dbReadsText(b)} — ${difference}`;

  if (failure && !stores.some((store) => store.getState().running)) {
    return (
      <section className="cal-lab cal-lab-broken">
        <p className="cal-note cal-note-error" role="alert">
          {failure}
        </p>
      </section>
    );
  }

  return (
    <section className="cal-lab cal-compare" aria-labelledby={`${id}-title`}>
      <header className="cal-lab-head">
        <p id={`${id}-title`} className="cal-lab-title">
          {title ?? `${info?.title ?? scenario}: ${pair.join(' vs ')}`}
        </p>
        <p className="cal-lab-description">The same seeded workload runs under each strategy.</p>
      </header>
      <div className="cal-compare-controls" role="group" aria-label="Both labs">
        <button type="button" className="cal-button cal-button-primary" onClick={run}>
          {actionName === 'burst' ? `Run the burst on both` : 'Request on both'}
        </button>
        <button type="button" className="cal-icon-button" aria-label={playing ? 'Pause both' : 'Play both'} onClick={() => stores.forEach((store) => (playing ? store.getState().pause() : store.getState().play()))}>
          <Icon name={playing ? 'pause' : 'play'} />
        </button>
        <label>
          <span className="cal-visually-hidden">Speed</span>
          <select aria-label="Playback speed" value={speed} onChange={(event) => stores.forEach((store) => store.getState().setSpeed(Number(event.currentTarget.value)))}>
            {SPEEDS.map((option) => (
              <option key={option} value={option}>
                {option < 1 ? `1/${Math.round(1 / option)}×` : `${option}×`}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="cal-icon-button" aria-label="Reset both" onClick={() => stores.forEach((store) => store.getState().reset())}>
          <Icon name="reset" />
        </button>
      </div>
      <p className="cal-compare-summary" aria-live="polite" data-testid="compare-summary">
        {!acted ? 'Run the workload to compare the database load.' : settled ? summary : `Running… ${summary}`}
      </p>
      <div className="cal-compare-grid">
        {stores.map((store, i) => (
          <LabStoreProvider key={pair[i]} store={store}>
            <div className="cal-compare-column" aria-label={`Strategy ${pair[i]}`} role="region">
              <p className="cal-compare-name">
                <span className="cal-tag">{pair[i]}</span>
              </p>
              <RequestFlow />
              <Narration />
              <Metrics />
              <Keyspace />
            </div>
          </LabStoreProvider>
        ))}
      </div>
    </section>
  );
}
