import type { Actor, TraceEvent } from '../../scenarios/events.ts';
import type { Reply } from '../../redis/reply.ts';
import { countBefore } from '../../engine/search.ts';
import { requestActor } from '../../store/flow.ts';

/** Who a row names when it is not its app: the Writer's writes, write-behind's Worker (as the flow draws them). */
export type RowActor = 'writer' | 'worker';

/** One row of the command log: a command Redis executed, or one a client gave up waiting for. */
export interface CommandLogEntry {
  /** The trace index of the event the row stands for. */
  readonly seq: number;
  readonly at: number;
  readonly actor: Actor;
  readonly db: number;
  readonly argv: readonly string[];
  /** The reply, or null when the command failed on the client side. */
  readonly reply: Reply | null;
  readonly outcome: 'hit' | 'miss' | null;
  /** Client-side failure (`timeout: ...`), when `reply` is null. */
  readonly failure?: string;
  /** Set when the command belongs to the Writer or the Worker rather than to its app (`requestActor`). */
  readonly by?: RowActor;
}

/** One row of the database query log, placed where the query got its connection. */
export interface QueryLogEntry {
  readonly seq: number;
  readonly at: number;
  readonly instance: number;
  readonly op: 'read' | 'write';
  readonly table: string;
  readonly id: string;
  readonly waitMs: number;
  /** Set when the query belongs to the Writer or the Worker rather than to its app (`requestActor`). */
  readonly by?: RowActor;
  /** Filled in by the matching `db.finished` event. */
  readonly finish: { readonly seq: number; readonly latencyMs: number; readonly version: number | null; readonly ok: boolean } | null;
}

/**
 * Per request id, who it belongs to when not its app (requests arrive before their commands and
 * queries, so one pass in trace order sees each kind first). `writer`: the lab draws writes from a
 * Writer node (`drawsWriter`).
 */
class RequestActors {
  private readonly kinds = new Map<number, Extract<TraceEvent, { type: 'request.arrived' }>['kind']>();
  constructor(private readonly writer: boolean) {}
  see(event: TraceEvent): void {
    if (event.type === 'request.arrived') this.kinds.set(event.requestId, event.kind);
  }
  /** `{ by }` for a row of this request when it is the Writer's or the Worker's, else nothing. */
  of(requestId: number | null): { by?: RowActor } {
    const actor = requestId === null ? null : requestActor(this.kinds.get(requestId) ?? null, this.writer);
    return actor === null ? {} : { by: actor };
  }
}

/** The command log's rows, in trace order: what MONITOR would print plus client-side failures. */
export function commandLogEntries(trace: readonly TraceEvent[], length = trace.length, writer = false): CommandLogEntry[] {
  const rows: CommandLogEntry[] = [];
  const actors = new RequestActors(writer);
  for (let i = 0; i < length; i++) {
    const event = trace[i]!;
    actors.see(event);
    if (event.type === 'redis.executed') {
      rows.push({ seq: event.seq, at: event.at, actor: event.actor, db: 0, argv: event.argv, reply: event.reply, outcome: event.outcome, ...actors.of(event.requestId) });
    } else if (event.type === 'redis.error') {
      rows.push({
        seq: event.seq,
        at: event.at,
        actor: event.actor,
        db: 0,
        argv: event.argv,
        reply: null,
        outcome: null,
        failure: `${event.error}: ${event.message}`,
        ...actors.of(event.requestId),
      });
    }
  }
  return rows;
}

/** The query log's rows: one per query, from its start, completed by its finish. */
export function queryLogEntries(trace: readonly TraceEvent[], length = trace.length, writer = false): QueryLogEntry[] {
  const rows: QueryLogEntry[] = [];
  const open = new Map<number, number>();
  const actors = new RequestActors(writer);
  for (let i = 0; i < length; i++) {
    const event = trace[i]!;
    actors.see(event);
    if (event.type === 'db.started') {
      open.set(event.queryId, rows.length);
      rows.push({ seq: event.seq, at: event.at, instance: event.instance, op: event.op, table: event.table, id: event.id, waitMs: event.waitMs, ...actors.of(event.requestId), finish: null });
    } else if (event.type === 'db.finished') {
      const index = open.get(event.queryId);
      const finish = { seq: event.seq, latencyMs: event.latencyMs, version: event.version, ok: event.ok };
      if (index === undefined) {
        // A query that failed before it got a connection has no start: show it where it ended.
        rows.push({ seq: event.seq, at: event.at, instance: event.instance, op: event.op, table: event.table, id: event.id, waitMs: event.waitMs, ...actors.of(event.requestId), finish });
      } else {
        rows[index] = { ...rows[index]!, finish };
        open.delete(event.queryId);
      }
    }
  }
  return rows;
}

/**
 * How many rows have happened when events [0, cursorIndex) have: rows are in `seq` order, so a
 * binary search keeps scrubbing cheap on 100,000 rows.
 */
export function rowsBefore(rows: readonly { readonly seq: number }[], cursorIndex: number): number {
  return countBefore(rows, (row) => row.seq < cursorIndex);
}

/** Virtual ms as MONITOR-like seconds: `1712.004`. */
export function virtualSeconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** The client name a row shows: `app-1` for instance 0, `console` for the learner, `writer` or `worker` when the row is theirs (`by`). */
export function actorName(actor: Actor, by?: RowActor): string {
  if (by !== undefined) return by;
  return actor === 'console' ? 'console' : `app-${actor + 1}`;
}
