import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPlayer, type FrameSource } from '../../player/index.ts';
import { createLabStore, LabStoreProvider, useLabStore, useLabStoreApi, type LabEngine, type LabStore } from '../../store/index.ts';
import { defaultEngine } from '../../store/defaultEngine.ts';
import { ActionsPanel, preloadActionParts } from './ActionsPanel.tsx';
import type { CheckSpec } from '../../scenarios/checks.ts';
import { Keyspace } from './Keyspace.tsx';
import { LabErrorBoundary } from './LabErrorBoundary.tsx';
import { LabTabs, preloadLabTabs } from './LabTabs.tsx';
import { MetricChartsPanel, Metrics } from './Metrics.tsx';
import { Narration } from './Narration.tsx';
import { PlaybackBar } from './PlaybackBar.tsx';
import { RequestFlow } from './RequestFlow.tsx';
import { LabEngagedContext } from './engagement.ts';
import { lazyPanel, PanelPlaceholder } from './lazyPanel.tsx';
import '../theme.css';
import './lab.css';

// Only lessons pass a check and only `?` opens the shortcuts: neither belongs in an embed's first load.
const CheckPanel = lazyPanel(() => import('./CheckPanel.tsx').then((m) => m.CheckPanel), <PanelPlaceholder label="the check" minHeight={180} />);
// The running code sits beside the flow from the start; its sources and highlighter load just after the lab.
const LabCode = lazyPanel(() => import('./panels/CodeTab.tsx').then((m) => m.LabCode), <PanelPlaceholder label="the code" minHeight={200} />);
const ShortcutsDialog = lazyPanel(() => import('./ShortcutsDialog.tsx').then((m) => m.ShortcutsDialog), null);
// The database panel and lesson 5's bucket table keep the embed's first load within its budget.
/** Learner actions that reach the database (a read's miss, a write); a lab offering none of them never queries it. */
const DATABASE_ACTIONS: ReadonlySet<string> = new Set(['read', 'readMissing', 'burst', 'write', 'slowRead']);
const DatabasePanel = lazyPanel(() => import('./DatabasePanel.tsx').then((m) => m.DatabasePanel), <PanelPlaceholder label="the database" minHeight={260} />);
const ScanBuckets = lazyPanel(() => import('./ScanBuckets.tsx').then((m) => m.ScanBuckets), <PanelPlaceholder label="the SCAN buckets" minHeight={220} />);
// Lesson 15's local caches: only its lab has them.
const LocalCaches = lazyPanel(() => import('./LocalCaches.tsx').then((m) => m.LocalCaches), <PanelPlaceholder label="the local caches" minHeight={160} />);

/**
 * Loads the parts a lab draws at once (the check, the code, the database, lesson 5's buckets,
 * lesson 14's product and tag actions and lesson 15's local caches), settled either way: a lesson page awaits it with the lab's own chunk, so
 * the lab arrives whole into its placeholder instead of swapping panel placeholders for panels of
 * other heights under the learner's pointer. Embeds leave it out to keep their first load small.
 */
export function preloadFirstPaint(): Promise<void> {
  const settled = (load: () => Promise<void>) => load().catch(() => undefined);
  return Promise.all([CheckPanel.preload, LabCode.preload, DatabasePanel.preload, ScanBuckets.preload, LocalCaches.preload, preloadActionParts].map(settled)).then(() => undefined);
}

/** Loads the lab's on-demand parts now (tests; a page that knows it will need them). */
export function preloadLabParts(): Promise<void> {
  return Promise.all([CheckPanel.preload(), ShortcutsDialog.preload(), LabCode.preload(), DatabasePanel.preload(), ScanBuckets.preload(), LocalCaches.preload(), preloadLabTabs()]).then(() => undefined);
}

export interface LabProps {
  scenario: string;
  options?: Record<string, unknown>;
  seed?: number;
  title?: string;
  check?: CheckSpec;
  onCheckPassed?: () => void;
  initialCursor?: number;
  /** The simulation core; tests may pass a fake. */
  engine?: LabEngine;
  /** Where animation frames come from; tests pass `manualFrames()`. */
  frames?: FrameSource;
  /** A store made by the caller (embeds and share links drive it); the other config props are then ignored. */
  store?: LabStore;
  /** Extra controls in the lab's header (e.g. Share / Embed), rendered inside the lab's store context. */
  toolbar?: ReactNode;
  /** Load the console (and other parts that wait) only once the learner points at or focuses the lab: embeds keep their first load small. */
  deferUntilEngaged?: boolean;
}

/** One interactive cache-aside lab: its own store, player and views. */
export function Lab(props: LabProps) {
  const [generation, setGeneration] = useState(0);
  return (
    <LabErrorBoundary key={generation} onReset={() => setGeneration((n) => n + 1)}>
      <LabInstance {...props} />
    </LabErrorBoundary>
  );
}

function LabInstance({ scenario, options, seed, title, check, onCheckPassed, initialCursor, engine = defaultEngine, frames, store: given, toolbar, deferUntilEngaged = false }: LabProps) {
  const [store] = useState(() => given ?? createLabStore({ scenario, options, seed, engine, initialCursor }));
  useEffect(() => {
    const player = createPlayer(store, frames);
    return () => player.dispose();
  }, [store, frames]);
  return (
    <LabStoreProvider store={store}>
      <LabView title={title} check={check} onCheckPassed={onCheckPassed} toolbar={toolbar} deferUntilEngaged={deferUntilEngaged} />
    </LabStoreProvider>
  );
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.closest('[data-no-shortcuts]') !== null);

function LabView({ title, check, onCheckPassed, toolbar, deferUntilEngaged }: { title?: string; check?: CheckSpec; onCheckPassed?: () => void; toolbar?: ReactNode; deferUntilEngaged: boolean }) {
  const id = useId();
  const [engaged, setEngaged] = useState(!deferUntilEngaged);
  const engage = engaged ? undefined : () => setEngaged(true);
  const store = useLabStoreApi();
  const { scenario, failure, hasSim, scenarioId } = useLabStore((s) => ({ scenario: s.scenario, failure: s.failure, hasSim: s.running, scenarioId: s.scenarioId }));
  const optionMessages = useLabStore((s) => s.optionMessages);
  const loading = useLabStore((s) => s.loading);
  const shortcutsOpen = useLabStore((s) => s.shortcutsOpen);
  const heading = title ?? scenario?.title ?? scenarioId;
  const offersScan = scenario?.actions.includes('scanStep') ?? false;
  const hasLocalCaches = scenario?.fields.some((field) => field.name === 'localTtlMs') ?? false;
  // Lesson 14's app tasks only ever talk to Redis: no database panel that could only say "no row", and Redis commands in the metrics instead of reads.
  const appTasksOnly = scenario !== undefined && !scenario.actions.some((action) => DATABASE_ACTIONS.has(action)) && !scenario.fields.some((field) => field.name === 'readRatePerSec');

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    engage?.();
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
    const state = store.getState();
    if (event.key === ' ' && !(event.target instanceof HTMLButtonElement) && !(event.target instanceof HTMLAnchorElement)) {
      event.preventDefault();
      state.togglePlay();
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault();
      state.step(-1);
    } else if (event.key === 'ArrowRight') {
      event.preventDefault();
      state.step(1);
    } else if (event.key === '?') {
      event.preventDefault();
      state.setShortcutsOpen(true);
    }
  };

  if (!hasSim && loading !== null && failure === null) {
    // The lab's options need a part of Redis that loads separately (the lock's Lua VM): a placeholder of the lab's height until it is there.
    return (
      <section className="cal-lab cal-lab-loading" aria-labelledby={`${id}-title`} aria-busy="true" data-scenario={scenarioId}>
        {/* The lab's own words paint now, where they stay once it mounts (an embed's largest paint waited for the Lua VM). */}
        <header className="cal-lab-head">
          <p id={`${id}-title`} className="cal-lab-title">
            {heading}
          </p>
          {scenario?.description && <p className="cal-lab-description">{scenario.description}</p>}
        </header>
        <p className="cal-note" role="status">
          Loading {loading}…
        </p>
      </section>
    );
  }

  if (!hasSim) {
    return (
      <section className="cal-lab cal-lab-broken" aria-labelledby={`${id}-title`}>
        <p id={`${id}-title`} className="cal-lab-title">
          {heading}
        </p>
        <p className="cal-note cal-note-error" role="alert">
          {failure ?? 'This lab could not start.'}
        </p>
        <button type="button" className="cal-button" onClick={() => store.getState().reset()}>
          Reset this lab
        </button>
      </section>
    );
  }

  return (
    <LabEngagedContext.Provider value={engaged}>
      <section
        className="cal-lab"
        aria-labelledby={`${id}-title`}
        onKeyDown={onKeyDown}
        onPointerEnter={engage}
        onPointerDown={engage}
        onFocus={engage}
        tabIndex={-1}
        data-scenario={scenarioId}
        data-engaged={engaged}
      >
        <header className="cal-lab-head">
          <p id={`${id}-title`} className="cal-lab-title">
            {heading}
          </p>
          {scenario?.description && <p className="cal-lab-description">{scenario.description}</p>}
          {toolbar}
        </header>
        {loading !== null && (
          <p className="cal-note" role="status">
            Loading {loading}…
          </p>
        )}
        {optionMessages.length > 0 && (
          <div className="cal-note" role="note">
            <p>Some options in this lab were not used:</p>
            <ul>
              {optionMessages.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </div>
        )}
        {/* One screen: the flow, its sentence, the code beside them, the playback bar and the actions (see lab.css). */}
        <div className="cal-body">
          {/* The deck: on a phone the stage sticks over these alone and scrolls away before the code. */}
          <div className="cal-deck">
            <div className="cal-stage">
              <RequestFlow />
              <Narration />
            </div>
            <PlaybackBar />
            <div className={`cal-side${check ? ' has-check' : ''}`}>
              <ActionsPanel />
              <Metrics appTasksOnly={appTasksOnly} localCaches={hasLocalCaches} />
              {check && <CheckPanel check={check} onCheckPassed={onCheckPassed} />}
              <MetricChartsPanel />
            </div>
            {offersScan && <ScanBuckets />}
            {hasLocalCaches && <LocalCaches />}
          </div>
          <div className="cal-lab-code">
            <LabCode />
          </div>
          <div className={`cal-stores${appTasksOnly ? ' is-keyspace-only' : ''}`}>
            <Keyspace />
            {!appTasksOnly && <DatabasePanel />}
          </div>
          <LabTabs />
        </div>
        {shortcutsOpen && <ShortcutsDialog />}
      </section>
    </LabEngagedContext.Provider>
  );
}
