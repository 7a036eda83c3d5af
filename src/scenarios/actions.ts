/**
 * The learner actions, each defined once: its type and fields (with their limits, in share-link
 * order), its label, its narration, the action a lesson's check runs by name, and how the world
 * applies it. The world, the lab's buttons, share links, lesson checks, the lesson schema and the
 * docs all read this registry. Adding an action is one entry here (plus, if it needs one, a
 * control in the lab's ActionsPanel).
 *
 * @example
 * actionSpecs.burst.narrate({ type: 'burst', key: 'user:1', count: 50 });
 * // '50 readers ask for user:1 at the same moment.'
 */
import { formatCount, formatDuration } from './format.ts';
import { changesWhatRuns, optionSpecs, type OptionSpec } from './options.ts';
import type { SimOptions } from './types.ts';
import type { World } from './world.ts';
import { dataTypeTasks } from './world/app-tasks.ts';
import type { TraceEvent } from './events.ts';

/** Longest text field (a key, a pattern, a console line) an action accepts. */
export const MAX_ACTION_TEXT = 500;
/** Most readers in one burst. */
export const MAX_BURST = 1000;
/** Longest database query an action may ask for, in ms. */
export const MAX_QUERY_MS = 60_000;
/** Highest app instance an action may name (instances are 0-based; the option allows 64). */
export const MAX_INSTANCE = maxOf(optionSpecs.instances) - 1;

function maxOf(spec: OptionSpec): number {
  return spec.type === 'enum' ? 0 : spec.max;
}

/** One field of an action, with the limits every encoder and decoder uses. */
export type FieldSpec =
  | { readonly name: string; readonly kind: 'text'; readonly optional?: boolean }
  | { readonly name: string; readonly kind: 'int'; readonly min: number; readonly max: number; readonly optional?: boolean }
  | { readonly name: string; readonly kind: 'bool'; readonly optional?: boolean }
  /** setOption's name: one of the options of the scenario. */
  | { readonly name: string; readonly kind: 'option'; readonly optional?: boolean }
  /** setOption's value: checked against the named option's schema. */
  | { readonly name: string; readonly kind: 'value'; readonly optional?: boolean };

type FieldValue<F> = F extends { kind: 'text' } ? string : F extends { kind: 'int' } ? number : F extends { kind: 'bool' } ? boolean : F extends { kind: 'option' } ? keyof SimOptions : unknown;

/** The object type an action's fields describe. */
type Fields<Fs extends readonly FieldSpec[]> = {
  readonly [F in Fs[number] as F extends { optional: true } ? never : F['name']]: FieldValue<F>;
} & {
  readonly [F in Fs[number] as F extends { optional: true } ? F['name'] : never]?: FieldValue<F>;
};

/** What a lesson's check knows when it runs an action by name. */
export interface ActionDefaults {
  readonly defaultKey: string;
  readonly options: Readonly<Record<string, unknown>>;
}

interface ActionSpec<T extends string, Fs extends readonly FieldSpec[]> {
  readonly type: T;
  /** What the lab calls it (a button, a lesson's "requires"), in the learner's words. */
  readonly label: string;
  readonly fields: Fs;
  /** The narration when the action is taken. */
  narrate(action: { readonly type: T } & Fields<Fs>): string;
  /** The action a lesson check runs by this name, with the scenario's defaults; absent when it needs more than a name. */
  byName?(defaults: ActionDefaults): { readonly type: T } & Fields<Fs>;
  /** The text of the lab's button for this action when its fields show in it ("Request user:1"); else the label. */
  button?(action: { readonly type: T } & Fields<Fs>): string;
  /**
   * Whether another action, recorded at `seq`, did what this one does, read from what it caused in
   * the trace: a challenge that `requires` this action accepts that one too (a read of user:404 is a
   * request for a missing key). Absent: only this action type does.
   */
  doneBy?(trace: readonly TraceEvent[], seq: number): boolean;
  /**
   * What a challenge that `requires` this action is judged on: `since`, everything from the action
   * on (an option change, which the lab runs on with); by default only what the action started (its
   * requests and what they caused), not what the learner did next.
   */
  readonly judged?: 'since';
  /**
   * Whether this action, once taken, is one that a challenge requiring its type counts (and, for an
   * option change, one that restarts the metrics' "since your change" window). Absent: always.
   */
  counts?(action: { readonly type: T } & Fields<Fs>): boolean;
  /** What the world does. */
  apply(world: World, action: { readonly type: T } & Fields<Fs>): void;
}

function define<const T extends string, const Fs extends readonly FieldSpec[]>(spec: ActionSpec<T, Fs>): ActionSpec<T, Fs> {
  return spec;
}

const instance = { name: 'instance', kind: 'int', min: 0, max: MAX_INSTANCE, optional: true } as const;
const key = { name: 'key', kind: 'text' } as const;
const queryMs = <const N extends string>(name: N) => ({ name, kind: 'int', min: 0, max: MAX_QUERY_MS }) as const;


/** An option's value as the learner reads it: with its unit, or the choice itself. */
export function describeOptionValue(name: string, value: unknown): string {
  const spec = optionSpecs[name as keyof SimOptions];
  if (spec?.type === 'enum' && typeof value === 'string') return spec.valueLabels?.[value] ?? value;
  if (spec === undefined || typeof value !== 'number') return typeof value === 'string' ? value : JSON.stringify(value);
  if (spec.type !== 'enum' && spec.unit === 'ms') return formatDuration(value);
  // Counts read as the goals and metrics write them: "1,000 keys", not "1000".
  if (spec.type !== 'enum' && spec.unit === '/s') return `${formatCount(value)} per second`;
  return formatCount(value);
}

/** An option's name as the learner reads it. */
export function optionLabel(name: string): string {
  return optionSpecs[name as keyof SimOptions]?.label ?? name;
}

export const actionSpecs = {
  read: define({
    type: 'read',
    label: 'Request a key',
    fields: [key, instance],
    narrate: (a) => `You request ${a.key}.`,
    byName: (d) => ({ type: 'read', key: d.defaultKey }),
    button: (a) => `Request ${a.key}`,
    apply: (world, a) => world.apps.start('read', a.key, a.instance),
  }),
  readMissing: define({
    type: 'readMissing',
    label: 'Request a missing key',
    fields: [instance],
    narrate: () => 'You request a user that does not exist.',
    byName: () => ({ type: 'readMissing' }),
    // Any read whose database had no row for its key: the answer was "not found", from the
    // database or from the cached not-found sentinel (a read that gave up tells nothing).
    doneBy: (trace, seq) => requestsStartedBy(trace, seq).some((served) => served.kind === 'read' && served.version === null && served.from !== 'none'),
    apply: (world, a) => world.apps.start('read', world.keys.missingKey(), a.instance),
  }),
  burst: define({
    type: 'burst',
    label: 'Burst of readers',
    fields: [key, { name: 'count', kind: 'int', min: 1, max: MAX_BURST }],
    narrate: (a) => `${a.count} readers ask for ${a.key} at the same moment.`,
    byName: (d) => ({ type: 'burst', key: d.defaultKey, count: Number(d.options['burstSize'] ?? optionSpecs.burstSize.default) }),
    button: (a) => `Burst of ${a.count}`,
    apply: (world, a) => {
      for (let i = 0; i < a.count; i++) world.apps.start('read', a.key);
    },
  }),
  write: define({
    type: 'write',
    label: 'Update the row',
    fields: [key, instance],
    narrate: (a) => `You update ${a.key}'s row in the database; the app will then invalidate the cache.`,
    byName: (d) => ({ type: 'write', key: d.defaultKey }),
    apply: (world, a) => world.apps.start('write', a.key, a.instance),
  }),
  fastForwardToExpiry: define({
    type: 'fastForwardToExpiry',
    label: 'Fast-forward to expiry',
    fields: [{ name: 'key', kind: 'text', optional: true }],
    // When a key expires the lab lands on that moment and says how far time jumped (narrationAt);
    // this sentence shows only when nothing did, followed by the world's note saying why.
    narrate: (a) => (a.key ? `You fast-forward to ${a.key}'s expiry.` : 'You fast-forward to the next expiry.'),
    byName: () => ({ type: 'fastForwardToExpiry' }),
    // The session moves the clock; the world only says so when there is nowhere to move it to.
    apply: (world, a) => {
      if (world.nextExpiryAt(a.key) === null) world.recorder.note(a.key ? `${a.key} is not set to expire, so time stays where it is.` : 'Nothing is set to expire (no key in Redis has a TTL), so time stays where it is.');
    },
  }),
  redisDown: define({
    type: 'redisDown',
    label: 'Take Redis down',
    fields: [],
    narrate: () => 'You take Redis down.',
    byName: () => ({ type: 'redisDown' }),
    apply: (world) => world.setRedisUp(false),
  }),
  redisUp: define({
    type: 'redisUp',
    label: 'Bring Redis up',
    fields: [],
    narrate: () => 'You bring Redis back up.',
    byName: () => ({ type: 'redisUp' }),
    apply: (world) => world.setRedisUp(true),
  }),
  dbSlow: define({
    type: 'dbSlow',
    label: 'Slow the database',
    fields: [queryMs('latencyMs')],
    narrate: (a) => `You slow the database to ${formatDuration(a.latencyMs)} per query.`,
    byName: (d) => ({ type: 'dbSlow', latencyMs: Math.min(MAX_QUERY_MS, Math.max(500, Number(d.options['dbLatencyMs'] ?? 50) * 10)) }),
    apply: (world, a) => {
      world.db.setFault('slow', a.latencyMs);
      world.recorder.fault('db', 'slow', a.latencyMs);
    },
  }),
  dbNormal: define({
    type: 'dbNormal',
    label: 'Normal speed',
    fields: [],
    narrate: () => 'You restore the database to its normal speed.',
    byName: () => ({ type: 'dbNormal' }),
    apply: (world) => {
      world.db.setFault('none');
      world.recorder.fault('db', 'normal');
    },
  }),
  flushCache: define({
    type: 'flushCache',
    label: 'Flush the cache',
    fields: [],
    narrate: () => 'You flush the cache: every key is gone.',
    byName: () => ({ type: 'flushCache' }),
    apply: (world) => {
      world.console.run('FLUSHALL');
    },
  }),
  console: define({
    type: 'console',
    label: 'Type a Redis command',
    fields: [{ name: 'line', kind: 'text' }],
    narrate: (a) => `You run ${a.line}.`,
    apply: (world, a) => {
      world.console.run(a.line);
    },
  }),
  setOption: define({
    type: 'setOption',
    label: 'Change an option',
    fields: [
      { name: 'name', kind: 'option' },
      { name: 'value', kind: 'value' },
    ],
    narrate: (a) => `You set ${optionLabel(a.name)} to ${describeOptionValue(a.name, a.value)}.`,
    judged: 'since',
    // A change of Burst size changes nothing that runs until the next burst.
    counts: (a) => changesWhatRuns(a.name),
    apply: (world, a) => world.setOption(a.name, a.value),
  }),
  scanStep: define({
    type: 'scanStep',
    label: 'SCAN step and delete',
    fields: [
      { name: 'pattern', kind: 'text' },
      { name: 'count', kind: 'int', min: 1, max: MAX_BURST, optional: true },
      { name: 'deleteMatches', kind: 'bool', optional: true },
    ],
    narrate: (a) => `You run one SCAN step over ${a.pattern}${a.deleteMatches === false ? '' : ' and delete what it finds'}.`,
    apply: (world, a) => world.console.scanStep(a.pattern, a.count ?? 10, a.deleteMatches ?? true),
  }),
  slowRead: define({
    type: 'slowRead',
    label: 'Slow read',
    fields: [key, queryMs('dbLatencyMs'), instance],
    narrate: (a) => `A slow read of ${a.key} starts: its database query will take ${formatDuration(a.dbLatencyMs)}.`,
    button: (a) => `Slow read of ${a.key} (${formatDuration(a.dbLatencyMs)})`,
    apply: (world, a) => world.apps.start('read', a.key, a.instance, undefined, a.dbLatencyMs),
  }),
  // Lesson 14's app tasks (world/data-types.ts).
  viewProduct: define({
    type: 'viewProduct',
    label: 'View a product',
    fields: [key],
    narrate: (a) => `The app shows ${a.key} and records the view.`,
    byName: (d) => ({ type: 'viewProduct', key: d.defaultKey }),
    apply: (world, a) => dataTypeTasks.get().runAppTask(world, 'viewProduct', dataTypeTasks.get().viewProduct(a.key)),
  }),
  updatePrice: define({
    type: 'updatePrice',
    label: 'Cut a price (HSET one field)',
    fields: [key],
    narrate: (a) => `The app takes 10% off ${a.key}'s price.`,
    byName: (d) => ({ type: 'updatePrice', key: d.defaultKey }),
    apply: (world, a) => dataTypeTasks.get().runAppTask(world, 'updatePrice', dataTypeTasks.get().updatePrice(a.key)),
  }),
  invalidateTag: define({
    type: 'invalidateTag',
    label: 'Invalidate a tag (its set)',
    fields: [{ name: 'tag', kind: 'text' }],
    narrate: (a) => `The app drops the products in tag:${a.tag}.`,
    byName: () => ({ type: 'invalidateTag', tag: 'sale' }),
    apply: (world, a) => dataTypeTasks.get().runAppTask(world, 'invalidateTag', dataTypeTasks.get().invalidateTag(a.tag)),
  }),
  invalidateTagByScan: define({
    type: 'invalidateTagByScan',
    label: 'Invalidate a tag (SCAN)',
    fields: [{ name: 'tag', kind: 'text' }],
    narrate: (a) => `The app SCANs for products tagged ${a.tag} and drops them.`,
    byName: () => ({ type: 'invalidateTagByScan', tag: 'sale' }),
    apply: (world, a) => dataTypeTasks.get().runAppTask(world, 'invalidateTagByScan', dataTypeTasks.get().invalidateTagByScan(a.tag)),
  }),
};

type Specs = typeof actionSpecs;
export type LearnerActionType = keyof Specs;

/** A learner action: `{ type, ...fields }` as its registry entry describes. */
export type LearnerAction = {
  [T in LearnerActionType]: Specs[T] extends ActionSpec<T, infer Fs> ? { readonly type: T } & Fields<Fs> : never;
}[LearnerActionType];

export type ActionOf<T extends LearnerActionType> = Extract<LearnerAction, { readonly type: T }>;

/** Every action type, in registry order. */
export const actionTypes = Object.keys(actionSpecs) as LearnerActionType[];

export function isActionType(type: string): type is LearnerActionType {
  return Object.hasOwn(actionSpecs, type);
}

/** The entry of an action type (typed loosely, for code that handles every action alike). */
export function actionSpec(type: LearnerActionType): ActionSpec<string, readonly FieldSpec[]> {
  return actionSpecs[type] as unknown as ActionSpec<string, readonly FieldSpec[]>;
}

/** The actions a lesson can name alone (their entry has `byName`): what a check's `reveal` and a situation's `do` accept. */
export const namedActionTypes: readonly LearnerActionType[] = actionTypes.filter((type) => actionSpec(type).byName !== undefined);

/** Apply an action to the world, as its entry says. */
export function applyAction(world: World, action: LearnerAction): void {
  actionSpec(action.type).apply(world, action as never);
}

/** The narration of an action (any record with a known type; unknown types are named as they are). */
export function describeAction(action: { readonly type: string; readonly [field: string]: unknown }): string {
  return isActionType(action.type) ? actionSpec(action.type).narrate(action as never) : `You run ${action.type}.`;
}

/**
 * The answers to the requests the action recorded at `seq` started (they arrive at its moment,
 * before the next action), found anywhere later in the trace: the run ahead of the cursor is
 * already decided, so a challenge knows what a request was for as soon as it is sent.
 */
function requestsStartedBy(trace: readonly TraceEvent[], seq: number): Extract<TraceEvent, { type: 'request.served' }>[] {
  const at = trace[seq]?.at;
  const ids = new Set<number>();
  for (let i = seq + 1; i < trace.length; i++) {
    const event = trace[i]!;
    if (event.at !== at || event.type === 'action') break;
    if (event.type === 'request.arrived') ids.add(event.requestId);
  }
  const served: Extract<TraceEvent, { type: 'request.served' }>[] = [];
  for (let i = seq + 1; i < trace.length && served.length < ids.size; i++) {
    const event = trace[i]!;
    if (event.type === 'request.served' && ids.has(event.requestId)) served.push(event);
  }
  return served;
}

/** Whether the action recorded at `seq` does what `required` asks: it is one, or does the same (`doneBy`). */
export function doesWhatIsRequired(trace: readonly TraceEvent[], seq: number, required: string): boolean {
  const event = trace[seq];
  if (event?.type !== 'action') return false;
  if (!isActionType(required)) return event.action.type === required;
  if (event.action.type === required) return actionSpec(required).counts?.(event.action as never) ?? true;
  return actionSpec(required).doneBy?.(trace, seq) === true;
}

/**
 * The seq of the last action before `index` that does what a challenge `requires`: that action
 * (when it `counts`), or any other the registry says does the same (`doneBy`: a read of user:404
 * for "Request a missing key"), or -1. With `setOption`, where the metrics' "since your change" window starts.
 */
export function lastRequiredSeq(trace: readonly TraceEvent[], required: string, index: number): number {
  for (let i = Math.min(index, trace.length) - 1; i >= 0; i--) {
    if (trace[i]!.type === 'action' && doesWhatIsRequired(trace, i, required)) return i;
  }
  return -1;
}

/** Whether a challenge requiring this action is judged on everything since it (`judged: 'since'`), not only on what it started. */
export function judgedSince(type: string): boolean {
  return isActionType(type) && actionSpec(type).judged === 'since';
}

/**
 * The text of the button that takes an action, as the lab shows it with these defaults
 * ("Request user:1", "Burst of 50", "Request a missing key"): what a hint names.
 */
export function buttonText(type: string, defaults: ActionDefaults): string {
  if (!isActionType(type)) return type;
  const spec = actionSpec(type);
  const action = spec.byName?.(defaults);
  return action && spec.button ? spec.button(action) : spec.label;
}

/** The action a lesson check runs by name, with the scenario's defaults, or null. */
export function actionByName(name: string, defaults: ActionDefaults): LearnerAction | null {
  if (!isActionType(name)) return null;
  const byName = actionSpec(name).byName;
  return byName ? (byName(defaults) as LearnerAction) : null;
}
