/**
 * What the lab needs from the simulation core, as one injectable port: the app passes the real
 * engine (see `defaultEngine.ts`), store tests may pass a small fake.
 */
import type { TraceEvent } from '../scenarios/events.ts';
import type { ScheduledAction, SimOptions, SimState, Simulation, SimulationInput } from '../scenarios/types.ts';

/** A lab's options: the scenario's subset of the simulation options, typed. */
export type LabOptions = Readonly<Partial<SimOptions>>;

/** One field of a scenario's option form. */
export interface OptionField {
  readonly name: keyof SimOptions;
  readonly label: string;
  readonly description?: string;
  readonly type: 'number' | 'select';
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly unit?: string;
  readonly choices?: readonly string[];
  /** What the learner reads for each choice, when the choice is an identifier (e.g. allkeys-lru). */
  readonly choiceLabels?: { readonly [choice: string]: string };
  readonly default: unknown;
}

export interface ScenarioInfo {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly fields: readonly OptionField[];
  /** The learner actions this scenario's lab offers as buttons. */
  readonly actions: readonly string[];
  /** A key the "request a key" button reads by default. */
  readonly defaultKey: string;
  /** Named scripted timelines (times relative to their start), e.g. the stale-set race. */
  readonly scripts?: { readonly [name: string]: readonly ScheduledAction[] };
}

export interface OptionsVerdict {
  /** The options the simulation runs with (known, in range). */
  readonly options: LabOptions;
  /** One sentence per option that was ignored or corrected, naming the field and why. */
  readonly messages: readonly string[];
}

/** A part of Redis a run needs that loads separately (the Lua VM, the data-type commands), and its loading. */
export interface RedisLoad {
  /** What loads, in words for the lab's status line. */
  readonly label: string;
  readonly done: Promise<void>;
}

export interface LabEngine {
  scenario(id: string): ScenarioInfo | undefined;
  /**
   * Starts loading what a run of this scenario with these options (and these later actions) needs
   * and is not loaded yet; null when it can run at once. The store awaits it before it runs.
   */
  prepare?(id: string, options: Record<string, unknown>, actions?: readonly ScheduledAction[]): RedisLoad | null;
  validateOptions(id: string, raw: Record<string, unknown>): OptionsVerdict;
  createSimulation(input: SimulationInput): Simulation;
  stateAt(trace: readonly TraceEvent[], index: number): SimState;
}
