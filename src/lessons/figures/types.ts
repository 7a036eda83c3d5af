/**
 * What a figure is: a tiny scripted run of a real lesson scenario (or two, side by side), drawn
 * with the lab's own views. Plain data plus a describe function: the build reads it to validate
 * ```figure blocks and write each figure's text alternative; the browser plays it.
 */
import type { Metrics, ScheduledAction } from '../../scenarios/types.ts';
import type { MetricName } from '../../scenarios/checks.ts';
import type { TraceEvent } from '../../scenarios/events.ts';
import type { LruPanel } from '../../scenarios/eviction-compare.ts';

/**
 * The lab view a figure draws: the request flow, the keyspace with TTL bars, Redis's SCAN buckets,
 * or the request flow above each app instance's local cache (lesson 15).
 */
export type FigureView = 'flow' | 'keys' | 'scan' | 'local';

export interface FigureRunSpec {
  /** Shown above the run when a figure has two (e.g. "Plain" and "With a lock"). */
  readonly label?: string;
  /** Options of this run, over the figure's (the lesson's block may override both). */
  readonly options?: Readonly<Record<string, unknown>>;
  /** Learner actions at virtual ms from the start. */
  readonly actions: readonly ScheduledAction[];
}

/** What one finished run showed: its label and its metrics over the whole run. */
export interface FigureOutcome {
  readonly label?: string;
  readonly metrics: Metrics;
  /** Keys whose TTL ran out during the run. */
  readonly keysExpired: number;
  /** The keys Redis evicted during the run, in order (a key evicted twice is listed twice). */
  readonly evicted: readonly string[];
  /** The run's trace up to its end, for a text alternative that quotes a command or a reply. */
  readonly events: readonly TraceEvent[];
}

/** A figure or an experiment figure, as the catalog holds them. */
export type FigureDefinition = ScenarioFigureDefinition | ExperimentFigureDefinition;

/**
 * A figure drawn from a computation over the emulator rather than a scenario's run: Redis's
 * documented LRU test (src/scenarios/eviction-compare.ts), which no lab plays. The emulator runs it at
 * once; the figure replays it new key by new key (ExperimentFigure.tsx).
 */
export interface ExperimentFigureDefinition {
  readonly summary: string;
  readonly view: 'lru';
  /** The emulator runs it at once (the figure replays its record): no scenario, runs or options. */
  readonly experiment: () => readonly LruPanel[];
  describe(panels: readonly LruPanel[]): string;
}

export const isExperiment = (definition: FigureDefinition): definition is ExperimentFigureDefinition => 'experiment' in definition;

export interface ScenarioFigureDefinition {
  /** One line for the authoring docs: what the figure shows. */
  readonly summary: string;
  /** A scenario id from src/scenarios/registry.ts. */
  readonly scenario: string;
  readonly options?: Readonly<Record<string, unknown>>;
  readonly seed?: number;
  readonly view: FigureView;
  /**
   * How the `keys` view draws the keyspace: `list` (each key with its value and TTL bar), `compact`
   * (names and TTL bars only) or `grid` (one large cell per key: colour = last touch, fill = TTL left).
   */
  readonly keys?: 'list' | 'compact' | 'grid';
  /** With the `keys` view: only the keys matching this glob (a scenario with many keys, one of them in focus). */
  readonly match?: string;
  /** Metrics shown under each run while it plays (their values at the cursor). */
  readonly facts?: readonly MetricName[];
  /** Playback speed (virtual ms per wall ms); hops still take at least 0.3 s each (src/store/pacing.ts). */
  readonly speed: number;
  /**
   * Where the run ends, in virtual ms. Required for a scenario with a steady workload; without it
   * the run ends when its last request is answered.
   */
  readonly until?: number;
  /** One run, or two drawn side by side and driven by the same controls. */
  readonly runs: readonly [FigureRunSpec] | readonly [FigureRunSpec, FigureRunSpec];
  /** The text alternative: what the whole run shows, with the run's own numbers. */
  describe(outcomes: readonly FigureOutcome[]): string;
}
