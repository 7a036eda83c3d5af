/**
 * Share links: the state of one lab (lesson, scenario, options, seed, learner actions, cursor) as
 * a URL query, and back. Every field read from a URL is untrusted: it is checked against the
 * scenario registry, and whatever fails is dropped with a note naming it, never thrown.
 *
 * Over 400 lines on purpose: each field's encoder and decoder sit side by side with the limits
 * both use, so a field cannot be written one way and read another; fitting a lab to those limits
 * (`fitShareState`) and the lesson/embed hash routes read the same limits.
 *
 * @example
 * const query = encodeShareQuery({ scenario: 'stampede', options: { strategy: 'lock' }, seed: 3, actions: [], cursor: null });
 * // 'scenario=stampede&strategy=lock&seed=3'
 * decodeShareQuery(query).state.options; // { strategy: 'lock' }
 * decodeShareQuery('scenario=nope').notes; // ['scenario: there is no scenario called "nope"; showing "playground"']
 */
import { getScenario } from '../scenarios/registry.ts';
import type { LearnerAction, ScheduledAction } from '../scenarios/types.ts';
import { MAX_ACTION_TEXT, actionSpec, isActionType } from '../scenarios/actions.ts';

/** Where the learner was: events [0, index) have happened, at virtual time `time` (ms). */
export interface SharedCursor {
  readonly index: number;
  readonly time: number;
}

export interface ShareState {
  /** The lesson slug the lab sits in (app links only). */
  readonly lesson?: string;
  readonly scenario: string;
  /** Only options the scenario knows, already valid. */
  readonly options: Readonly<Record<string, unknown>>;
  readonly seed?: number;
  /** The learner's actions in order, each at the virtual time it was taken. */
  readonly actions: readonly ScheduledAction[];
  readonly cursor: SharedCursor | null;
}

export interface DecodedShare {
  readonly state: ShareState;
  /** One sentence per field that was ignored, for the note the lab shows. */
  readonly notes: readonly string[];
}

/** Query keys that are not scenario options. */
export const RESERVED_KEYS = ['scenario', 'lesson', 'lab', 'seed', 'actions', 'event', 'time', 'v'] as const;
/** Keys the embed route reads for itself (not part of the lab's state). */
export const EMBED_KEYS = ['theme', 'parentOrigin'] as const;

export const DEFAULT_SCENARIO = 'playground';
export const SHARE_FORMAT_VERSION = 1;
/** Beyond this many actions a link is refused: replaying it would stall the page. */
export const MAX_ACTIONS = 200;
/**
 * Most simulation trace events opening a link may compute (~250 bytes each; ~0.2–0.5 s of CPU here, and the lab then derives its views from them):
 * its time, actions and readers are replayed up to this, and the lab opens where it stopped.
 */
export const LINK_EVENT_BUDGET = 100_000;
/**
 * Highest read or write rate a link may set (the schema allows 100,000/s, which a lesson may use
 * knowingly): at 100,000/s every animation frame of the lab simulates ~15,000 events.
 */
export const LINK_MAX_RATE_PER_SEC = 1_000;
const RATE_OPTIONS = new Set(['readRatePerSec', 'writeRatePerSec']);
export const MAX_URL_FIELD_LENGTH = 8_000;
const MAX_TIME_MS = 86_400_000 * 7;

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

// ---------------------------------------------------------------------------------------------
// base64url of UTF-8 JSON, for the action list (compact and free of characters URLs mangle)

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) return null;
  try {
    const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// actions: a compact tuple per action, `[at, type, ...fields]`

type Tuple = readonly unknown[];

/** `[at, type, ...fields]` in the registry's field order; trailing absent fields are left out. */
function actionToTuple({ at, action }: ScheduledAction): Tuple {
  const record = action as unknown as Record<string, unknown>;
  const values = actionSpec(action.type).fields.map((field) => record[field.name]);
  let end = values.length;
  while (end > 0 && values[end - 1] === undefined) end--;
  return [at, action.type, ...values.slice(0, end).map((value) => value ?? null)];
}

/** One tuple back to an action, or the reason it is not one (the registry's limits apply). */
function tupleToAction(tuple: unknown, scenario: string): ScheduledAction | string {
  if (!Array.isArray(tuple) || tuple.length < 2) return 'not an action';
  const [at, type, ...values] = tuple as unknown[];
  if (!isCount(at, 0, MAX_TIME_MS)) return 'bad time';
  if (typeof type !== 'string' || !isActionType(type)) return 'unknown action';
  const { fields } = actionSpec(type);
  if (values.length > fields.length) return `bad ${type}`;
  const action: Record<string, unknown> = { type };
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const value = values[i];
    if (value === undefined || value === null) {
      if (!field.optional) return `bad ${type}`;
      continue;
    }
    switch (field.kind) {
      case 'text':
        if (typeof value !== 'string' || value.length > MAX_ACTION_TEXT) return `bad ${type}`;
        break;
      case 'int':
        if (!isCount(value, field.min, field.max)) return `bad ${type}`;
        break;
      case 'bool':
        if (typeof value !== 'boolean') return `bad ${type}`;
        break;
      case 'option':
        if (typeof value !== 'string') return `bad ${type}`;
        break;
      case 'value': {
        const checked = checkOneOption(scenario, String(action['name']), value);
        if (typeof checked === 'string') return checked;
        action[field.name] = checked.value;
        continue;
      }
    }
    action[field.name] = value;
  }
  return { at, action: action as unknown as LearnerAction };
}

const isCount = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** Checks one option against the scenario's schema: the cleaned value, or a sentence why not. */
function checkOneOption(scenario: string, name: string, value: unknown): { value: unknown } | string {
  const definition = getScenario(scenario);
  if (!definition) return `${name}: no scenario`;
  if (!Object.hasOwn(definition.optionSchema, name)) return `${fieldName(name)}: not an option of ${scenario}; ignored`;
  const verdict = definition.validateOptions({ [name]: value });
  if (verdict.messages.length > 0) return verdict.messages[0]!;
  const checked = (verdict.options as unknown as Record<string, unknown>)[name];
  if (RATE_OPTIONS.has(name) && typeof checked === 'number' && checked > LINK_MAX_RATE_PER_SEC) {
    return `${name}: ${checked}/s is more than a link may ask for (at most ${LINK_MAX_RATE_PER_SEC.toLocaleString('en')}/s); ignored`;
  }
  return { value: checked };
}

/** Whether a link may carry this option value (the scenario's schema and the link's own limits): null when it may, else why not. */
export function linkOptionProblem(scenario: string, name: string, value: unknown): string | null {
  const checked = checkOneOption(scenario, name, value);
  return typeof checked === 'string' ? checked : null;
}

// ---------------------------------------------------------------------------------------------

/** The state as a URL query (without `?`): readable options first, the action list last. */
export function encodeShareQuery(state: ShareState): string {
  const query = new URLSearchParams();
  if (state.lesson !== undefined) query.set('lesson', state.lesson);
  query.set('scenario', state.scenario);
  for (const [name, value] of Object.entries(state.options)) {
    // `seed` is the state's own field; an option of that name would be a second, conflicting seed.
    if (value !== undefined && value !== null && name !== 'seed') query.set(name, String(value));
  }
  if (state.seed !== undefined) query.set('seed', String(state.seed));
  if (state.actions.length > 0) query.set('actions', toBase64Url(JSON.stringify(state.actions.map(actionToTuple))));
  if (state.cursor) {
    query.set('event', String(state.cursor.index));
    query.set('time', String(state.cursor.time));
  }
  return query.toString();
}

function parseInteger(text: string | null, min: number, max: number): number | null {
  if (text === null || !/^\d{1,16}$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}

/** A cursor time in ms: playback stops between whole milliseconds, so decimals are allowed. */
function parseTime(text: string | null): number | null {
  if (text === null || !/^\d{1,12}(?:\.\d{1,40})?$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) && n <= MAX_TIME_MS ? n : null;
}

/** Shortens what a URL held before it goes into a visible note. */
function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

export interface DecodeContext {
  /** Lesson slugs that exist; without it any well-formed slug is kept. */
  readonly lessons?: readonly string[];
  /** The scenario to fall back to (default `playground`). */
  readonly fallbackScenario?: string;
  /** The scenario when the URL names none (e.g. taken from the route path). */
  readonly scenario?: string;
  /** Keys the caller reads itself; they are neither options nor notes. */
  readonly ignoreKeys?: readonly string[];
}

/**
 * Reads a share query. Never throws: a field that is unknown, malformed, out of range or from an
 * older format is dropped with a note, and the rest of the link still applies.
 */
export function decodeShareQuery(input: string | URLSearchParams, context: DecodeContext = {}): DecodedShare {
  const notes: string[] = [];
  let query: URLSearchParams;
  try {
    query = typeof input === 'string' ? new URLSearchParams(input.length > MAX_URL_FIELD_LENGTH * 4 ? '' : input.replace(/^\?/, '')) : input;
    if (typeof input === 'string' && input.length > MAX_URL_FIELD_LENGTH * 4) notes.push('link: too long; ignored');
  } catch {
    query = new URLSearchParams();
    notes.push('link: unreadable; ignored');
  }
  const fallback = context.fallbackScenario && getScenario(context.fallbackScenario) ? context.fallbackScenario : DEFAULT_SCENARIO;
  const ignore = new Set<string>([...RESERVED_KEYS, ...(context.ignoreKeys ?? [])]);

  const version = query.get('v');
  if (version !== null && version !== String(SHARE_FORMAT_VERSION)) notes.push(`v: link format ${quote(version)} is not supported; read as version ${SHARE_FORMAT_VERSION}`);

  const scenarioText = query.get('scenario') ?? context.scenario ?? null;
  let scenario = fallback;
  if (scenarioText !== null) {
    if (getScenario(scenarioText)) scenario = scenarioText;
    else notes.push(`scenario: there is no scenario called ${quote(scenarioText)}; showing "${fallback}"`);
  }
  const scenarioOk = scenarioText !== null && scenario === scenarioText;

  let lesson: string | undefined;
  const lessonText = query.get('lesson');
  if (lessonText !== null) {
    if (SLUG.test(lessonText) && (!context.lessons || context.lessons.includes(lessonText))) lesson = lessonText;
    else notes.push(`lesson: there is no lesson called ${quote(lessonText)}; ignored`);
  }

  const options: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const [name, value] of query) {
    if (ignore.has(name)) continue;
    if (seen.has(name)) {
      notes.push(`${fieldName(name)}: given twice; the first value is used`);
      continue;
    }
    seen.add(name);
    if (!scenarioOk && scenarioText !== null) {
      notes.push(`${fieldName(name)}: belongs to a scenario that is not shown; ignored`);
      continue;
    }
    const checked = checkOneOption(scenario, name, value);
    if (typeof checked === 'string') {
      // Name the field, but keep what the URL said out of the note unless it is short.
      notes.push(shorten(checked));
      continue;
    }
    options[name] = checked.value;
  }

  let seed: number | undefined;
  const seedText = query.get('seed');
  if (seedText !== null) {
    const parsed = parseInteger(seedText, 0, 2_147_483_647);
    if (parsed === null) notes.push(`seed: must be an integer from 0 to 2147483647 (got ${quote(seedText)}); using the scenario's seed`);
    else seed = parsed;
  }

  let actions: ScheduledAction[] = [];
  const actionsText = query.get('actions');
  if (actionsText !== null && (scenarioOk || scenarioText === null)) {
    actions = decodeActions(actionsText, scenario, notes);
  } else if (actionsText !== null) {
    notes.push('actions: belong to a scenario that is not shown; ignored');
  }

  let cursor: SharedCursor | null = null;
  const eventText = query.get('event');
  const timeText = query.get('time');
  if (eventText !== null || timeText !== null) {
    const index = parseInteger(eventText, 0, 10_000_000);
    const time = parseTime(timeText);
    if (index === null || time === null) notes.push('event/time: the position is not an event number and a time in ms; starting at the beginning');
    else cursor = { index, time };
  }

  return {
    state: {
      ...(lesson !== undefined ? { lesson } : {}),
      scenario,
      options,
      ...(seed !== undefined ? { seed } : {}),
      actions,
      cursor,
    },
    notes,
  };
}

/** A field name from a URL, short enough for a note; an empty or odd one is quoted, so the note still starts with a name. */
function fieldName(name: string): string {
  if (/^[\w.-]{1,40}$/.test(name)) return name;
  return `key ${quote(name)}`;
}

function shorten(message: string): string {
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

function decodeActions(text: string, scenario: string, notes: string[]): ScheduledAction[] {
  if (text.length > MAX_URL_FIELD_LENGTH) {
    notes.push('actions: the list is too long; starting without actions');
    return [];
  }
  const json = fromBase64Url(text);
  let tuples: unknown;
  try {
    tuples = json === null ? null : JSON.parse(json);
  } catch {
    tuples = null;
  }
  if (!Array.isArray(tuples)) {
    notes.push('actions: unreadable; starting without actions');
    return [];
  }
  if (tuples.length > MAX_ACTIONS) {
    notes.push(`actions: more than ${MAX_ACTIONS}; starting without actions`);
    return [];
  }
  const actions: ScheduledAction[] = [];
  for (let i = 0; i < tuples.length; i++) {
    const decoded = tupleToAction(tuples[i], scenario);
    const previous = actions[actions.length - 1];
    const problem = typeof decoded === 'string' ? decoded : previous && decoded.at < previous.at ? 'out of order' : null;
    if (problem !== null) {
      // Later actions depended on this one, so replaying them alone would not be the shared run.
      notes.push(`actions: entry ${i + 1} is invalid (${shorten(problem)}); it and the ${tuples.length - i - 1} after it were ignored`);
      break;
    }
    actions.push(decoded as ScheduledAction);
  }
  return actions;
}

// ---------------------------------------------------------------------------------------------
// fitting a state into what links can hold

/** The learner actions a link cannot hold: the first one it cannot, and every one after it. */
export interface UncapturedActions {
  /** 0-based index of the first action left out. */
  readonly index: number;
  readonly count: number;
  /** Virtual time of the first action left out. */
  readonly at: number;
  /** The first left-out action's name in the learner's words (the registry's label). */
  readonly label: string;
  /** Why, in words: what about that action (or the list) a link cannot hold. */
  readonly reason: string;
}

const encodedActionsLength = (state: ShareState, count: number): number =>
  new URLSearchParams(encodeShareQuery({ ...state, options: {}, actions: state.actions.slice(0, count), cursor: null })).get('actions')?.length ?? 0;

/**
 * The longest prefix of the state's actions that a link holds, judged by the decoder itself (so
 * the encoder can never promise more than `decodeShareQuery` accepts), and why the rest is left out.
 */
export function fitShareState(state: ShareState): { state: ShareState; uncaptured: UncapturedActions | null } {
  let kept = Math.min(state.actions.length, MAX_ACTIONS);
  let reason = kept < state.actions.length ? `a link holds at most ${MAX_ACTIONS} actions` : '';
  // An action whose text alone exceeds the field cannot fit; finding it first saves encoding megabytes.
  const huge = state.actions.findIndex((scheduled, i) => i < kept && longestText(scheduled) > MAX_URL_FIELD_LENGTH);
  if (huge !== -1) {
    kept = huge;
    reason = textReason(longestText(state.actions[huge]!));
  }
  // Length first: the decoder refuses a whole list (or link) that is too long.
  if (encodedActionsLength(state, kept) > MAX_URL_FIELD_LENGTH) {
    let low = 0;
    let high = kept;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (encodedActionsLength(state, mid) <= MAX_URL_FIELD_LENGTH) low = mid;
      else high = mid - 1;
    }
    kept = low;
    reason = longestText(state.actions[kept]!) > MAX_ACTION_TEXT
      ? textReason(longestText(state.actions[kept]!))
      : `the actions before it already fill the ${MAX_URL_FIELD_LENGTH.toLocaleString('en')} characters a link gives them`;
  }
  const decoded = decodeShareQuery(encodeShareQuery({ ...state, actions: state.actions.slice(0, kept), cursor: null }));
  if (decoded.state.actions.length < kept) {
    kept = decoded.state.actions.length;
    const longest = longestText(state.actions[kept]!);
    const problem = /\((.*)\)/.exec(decoded.notes.find((note) => note.startsWith('actions:')) ?? '')?.[1] ?? 'not accepted';
    reason = longest > MAX_ACTION_TEXT ? textReason(longest) : `a link cannot hold it (${problem})`;
  }
  if (kept === state.actions.length) return { state, uncaptured: null };
  return {
    state: { ...state, actions: state.actions.slice(0, kept) },
    uncaptured: { index: kept, count: state.actions.length - kept, at: state.actions[kept]!.at, label: actionLabel(state.actions[kept]!), reason },
  };
}

const textReason = (length: number) => `its text is ${length.toLocaleString('en')} characters, more than the ${MAX_ACTION_TEXT} a link holds`;

const actionLabel = ({ action }: ScheduledAction): string => (isActionType(action.type) ? actionSpec(action.type).label : action.type);

/** The longest text field of an action (a key, a console line), in characters. */
function longestText({ action }: ScheduledAction): number {
  return Math.max(0, ...Object.values(action as unknown as Record<string, unknown>).map((value) => (typeof value === 'string' ? value.length : 0)));
}

// ---------------------------------------------------------------------------------------------
// routes

/** `#/embed/<scenario>?<query>`: the iframe route (the scenario also rides in the path). */
export function embedHash(state: ShareState, extra: Readonly<Record<string, string>> = {}): string {
  const query = new URLSearchParams(encodeShareQuery({ ...state, lesson: undefined } as ShareState));
  query.delete('scenario');
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  const text = query.toString();
  return `#/embed/${encodeURIComponent(state.scenario)}${text ? `?${text}` : ''}`;
}

/**
 * `#/lesson/<slug>?lab=<id>&<query>#share-<id>`: the tutorial route with the state of one of its
 * labs; the trailing anchor (the lab slot's element id) scrolls the lesson to that lab.
 */
export function lessonShareHash(lesson: string, state: ShareState, labId?: string): string {
  const query = encodeShareQuery({ ...state, lesson: undefined } as ShareState);
  const lab = labId ? `lab=${encodeURIComponent(labId)}&` : '';
  return `#/lesson/${encodeURIComponent(lesson)}?${lab}${query}${labId ? `#share-${encodeURIComponent(labId)}` : ''}`;
}

/** The lesson and share query of `#/lesson/<slug>?<query>`, or null for any other hash. */
export function parseLessonHash(hash: string): { lesson: string; query: URLSearchParams } | null {
  const match = /^#?\/lesson\/([a-z0-9-]+)\/?(?:\?([^#]*))?/.exec(hash.slice(0, MAX_URL_FIELD_LENGTH * 4));
  return match ? { lesson: match[1]!, query: new URLSearchParams(match[2] ?? '') } : null;
}

export interface EmbedRoute extends DecodedShare {
  readonly query: URLSearchParams;
}

/** Reads `#/embed/<scenario>?<query>`; anything else gives the fallback scenario and a note. */
export function parseEmbedHash(hash: string, context: DecodeContext = {}): EmbedRoute {
  const match = /^#?\/embed\/([^?#/]*)\/?(?:\?([^#]*))?$/.exec(hash.length > MAX_URL_FIELD_LENGTH * 4 ? '' : hash);
  if (!match) {
    const decoded = decodeShareQuery('', context);
    const notes = hash === '' || hash === '#' ? decoded.notes : [`link: ${quote(hash)} is not an embed route; showing "${decoded.state.scenario}"`, ...decoded.notes];
    return { ...decoded, notes, query: new URLSearchParams() };
  }
  let scenario: string;
  try {
    scenario = decodeURIComponent(match[1]!);
  } catch {
    scenario = match[1]!;
  }
  const query = new URLSearchParams(match[2] ?? '');
  query.delete('scenario');
  const decoded = decodeShareQuery(query, { ...context, scenario, ignoreKeys: [...EMBED_KEYS, ...(context.ignoreKeys ?? [])] });
  return { ...decoded, query };
}
