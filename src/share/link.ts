/**
 * Share links: the state of one lab (lesson, scenario, options, seed, learner actions, cursor) as
 * a URL query, and back. Every field read from a URL is untrusted: it is checked against the
 * scenario registry, and whatever fails is dropped with a note naming it, never thrown.
 *
 * This is the action list's codec (each action's encoder and decoder side by side with the limits
 * both use, so a field cannot be written one way and read another), fitting a lab to those limits
 * (`fitShareState`) and the routes that write links. Every other field is read in
 * `link-fields.ts`, which an embed opened from a plain link loads alone.
 *
 * @example
 * const query = encodeShareQuery({ scenario: 'stampede', options: { strategy: 'lock' }, seed: 3, actions: [], cursor: null });
 * // 'scenario=stampede&strategy=lock&seed=3'
 * decodeShareQuery(query).state.options; // { strategy: 'lock' }
 * decodeShareQuery('scenario=nope').notes; // ['scenario: there is no scenario called "nope"; showing "playground"']
 */
import type { LearnerAction, ScheduledAction } from '../scenarios/types.ts';
import { MAX_ACTION_TEXT, actionSpec, isActionType } from '../scenarios/actions.ts';
import {
  MAX_TIME_MS,
  MAX_URL_FIELD_LENGTH,
  checkLinkOption,
  decodeShareFields,
  parseEmbedHashWith,
  shorten,
  type DecodeContext,
  type DecodedShare,
  type EmbedRoute,
  type ShareState,
} from './link-fields.ts';

export {
  DEFAULT_SCENARIO,
  EMBED_KEYS,
  LINK_MAX_RATE_PER_SEC,
  MAX_URL_FIELD_LENGTH,
  RESERVED_KEYS,
  SHARE_FORMAT_VERSION,
  linkOptionProblem,
  parseLessonHash,
  type DecodeContext,
  type DecodedShare,
  type EmbedRoute,
  type ShareState,
  type SharedCursor,
} from './link-fields.ts';

/** Beyond this many actions a link is refused: replaying it would stall the page. */
export const MAX_ACTIONS = 200;
/**
 * Most simulation trace events opening a link may compute (~250 bytes each; ~0.2–0.5 s of CPU here, and the lab then derives its views from them):
 * its time, actions and readers are replayed up to this, and the lab opens where it stopped.
 */
export const LINK_EVENT_BUDGET = 100_000;

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
        const checked = checkLinkOption(scenario, String(action['name']), value);
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

/**
 * Reads a share query, actions included (`decodeShareFields` reads every other field). Never
 * throws: a field that is unknown, malformed, out of range or from an older format is dropped with
 * a note, and the rest of the link still applies.
 */
export function decodeShareQuery(input: string | URLSearchParams, context: DecodeContext = {}): DecodedShare {
  return decodeShareFields(input, context, decodeActions);
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

/** Reads `#/embed/<scenario>?<query>`, actions included; anything else gives the fallback scenario and a note. */
export function parseEmbedHash(hash: string, context: DecodeContext = {}): EmbedRoute {
  return parseEmbedHashWith(decodeShareQuery, hash, context);
}
