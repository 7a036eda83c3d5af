/** What a lesson scenario is: data the lab, the tests and the share links read. */
import type { World } from './world.ts';
import type { KeySpaceSpec } from './workload.ts';
import { validateOptionsAgainst, optionSpecs, type OptionName, type OptionSpec, type ValidationResult } from './options.ts';
import type { LearnerActionType, ScenarioId, ScheduledAction, SimOptions } from './types.ts';

export interface ScenarioDefinition {
  readonly id: ScenarioId;
  /** The lesson number (content/NN-*.md). */
  readonly lesson: number;
  readonly title: string;
  readonly description: string;
  readonly defaultSeed: number;
  /** The options a learner may set here, each with its spec (default = this scenario's default). */
  readonly optionSchema: { readonly [name: string]: OptionSpec };
  /** The learner actions the lab offers. */
  readonly actions: readonly LearnerActionType[];
  /** The key "read" uses by default. */
  readonly defaultKey: string;
  /** Named scripted timelines (times relative to when they start), e.g. the stale-set race. */
  readonly scripts?: { readonly [name: string]: readonly ScheduledAction[] };
  /** The ids the workload reads. */
  keys(options: SimOptions): KeySpaceSpec;
  /** Initial state: warm keys, extra rows. */
  setup?(world: World): void;
  /** Its app sends list, set, sorted set or stream commands (loaded before it runs: see redis-needs.ts). */
  readonly needsCommands?: boolean;
  /**
   * Loads what the scenario needs beyond the first load (its own code, and the emulator's lazily
   * loaded commands through `loadCommands`, handed in by the caller so this list never imports the
   * emulator); `createSimulation` fails until it has resolved. See `prepareScenario`.
   */
  prepare?(loadCommands: () => Promise<void>): Promise<void>;
  /** Whether `prepare` has finished (true for scenarios without one). */
  prepared(): boolean;
  validateOptions(raw: unknown): ValidationResult<SimOptions>;
}

export interface ScenarioInit {
  readonly id: ScenarioId;
  readonly lesson: number;
  readonly title: string;
  readonly description: string;
  readonly defaultSeed?: number;
  /** Options the learner may change. */
  readonly options: readonly OptionName[];
  /** This scenario's defaults (for any option, settable or not). */
  readonly defaults?: Partial<SimOptions>;
  readonly actions: readonly LearnerActionType[];
  readonly defaultKey?: string;
  readonly scripts?: ScenarioDefinition['scripts'];
  readonly keys?: (options: SimOptions) => KeySpaceSpec;
  readonly setup?: (world: World) => void;
  readonly needsCommands?: boolean;
  readonly prepare?: (loadCommands: () => Promise<void>) => Promise<void>;
  readonly prepared?: () => boolean;
}

export function defineScenario(init: ScenarioInit): ScenarioDefinition {
  const defaults = init.defaults ?? {};
  const optionSchema: Record<string, OptionSpec> = {};
  for (const name of init.options) {
    const spec = optionSpecs[name];
    const fallback = defaults[name];
    optionSchema[name] = fallback === undefined ? spec : ({ ...spec, default: fallback } as OptionSpec);
  }
  return {
    id: init.id,
    lesson: init.lesson,
    title: init.title,
    description: init.description,
    defaultSeed: init.defaultSeed ?? 1,
    optionSchema,
    actions: init.actions,
    defaultKey: init.defaultKey ?? 'user:1',
    ...(init.scripts ? { scripts: init.scripts } : {}),
    keys: init.keys ?? ((o) => ({ count: o.keyCount, popularity: o.zipf > 0 ? { zipf: o.zipf } : 'uniform', missingFraction: o.missingFraction })),
    ...(init.setup ? { setup: init.setup } : {}),
    ...(init.needsCommands ? { needsCommands: true } : {}),
    ...(init.prepare ? { prepare: init.prepare } : {}),
    prepared: init.prepared ?? (() => true),
    validateOptions: (raw) => validateOptionsAgainst(raw, init.options, defaults),
  };
}
