/**
 * A lab's run of the simulation, owned apart from the store. The store keeps intent (the lesson's
 * options, the actions taken), the cursor and playback; the session owns the `Simulation`, runs it
 * when the store asks, and hands out `TraceView`s: frozen snapshots that never change once handed
 * out, so a view re-renders because it got a new reference, never because a shared array grew.
 *
 * @example
 * const session = LabSession.start({ scenario: 'basics', engine: defaultEngine });
 * const { view } = session.apply(0, { type: 'read', key: 'user:1' });
 * view.events.slice(0, view.length); // the read's events, now and forever
 */
import type { TraceEvent } from '../scenarios/events.ts';
import type { LearnerAction, ScenarioId, ScheduledAction, Simulation } from '../scenarios/types.ts';
import type { LabEngine, LabOptions, ScenarioInfo } from './engine.ts';
import { ACTION_HORIZON_MS, hasWorkload, lookaheadMs } from './timeline.ts';

/**
 * What the views read of a run. `events` is the run's append-only log: a view covers
 * `events[0, length)`, and that prefix never changes. A fork, `stage`, `reset` or a restored link
 * starts a new log (a new `events` array) instead of cutting the old one, so `events` identity is
 * the run's identity. The session publishes a new view after every run of the simulation, so the
 * view the store holds always has `length === events.length`; an older view keeps its own length.
 */
export interface TraceView {
  readonly events: readonly TraceEvent[];
  readonly length: number;
  /** The options in force after the view's last event: the start options plus every option change (a copy). */
  readonly options: LabOptions;
}

function isScript(action: LearnerAction | readonly ScheduledAction[]): action is readonly ScheduledAction[] {
  return Array.isArray(action);
}

const NO_EVENTS: readonly TraceEvent[] = Object.freeze([]);

function viewOf(sim: Simulation | null, options: LabOptions): TraceView {
  if (!sim) return Object.freeze({ events: NO_EVENTS, length: 0, options });
  return Object.freeze({ events: sim.trace, length: sim.trace.length, options: Object.freeze({ ...sim.options }) });
}

export interface SessionConfig {
  readonly engine: LabEngine;
  readonly scenario: string;
  readonly options?: Record<string, unknown>;
  readonly seed?: number;
}

/** What an applied action did: the new view, where its events start, and where a jump landed. */
export interface Applied {
  readonly view: TraceView;
  /** Events before the action's own (everything up to its moment). */
  readonly index: number;
  /** True when the run was past the action's moment, so later actions were dropped. */
  readonly forked: boolean;
  /** For a fast-forward: the expiry it jumps past, or null. */
  readonly expiry: number | null;
}

export class LabSession {
  readonly scenario: ScenarioInfo | undefined;
  /** The validated options the run started with. */
  readonly options: LabOptions;
  /** Sentences about options that were ignored or corrected. */
  readonly optionMessages: readonly string[];
  /** Why the simulation could not start, or null. */
  readonly failure: string | null;
  private sim: Simulation | null;
  private published: TraceView;

  private constructor(scenario: ScenarioInfo | undefined, options: LabOptions, messages: readonly string[], failure: string | null, sim: Simulation | null) {
    this.scenario = scenario;
    this.options = options;
    this.optionMessages = messages;
    this.failure = failure;
    this.sim = sim;
    this.published = viewOf(sim, options);
  }

  /** No run yet: what the lab's options need from Redis is still loading (`LabEngine.prepare`). */
  static waiting(config: SessionConfig): LabSession {
    const verdict = config.engine.validateOptions(config.scenario, config.options ?? {});
    return new LabSession(config.engine.scenario(config.scenario), verdict.options, verdict.messages, null, null);
  }

  /** A fresh run at time 0; an unknown scenario or a core error is a `failure`, never an exception. */
  static start(config: SessionConfig): LabSession {
    const { engine } = config;
    const scenario = engine.scenario(config.scenario);
    if (!scenario) return new LabSession(undefined, {}, [], `There is no scenario called "${config.scenario}".`, null);
    const verdict = engine.validateOptions(config.scenario, config.options ?? {});
    try {
      const sim = engine.createSimulation({
        scenario: config.scenario as ScenarioId,
        // The core validates again and drops what the verdict reported, so the raw options go in.
        options: config.options ?? {},
        ...(config.seed !== undefined ? { seed: config.seed } : {}),
      });
      sim.runUntil(0);
      return new LabSession(scenario, verdict.options, verdict.messages, null, sim);
    } catch (error) {
      const failure = `The simulation could not start: ${error instanceof Error ? error.message : String(error)}`;
      return new LabSession(scenario, verdict.options, verdict.messages, failure, null);
    }
  }

  /** False when the simulation could not start. */
  get running(): boolean {
    return this.sim !== null;
  }

  /** The newest view of the run. */
  get view(): TraceView {
    return this.published;
  }

  /** A new view when the run has new events (or is a new run); the same view otherwise, so nothing re-renders for a clock that ran idle. */
  private publish(): TraceView {
    const sim = this.sim;
    if (sim && (sim.trace !== this.published.events || sim.trace.length !== this.published.length)) {
      this.published = viewOf(sim, this.options);
    }
    return this.published;
  }

  /**
   * Runs far enough past `time` that replies already on the wire are in the trace (one lookahead):
   * the store calls it as the cursor moves, a little every frame, so playback never stutters.
   */
  extendTo(time: number): TraceView {
    const sim = this.sim;
    if (!sim) return this.published;
    const horizon = Math.ceil(time) + lookaheadMs(sim.options);
    if (sim.now < horizon) sim.runUntil(horizon);
    return this.publish();
  }

  /**
   * Applies an action at `at`, or a script's actions at `at` plus each one's offset, forking first when the run is past `at`, then
   * runs until the requests they started are done (a workload: one lookahead).
   */
  apply(at: number, action: LearnerAction | readonly ScheduledAction[]): Applied {
    let sim = this.sim;
    if (!sim) return { view: this.published, index: 0, forked: false, expiry: null };
    const forked = sim.now > at;
    if (forked) sim = sim.fork(at);
    else if (sim.now < at) sim.runUntil(at);
    const index = sim.trace.length;
    const single = isScript(action) ? null : action;
    // Fast-forward jumps the cursor straight to the expiry, whatever the playback speed.
    const expiry = single?.type === 'fastForwardToExpiry' ? sim.nextExpiryAt(single.key) : null;
    const scheduled = isScript(action) ? [...action].sort((a, b) => a.at - b.at) : [{ at: 0, action }];
    for (const entry of scheduled) sim.apply(entry.action, at + entry.at);
    // A workload never goes idle: run one lookahead, not the whole horizon (30 s at 100,000 reads/s froze the tab).
    const lookahead = lookaheadMs(sim.options);
    sim.runUntilIdle(at + (hasWorkload(sim.options) ? lookahead : ACTION_HORIZON_MS));
    if (sim.now < at + lookahead) sim.runUntil(at + lookahead);
    // A fork becomes the run only once its actions went in without an error.
    this.sim = sim;
    return { view: this.publish(), index, forked, expiry };
  }

  /** Applies actions at their own times from the start and runs to `at`: a predict check's situation. */
  stage(actions: readonly ScheduledAction[], at: number): TraceView {
    const sim = this.sim;
    if (!sim) return this.published;
    for (const entry of [...actions].sort((a, b) => a.at - b.at)) sim.apply(entry.action, entry.at);
    sim.runUntil(at);
    return this.publish();
  }

  /** Runs every event up to and including `ms` (a figure's scripted run). */
  runUntil(ms: number): TraceView {
    this.sim?.runUntil(ms);
    return this.publish();
  }

  /** Runs until no request is in flight, at most to `maxMs`. */
  runUntilIdle(maxMs: number): TraceView {
    this.sim?.runUntilIdle(maxMs);
    return this.publish();
  }

  /** The earliest moment a key with a TTL (or `key`) expires in the run so far, or null. */
  nextExpiryAt(key?: string): number | null {
    return this.sim?.nextExpiryAt(key) ?? null;
  }

  /**
   * A private copy of this run from its start, for a caller that runs it in slices (a share link's
   * replay) and then hands it back with `adopt`; null when the simulation could not start.
   */
  replica(): Simulation | null {
    return this.sim ? this.sim.fork(0) : null;
  }

  /** Takes over a run made by `replica` (it becomes the lab's run) and returns its view. */
  adopt(sim: Simulation): TraceView {
    this.sim = sim;
    return this.publish();
  }
}
