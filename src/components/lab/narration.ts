/**
 * One sentence per event, and the sentence for the cursor: the lab's narration (the text
 * alternative to the animation). Loaded once there is something to narrate (`Narration.tsx`), so
 * a lab's first paint, before anything has happened, does without it.
 */
import { formatDuration, listOf, plural } from '../../scenarios/format.ts';
import { naturalCompare } from '../../scenarios/natural-order.ts';
import type { TraceEvent } from '../../scenarios/events.ts';
import { describeAction, describeOptionValue, optionLabel } from '../../scenarios/actions.ts';
import type { Reply } from '../../redis/reply.ts';
import { beatAt, momentAt, requestActor } from '../../store/flow.ts';
import { replyPreview, truncate } from './derive.ts';

const appName = (instance: number) => `app ${instance + 1}`;
const seconds = formatDuration;

function ttlOf(argv: readonly string[]): string | null {
  for (let i = 3; i < argv.length - 1; i++) {
    const flag = argv[i]!.toUpperCase();
    if (flag === 'PX') return seconds(Number(argv[i + 1]));
    if (flag === 'EX') return seconds(Number(argv[i + 1]) * 1000);
  }
  if ((argv[0] ?? '').toUpperCase() === 'SETEX') return seconds(Number(argv[2]) * 1000);
  return null;
}

/** Who a sentence names for a request's steps when it is not its app: the Writer node's writes, write-behind's worker. */
export type Narrator = 'writer' | 'worker' | null;

/**
 * One plain-language sentence for an event, or null for bookkeeping the learner need not read.
 * `by`: the event belongs to a write drawn from the Writer node (`writer`) or to write-behind's worker
 * (`worker`), so the sentence names it, not its app.
 */
export function describeEvent(event: TraceEvent, by: Narrator = null): string | null {
  const app = by === null ? appName : () => `the ${by}`;
  switch (event.type) {
    case 'note':
      return event.text;
    case 'action':
      return describeAction(event.action);
    case 'request.arrived':
      if (event.kind === 'refresh') return `${cap(app(event.instance))} starts a background refresh of ${event.key}.`;
      if (event.kind === 'drain') return `The write-behind worker wakes up to copy the changes queued in ${event.key} to the database.`;
      if (event.kind === 'write') return by === 'writer' ? `A write to ${event.key} comes from the writer.` : `A write to ${event.key} reaches ${app(event.instance)}.`;
      // Lesson 15: the instance looked in its own cache first; only a miss goes on to Redis.
      if (event.local === 'hit') return `A read of ${event.key} reaches ${app(event.instance)}, which has a copy in its local cache: Redis is not asked.`;
      if (event.local === 'miss') return `A read of ${event.key} reaches ${app(event.instance)}, which has no local copy, so it asks Redis.`;
      return `A read of ${event.key} reaches ${app(event.instance)}, which asks Redis first.`;
    case 'redis.command':
      return typeof event.actor === 'number' ? `${cap(app(event.actor))} sends ${event.argv.slice(0, 2).join(' ')} to Redis.` : null;
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
      if (event.op === 'write') return `The database saved version ${event.version} of ${event.table}/${event.id}${by === 'worker' ? ': it has caught up with that change' : ''}.`;
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
    case 'key.evicted':
      return `Redis is at its memory limit, so it evicts ${event.key} to make room: the next read of it will miss.`;
    case 'fault':
      if (event.target === 'redis') return event.state === 'down' ? 'Redis is down: every cache command now fails.' : 'Redis is back up.';
      if (event.state === 'slow') return `The database slows down to ${seconds(event.latencyMs ?? 0)} per query.`;
      return event.state === 'normal' ? 'The database is back to its normal speed.' : `The database is ${event.state}.`;
    case 'request.served':
      return describeServed(event, app);
    case 'option':
      return `${optionLabel(event.name)} is now ${describeOptionValue(event.name, event.value)}.`;
    case 'console':
      return event.error ? `That line could not be read: ${event.error}.` : null;
    // Lesson 15: local caches and the messages that keep them in sync.
    case 'local.stored':
      return `${cap(app(event.instance))} keeps ${event.key} v${event.version} locally for ${seconds(event.expiresAt - event.at)}.`;
    case 'local.dropped':
      return `${cap(app(event.instance))} drops its local ${event.key} (${event.reason === 'write' ? 'its own write' : event.reason === 'expired' ? 'local TTL over' : 'cache full'}).`;
    case 'sync.message':
      return `Redis sends ${app(event.instance)} ${event.frame.join(' ')}${event.lost ? ', and it is lost on the way' : ''}.`;
    case 'sync.delivered':
      return `The message reaches ${app(event.instance)}${event.dropped.length > 0 ? `, which drops its local ${event.dropped.join(', ')}` : ', which had no copy to drop'}.`;
    default:
      // Bookkeeping (code lines, executions, seeding, tasks) has no sentence.
      return null;
  }
}


function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}


/** The reply's sentence. */
function describeReply(argv: readonly string[], reply: Reply, outcome: 'hit' | 'miss' | null, actor: number | 'console'): string {
  const name = (argv[0] ?? '').toUpperCase();
  // A delete of several keys names them all (five, the rest counted): "UNLINK a → 2" read as one key deleted twice.
  const keys = name === 'DEL' || name === 'UNLINK' ? argv.slice(1) : argv.slice(1, 2);
  const command = [argv[0] ?? '', ...keys.slice(0, 5)].join(' ') + (keys.length > 5 ? ` and ${keys.length - 5} more` : '');
  const result = `${command} → ${replyPreview(reply)}`;
  const [next, found] = name === 'SCAN' && reply.type === 'array' && reply.value ? reply.value : [];
  if (next?.type === 'bulk' && found?.type === 'array' && found.value) {
    // A SCAN reply as the bucket panel shows it: the cursor to send next and the keys this step returned (five named, the rest counted).
    const keys = found.value.map((k) => (k.type === 'bulk' ? k.value : null));
    return `${command} → next cursor ${next.value}, ${plural(keys.length, 'key')}${keys.length ? `: ${keys.slice(0, 5).join(', ')}` : ''}${keys.length > 5 ? ` and ${keys.length - 5} more` : ''}.`;
  }
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
  // Write-behind's list commands: what the queue now holds.
  if (name === 'RPUSH') return `${result}: the change waits in the queue (${plural(reply.type === 'integer' ? Number(reply.value) : 0, 'change')}), and the database does not have it yet.`;
  if (name === 'LMOVE') {
    return reply.type === 'bulk' && reply.value === null
      ? `${result}: the queue is empty, so the worker stops.`
      : `${result}: the worker takes the oldest change and parks it in the in-progress list while the database saves it.`;
  }
  if (name === 'LREM') return `${result}: the database has the change, so the worker removes it from the in-progress list.`;
  return `${result}.`;
}

function describeServed(event: Extract<TraceEvent, { type: 'request.served' }>, app: (instance: number) => string): string {
  const who = cap(app(event.instance));
  const time = seconds(event.latencyMs);
  if (event.kind === 'write') {
    return event.from === 'cache'
      ? `${who} finished the write to ${event.key} in ${time}: Redis has version ${event.version}, the database still has the old row until the worker copies it.`
      : `${who} finished the write to ${event.key} in ${time}.`;
  }
  if (event.kind === 'drain') return event.from === 'none' ? `The worker stopped: a change stays in the in-progress list to retry.` : `The queue is empty: the database has every queued change (the worker took ${time}).`;
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
    case 'local':
      return `${who} answers ${event.key} from its local cache${stale}.`;
  }
}

/** The kind of request the event at `seq` belongs to (its arrival, looked up by request id, says so), or null. */
function requestKindAt(trace: readonly TraceEvent[], seq: number): RequestKind | null {
  const event = trace[seq]!;
  const id = 'requestId' in event ? event.requestId : undefined;
  if (typeof id !== 'number') return null;
  // A request's events are close together; the search is bounded so a narration never walks a whole long trace.
  for (let i = seq, end = Math.max(0, seq - 5_000); i >= end; i--) {
    const candidate = trace[i]!;
    if (candidate.type === 'request.arrived' && candidate.requestId === id) return candidate.kind;
  }
  return null;
}

type RequestKind = Extract<TraceEvent, { type: 'request.arrived' }>['kind'];

/** At most this many sentences are joined for one instant; the rest are counted (a burst starts fifty reads at once). */
const MOMENT_SENTENCES = 3;

/** Sentences that begin with one of these words go on in lower case after a semicolon ("…; app 1 sends SET …"). */
const OPENERS = new Set(['The', 'A', 'An', 'App', 'You', 'Every', 'Time']);

/**
 * Sentences of one instant as one: "The database returns users/1, version 1, after 20 ms; app 1
 * sends SET user:1 to Redis." Past MOMENT_SENTENCES, the first ones and a count of the `more`.
 */
export function joinSentences(sentences: readonly string[], more = 0): string {
  const shown = sentences.length + more > MOMENT_SENTENCES ? sentences.slice(0, MOMENT_SENTENCES - 1) : [...sentences];
  const rest = sentences.length + more - shown.length;
  const parts = shown.map((sentence, i) => {
    const text = i < shown.length - 1 || rest > 0 ? sentence.replace(/[.…]$/, '') : sentence;
    return i > 0 && OPENERS.has(text.split(' ', 1)[0]!) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
  });
  return parts.join('; ') + (rest > 0 ? `; and ${plural(rest, 'more step')} at the same moment.` : '');
}

/**
 * The sentence for the cursor: the moment in progress (see `momentAt`), its events' sentences
 * joined; `seq` is its latest event's. With `writer` (the flow draws writes from a Writer node),
 * a write's sentences name the writer; `played`: see `momentAt` (`playedTo`); without `joined`,
 * the latest event's sentence alone (a busy lab playing).
 */
export function narrationAt(
  trace: readonly TraceEvent[], index: number, time: number, length = trace.length, writer = false, played = false, joined = true,
): { text: string; seq: number } | null {
  // Alone, the latest event: beatAt's, without gathering the instant's others (a busy lab's hot path).
  const latest = joined ? null : beatAt(trace, length, index, time);
  const moment = joined ? momentAt(trace, length, index, time, played) : latest ? [latest] : [];
  if (moment.length === 0) return null;
  const seq = moment.at(-1)!.index - 1;
  const jump = jumpBefore(trace, seq);
  // A jump's sentence names every key it expired, so the expiries are told once, by it.
  const told = jump === null ? moment : moment.filter((beat) => trace[beat.index - 1]!.type !== 'key.expired');
  const room = MOMENT_SENTENCES - (jump === null ? 0 : 1);
  // Only the sentences shown are written (a busy instant holds dozens of beats; each sentence looks up its request).
  const described = told.length > room ? told.slice(0, room - 1) : told;
  const sentences = described.map((beat) => describeEvent(trace[beat.index - 1]!, requestActor(requestKindAt(trace, beat.index - 1), writer)) ?? '');
  const more = told.length - described.length;
  if (jump === null) return { text: joinSentences(sentences, more), seq };
  // Every key the jump expired so far, not only the last: keys cached together expire together.
  const expired = jump.keys.length === 1 ? (describeEvent(trace[seq]!) ?? '') : `The TTLs of ${listOf([...jump.keys].sort(naturalCompare))} ran out: Redis removes them, and the next read of each will miss.`;
  return { text: joinSentences([`Time jumped ${seconds(jump.ms)} ahead. ${expired}`, ...sentences], more), seq };
}

/**
 * How far "Fast-forward to expiry" jumped and the keys it expired up to `seq`, when the event at
 * `seq` is an expiry it jumped to; else null. Found from the trace: the last action before it is
 * the fast-forward, and the first expiry after that action happened at the same moment as this one.
 */
function jumpBefore(trace: readonly TraceEvent[], seq: number): { ms: number; keys: string[] } | null {
  const event = trace[seq];
  if (event?.type !== 'key.expired') return null;
  let first = event;
  const keys = [event.key];
  for (let i = seq - 1; i >= 0 && i >= seq - 50_000; i--) {
    const before = trace[i]!;
    if (before.type === 'key.expired') {
      first = before;
      if (before.at === event.at) keys.unshift(before.key);
    } else if (before.type === 'action') {
      return before.action.type === 'fastForwardToExpiry' && first.at === event.at ? { ms: Math.max(0, event.at - before.at), keys } : null;
    }
  }
  return null;
}
