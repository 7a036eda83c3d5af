/**
 * Schemas for lesson frontmatter and ```lab blocks. Every field carries a description, so the
 * schema doubles as the authoring reference; validation names the field and the reason.
 */
import type { FigureBlockSpec, LabBlockSpec, LabCheck, LessonFrontmatter } from './types.ts';
import { actionTypes, namedActionTypes } from '../scenarios/actions.ts';
import { getScenario } from '../scenarios/registry.ts';
import { FIGURE_NAMES, getFigure } from './figures/catalog/index.ts';
import { isExperiment } from './figures/types.ts';
import { COMPARISON_OPS, FRACTION_METRICS, MAX_CONDITIONS, METRIC_NAMES, type CheckCondition, type PredictSituation } from '../scenarios/checks.ts';
import { describeValue } from '../scenarios/options.ts';
import { COMPARE_ACTIONS, MAX_COMPARE_METRICS, type CompareSide, type CompareSpec } from '../scenarios/compare.ts';

/** A validation failure: `field` is a dotted path such as `check.condition.metric`. */
export interface FieldIssue {
  field: string;
  reason: string;
}

type Result<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface FieldRule<T> {
  description: string;
  optional: boolean;
  parse(value: unknown): Result<T>;
}

type Shape = Record<string, FieldRule<unknown>>;
type Parsed<S extends Shape> = { [K in keyof S]: S[K] extends FieldRule<infer T> ? T : never };

export function text(description: string, opts: { pattern?: RegExp; maxLength?: number } = {}): FieldRule<string> {
  return {
    description,
    optional: false,
    parse(value) {
      if (typeof value !== 'string' || value.trim() === '') return { ok: false, reason: `must be a non-empty string (got ${describeValue(value)})` };
      if (opts.pattern && !opts.pattern.test(value)) return { ok: false, reason: `must match ${opts.pattern} (got ${describeValue(value)})` };
      if (opts.maxLength !== undefined && value.length > opts.maxLength)
        return { ok: false, reason: `must be at most ${opts.maxLength} characters (got ${value.length})` };
      return { ok: true, value: value.trim() };
    },
  };
}

export function integer(description: string, opts: { min?: number; max?: number } = {}): FieldRule<number> {
  return {
    description,
    optional: false,
    parse(value) {
      if (typeof value !== 'number' || !Number.isInteger(value)) return { ok: false, reason: `must be an integer (got ${describeValue(value)})` };
      if (opts.min !== undefined && value < opts.min) return { ok: false, reason: `must be at least ${opts.min} (got ${value})` };
      if (opts.max !== undefined && value > opts.max) return { ok: false, reason: `must be at most ${opts.max} (got ${value})` };
      return { ok: true, value };
    },
  };
}

export function finite(description: string): FieldRule<number> {
  return {
    description,
    optional: false,
    parse: (value) =>
      typeof value === 'number' && Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: `must be a number (got ${describeValue(value)})` },
  };
}

export function oneOf<const T extends string>(description: string, values: readonly T[]): FieldRule<T> {
  return {
    description,
    optional: false,
    parse: (value) =>
      values.includes(value as T)
        ? { ok: true, value: value as T }
        : { ok: false, reason: `must be one of ${values.join(', ')} (got ${describeValue(value)})` },
  };
}

export function record(description: string): FieldRule<Record<string, unknown>> {
  return {
    description,
    optional: false,
    parse: (value) =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? { ok: true, value: value as Record<string, unknown> }
        : { ok: false, reason: `must be a mapping (got ${describeValue(value)})` },
  };
}

export function mappingOrList(description: string): FieldRule<object> {
  return {
    description,
    optional: false,
    parse: (value) =>
      value !== null && typeof value === 'object' ? { ok: true, value } : { ok: false, reason: `must be a mapping or a list of mappings (got ${describeValue(value)})` },
  };
}

export function stringList(description: string, opts: { minItems?: number } = {}): FieldRule<string[]> {
  return {
    description,
    optional: false,
    parse(value) {
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.trim() === ''))
        return { ok: false, reason: `must be a list of non-empty strings (got ${describeValue(value)})` };
      if (opts.minItems !== undefined && value.length < opts.minItems)
        return { ok: false, reason: `must have at least ${opts.minItems} items (got ${value.length})` };
      // Trimmed like a single text field, so `answer: "Hit "` still matches the choice `"Hit "`.
      return { ok: true, value: (value as string[]).map((item) => item.trim()) };
    },
  };
}

export function optional<T>(rule: FieldRule<T>): FieldRule<T | undefined> {
  return { ...rule, optional: true };
}

/** Validates `raw` against `shape`: missing required fields, wrong values and unknown fields are all issues. */
export function validateShape<S extends Shape>(
  shape: S,
  raw: unknown,
  prefix = '',
): { ok: true; value: Parsed<S> } | { ok: false; issues: FieldIssue[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, issues: [{ field: prefix.replace(/\.$/, '') || '(root)', reason: `must be a mapping (got ${describeValue(raw)})` }] };
  }
  const input = raw as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  const value: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(shape)) {
    if (input[name] === undefined || input[name] === null) {
      if (!rule.optional) issues.push({ field: prefix + name, reason: `is required: ${rule.description}` });
      continue;
    }
    const parsed = rule.parse(input[name]);
    if (parsed.ok) value[name] = parsed.value;
    else issues.push({ field: prefix + name, reason: parsed.reason });
  }
  for (const name of Object.keys(input)) {
    if (!(name in shape)) issues.push({ field: prefix + name, reason: `is not a known field (known: ${Object.keys(shape).join(', ')})` });
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: value as Parsed<S> };
}

const scenarioId = /^[a-z][a-z0-9-]*$/;

export const frontmatterSchema = {
  title: text('The lesson title: the page heading and the document title.', { maxLength: 90 }),
  linkTitle: optional(text('A short title for the lesson list and the previous/next links; defaults to `title`.', { maxLength: 40 })),
  description: text('One or two sentences on what the learner will be able to do; shown under the title and on the landing page.'),
  weight: integer('The lesson order: lessons are listed by ascending weight, and weights are unique.', { min: 1 }),
  scenario: text("The id of the lesson's main lab scenario, from src/scenarios/registry.ts.", { pattern: scenarioId }),
  duration: optional(integer('Estimated minutes to finish the lesson, shown in the lesson list.', { min: 1, max: 120 })),
};

export function validateFrontmatter(raw: unknown): { ok: true; value: LessonFrontmatter } | { ok: false; issues: FieldIssue[] } {
  const result = validateShape(frontmatterSchema, raw);
  if (!result.ok) return result;
  const { linkTitle, duration, ...rest } = result.value;
  return { ok: true, value: { ...rest, linkTitle: linkTitle ?? rest.title, ...(duration === undefined ? {} : { duration }) } };
}

/** Learner actions a check may require: every one in the registry (src/scenarios/actions.ts). */
export const LEARNER_ACTIONS = actionTypes;
/** Learner actions a check may run by name (`reveal`, a situation's `do`): the registry's entries with `byName`. */
export const NAMED_ACTIONS = namedActionTypes;

export const challengeCheckSchema = {
  kind: oneOf('A challenge: the learner changes something until the condition holds.', ['challenge']),
  goal: text('What the learner must achieve, in one sentence.'),
  requires: optional(oneOf('A learner action that must have happened before the condition counts.', LEARNER_ACTIONS)),
  condition: mappingOrList(
    `The metric comparison that passes the check: \`{ metric, op, value }\`, or a list of up to ${MAX_CONDITIONS} that must all hold ` +
      '(e.g. a hit ratio of at least 90% with no stale reads: `[{ metric: hitRatio, op: ">=", value: 0.9 }, { metric: staleReads, op: "==", value: 0 }]`).',
  ),
  keep: optional(
    record(
      "Options that must keep these values for the challenge to count, when its goal names one lever and others reach the same number: `{ zipf: 0 }`. Each must be an option of the lab's scenario, at a value it accepts.",
    ),
  ),
  hint: optional(text('A nudge shown on request.')),
  solution: optional(text('The answer, shown on request.')),
};

export const conditionSchema = {
  metric: oneOf('The metric to compare.', METRIC_NAMES),
  op: oneOf('The comparison.', COMPARISON_OPS),
  value: finite('The number to compare the metric with.'),
};

export const predictCheckSchema = {
  kind: oneOf('A prediction: the learner picks an answer, then the lab runs the action that reveals it.', ['predict']),
  prompt: text('The question.'),
  choices: stringList('The answers to pick from.', { minItems: 2 }),
  answer: text('The right choice; must be one of `choices`.'),
  reveal: optional(oneOf('The learner action the lab runs once the learner commits: one a lesson can name alone (src/scenarios/actions.ts, `byName`).', NAMED_ACTIONS)),
  revealKey: optional(text("The key the reveal acts on when the prompt names one (e.g. user:100); default: the scenario's default key.", { maxLength: 200 })),
  situation: optional(
    record(
      'The situation the prompt describes, run from a fresh lab before the reveal: `{ options, actions: [{ do, at }], revealAt }`. ' +
        '`options` override the lab block\'s; each action is a learner action by name at `at` ms after the start; the reveal runs at `revealAt` ms. ' +
        'E.g. "user:1 was read 3 s ago" is `{ actions: [{ do: read, at: 0 }], revealAt: 3000 }`.',
    ),
  ),
  expect: optional(
    record('What the revealed run shows, as `{ metric, op, value }` on the events from the reveal on; required with `reveal`. E.g. a hit is `{ metric: dbReads, op: "==", value: 0 }`.'),
  ),
  explain: optional(text('Why the answer is right, shown after the reveal.')),
};

/** A situation's fields besides `actions` (a list of `situationActionSchema`, validated item by item). */
export const situationSchema = {
  options: optional(record("Option overrides for this situation, checked against the scenario's option schema.")),
  revealAt: optional(integer('When the reveal runs, in ms after the fresh start (default: once the actions have run, at 0).', { min: 0, max: 600_000 })),
};

const situationActionSchema = {
  do: oneOf('The learner action, by name (one a lesson can name alone).', NAMED_ACTIONS),
  at: optional(integer('When it runs, in ms after the fresh start (default 0).', { min: 0, max: 600_000 })),
};

function validateSituation(raw: Record<string, unknown>): { ok: true; value: PredictSituation } | { ok: false; issues: FieldIssue[] } {
  const { actions: rawActions, ...rest } = raw;
  const result = validateShape(situationSchema, rest, 'check.situation.');
  if (!result.ok) return result;
  if (rawActions !== undefined && !Array.isArray(rawActions))
    return { ok: false, issues: [{ field: 'check.situation.actions', reason: `must be a list of { do, at } (got ${describeValue(rawActions)})` }] };
  const actions: PredictSituation['actions'] = [];
  for (const [i, item] of ((rawActions as unknown[] | undefined) ?? []).entries()) {
    const parsed = validateShape(situationActionSchema, item, `check.situation.actions.${i}.`);
    if (!parsed.ok) return parsed;
    actions.push({ do: parsed.value.do, at: parsed.value.at ?? 0 });
  }
  return { ok: true, value: { ...(result.value.options ? { options: result.value.options } : {}), actions, revealAt: result.value.revealAt ?? 0 } };
}

export const labBlockSchema = {
  scenario: text('A scenario id from src/scenarios/registry.ts.', { pattern: scenarioId }),
  options: optional(record("Scenario options, checked against the scenario's option schema.")),
  seed: optional(integer('The random seed, so the lab replays identically.', { min: 0 })),
  title: optional(text('A caption shown above the lab.')),
  check: optional(record("The lesson's check: `kind: challenge` or `kind: predict`.")),
  compare: optional(
    record(
      'Two labs side by side, driven by the same buttons: `{ left, right, metrics, actions }`. `left` and `right` are `{ label, options }` ' +
        "(options on top of the block's); `right` may be a list the learner picks from. `metrics` names the numbers whose difference is stated.",
    ),
  ),
};

export const compareSchema = {
  left: record('The left side: `{ label, options }`, e.g. `{ label: No invalidation, options: { invalidateOnWrite: none } }`.'),
  right: mappingOrList('The right side as `{ label, options }`, or a list of them the learner picks from (the first is shown first).'),
  metrics: stringList(`The metrics whose values are set side by side (1 to ${MAX_COMPARE_METRICS}), e.g. [dbReads].`, { minItems: 1 }),
  actions: stringList(`The shared buttons, from: ${COMPARE_ACTIONS.join(', ')} (each must be an action the scenario offers).`, { minItems: 1 }),
  pauseAt: optional(integer('Playback pauses by itself at this virtual moment (ms), once, so a steady workload’s numbers can be read at the time the lesson states.', { min: 1, max: 600_000 })),
};

const compareSideSchema = {
  label: text('What the side is called above its diagram, e.g. "Delete on write".', { maxLength: 40 }),
  options: record("The options this side runs with, on top of the block's options, checked against the scenario's option schema."),
};

function validateSide(raw: unknown, field: string, scenario: string, base: Record<string, unknown>): { ok: true; value: CompareSide } | { ok: false; issues: FieldIssue[] } {
  const result = validateShape(compareSideSchema, raw, `${field}.`);
  if (!result.ok) return result;
  const definition = getScenario(scenario);
  if (definition) {
    const unknown = Object.keys(result.value.options).filter((name) => !Object.hasOwn(definition.optionSchema, name));
    if (unknown.length > 0) return { ok: false, issues: [{ field: `${field}.options.${unknown[0]}`, reason: `is not an option of ${scenario} (its options: ${Object.keys(definition.optionSchema).join(', ')})` }] };
    const messages = definition.validateOptions({ ...base, ...result.value.options }).messages;
    if (messages.length > 0) return { ok: false, issues: [{ field: `${field}.options`, reason: messages[0]! }] };
  }
  return { ok: true, value: result.value };
}

/** `compare:` of a lab block: both sides' options are checked against the scenario, the actions against what it offers. */
export function validateCompare(raw: Record<string, unknown>, scenario: string, base: Record<string, unknown> = {}): { ok: true; value: CompareSpec } | { ok: false; issues: FieldIssue[] } {
  const result = validateShape(compareSchema, raw, 'compare.');
  if (!result.ok) return result;
  const left = validateSide(result.value.left, 'compare.left', scenario, base);
  if (!left.ok) return left;
  const rawRight = Array.isArray(result.value.right) ? (result.value.right as unknown[]) : [result.value.right];
  if (rawRight.length === 0) return { ok: false, issues: [{ field: 'compare.right', reason: 'must name at least one side' }] };
  const right: CompareSide[] = [];
  for (const [i, item] of rawRight.entries()) {
    const side = validateSide(item, Array.isArray(result.value.right) ? `compare.right.${i}` : 'compare.right', scenario, base);
    if (!side.ok) return side;
    right.push(side.value);
  }
  const labels = [left.value.label, ...right.map((side) => side.label)];
  const repeated = labels.find((label, i) => labels.indexOf(label) !== i);
  if (repeated !== undefined) return { ok: false, issues: [{ field: 'compare', reason: `the side label ${describeValue(repeated)} is used twice; each side needs its own` }] };
  const { metrics, actions, pauseAt } = result.value;
  if (metrics.length > MAX_COMPARE_METRICS) return { ok: false, issues: [{ field: 'compare.metrics', reason: `must have at most ${MAX_COMPARE_METRICS} items (got ${metrics.length})` }] };
  const badMetric = metrics.find((metric) => !(METRIC_NAMES as readonly string[]).includes(metric));
  if (badMetric !== undefined) return { ok: false, issues: [{ field: 'compare.metrics', reason: `${describeValue(badMetric)} is not a metric (known: ${METRIC_NAMES.join(', ')})` }] };
  const offered = getScenario(scenario)?.actions ?? [];
  for (const action of actions) {
    if (!(COMPARE_ACTIONS as readonly string[]).includes(action))
      return { ok: false, issues: [{ field: 'compare.actions', reason: `${describeValue(action)} cannot drive both sides at one moment (allowed: ${COMPARE_ACTIONS.join(', ')})` }] };
    if (getScenario(scenario) && !(offered as readonly string[]).includes(action))
      return { ok: false, issues: [{ field: 'compare.actions', reason: `${describeValue(action)} is not offered by ${scenario} (it offers: ${offered.join(', ')})` }] };
  }
  return { ok: true, value: { left: left.value, right, metrics: metrics as CompareSpec['metrics'], actions: actions as CompareSpec['actions'], ...(pauseAt !== undefined ? { pauseAt } : {}) } };
}

/** A challenge's `condition`: one comparison, or a non-empty list of them (each named by its index). */
function validateConditions(raw: object): { ok: true; value: CheckCondition | CheckCondition[] } | { ok: false; issues: FieldIssue[] } {
  if (!Array.isArray(raw)) return validateCondition(raw, 'check.condition.');
  if (raw.length === 0 || raw.length > MAX_CONDITIONS)
    return { ok: false, issues: [{ field: 'check.condition', reason: `must be one comparison or a list of 1 to ${MAX_CONDITIONS} (got ${raw.length})` }] };
  const list: CheckCondition[] = [];
  for (const [i, item] of (raw as unknown[]).entries()) {
    const parsed = validateCondition(item, `check.condition.${i}.`);
    if (!parsed.ok) return parsed;
    list.push(parsed.value);
  }
  return { ok: true, value: list };
}

function validateCondition(raw: unknown, prefix: string): { ok: true; value: CheckCondition } | { ok: false; issues: FieldIssue[] } {
  const result = validateShape(conditionSchema, raw, prefix);
  if (!result.ok) return result;
  // A hit ratio is a fraction: `value: 90` would make the challenge impossible to pass.
  const { metric, value } = result.value;
  if (FRACTION_METRICS.includes(metric) && (value < 0 || value > 1))
    return { ok: false, issues: [{ field: `${prefix}value`, reason: `must be a fraction from 0 to 1 for ${metric} (write 90% as 0.9; got ${value})` }] };
  return { ok: true, value: result.value };
}

function validateCheck(raw: Record<string, unknown>): { ok: true; value: LabCheck } | { ok: false; issues: FieldIssue[] } {
  if (raw.kind === 'predict') {
    const result = validateShape(predictCheckSchema, raw, 'check.');
    if (!result.ok) return result;
    if (!result.value.choices.includes(result.value.answer))
      return { ok: false, issues: [{ field: 'check.answer', reason: `must be one of the choices (got ${describeValue(result.value.answer)})` }] };
    const { situation, expect, ...rest } = result.value;
    if (rest.reveal !== undefined && expect === undefined)
      return { ok: false, issues: [{ field: 'check.expect', reason: 'is required with `reveal`: what the revealed run shows, as { metric, op, value }' }] };
    const parsedExpect = expect === undefined ? undefined : validateShape(conditionSchema, expect, 'check.expect.');
    if (parsedExpect && !parsedExpect.ok) return parsedExpect;
    const parsedSituation = situation === undefined ? undefined : validateSituation(situation);
    if (parsedSituation && !parsedSituation.ok) return parsedSituation;
    return {
      ok: true,
      value: stripUndefined({ ...rest, situation: parsedSituation?.value, expect: parsedExpect?.value }) as LabCheck,
    };
  }
  if (raw.kind === 'challenge') {
    const result = validateShape(challengeCheckSchema, raw, 'check.');
    if (!result.ok) return result;
    const condition = validateConditions(result.value.condition);
    if (!condition.ok) return condition;
    return { ok: true, value: stripUndefined({ ...result.value, condition: condition.value }) as LabCheck };
  }
  return { ok: false, issues: [{ field: 'check.kind', reason: `must be one of challenge, predict (got ${describeValue(raw.kind)})` }] };
}

/** A challenge's `keep`: options of the scenario, each at a value its schema accepts as written. */
function validateKeep(keep: Record<string, unknown>, scenario: string): { ok: true } | { ok: false; issues: FieldIssue[] } {
  const definition = getScenario(scenario);
  if (!definition) return { ok: true };
  for (const [name, value] of Object.entries(keep)) {
    if (!Object.hasOwn(definition.optionSchema, name))
      return { ok: false, issues: [{ field: `check.keep.${name}`, reason: `is not an option of ${scenario} (its options: ${Object.keys(definition.optionSchema).join(', ')})` }] };
    const verdict = definition.validateOptions({ [name]: value });
    if (verdict.messages.length > 0 || verdict.options[name as keyof typeof verdict.options] !== value)
      return { ok: false, issues: [{ field: `check.keep.${name}`, reason: verdict.messages[0] ?? `must be a value the option accepts as written (got ${describeValue(value)})` }] };
  }
  return { ok: true };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function validateLabBlock(raw: unknown): { ok: true; value: LabBlockSpec } | { ok: false; issues: FieldIssue[] } {
  const result = validateShape(labBlockSchema, raw);
  if (!result.ok) return result;
  const { check, compare, ...rest } = result.value;
  let parsedCompare: CompareSpec | undefined;
  if (compare !== undefined) {
    const verdict = validateCompare(compare, rest.scenario, rest.options);
    if (!verdict.ok) return verdict;
    // One check judges one lab; a side-by-side pair has no single lab to judge.
    if (check !== undefined) return { ok: false, issues: [{ field: 'check', reason: 'a compare block has no check: put the check on a lab of its own' }] };
    parsedCompare = verdict.value;
  }
  if (check === undefined) return { ok: true, value: stripUndefined({ ...rest, compare: parsedCompare }) };
  const parsedCheck = validateCheck(check);
  if (!parsedCheck.ok) return parsedCheck;
  if (parsedCheck.value.kind === 'challenge' && parsedCheck.value.keep !== undefined) {
    const kept = validateKeep(parsedCheck.value.keep, rest.scenario);
    if (!kept.ok) return kept;
  }
  return { ok: true, value: stripUndefined({ ...rest, check: parsedCheck.value }) };
}

export const figureBlockSchema = {
  name: oneOf('The figure to draw, by name from src/lessons/figures/catalog/index.ts.', FIGURE_NAMES),
  caption: text('The caption under the figure: what to look at, in a sentence.', { maxLength: 300 }),
  options: optional(record("Option overrides for the figure's scenario (every run of it), checked against that scenario's option schema.")),
};

/** Validates a ```figure block: a known name, a caption, and options its scenario accepts. */
export function validateFigureBlock(raw: unknown): { ok: true; value: FigureBlockSpec } | { ok: false; issues: FieldIssue[] } {
  const result = validateShape(figureBlockSchema, raw);
  if (!result.ok) return result;
  const { name, caption, options } = result.value;
  const definition = getFigure(name)!;
  if (options !== undefined && isExperiment(definition)) return { ok: false, issues: [{ field: 'options', reason: `are not accepted: ${name} is an experiment with no scenario to set options of` }] };
  if (options !== undefined && !isExperiment(definition)) {
    const scenario = getScenario(definition.scenario);
    const problems = scenario ? scenario.validateOptions({ ...definition.options, ...options }).messages : [`the figure's scenario "${definition.scenario}" is not in the registry`];
    if (problems.length > 0) return { ok: false, issues: problems.map((reason) => ({ field: 'options', reason: `are not accepted by the ${definition.scenario} scenario: ${reason}` })) };
  }
  return { ok: true, value: { name, caption, ...(options !== undefined ? { options } : {}) } };
}
