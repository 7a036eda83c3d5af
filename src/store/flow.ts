/**
 * The request flow as data, derived from the trace: the messages travelling between app instances,
 * Redis and the database (each with the interval it is on the wire), the "beats" Step stops on, and
 * how busy the trace is around a moment. Pure functions of the trace; each trace gets one
 * incremental index (a trace's prefix never changes, a fork makes a new array). The player's pacing
 * and the views both read it, so what the clock slows down for is exactly what is drawn.
 */
import type { TraceEvent } from '../scenarios/events.ts';
import type { Reply } from '../redis/reply.ts';
import { countBefore } from '../engine/search.ts';

export type Tone = 'hit' | 'miss' | 'db' | 'write' | 'invalidate' | 'error' | 'lock' | 'neutral';

/** A node of the request-flow picture: an app instance, the writer (writes drawn apart from reads), write-behind's worker, Redis or the database. */
export type FlowNodeId = `app:${number}` | 'writer' | 'worker' | 'redis' | 'db';

type RequestKind = 'read' | 'write' | 'refresh' | 'drain';

/**
 * Who a request belongs to when it is not its app, in every view (the flow's node, the narration,
 * the Log): write-behind's drains are the Worker's, and writes are the Writer's where the lab draws
 * writes from a Writer node of their own (`writer`).
 */
export function requestActor(kind: RequestKind | null, writer: boolean): 'writer' | 'worker' | null {
  if (kind === 'drain') return 'worker';
  return writer && kind === 'write' ? 'writer' : null;
}

/** The name a request's actor goes by in logs and diagrams: `writer`, `worker`, or its app (`app-1` for instance 0). */
export function requestActorName(kind: RequestKind | null, instance: number, writer: boolean): string {
  return requestActor(kind, writer) ?? `app-${instance + 1}`;
}

/** Something travelling along an edge of the request-flow picture. */
export interface FlowMessage {
  readonly id: string;
  readonly from: FlowNodeId;
  readonly to: FlowNodeId;
  readonly sentAt: number;
  arrivesAt: number;
  /** The message stops moving here and waits (a command to a dead Redis, a query while it runs). */
  stalledFrom?: number;
  tone: Tone;
  readonly requestId: number | null;
  /** What the request that sent it is doing, when known (writers are drawn apart from readers). */
  readonly kind: 'read' | 'write' | 'refresh' | 'drain' | null;
  /** The command or query it carries, e.g. "GET user:1". */
  readonly label: string;
  /** Replies ride the return lane. */
  readonly back: boolean;
  /** The event that sends it (a reply: Redis's execution): at the instant it leaves, it is drawn once that event is counted. */
  readonly sendSeq: number;
  /** The event that records its arrival, once known (a command's execution, a reply's own event, a query's `db.finished`). */
  arriveSeq: number | null;
  /** Step stands on that event (a reply, the rows, a delivered message, not an execution), so it is drawn arriving there. */
  arrivalStop: boolean;
}

/**
 * A place Step stops: after `index` events, at the event's own time `at`, so the clock, the
 * sentence, the dots and the code line all describe that one moment. While playing its sentence
 * is shown from `from` on: a reply's from the moment Redis sends it, everything else's from `at`.
 */
export interface Beat {
  readonly index: number;
  readonly from: number;
  readonly at: number;
}

/** The part of a message's life it spends moving (the part the clock must not rush past). */
export function movingUntil(message: FlowMessage): number {
  return message.stalledFrom ?? message.arrivesAt;
}

class FlowIndex {
  processed = 0;
  readonly messages: FlowMessage[] = [];
  /** The `at` of the event that added each message (non-decreasing), to search by time. */
  readonly addedAt: number[] = [];
  /** The longest time any message spends on the wire. */
  maxDuration = 1;
  /** The longest time any message spends moving. */
  maxMoving = 1;
  /** Bumped when a message already listed changes its arrival or maxDuration grows, so cached windows are rebuilt. */
  revision = 0;
  /** Distinct times at which requests reached an app (sorted): how crowded a stretch of time is. */
  readonly arrivals: number[] = [];
  /** Where Step stops, one per narratable event, in trace order. */
  readonly beats: Beat[] = [];
  /** Times of narratable moments that carry no message (an expiry, a fault): the clock lingers on them too. */
  readonly holds: number[] = [];
  private readonly byCommand = new Map<number, FlowMessage[]>();
  private readonly kinds = new Map<number, 'read' | 'write' | 'refresh' | 'drain'>();
  /** What a later event completes: the execution a reply leaves at, the rows a query sends back, a message on its way. */
  private readonly executedSeq = new Map<number, number>();
  private readonly rowsBack = new Map<number, FlowMessage>();
  private readonly messagesSent = new Map<number, FlowMessage>();

  sync(trace: readonly TraceEvent[], length: number) {
    for (let i = this.processed; i < length; i++) this.add(trace[i]!);
    this.processed = Math.max(this.processed, length);
  }

  private push(message: FlowMessage, at: number, commandId: number | null = null) {
    this.messages.push(message);
    this.addedAt.push(at);
    this.grow(message);
    if (commandId === null) return;
    const list = this.byCommand.get(commandId);
    if (list) list.push(message);
    else this.byCommand.set(commandId, [message]);
  }

  private grow(message: FlowMessage) {
    this.maxMoving = Math.max(this.maxMoving, movingUntil(message) - message.sentAt);
    if (message.arrivesAt - message.sentAt <= this.maxDuration) return;
    this.maxDuration = message.arrivesAt - message.sentAt;
    this.revision++;
  }

  private kindOf(requestId: number | null) {
    return requestId === null ? null : (this.kinds.get(requestId) ?? null);
  }

  private add(event: TraceEvent) {
    const beat: Beat | null = isNarratable(event) ? { index: event.seq + 1, from: event.at, at: event.at } : null;
    switch (event.type) {
      case 'request.arrived':
        this.kinds.set(event.requestId, event.kind);
        if (this.arrivals.at(-1) !== event.at) this.arrivals.push(event.at);
        break;
      case 'redis.command':
        if (typeof event.actor === 'number') {
          const message: FlowMessage = {
            id: `c${event.commandId}:${event.seq}`,
            from: `app:${event.actor}`,
            to: 'redis',
            sentAt: event.sentAt,
            arrivesAt: Math.max(event.arrivesAt, event.sentAt + 1),
            tone: commandTone(event.argv),
            requestId: event.requestId,
            kind: this.kindOf(event.requestId),
            label: event.argv.slice(0, 2).join(' '),
            back: false,
            sendSeq: event.seq,
            arriveSeq: null,
            arrivalStop: false,
          };
          this.push(message, event.at, event.commandId);
          if (beat) this.beats.push(beat);
          return;
        }
        break;
      case 'redis.executed': {
        const tone = event.outcome ?? undefined;
        for (const message of this.byCommand.get(event.commandId) ?? []) {
          if (tone) message.tone = tone;
          // Redis running the command is its arrival.
          if (!message.back) message.arriveSeq = event.seq;
        }
        this.executedSeq.set(event.commandId, event.seq);
        break;
      }
      case 'redis.reply': {
        const executedAt = this.executedSeq.get(event.commandId);
        this.executedSeq.delete(event.commandId);
        if (typeof event.actor === 'number') {
          const message: FlowMessage = {
            id: `r${event.commandId}:${event.seq}`,
            from: 'redis',
            to: `app:${event.actor}`,
            sentAt: event.sentAt,
            arrivesAt: Math.max(event.arrivesAt, event.sentAt + 1),
            tone: event.outcome ?? (event.reply.type === 'error' ? 'error' : commandTone(event.argv)),
            requestId: event.requestId,
            kind: this.kindOf(event.requestId),
            label: `${event.argv[0] ?? ''} → ${shortReply(event.reply)}`,
            back: true,
            sendSeq: executedAt ?? event.seq,
            arriveSeq: event.seq,
            arrivalStop: beat !== null,
          };
          this.push(message, event.at, event.commandId);
          // Redis answered when the reply left (`sentAt`), so while playing its sentence is shown as it travels back.
          if (beat) this.beats.push({ ...beat, from: message.sentAt });
          return;
        }
        break;
      }
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
        const base = { tone, requestId: event.requestId, kind: this.kindOf(event.requestId), label: `${event.op === 'read' ? 'SELECT' : 'UPDATE'} ${event.table}/${event.id}`, sendSeq: event.seq, arriveSeq: null, arrivalStop: false };
        const out: FlowMessage = { ...base, id: `q${event.queryId}:out`, from: `app:${event.instance}`, to: 'db', sentAt: event.at, arrivesAt: event.at + duration - travel, stalledFrom: event.at + travel, back: false };
        const back: FlowMessage = { ...base, id: `q${event.queryId}:back`, from: 'db', to: `app:${event.instance}`, sentAt: event.at + duration - travel, arrivesAt: event.at + duration, back: true };
        this.push(out, event.at);
        this.push(back, event.at);
        this.rowsBack.set(event.queryId, back);
        if (beat) this.beats.push(beat);
        return;
      }
      case 'sync.message': {
        // Lesson 15: an invalidation travels from Redis to an instance; a lost one stops halfway and is gone.
        const arrivesAt = Math.max(event.arrivesAt, event.at + 1);
        const message: FlowMessage = {
          id: `m${event.messageId}`,
          from: 'redis',
          to: `app:${event.instance}`,
          sentAt: event.at,
          arrivesAt: event.lost ? Math.ceil((event.at + arrivesAt) / 2) : arrivesAt,
          tone: event.lost ? 'error' : 'invalidate',
          requestId: null,
          kind: null,
          label: `${event.lost ? 'lost: ' : ''}${event.keys === null ? 'invalidate all' : `invalidate ${event.keys.join(' ')}`}`,
          back: true,
          sendSeq: event.seq,
          arriveSeq: null,
          arrivalStop: false,
        };
        this.push(message, event.at);
        if (!event.lost) this.messagesSent.set(event.messageId, message);
        if (beat) this.beats.push(beat);
        return;
      }
      case 'db.finished': {
        const back = this.rowsBack.get(event.queryId);
        this.rowsBack.delete(event.queryId);
        if (back) Object.assign(back, { arriveSeq: event.seq, arrivalStop: beat !== null });
        // The query's sentence says how long it took: it is said when the query is over (the rows
        // reach the app), not while the drawing's rows are still on their way.
        if (beat) this.beats.push(beat);
        return;
      }
      case 'sync.delivered': {
        const message = this.messagesSent.get(event.messageId);
        this.messagesSent.delete(event.messageId);
        if (message) Object.assign(message, { arriveSeq: event.seq, arrivalStop: beat !== null });
        break;
      }
    }
    if (!beat) return;
    this.beats.push(beat);
    if (this.holds.at(-1) !== beat.at) this.holds.push(beat.at);
  }
}

const indexes = new WeakMap<readonly TraceEvent[], FlowIndex>();

/** The flow index of `trace`, synced to its first `length` events. */
export function flowIndex(trace: readonly TraceEvent[], length = trace.length): FlowIndex {
  let index = indexes.get(trace);
  if (!index) indexes.set(trace, (index = new FlowIndex()));
  index.sync(trace, length);
  return index;
}

/** A reply in a few characters, for the label beside its dot. */
function shortReply(reply: Reply): string {
  if (reply.type === 'bulk') return reply.value === null ? '(nil)' : reply.value.length > 14 ? `"${reply.value.slice(0, 12)}…"` : `"${reply.value}"`;
  if (reply.type === 'status') return reply.value;
  if (reply.type === 'integer') return String(reply.value);
  if (reply.type === 'error') return 'error';
  if (reply.type === 'null') return '(nil)';
  return reply.type;
}

function commandTone(argv: readonly string[]): Tone {
  const name = (argv[0] ?? '').toUpperCase();
  if (name === 'SET' && argv.some((arg) => arg.toUpperCase() === 'NX')) return 'lock';
  if (name === 'SET' || name === 'SETEX' || name === 'PSETEX' || name === 'HSET') return 'write';
  if (name === 'DEL' || name === 'UNLINK' || name === 'FLUSHALL' || name === 'FLUSHDB') return 'invalidate';
  if (name === 'EVAL' || name === 'EVALSHA') return 'lock';
  return 'neutral';
}

/** Whether an event gets a learner-visible sentence (and so a Step of its own). */
export function isNarratable(event: TraceEvent): boolean {
  // Bookkeeping without a sentence of its own (an app task's start and end: its action and commands narrate it).
  if (event.type === 'code.line' || event.type === 'redis.executed' || event.type === 'keyspace.seeded' || event.type === 'task.started' || event.type === 'task.finished') return false;
  if (event.type === 'redis.command') return typeof event.actor === 'number';
  // A typed line is narrated by its action ("You run GET user:1."); only a line that could not be read says more.
  if (event.type === 'console') return Boolean(event.error);
  return true;
}

/**
 * The beat whose sentence describes the cursor. Standing on a beat (where Step stops: its index, its
 * event's time) it is that beat. Between beats (playing, scrubbing) it is the latest to have started
 * (a reply's sentence from the moment Redis sends it), counting one at the cursor's own time only
 * once the cursor's index has reached it (stepping through events that share a time shows each in turn).
 */
export function beatAt(trace: readonly TraceEvent[], length: number, index: number, time: number): Beat | null {
  const { beats, maxDuration } = flowIndex(trace, length);
  const standing = beats[countBefore(beats, (beat) => beat.index < index)];
  if (standing && standing.index === index && standing.at === time && index <= length) return standing;
  // A beat starts at most maxDuration before its event, so later beats have not started.
  const low = countBefore(beats, (beat) => beat.at <= time + maxDuration);
  let best: Beat | null = null;
  for (let i = low - 1; i >= 0; i--) {
    const beat = beats[i]!;
    if (best && beat.at < best.from) break;
    if (beat.index > length || beat.from > time || (beat.from === time && beat.index > index)) continue;
    if (!best || beat.from > best.from || (beat.from === best.from && beat.index > best.index)) best = beat;
  }
  return best;
}

/** How many of `sorted` are below `value`. */
export function lowerBound(sorted: readonly number[], value: number): number {
  return countBefore(sorted, (x) => x < value);
}

/**
 * Whether a message is drawn at the cursor (`index` events counted, at `time`): from the instant it
 * leaves to the instant it arrives, each instant told apart by the events at it, as Step stands on
 * them. At the instant it leaves it shows once the event that sends it is counted. At the instant it
 * arrives it shows until the event that records its arrival is counted, and on the step that stands
 * on that event (a reply at the app's door); always when no event records it. Kept on screen to
 * `minShownMs` after it was sent, it is a time span and nothing more, and only if it arrived after
 * `since` (the clock has run on continuously since then, see `Cursor.since`): across a jump, or
 * paused where one landed, a kept dot would show traffic the learner never saw (lesson 6's reads
 * into a Redis the jump had emptied).
 */
export function isOnTheWire(message: FlowMessage, index: number, time: number, minShownMs = 0, since = -Infinity): boolean {
  if (message.sentAt > time || (message.sentAt === time && message.sendSeq >= index)) return false;
  const until = message.arrivesAt > since ? shownUntil(message, minShownMs) : message.arrivesAt;
  if (time < until) return true;
  return time === until && until === message.arrivesAt && (message.arriveSeq === null || index <= message.arriveSeq + Number(message.arrivalStop));
}

/**
 * Messages on the wire at the cursor (see `isOnTheWire`; `index` defaults to every event at `now`
 * counted), each shown for at least `minShownMs` of virtual time.
 */
export function messagesInFlight(trace: readonly TraceEvent[], now: number, minShownMs = 0, index = Infinity): FlowMessage[] {
  const { messages, addedAt, maxDuration } = flowIndex(trace);
  const longest = Math.max(maxDuration, minShownMs);
  // A message is added between maxDuration before it is sent and its arrival, so only a window
  // of the list can hold messages on the wire now.
  const from = lowerBound(addedAt, now - maxDuration - longest);
  const out: FlowMessage[] = [];
  for (let i = from; i < messages.length && addedAt[i]! <= now + maxDuration; i++) {
    const message = messages[i]!;
    if (isOnTheWire(message, index, now, minShownMs)) out.push(message);
  }
  return out;
}

/**
 * Commands sent to Redis and queries sent to the database per second, over the `windowMs` of virtual
 * time up to `now`, or only the part of it after `since` (see `Cursor.since`): after a jump (a
 * fast-forward, a seek) the skipped stretch was never watched, so it is not averaged in. Null until
 * the clock has run `minSpanMs` since the jump, as a handful of sends makes no rate.
 */
export function sendRates(trace: readonly TraceEvent[], now: number, windowMs = 1_000, since = -Infinity, minSpanMs = 0): { redis: number; db: number } | null {
  const span = Math.min(windowMs, now - since);
  if (span <= 0 || span < Math.min(minSpanMs, windowMs)) return null;
  const { messages, addedAt, maxDuration } = flowIndex(trace);
  let redis = 0;
  let db = 0;
  for (let i = lowerBound(addedAt, now - span - maxDuration); i < messages.length && addedAt[i]! <= now + maxDuration; i++) {
    const message = messages[i]!;
    if (message.back || message.sentAt > now || message.sentAt <= now - span) continue;
    if (message.to === 'redis') redis++;
    else if (message.to === 'db') db++;
  }
  return { redis: Math.round((redis * 1_000) / span), db: Math.round((db * 1_000) / span) };
}

/** When a message leaves the picture: on arrival, or later when it must stay on screen a minimum time. */
export function shownUntil(message: FlowMessage, minShownMs: number): number {
  return Math.max(message.arrivesAt, message.sentAt + minShownMs);
}

/** How much virtual time one window of candidates covers; frames inside it only filter the candidates. */
const WINDOW_MS = 200;

/**
 * Messages on the wire, asked for once per animation frame. The set only changes when a message is
 * sent or arrives, so it keeps the candidates for a window of virtual time and each frame filters
 * those few; messages the simulation adds meanwhile are appended, and a new window is built only
 * when the cursor leaves it, the trace is forked, a listed message changes or the minimum shown
 * time changes.
 */
export class InFlightTracker {
  private trace: readonly TraceEvent[] | null = null;
  private revision = -1;
  private minShown = 0;
  private from = 0;
  private to = -1;
  private scanned = 0;
  private candidates: FlowMessage[] = [];

  at(trace: readonly TraceEvent[], now: number, minShownMs = 0, counted = Infinity, since = -Infinity): FlowMessage[] {
    const index = flowIndex(trace);
    const { messages, addedAt, maxDuration } = index;
    if (trace !== this.trace || index.revision !== this.revision || minShownMs !== this.minShown || now < this.from || now >= this.to) {
      this.trace = trace;
      this.revision = index.revision;
      this.minShown = minShownMs;
      this.from = now;
      this.to = now + WINDOW_MS;
      this.candidates = [];
      // Same bounds as messagesInFlight, widened to the window.
      let i = lowerBound(addedAt, this.from - maxDuration - Math.max(maxDuration, minShownMs));
      for (; i < messages.length && addedAt[i]! <= this.to + maxDuration; i++) this.keepIfInWindow(messages[i]!);
      this.scanned = messages.length;
    }
    for (; this.scanned < messages.length; this.scanned++) this.keepIfInWindow(messages[this.scanned]!);
    const out: FlowMessage[] = [];
    for (const message of this.candidates) if (isOnTheWire(message, counted, now, minShownMs, since)) out.push(message);
    return out;
  }

  private keepIfInWindow(message: FlowMessage) {
    if (message.sentAt < this.to && shownUntil(message, this.minShown) >= this.from) this.candidates.push(message);
  }
}
