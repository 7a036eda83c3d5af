/** The lab's port onto the real simulation core: scenarios from the registry, sessions, stateAt. */
import { getScenario } from '../scenarios/registry.ts';
import { createSimulation } from '../scenarios/simulation.ts';
import type { OptionName, OptionSpec } from '../scenarios/options.ts';
import type { LabEngine, OptionField, ScenarioInfo } from './engine.ts';
import { stateAt } from '../scenarios/views.ts';
import { prepareRedis, redisNeedOfRun, redisReady } from '../scenarios/redis-needs.ts';

function field(name: OptionName, spec: OptionSpec): OptionField {
  const label = spec.label;
  // The help sentences (option-help.ts) load with the Options tab, not here.
  const description = spec.description !== undefined ? { description: spec.description } : {};
  if (spec.type === 'enum') {
    const choiceLabels = spec.valueLabels !== undefined ? { choiceLabels: spec.valueLabels } : {};
    return { name, label, ...description, type: 'select', choices: spec.values, ...choiceLabels, default: spec.default };
  }
  return {
    name,
    label,
    ...description,
    type: 'number',
    min: spec.min,
    max: spec.max,
    step: spec.type === 'integer' ? 1 : undefined,
    unit: spec.unit,
    default: spec.default,
  };
}

const infos = new Map<string, ScenarioInfo>();

export const defaultEngine: LabEngine = {
  scenario(id) {
    const cached = infos.get(id);
    if (cached) return cached;
    const definition = getScenario(id);
    if (!definition) return undefined;
    const info: ScenarioInfo = {
      id: definition.id,
      title: definition.title,
      description: definition.description,
      // The schema's keys are option names: defineScenario builds it from them.
      fields: Object.entries(definition.optionSchema).map(([name, spec]) => field(name as OptionName, spec)),
      actions: definition.actions,
      defaultKey: definition.defaultKey,
      ...(definition.scripts ? { scripts: definition.scripts } : {}),
    };
    infos.set(id, info);
    return info;
  },
  validateOptions(id, raw) {
    const definition = getScenario(id);
    if (!definition) return { options: {}, messages: [`There is no scenario called "${id}".`] };
    const verdict = definition.validateOptions(raw);
    return { options: verdict.options, messages: verdict.messages };
  },
  prepare(id, raw, actions = []) {
    const definition = getScenario(id);
    if (!definition) return null;
    const need = redisNeedOfRun(definition, definition.validateOptions(raw).options, actions);
    if (need === null || redisReady(need)) return null;
    return { label: need === 'scripting' ? "Redis's Lua scripting (the lock is released with EVAL)" : "Redis's list, set, sorted set and stream commands", done: prepareRedis(need) };
  },
  createSimulation,
  stateAt,
};
