/**
 * Pure derivations of what the lab shows from (trace, cursor). Each trace gets one incremental
 * index: the prefix of a trace never changes (a fork makes a new array), so work done once is kept.
 */
import type { KeyEntry, TraceEvent } from '../../scenarios/events.ts';
import { describeAction, describeOptionValue, optionLabel } from '../../scenarios/actions.ts';
import type { Reply } from '../../redis/reply.ts';
import type { FlowNodeId } from './flowGeometry.ts';
import { countBefore } from '../../engine/search.ts';
import { naturalCompare } from '../../scenarios/natural-order.ts';

export type Tone = 'hit' | 'miss' | 'db' | 'write' | 'invalidate' | 'error' | 'lock' | 'neutral';

/** Something travelling along an edge of the request-flow picture. */
export interface FlowMessage {
  readonly id: string;
  readonly from: FlowNodeId;
  readonly to: FlowNodeId;
  readonly sentAt: number;
  arrivesAt: number;
  /** A command to a Redis that never answers: it waits just short of Redis until the client gives up. */
  stalledFrom?: number;
  tone: Tone;
  readonly requestId: number | null;
  readonly label: string;
  /** Replies ride the return lane. */
  readonly back: boolean;
}

export type TouchKind = 'set' | 'read' | 'miss' | 'delete' | 'expire';

interface Touch {
  readonly seq: number;
  readonly at: number;
  readonly kind: TouchKind;
  /** For sets: the moment the TTL started, to size the TTL bar. */
  readonly setAt?: number;
}

class TraceIndex {
  processed = 0;
  readonly messages: FlowMessage[] = [];
  /** The `at` of the event that added each message (non-decreasing), to search by time. */
  readonly addedAt: number[] = [];
  /** The longest time any message spends on the wire. */
  maxDuration = 1;
  /** Bumped when a message already listed changes its arrival or maxDuration grows, so cached windows are rebuilt. */
  revision = 0;
  private readonly byCommand = new Map<number, FlowMessage[]>();
  readonly touches = new Map<string, Touch[]>();
  /** Every key removal (expiry or delete), in trace order, for the keyspace's ghost rows. */
  readonly removals: { seq: number; at: number; key: string }[] = [];
  /** seq of every event a learner-visible sentence can be made from. */
  readonly narratable: number[] = [];

  sync(trace: readonly TraceEvent[], length: number) {
    for (let i = this.processed; i < length; i++) this.add(trace[i]!);
    this.processed = Math.max(this.processed, length);
  }

  private touch(key: string, touch: Touch) {
    let list = this.touches.get(key);
    if (!list) this.touches.set(key, (list = []));
    list.push(touch);
  }

  private pushMessage(message: FlowMessage, at: number) {
    this.messages.push(message);
    this.addedAt.push(at);
    this.grow(message);
  }

  private grow(message: FlowMessage) {
    if (message.arrivesAt - message.sentAt <= this.maxDuration) return;
    this.maxDuration = message.arrivesAt - message.sentAt;
    this.revision++;
  }

  private addMessage(commandId: number | null, message: FlowMessage, at: number) {
    this.pushMessage(message, at);
    if (commandId === null) return;
    const list = this.byCommand.get(commandId);
    if (list) list.push(message);
    else this.byCommand.set(commandId, [message]);
  }

  private add(event: TraceEvent) {
    if (isNarratable(event)) this.narratable.push(event.seq);
    switch (event.type) {
      case 'redis.command':
        if (typeof event.actor === 'number') {
          this.addMessage(event.commandId, {
            id: `c${event.commandId}:${event.seq}`,
            from: `app:${event.actor}`,
            to: 'redis',
            sentAt: event.sentAt,
            arrivesAt: Math.max(event.arrivesAt, event.sentAt + 1),
            tone: commandTone(event.argv),
            requestId: event.requestId,
            label: event.argv.slice(0, 2).join(' '),
            back: false,
          }, event.at);
        }
        break;
      case 'redis.executed': {
        const tone = event.outcome ?? undefined;
        if (tone) for (const message of this.byCommand.get(event.commandId) ?? []) message.tone = tone;
        for (const change of event.changes) {
          this.touch(change.key, change.entry ? { seq: event.seq, at: event.at, kind: 'set', setAt: event.at } : { seq: event.seq, at: event.at, kind: 'delete' });
          if (!change.entry) this.removals.push({ seq: event.seq, at: event.at, key: change.key });
        }
        if (event.outcome && event.argv[1] !== undefined && event.changes.length === 0) {
          this.touch(event.argv[1], { seq: event.seq, at: event.at, kind: event.outcome === 'hit' ? 'read' : 'miss' });
        }
        break;
      }
      case 'redis.reply':
        if (typeof event.actor === 'number') {
          this.addMessage(event.commandId, {
            id: `r${event.commandId}:${event.seq}`,
            from: 'redis',
            to: `app:${event.actor}`,
            sentAt: event.sentAt,
            arrivesAt: Math.max(event.arrivesAt, event.sentAt + 1),
            tone: event.outcome ?? (event.reply.type === 'error' ? 'error' : commandTone(event.argv)),
            requestId: event.requestId,
            label: event.argv[0] ?? '',
            back: true,
          }, event.at);
        }
        break;
      case 'redis.error':
        for (const message of this.byCommand.get(event.commandId) ?? []) {
          message.tone = 'error';
          if (!message.back && event.at > message.arrivesAt) {
            message.stalledFrom = message.arrivesAt;
            message.arrivesAt = event.at;
            this.revision++;
            this.grow(message);
          }
        }
        break;
      case 'db.started': {
        // The query travels out, waits beside the database while it runs, and the rows travel back.
        const duration = Math.max(2, event.finishesAt - event.at);
        const travel = Math.max(1, Math.min(Math.round(duration * 0.3), 40));
        const tone: Tone = event.op === 'read' ? 'db' : 'write';
        const base = { tone, requestId: event.requestId, label: `${event.op} ${event.table}/${event.id}` };
        this.pushMessage({ ...base, id: `q${event.queryId}:out`, from: `app:${event.instance}`, to: 'db', sentAt: event.at, arrivesAt: event.at + duration - travel, stalledFrom: event.at + travel, back: false }, event.at);
        this.pushMessage({ ...base, id: `q${event.queryId}:back`, from: 'db', to: `app:${event.instance}`, sentAt: event.at + duration - travel, arrivesAt: event.at + duration, back: true }, event.at);
        break;
      }
      case 'key.expired':
        this.touch(event.key, { seq: event.seq, at: event.at, kind: 'expire' });
        this.removals.push({ seq: event.seq, at: event.at, key: event.key });
        break;
    }
  }
}

const indexes = new WeakMap<readonly TraceEvent[], TraceIndex>();

/** The index of `trace`, synced to its first `length` events. */
export function traceIndex(trace: readonly TraceEvent[], length = trace.length): TraceIndex {
  let index = indexes.get(trace);
  if (!index) indexes.set(trace, (index = new TraceIndex()));
  index.sync(trace, length);
  return index;
}

function commandTone(argv: readonly string[]): Tone {
  const name = (argv[0] ?? '').toUpperCase();
  if (name === 'SET' && argv.some((arg) => arg.toUpperCase() === 'NX')) return 'lock';
  if (name === 'SET' || name === 'SETEX' || name === 'PSETEX' || name === 'HSET') return 'write';
  if (name === 'DEL' || name === 'UNLINK' || name === 'FLUSHALL' || name === 'FLUSHDB') return 'invalidate';
  if (name === 'EVAL' || name === 'EVALSHA') return 'lock';
  return 'neutral';
}

/** Messages on the wire at `now` (sent, not yet arrived). */
export function messagesInFlight(trace: readonly TraceEvent[], now: number): FlowMessage[] {
  const { messages, addedAt, maxDuration } = traceIndex(trace);
  // A message is added between maxDuration before it is sent and its arrival, so only a window
  // of the list can hold messages on the wire now.
  const from = lowerBound(addedAt, now - 2 * maxDuration);
  const out: FlowMessage[] = [];
  for (let i = from; i < messages.length && addedAt[i]! <= now + maxDuration; i++) {
    const message = messages[i]!;
    if (message.sentAt <= now && now < message.arrivesAt) out.push(message);
  }
  return out;
}

/** How much virtual time one window of candidates covers; frames inside it only filter the candidates. */
const WINDOW_MS = 200;

/**
 * Messages on the wire, asked for once per animation frame. The set only changes when a message is
 * sent or arrives, so it keeps the candidates for a window of virtual time and each frame filters
 * those few; messages the simulation adds meanwhile are appended, and a new window is built only
 * when the cursor leaves it, the trace is forked or a listed message changes.
 */
export class InFlightTracker {
  private trace: readonly TraceEvent[] | null = null;
  private revision = -1;
  private from = 0;
  private to = -1;
  private scanned = 0;
  private candidates: FlowMessage[] = [];

  at(trace: readonly TraceEvent[], now: number): FlowMessage[] {
    const index = traceIndex(trace);
    const { messages, addedAt, maxDuration } = index;
    if (trace !== this.trace || index.revision !== this.revision || now < this.from || now >= this.to) {
      this.trace = trace;
      this.revision = index.revision;
      this.from = now;
      this.to = now + WINDOW_MS;
      this.candidates = [];
      // Same bounds as messagesInFlight, widened to the window.
      let i = lowerBound(addedAt, this.from - 2 * maxDuration);
      for (; i < messages.length && addedAt[i]! <= this.to + maxDuration; i++) this.keepIfInWindow(messages[i]!);
      this.scanned = messages.length;
    }
    for (; this.scanned < messages.length; this.scanned++) this.keepIfInWindow(messages[this.scanned]!);
    const out: FlowMessage[] = [];
    for (const message of this.candidates) if (message.sentAt <= now && now < message.arrivesAt) out.push(message);
    return out;
  }

  private keepIfInWindow(message: FlowMessage) {
    if (message.sentAt < this.to && message.arrivesAt > this.from) this.candidates.push(message);
  }
}

function lowerBound(sorted: readonly number[], value: number): number {
  return countBefore(sorted, (x) => x < value);
}

export interface KeyRow {
  readonly key: string;
  readonly entry: KeyEntry;
  /** ms of TTL left at the cursor (negative: logically expired, not yet removed), or null. */
  readonly ttlLeft: number | null;
  /** 0..1 share of the TTL left, for the bar. */
  readonly ttlShare: number | null;
  readonly role: 'data' | 'null' | 'lock';
  /** The most recent thing that happened to the key, if it was recent (for the flash and badge). */
  readonly touch: { kind: TouchKind; seq: number } | null;
  readonly gone: boolean;
}

/** How long (virtual ms) a touch counts as recent for the badge. */
export const RECENT_MS = 1_500;

export function keyRole(key: string, value: string): KeyRow['role'] {
  if (/^lock:|:lock$/.test(key)) return 'lock';
  if (/^(NULL|__null__|null|nil|∅|)$/.test(value)) return 'null';
  return 'data';
}

function lastTouchBefore(list: readonly Touch[] | undefined, index: number): Touch | null {
  if (!list) return null;
  const before = countBefore(list, (touch) => touch.seq < index);
  return before > 0 ? list[before - 1]! : null;
}

function lastSetBefore(list: readonly Touch[] | undefined, index: number): Touch | null {
  if (!list) return null;
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.seq < index && list[i]!.kind === 'set') return list[i]!;
  return null;
}

/**
 * The keyspace rows at the cursor: live keys, plus keys removed in the last moments (as ghosts),
 * at most `limit` of them (the keyspace may hold thousands).
 */
export function keyRows(trace: readonly TraceEvent[], keyspace: ReadonlyMap<string, KeyEntry>, index: number, now: number, limit = Infinity): KeyRow[] {
  const { touches, removals } = traceIndex(trace, index);
  const rows: KeyRow[] = [];
  const recent = (touch: Touch | null) => (touch && now - touch.at <= RECENT_MS ? { kind: touch.kind, seq: touch.seq } : null);
  for (const [key, entry] of keyspace) {
    if (rows.length >= limit) break;
    const list = touches.get(key);
    const touch = lastTouchBefore(list, index);
    const set = lastSetBefore(list, index);
    const ttlLeft = entry.expireAt === null ? null : entry.expireAt - now;
    const total = entry.expireAt !== null && set ? entry.expireAt - (set.setAt ?? set.at) : null;
    const ttlShare = ttlLeft === null ? null : total && total > 0 ? Math.max(0, Math.min(1, ttlLeft / total)) : ttlLeft > 0 ? 1 : 0;
    rows.push({ key, entry, ttlLeft, ttlShare, role: keyRole(key, entry.value), touch: recent(touch), gone: ttlLeft !== null && ttlLeft < 0 });
  }
  // Ghosts: keys deleted or expired in the last RECENT_MS, found by walking back through the trace.
  const ghosts = new Set<string>();
  for (let i = countBefore(removals, (removal) => removal.seq < index) - 1; i >= 0 && rows.length + ghosts.size < limit; i--) {
    const removal = removals[i]!;
    if (now - removal.at > RECENT_MS) break;
    if (!keyspace.has(removal.key)) ghosts.add(removal.key);
  }
  for (const key of ghosts) {
    const touch = lastTouchBefore(touches.get(key), index);
    if (!touch || (touch.kind !== 'expire' && touch.kind !== 'delete')) continue;
    rows.push({ key, entry: { type: 'string', value: '', expireAt: null }, ttlLeft: null, ttlShare: 0, role: 'data', touch: { kind: touch.kind, seq: touch.seq }, gone: true });
  }
  return rows.sort((a, b) => naturalCompare(a.key, b.key));
}

/** redis-cli's short rendering of a reply, for sentences. */
export function replyPreview(reply: Reply): string {
  switch (reply.type) {
    case 'bulk':
      return reply.value === null ? '(nil)' : `"${truncate(reply.value, 40)}"`;
    case 'status':
      return reply.value;
    case 'error':
      return `(error) ${reply.message}`;
    case 'integer':
      return `(integer) ${reply.value}`;
    case 'null':
      return '(nil)';
    case 'array':
      return reply.value === null ? '(nil)' : `${reply.value.length} item${reply.value.length === 1 ? '' : 's'}`;
    default:
      return reply.type;
  }
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

const app = (instance: number) => `app ${instance + 1}`;
const seconds = (ms: number) => (ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`);

function ttlOf(argv: readonly string[]): string | null {
  for (let i = 3; i < argv.length - 1; i++) {
    const flag = argv[i]!.toUpperCase();
    if (flag === 'PX') return seconds(Number(argv[i + 1]));
    if (flag === 'EX') return seconds(Number(argv[i + 1]) * 1000);
  }
  if ((argv[0] ?? '').toUpperCase() === 'SETEX') return seconds(Number(argv[2]) * 1000);
  return null;
}

/** Whether `describeEvent` has a sentence for this event (cheap: no string is built). */
export function isNarratable(event: TraceEvent): boolean {
  if (event.type === 'code.line' || event.type === 'redis.executed' || event.type === 'keyspace.seeded') return false;
  if (event.type === 'redis.command') return typeof event.actor === 'number';
  return true;
}

/** One plain-language sentence for an event, or null for bookkeeping the learner need not read. */
export function describeEvent(event: TraceEvent): string | null {
  switch (event.type) {
    case 'note':
      return event.text;
    case 'action':
      return describeAction(event.action);
    case 'request.arrived':
      if (event.kind === 'refresh') return `${cap(app(event.instance))} starts a background refresh of ${event.key}.`;
      return event.kind === 'write' ? `A write to ${event.key} reaches ${app(event.instance)}.` : `A read of ${event.key} reaches ${app(event.instance)}, which asks Redis first.`;
    case 'code.line':
      return null;
    case 'redis.command':
      return typeof event.actor === 'number' ? `${cap(app(event.actor))} sends ${event.argv.slice(0, 2).join(' ')} to Redis.` : null;
    case 'redis.executed':
      return null;
    case 'redis.reply':
      return describeReply(event.argv, event.reply, event.outcome, event.actor);
    case 'redis.error':
      return `${event.argv.slice(0, 2).join(' ')} failed: ${event.error === 'timeout' ? 'no reply before the timeout' : 'Redis is down'}${event.retryAt !== null ? `; the client retries in ${seconds(event.retryAt - event.at)}` : ', so the app falls back to the database'}.`;
    case 'db.queued':
      return `Every database connection is busy, so ${app(event.instance)}'s query waits in line (${event.queueLength} waiting).`;
    case 'db.started':
      return event.op === 'read'
        ? `The database starts reading ${event.table}/${event.id} (${event.active} ${event.active === 1 ? 'query' : 'queries'} running${event.waitMs > 0 ? `, after waiting ${seconds(event.waitMs)}` : ''}).`
        : `The database starts writing ${event.table}/${event.id}.`;
    case 'db.finished':
      if (!event.ok) return `The query for ${event.table}/${event.id} failed.`;
      if (event.op === 'write') return `The database saved version ${event.version} of ${event.table}/${event.id}.`;
      return event.version === null
        ? `The database has no row ${event.table}/${event.id} (${seconds(event.latencyMs)}).`
        : `The database returns ${event.table}/${event.id}, version ${event.version}, after ${seconds(event.latencyMs)}.`;
    case 'lock.acquired':
      return `${cap(app(event.instance))} holds the lock ${event.key}, so it alone rebuilds the value.`;
    case 'lock.waiting':
      return `${cap(app(event.instance))} finds ${event.key} taken, so it waits${event.retryAt !== undefined ? ` ${seconds(event.retryAt - event.at)}` : ''} and checks the cache again.`;
    case 'lock.released':
      return event.released === false ? `${cap(app(event.instance))}'s lock had already expired, so it leaves ${event.key} alone.` : `${cap(app(event.instance))} releases ${event.key}.`;
    case 'key.expired':
      return `${event.key}'s TTL ran out: Redis removes it, and the next read will miss.`;
    case 'fault':
      if (event.target === 'redis') return event.state === 'down' ? 'Redis is down: every cache command now fails.' : 'Redis is back up.';
      if (event.state === 'slow') return `The database slows down to ${seconds(event.latencyMs ?? 0)} per query.`;
      return event.state === 'normal' ? 'The database is back to its normal speed.' : `The database is ${event.state}.`;
    case 'request.served':
      return describeServed(event);
    case 'option':
      return `${optionLabel(event.name)} is now ${describeOptionValue(event.name, event.value)}.`;
    case 'console':
      return event.error ? `That line could not be read: ${event.error}.` : `You typed ${event.line}.`;
    case 'keyspace.seeded':
      return null;
    default:
      return null;
  }
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}


function describeReply(argv: readonly string[], reply: Reply, outcome: 'hit' | 'miss' | null, actor: number | 'console'): string {
  const command = argv.slice(0, 2).join(' ');
  const name = (argv[0] ?? '').toUpperCase();
  const result = `${command} → ${replyPreview(reply)}`;
  if (actor === 'console') return `${result}.`;
  if (outcome === 'hit') return `${result}: a hit, so the app answers without touching the database.`;
  if (outcome === 'miss') return `${result}: a miss, so the app asks the database…`;
  if (reply.type === 'error') return `${result}.`;
  if (name === 'SET' && argv.some((arg) => arg.toUpperCase() === 'NX')) {
    return reply.type === 'status' ? `${result}: this request won the lock.` : `${result}: another request holds the lock.`;
  }
  if (name === 'SET' || name === 'SETEX' || name === 'PSETEX') {
    const ttl = ttlOf(argv);
    return `${result}: the value is cached${ttl ? ` for ${ttl}` : ''}.`;
  }
  if (name === 'DEL' || name === 'UNLINK') return `${result}: ${reply.type === 'integer' && Number(reply.value) > 0 ? 'the cached copy is gone' : 'there was nothing cached to delete'}.`;
  return `${result}.`;
}

function describeServed(event: Extract<TraceEvent, { type: 'request.served' }>): string {
  const who = cap(app(event.instance));
  const time = seconds(event.latencyMs);
  if (event.kind === 'write') return `${who} finished the write to ${event.key} in ${time}.`;
  if (event.kind === 'refresh') return `${who} refreshed ${event.key} in the background.`;
  const stale = event.stale ? ` — but it is stale (version ${event.version}), the database has newer` : '';
  const missing = event.version === null ? ' (not found)' : '';
  switch (event.from) {
    case 'cache':
      return `${who} answers ${event.key}${missing} from the cache in ${time}${stale}.`;
    case 'database':
      return `${who} answers ${event.key}${missing} from the database in ${time}${stale}.`;
    case 'coalesced':
      return `${who} answers ${event.key} by sharing another request's database read (${time}).`;
    case 'fallback':
      return `Redis failed, so ${app(event.instance)} answered ${event.key} straight from the database (${time}).`;
    case 'none':
      return `${who} could not answer ${event.key} and returns an error after ${time}.`;
  }
}

/** The sentence for the cursor: the most recent narratable event that has happened. */
export function narrationAt(trace: readonly TraceEvent[], index: number): { text: string; seq: number } | null {
  const { narratable } = traceIndex(trace, index);
  const before = countBefore(narratable, (seq) => seq < index);
  if (before === 0) return null;
  const seq = narratable[before - 1]!;
  return { text: describeEvent(trace[seq]!)!, seq };
}
