import type { Actor, TraceEvent } from '../../scenarios/events.ts';
import type { Reply } from '../../redis/reply.ts';
import { countBefore } from '../../engine/search.ts';

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
  /** Filled in by the matching `db.finished` event. */
  readonly finish: { readonly seq: number; readonly latencyMs: number; readonly version: number | null; readonly ok: boolean } | null;
}

/** The command log's rows, in trace order: what MONITOR would print plus client-side failures. */
export function commandLogEntries(trace: readonly TraceEvent[], length = trace.length): CommandLogEntry[] {
  const rows: CommandLogEntry[] = [];
  for (let i = 0; i < length; i++) {
    const event = trace[i]!;
    if (event.type === 'redis.executed') {
      rows.push({ seq: event.seq, at: event.at, actor: event.actor, db: 0, argv: event.argv, reply: event.reply, outcome: event.outcome });
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
      });
    }
  }
  return rows;
}

/** The query log's rows: one per query, from its start, completed by its finish. */
export function queryLogEntries(trace: readonly TraceEvent[], length = trace.length): QueryLogEntry[] {
  const rows: QueryLogEntry[] = [];
  const open = new Map<number, number>();
  for (let i = 0; i < length; i++) {
    const event = trace[i]!;
    if (event.type === 'db.started') {
      open.set(event.queryId, rows.length);
      rows.push({ seq: event.seq, at: event.at, instance: event.instance, op: event.op, table: event.table, id: event.id, waitMs: event.waitMs, finish: null });
    } else if (event.type === 'db.finished') {
      const index = open.get(event.queryId);
      const finish = { seq: event.seq, latencyMs: event.latencyMs, version: event.version, ok: event.ok };
      if (index === undefined) {
        // A query that failed before it got a connection has no start: show it where it ended.
        rows.push({ seq: event.seq, at: event.at, instance: event.instance, op: event.op, table: event.table, id: event.id, waitMs: event.waitMs, finish });
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

/** The client name a row shows: `app-1` for instance 0, `console` for the learner. */
export function actorName(actor: Actor): string {
  return actor === 'console' ? 'console' : `app-${actor + 1}`;
}
