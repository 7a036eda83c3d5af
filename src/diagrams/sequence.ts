import type { TraceEvent } from '../scenarios/events.ts';
import type { Reply } from '../redis/reply.ts';
import { formatDuration, formatMoment } from '../scenarios/format.ts';
import { requestActor, requestActorName } from '../store/flow.ts';
import { commandLine, queryResult, queryText, replySummary } from './labels';

export { commandLine, replySummary } from './labels';

const APP = 'App';
const REDIS = 'Redis';
const DB = 'DB';

/**
 * Builds a mermaid `sequenceDiagram` from the trace events of one request: App, Redis and
 * Database lifelines, one arrow per command, reply and query, and notes for hits, misses,
 * lock waits and connection-queue waits. Events of other requests are ignored.
 *
 * Given `requests` (several request ids), each of them gets its own App lifeline ("read #7
 * (app-1)", "write #8 (app-1)") beside the shared Redis and Database, so a race between a reader
 * and a writer reads as two actors, in the order their events happened. With `writer` (the lab
 * draws a Writer apart from the apps), writes are the writer's and drains the worker's, named as
 * the flow and the logs name them (`requestActorName`).
 *
 * @example
 * toSequenceDiagram(trace.filter((e) => 'requestId' in e && e.requestId === 7));
 * // sequenceDiagram\n  participant App as App (app-1)\n  ...\n  App->>Redis: GET user:42 ...
 * toSequenceDiagram(trace, [7, 8]); // participant R7 as read #7 (app-1), participant R8 as write #8 (app-1)
 */
export function toSequenceDiagram(events: readonly TraceEvent[], requests?: readonly number[], writer = false): string {
  const multi = requests !== undefined && requests.length > 1;
  const wanted = multi ? new Set(requests) : null;
  const requestId = multi ? null : (requests?.[0] ?? firstRequestId(events));
  const mine = multi ? events.filter((event) => 'requestId' in event && wanted!.has(event.requestId as number)) : events.filter((event) => belongsTo(event, requestId));
  const lines = ['sequenceDiagram'];
  if (multi) {
    for (const event of mine) {
      if (event.type === 'request.arrived') lines.push(`  participant R${event.requestId} as ${text(`${event.kind} #${event.requestId} (${requestActorName(event.kind, event.instance, writer)})`)}`);
    }
  } else {
    const arrived = mine.find((event) => event.type === 'request.arrived');
    const actor = arrived ? requestActor(arrived.kind, writer) : null;
    const instance = mine.find((event) => 'instance' in event && typeof event.instance === 'number') as { instance: number } | undefined;
    lines.push(`  participant ${APP} as ${actor ? actor[0]!.toUpperCase() + actor.slice(1) : `App${instance ? ` (app-${instance.instance + 1})` : ''}`}`);
  }
  lines.push(`  participant ${REDIS} as Redis`, `  participant ${DB} as Database`);
  const appOf = (event: TraceEvent): string => (multi && 'requestId' in event ? `R${event.requestId}` : APP);
  const replied = new Set<number>();
  const sent = new Set<number>();
  for (const event of mine) if (event.type === 'redis.reply') replied.add(event.commandId);
  for (const event of mine) if (event.type === 'redis.command') sent.add(event.commandId);
  const queued = new Set<number>();
  const polling = new Map<string, Polling | null>();

  for (const event of mine) {
    const app = appOf(event);
    switch (event.type) {
      case 'request.arrived':
        lines.push(`  Note over ${app}: ${text(`${event.kind} ${event.key}`)}`);
        break;
      case 'redis.command':
        lines.push(`  ${app}->>${REDIS}: ${text(commandLine(event.argv))}`);
        break;
      case 'redis.executed':
        // Only when the trace skipped the send/receive halves do we draw the round trip from here.
        if (!sent.has(event.commandId)) lines.push(`  ${app}->>${REDIS}: ${text(commandLine(event.argv))}`);
        if (!replied.has(event.commandId)) pushReply(lines, app, event.reply, event.outcome);
        break;
      case 'redis.reply':
        pushReply(lines, app, event.reply, event.outcome);
        break;
      case 'redis.error':
        lines.push(`  ${REDIS}--x${app}: ${text(`${event.error}: ${event.message}`)}`);
        lines.push(
          `  Note over ${app}: ${text(event.retryAt === null ? 'gives up on Redis' : `retries at ${formatMoment(event.retryAt)}`)}`,
        );
        break;
      case 'db.queued':
        queued.add(event.queryId);
        lines.push(`  ${app}->>${DB}: ${text(queryText(event.op, event.table, event.id))}`);
        if (event.queueLength > 1) lines.push(`  Note over ${DB}: ${text(`queued, ${event.queueLength} waiting`)}`);
        break;
      case 'db.started':
        if (!queued.has(event.queryId)) lines.push(`  ${app}->>${DB}: ${text(queryText(event.op, event.table, event.id))}`);
        if (event.waitMs > 0) lines.push(`  Note over ${DB}: ${text(`waited ${formatDuration(event.waitMs)} for a connection`)}`);
        break;
      case 'db.finished':
        lines.push(`  ${DB}-->>${app}: ${text(queryResult(event.op, event.ok, event.version, event.latencyMs))}`);
        break;
      case 'lock.acquired':
        lines.push(`  Note over ${app},${REDIS}: ${text(`lock ${event.key} acquired`)}`);
        break;
      case 'lock.waiting':
        polling.set(app, pushLockWait(lines, app, polling.get(app) ?? null, event.key, event.retryAt));
        break;
      case 'lock.released':
        lines.push(`  Note over ${app},${REDIS}: ${text(event.released === false ? `lock ${event.key} had expired` : `lock ${event.key} released`)}`);
        break;
      case 'request.served':
        lines.push(`  Note over ${app}: ${text(servedText(event))}`);
        break;
      default:
        break;
    }
  }
  return lines.join('\n');
}

/** A lock-wait loop being drawn: where the last wait note is and what one poll looks like. */
interface Polling {
  readonly key: string;
  /** Index of the wait note that ends the poll shown in full. */
  noteIndex: number;
  /** Lines after that note: the start of the next poll. */
  after: number;
  /** The lines of one poll, once one has been seen between two waits. */
  body: string | null;
  polls: number;
}

/**
 * Adds the note for a lock wait. A waiter polls many times, each poll the same GET / SET NX
 * round trip; the first poll is drawn in full and the identical ones after it are folded into
 * its note, so a long wait stays a short diagram.
 */
function pushLockWait(lines: string[], app: string, polling: Polling | null, key: string, retryAt: number | undefined): Polling {
  const retry = retryAt === undefined ? '' : `, retry at ${formatMoment(retryAt)}`;
  const note = (message: string) => `  Note over ${app},${REDIS}: ${text(message)}`;
  if (polling && polling.key === key) {
    const body = lines.slice(polling.after).join('\n');
    if (polling.body === null) {
      polling.body = body;
    } else if (body === polling.body) {
      lines.length = polling.after;
      polling.polls += 1;
      lines[polling.noteIndex] = note(`lock ${key} still held: the same poll ran ${polling.polls} times${retry}`);
      return polling;
    } else {
      polling.body = null;
    }
    lines.push(note(`lock ${key} held by another request${retry}`));
    return { key, noteIndex: lines.length - 1, after: lines.length, body: polling.body, polls: 1 };
  }
  lines.push(note(`lock ${key} held by another request${retry}`));
  return { key, noteIndex: lines.length - 1, after: lines.length, body: null, polls: 1 };
}

function firstRequestId(events: readonly TraceEvent[]): number | null {
  for (const event of events) {
    if ('requestId' in event && typeof event.requestId === 'number') return event.requestId;
  }
  return null;
}

function belongsTo(event: TraceEvent, requestId: number | null): boolean {
  if (!('requestId' in event)) return false;
  return requestId === null || event.requestId === requestId;
}

function pushReply(lines: string[], app: string, reply: Reply, outcome: 'hit' | 'miss' | null): void {
  lines.push(`  ${REDIS}-->>${app}: ${text(replySummary(reply))}`);
  if (outcome === 'hit') lines.push(`  Note over ${app},${REDIS}: cache hit`);
  if (outcome === 'miss') lines.push(`  Note over ${app},${REDIS}: cache miss`);
}

function servedText(event: Extract<TraceEvent, { type: 'request.served' }>): string {
  if (event.kind === 'write') return `write done in ${formatDuration(event.latencyMs)}`;
  const from: Record<typeof event.from, string> = {
    cache: 'served from the cache',
    database: 'served from the database',
    coalesced: "served from another request's read",
    fallback: 'served from the database (Redis failed)',
    none: 'gave up',
    local: 'served from its local cache',
  };
  const version = event.version === null ? ' (not found)' : ` v${event.version}`;
  return `${from[event.from]}${event.from === 'none' ? '' : version}${event.stale ? ', stale' : ''} in ${formatDuration(event.latencyMs)}`;
}


/**
 * Makes label text safe for mermaid: `;` ends a statement and `#` starts an entity code, so both
 * become entity codes; `<`/`>` too, so no label reads as HTML; and `%`, since `%%` starts a comment
 * and `%%{…}%%` a directive anywhere in the text (a key like `%%{init…}%%` would drop labels).
 */
export function text(label: string): string {
  return label
    .replace(/[\r\n]+/g, ' ')
    .replace(/[#;<>%]/g, (char) => `#${char.charCodeAt(0)};`)
    .trim();
}
