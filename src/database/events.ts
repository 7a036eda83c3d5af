/** The simulated database's trace events: a query queued, started and finished. */
import type { Stamped, Unstamped } from '../engine/trace.ts';

export interface DbQueryBase extends Stamped {
  readonly queryId: number;
  readonly requestId: number | null;
  readonly instance: number;
  readonly op: 'read' | 'write';
  readonly table: string;
  readonly id: string;
  /** The cache key the query loads for. */
  readonly key?: string;
}

/** A query waits for a free connection (FIFO); `queueLength` includes it. */
export interface DbQueued extends DbQueryBase {
  readonly type: 'db.queued';
  readonly queueLength: number;
}

/** A query got a connection after `waitMs` in the queue; it will finish at `finishesAt`. */
export interface DbStarted extends DbQueryBase {
  readonly type: 'db.started';
  readonly waitMs: number;
  readonly finishesAt: number;
  /** Queries running now, this one included. */
  readonly active: number;
}

/** A query finished: the version read (null = no such row) or the version written. */
export interface DbFinished extends DbQueryBase {
  readonly type: 'db.finished';
  readonly version: number | null;
  readonly waitMs: number;
  readonly latencyMs: number;
  readonly ok: boolean;
  readonly active: number;
}

export type DbEvent = DbQueued | DbStarted | DbFinished;
export type DbEventInput = Unstamped<DbEvent>;
