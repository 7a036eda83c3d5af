/**
 * The database beside the cache, derived from the trace: each row the lab has touched (or warmed a
 * cached copy from at the start), its version at the cursor, and whether a cached copy is older
 * than the row (stale).
 */
import type { KeyEntry, TraceEvent } from '../../scenarios/events.ts';
import { countBefore } from '../../engine/search.ts';
import { versionOf } from '../../database/database.ts';
import { naturalCompare } from '../../scenarios/natural-order.ts';

interface RowHistory {
  readonly key: string;
  readonly table: string;
  readonly id: string;
  /** seq of each finished query on the row, in trace order. */
  readonly seqs: number[];
  /** The highest version seen up to and including each query (a slow read may finish with an older one). */
  readonly versions: number[];
  /** Writes up to and including each query, so a cursor's count is one lookup. */
  readonly writes: number[];
}

class DbIndex {
  processed = 0;
  readonly rows = new Map<string, RowHistory>();
  /** Rows with a committed write: rows start at version 1, so only these can be newer than a cached copy. */
  readonly written = new Set<RowHistory>();
  sorted: RowHistory[] | null = null;
  /** The last answer: the keyspace and database panels ask for the same cursor on one refresh. */
  last: { index: number; rows: Map<string, DbRowView> } | null = null;

  sync(trace: readonly TraceEvent[], length: number): void {
    for (; this.processed < length; this.processed++) {
      const event = trace[this.processed]!;
      // A warm copy cached before the lab began shows its row from the start, as a row, not a read.
      if (event.type === 'keyspace.seeded') for (const row of event.rows ?? []) this.add(row.key, row.table, row.id, event.seq, row.version, false);
      else if (event.type === 'db.finished' && event.ok && event.version !== null) this.add(event.key ?? `${event.table}:${event.id}`, event.table, event.id, event.seq, event.version, event.op === 'write');
    }
  }

  private add(key: string, table: string, id: string, seq: number, version: number, write: boolean): void {
    let row = this.rows.get(key);
    if (!row) {
      this.rows.set(key, (row = { key, table, id, seqs: [], versions: [], writes: [] }));
      this.sorted = null;
    }
    row.seqs.push(seq);
    row.versions.push(Math.max(row.versions.at(-1) ?? 0, version));
    row.writes.push((row.writes.at(-1) ?? 0) + (write ? 1 : 0));
    this.last = null;
    if (write) this.written.add(row);
  }
}

const indexes = new WeakMap<readonly TraceEvent[], DbIndex>();

function dbIndex(trace: readonly TraceEvent[], length: number): DbIndex {
  let index = indexes.get(trace);
  if (!index) indexes.set(trace, (index = new DbIndex()));
  index.sync(trace, length);
  return index;
}

export interface DbRowView {
  /** The cache key the row is loaded for (user:1 for users/1). */
  readonly key: string;
  readonly table: string;
  readonly id: string;
  /** The row's version at the cursor. */
  readonly version: number;
  readonly writes: number;
}

/**
 * The rows queried (or warmed from) before `index` (events [0, index)), in natural key order.
 *
 * @example databaseRows(trace, cursor).get('user:1')?.version // 2 after one write
 */
export function databaseRows(trace: readonly TraceEvent[], index: number): Map<string, DbRowView> {
  const db = dbIndex(trace, Math.min(index, trace.length));
  if (db.last?.index === index) return db.last.rows;
  db.sorted ??= [...db.rows.values()].sort((a, b) => naturalCompare(a.key, b.key));
  const out = new Map<string, DbRowView>();
  for (const row of db.sorted) {
    const count = countBefore(row.seqs, (seq) => seq < index);
    if (count === 0) continue;
    out.set(row.key, { key: row.key, table: row.table, id: row.id, version: row.versions[count - 1]!, writes: row.writes[count - 1]! });
  }
  db.last = { index, rows: out };
  return out;
}

export type Freshness = 'fresh' | 'stale' | 'ahead' | 'unknown';

/**
 * A cached copy against its row: stale when it holds an older version than the database has now;
 * ahead when newer (write-behind: the change waits in the queue for the worker).
 */
export function freshness(entry: KeyEntry | undefined, row: DbRowView | undefined): Freshness {
  if (!entry || !row || entry.type !== 'string') return 'unknown';
  const cached = versionOf(entry.value);
  if (cached === null) return 'unknown';
  return cached < row.version ? 'stale' : cached > row.version ? 'ahead' : 'fresh';
}

/** The version a cached value holds, or null when it holds no row (a sentinel, a lock). */
export function cachedVersion(entry: KeyEntry | undefined): number | null {
  return entry && entry.type === 'string' ? versionOf(entry.value) : null;
}

/**
 * The keys whose cached copy is stale after the first `index` events (for the request flow's
 * marker): the same rule as `freshness`, looking only at rows that have been written.
 */
export function staleKeys(trace: readonly TraceEvent[], index: number, keyspace: ReadonlyMap<string, KeyEntry>): string[] {
  const stale: string[] = [];
  for (const row of dbIndex(trace, Math.min(index, trace.length)).written) {
    const count = countBefore(row.seqs, (seq) => seq < index);
    const cached = count > 0 ? cachedVersion(keyspace.get(row.key)) : null;
    if (cached !== null && cached < row.versions[count - 1]!) stale.push(row.key);
  }
  return stale;
}
