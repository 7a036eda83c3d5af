import type { StoreApi } from 'zustand/vanilla';
import type { LearnerAction, ScheduledAction, SimOptions } from '../scenarios/types.ts';
import type { LabEngine, LabOptions, ScenarioInfo } from './engine.ts';
import type { LabSession, TraceView } from './session.ts';

/**
 * Playback speeds offered by the lab: virtual ms per real ms. One request takes ~50 virtual ms,
 * so speeds below ¼× exist to watch a single request travel.
 */
export const SPEEDS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64] as const;

export interface LabConfig {
  scenario: string;
  options?: Record<string, unknown>;
  seed?: number;
  engine: LabEngine;
  /** Start with the cursor after this many events. */
  initialCursor?: number;
  /** Initial playback speed (default: 1/20× for request-by-request labs, 1× for a steady workload). */
  speed?: number;
}

/** Where the learner is in the trace: events [0, index) have happened; virtual time `time` (ms). */
export interface Cursor {
  readonly index: number;
  readonly time: number;
  /**
   * The virtual time since which the clock has run on continuously (playing); absent, the cursor
   * was put at `time` (a start, a seek, a jump such as fast-forward). Dots a busy lab keeps on
   * screen past their arrival are kept only for arrivals in that stretch (see `isOnTheWire`).
   */
  readonly since?: number;
}

/** Where the clock has run on continuously from (see `Cursor.since`). */
export const continuousSince = (cursor: Cursor): number => cursor.since ?? cursor.time;

/**
 * Whether the cursor was reached by playing (or the lab is about to play from it), not put on a
 * beat by Step: the narration then tells every event of the instant at once (see `momentAt`).
 */
export const playedTo = (state: { cursor: Cursor; playback: { playing: boolean } }): boolean => state.playback.playing || state.cursor.since !== undefined;

/** A situation a lab can be put in from a clean state: options, actions at times, and the moment to stop at. */
export interface Situation {
  readonly options?: Record<string, unknown>;
  readonly actions: readonly ScheduledAction[];
  readonly at: number;
}

export interface SimulationSlice {
  engine: LabEngine;
  scenarioId: string;
  scenario: ScenarioInfo | undefined;
  /** The options as the lesson gave them, before validation. */
  rawOptions: Record<string, unknown>;
  /** The validated options the simulation started with. */
  options: LabOptions;
  /** Sentences about options that were ignored or corrected. */
  optionMessages: readonly string[];
  seed: number;
  /**
   * The run's owner (see session.ts). The store asks it to run and stores the views it hands out;
   * views read `trace`, never the session.
   */
  session: LabSession;
  /** False when the simulation could not start (unknown scenario, engine error). */
  running: boolean;
  /** Why the simulation could not start, or why the last action failed; null when all is well. */
  failure: string | null;
  /**
   * What part of Redis is loading before the lab can run (see `LabEngine.prepare`), or null. While
   * it loads at the start `running` is false; a change that needs it (an option, a script) waits
   * for it, paused, and is applied at the same cursor once it is there.
   */
  loading: string | null;
  /** Resolves once nothing is loading (at once when nothing is). */
  whenReady(): Promise<void>;
  /** The trace so far, as a frozen view: a new reference whenever the run has new events or restarts. */
  trace: TraceView;
  /** The learner actions taken, in order (for checks: "has a burst happened?"). */
  actionLog: readonly { at: number; action: LearnerAction }[];
  /** Take an action at the cursor's time; if the cursor is in the past, later actions are dropped. */
  act(action: LearnerAction): void;
  /** Run a scripted timeline from the cursor: each action at the cursor's time plus its offset. */
  runScript(actions: readonly ScheduledAction[]): void;
  /** Change one option now (validated; a bad value returns the message and changes nothing). */
  setOption(name: keyof SimOptions, value: unknown): string | null;
  /** Run one redis-cli line typed by the learner. */
  console(line: string): void;
  /**
   * Start over in a stated situation (a predict check's): a fresh simulation with these option
   * overrides and these actions, the cursor at `at` with everything before it shown, paused.
   */
  stage(situation: Situation): void;
  /** Start over: same scenario, options and seed, no actions. */
  reset(): void;
}

export interface CursorSlice {
  cursor: Cursor;
  playback: {
    playing: boolean;
    speed: number;
    /** Play on past the last event (the clock runs). */
    free: boolean;
    /** Timestamp (real ms) of the animation frame that last moved the cursor, for throttled panels. */
    frameAt: number;
  };
  advance(virtualMs: number, frameAt?: number): void;
  /** Moves the cursor on by `wallMs` of real time at the chosen speed, paced so every hop stays visible (see pacing.ts). */
  tick(wallMs: number, frameAt?: number): void;
  /** The virtual time `tick(wallMs)` would move to (the simulation runs far enough to know); a side-by-side pair moves both sides to the earlier of the two. */
  pacedTime(wallMs: number): number;
  play(): void;
  pause(): void;
  togglePlay(): void;
  /** One event with a sentence of its own forward or back; a message's event stops mid-hop, its dot on screen. */
  step(direction: 1 | -1): void;
  /** Puts the cursor at `time` (a jump, see `Cursor.since`); `frameAt` is the animation frame's timestamp when playback moved it. */
  seek(time: number, frameAt?: number): void;
  /** Moves the clock on to `time` as playback does (a compared pair's shared clock): unlike `seek`, it has played on. */
  playTo(time: number, frameAt?: number): void;
  /** Put the cursor right after `index` events. */
  seekIndex(index: number): void;
  setSpeed(speed: number): void;
}

export type LabPanel = 'console' | 'logs' | 'sequence' | 'options';

export interface UiSlice {
  selectedRequest: number | null;
  panel: LabPanel;
  shortcutsOpen: boolean;
  selectRequest(requestId: number | null): void;
  setPanel(panel: LabPanel): void;
  setShortcutsOpen(open: boolean): void;
}

export type LabState = SimulationSlice & CursorSlice & UiSlice;
export type LabStore = StoreApi<LabState>;
