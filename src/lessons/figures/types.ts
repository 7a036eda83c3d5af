/**
 * What a figure is: a tiny scripted run of a real lesson scenario (or two, side by side), drawn
 * with the lab's own views. Plain data plus a describe function: the build reads it to validate
 * ```figure blocks and write each figure's text alternative; the browser plays it.
 */
import type { Metrics, ScheduledAction } from '../../scenarios/types.ts';
import type { MetricName } from '../../scenarios/checks.ts';

/** The lab view a figure draws: the request flow, the keyspace with TTL bars, or Redis's SCAN buckets. */
export type FigureView = 'flow' | 'keys' | 'scan';

export const FIGURE_VIEWS: readonly FigureView[] = ['flow', 'keys', 'scan'];

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
}

export interface FigureDefinition {
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
