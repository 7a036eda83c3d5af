/**
 * Which cached copies are stale at the cursor: a copy is stale when the database's row has a newer
 * version than the one inside the cached value. One definition for every panel that marks staleness
 * (the request flow, the keyspace, the database panel). Pure functions of (trace, index, keyspace).
 *
 * @example
 * const stale = staleCopies(trace, cursor.index, snapshot.keyspace);
 * stale.get('user:1'); // { key: 'user:1', cachedVersion: 1, rowVersion: 2 }
 */
import type { KeyEntry, TraceEvent } from '../engine/trace.ts';
import { versionOf } from '../database/database.ts';

/** A row the lab's database has answered or committed, as of some moment. */
export interface RowVersion {
  readonly key: string;
  readonly table: string;
  readonly id: string;
  /** The newest committed version known (a read sees the committed version; a write commits its own). */
  readonly version: number | null;
  /** seq of the event that last set it. */
  readonly seq: number;
}

export interface StaleCopy {
  readonly key: string;
  readonly cachedVersion: number;
  readonly rowVersion: number;
}

class RowIndex {
  processed = 0;
  /** Every finished query that names its cache key, in trace order. */
  readonly finished: { seq: number; key: string; table: string; id: string; op: 'read' | 'write'; version: number | null }[] = [];
  /** The committed writes among them: only a written row can be newer than a cached copy. */
  readonly writes: { seq: number; key: string; version: number }[] = [];

  sync(trace: readonly TraceEvent[], length: number) {
    for (let i = this.processed; i < length; i++) {
      const event = trace[i]!;
      if (event.type === 'db.finished' && event.ok && event.key !== undefined) {
        this.finished.push({ seq: event.seq, key: event.key, table: event.table, id: event.id, op: event.op, version: event.version });
        if (event.op === 'write' && event.version !== null) this.writes.push({ seq: event.seq, key: event.key, version: event.version });
      }
    }
    this.processed = Math.max(this.processed, length);
  }
}

const indexes = new WeakMap<readonly TraceEvent[], RowIndex>();

function rowIndex(trace: readonly TraceEvent[], length: number): RowIndex {
  let rows = indexes.get(trace);
  if (!rows) indexes.set(trace, (rows = new RowIndex()));
  rows.sync(trace, Math.min(length, trace.length));
  return rows;
}
const memo = new WeakMap<readonly TraceEvent[], { index: number; rows: ReadonlyMap<string, RowVersion> }>();

/** The database rows the lab has touched before event `index`, by cache key, with their versions. */
export function rowVersionsAt(trace: readonly TraceEvent[], index: number): ReadonlyMap<string, RowVersion> {
  const cached = memo.get(trace);
  if (cached && cached.index === index) return cached.rows;
  const out = new Map<string, RowVersion>();
  for (const query of rowIndex(trace, index).finished) {
    if (query.seq >= index) break;
    const before = out.get(query.key);
    // A read never lowers what a write committed (a slow read may finish after a newer write).
    const version = query.op === 'write' || before?.version == null ? query.version : Math.max(before.version, query.version ?? 0);
    out.set(query.key, { key: query.key, table: query.table, id: query.id, version, seq: query.seq });
  }
  memo.set(trace, { index, rows: out });
  return out;
}

/** The cached copies older than their row after the first `index` events, by key. */
export function staleCopies(trace: readonly TraceEvent[], index: number, keyspace: ReadonlyMap<string, KeyEntry>): Map<string, StaleCopy> {
  // Rows start at version 1 and only writes raise them, so only written keys can be stale.
  const committed = new Map<string, number>();
  for (const write of rowIndex(trace, index).writes) {
    if (write.seq >= index) break;
    committed.set(write.key, Math.max(committed.get(write.key) ?? 0, write.version));
  }
  const stale = new Map<string, StaleCopy>();
  for (const [key, rowVersion] of committed) {
    const entry = keyspace.get(key);
    const cachedVersion = entry ? versionOf(entry.value) : null;
    if (cachedVersion !== null && cachedVersion < rowVersion) stale.set(key, { key, cachedVersion, rowVersion });
  }
  return stale;
}
