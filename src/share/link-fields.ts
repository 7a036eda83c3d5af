/**
 * The light half of share links: every field of a link except its action list, read and checked
 * against the scenario registry (whatever fails is dropped with a note naming it, never thrown),
 * and the routes' parsing. An embed opened from a plain link (a scenario and options) needs only
 * this; a link that carries a run (actions or a moment, `carriesRun`) also needs the action codec
 * in `link.ts` and the replay in `restore.ts`, which load only for such links.
 *
 * @example
 * decodeLinkFields('scenario=stampede&strategy=lock').state.options; // { strategy: 'lock' }
 * carriesRun(new URLSearchParams('scenario=basics&event=4&time=120')); // true
 */
import { getScenario } from '../scenarios/registry.ts';
import type { ScheduledAction } from '../scenarios/types.ts';

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
/**
 * Highest read or write rate a link may set (the schema allows 100,000/s, which a lesson may use
 * knowingly): at 100,000/s every animation frame of the lab simulates ~15,000 events.
 */
export const LINK_MAX_RATE_PER_SEC = 1_000;
const RATE_OPTIONS = new Set(['readRatePerSec', 'writeRatePerSec']);
export const MAX_URL_FIELD_LENGTH = 8_000;
/** The latest moment a link may name, for its cursor and its actions (ms). */
export const MAX_TIME_MS = 86_400_000 * 7;

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** Whether a link carries a run to rebuild (actions, or a moment to open at): then it needs `link.ts` and `restore.ts`. */
export function carriesRun(query: URLSearchParams): boolean {
  return query.has('actions') || query.has('event') || query.has('time');
}

/** Checks one option against the scenario's schema: the cleaned value, or a sentence why not. */
export function checkLinkOption(scenario: string, name: string, value: unknown): { value: unknown } | string {
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
  const checked = checkLinkOption(scenario, name, value);
  return typeof checked === 'string' ? checked : null;
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

/** A field name from a URL, short enough for a note; an empty or odd one is quoted, so the note still starts with a name. */
function fieldName(name: string): string {
  if (/^[\w.-]{1,40}$/.test(name)) return name;
  return `key ${quote(name)}`;
}

/** Caps a note's length. */
export function shorten(message: string): string {
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
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

/** Reads a link's action list for `scenario` (the codec in `link.ts`), adding a note for what it drops. */
export type ActionsDecoder = (text: string, scenario: string, notes: string[]) => ScheduledAction[];

/**
 * Reads a share query, the one decoder of every field. Never throws: a field that is unknown,
 * malformed, out of range or from an older format is dropped with a note, and the rest of the link
 * still applies. With `decodeActions` null the action list is not read at all (no actions, no
 * note): only for a query that carries none, or whose caller decodes it again with `link.ts`.
 */
export function decodeShareFields(input: string | URLSearchParams, context: DecodeContext, decodeActions: ActionsDecoder | null): DecodedShare {
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
    const checked = checkLinkOption(scenario, name, value);
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
  if (decodeActions !== null && actionsText !== null) {
    if (scenarioOk || scenarioText === null) actions = decodeActions(actionsText, scenario, notes);
    else notes.push('actions: belong to a scenario that is not shown; ignored');
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

/** A link without its action list (see `decodeShareFields`): all an embed with options needs. */
export function decodeLinkFields(input: string | URLSearchParams, context: DecodeContext = {}): DecodedShare {
  return decodeShareFields(input, context, null);
}

// ---------------------------------------------------------------------------------------------
// routes

/** The lesson and share query of `#/lesson/<slug>?<query>`, or null for any other hash. */
export function parseLessonHash(hash: string): { lesson: string; query: URLSearchParams } | null {
  const match = /^#?\/lesson\/([a-z0-9-]+)\/?(?:\?([^#]*))?/.exec(hash.slice(0, MAX_URL_FIELD_LENGTH * 4));
  return match ? { lesson: match[1]!, query: new URLSearchParams(match[2] ?? '') } : null;
}

export interface EmbedRoute extends DecodedShare {
  readonly query: URLSearchParams;
}

/**
 * Reads `#/embed/<scenario>?<query>` with `decode` (`decodeShareQuery` from `link.ts`, or
 * `decodeLinkFields` for a route that does not `carriesRun`); anything else gives the fallback
 * scenario and a note.
 */
export function parseEmbedHashWith(decode: (input: string | URLSearchParams, context: DecodeContext) => DecodedShare, hash: string, context: DecodeContext = {}): EmbedRoute {
  const match = /^#?\/embed\/([^?#/]*)\/?(?:\?([^#]*))?$/.exec(hash.length > MAX_URL_FIELD_LENGTH * 4 ? '' : hash);
  if (!match) {
    const decoded = decode('', context);
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
  const decoded = decode(query, { ...context, scenario, ignoreKeys: [...EMBED_KEYS, ...(context.ignoreKeys ?? [])] });
  return { ...decoded, query };
}
