/**
 * The simulated database: tables of versioned rows, a latency model, a connection limit with a
 * FIFO queue (stampedes show queueing delay), faults and a query log in the trace.
 *
 * Reads see the row as it was when the query started; writes commit when they finish.
 *
 * @example
 * const db = new SimDatabase({ scheduler, trace, random, connections: 10, latency: fixedLatency(50) });
 * db.insert('users', '1', { name: 'Ada' });
 * db.read({ table: 'users', id: '1', requestId: 1, instance: 0 }, (row) => row?.version); // 1
 */
import type { Scheduler } from '../engine/scheduler.ts';
import type { TraceSink } from '../engine/trace.ts';
import type { DbEvent } from './events.ts';
import type { Random } from '../engine/random.ts';
import { sampleLatency, type LatencyModel } from './latency.ts';

export interface Row {
  readonly version: number;
  /** The row serialized as the app caches it (JSON with `version`). */
  readonly value: string;
}

export interface QueryRequest {
  readonly table: string;
  readonly id: string;
  readonly requestId: number | null;
  readonly instance: number;
  /** The cache key the query loads, for per-key metrics. */
  readonly key?: string;
  /** Overrides the latency model for this one query (scripted slow reads). */
  readonly latencyMs?: number;
  /** A write that stores this version (a write-behind worker applying a queued change) instead of the next one. */
  readonly version?: number;
}

export type DatabaseFault = 'none' | 'slow' | 'down';

export interface DatabaseOptions {
  readonly scheduler: Scheduler;
  readonly trace: TraceSink<DbEvent>;
  readonly random: Random;
  /** Maximum concurrent queries; Infinity = no limit. */
  readonly connections: number;
  readonly latency: LatencyModel;
  /** Called when a query gets a connection, with the number of queries now running. */
  readonly onStart?: (op: 'read' | 'write', active: number, request: QueryRequest) => void;
}

interface Pending {
  readonly queryId: number;
  readonly op: 'read' | 'write';
  readonly request: QueryRequest;
  readonly queuedAt: number;
  readonly done: (row: Row | null, ok: boolean) => void;
}

export class SimDatabase {
  private readonly tables = new Map<string, Map<string, Row>>();
  private readonly lazyTables = new Map<string, { exists: (id: string) => boolean; fields: (id: string) => Record<string, unknown> }>();
  private readonly queue: Pending[] = [];
  private queueHead = 0;
  private nextQueryId = 1;
  private activeCount = 0;
  private fault: DatabaseFault = 'none';
  private slowLatencyMs = 0;
  latency: LatencyModel;
  connections: number;

  /** True once a write has bumped some row past version 1 (until then nothing served can be stale). */
  hasWrites = false;

  /** Counters for metrics. */
  reads = 0;
  writes = 0;
  peakConcurrency = 0;

  constructor(private readonly options: DatabaseOptions) {
    this.latency = options.latency;
    this.connections = options.connections;
  }

  private get queued(): number {
    return this.queue.length - this.queueHead;
  }

  /** Insert or replace a row at version 1 (initial state, no query). */
  insert(table: string, id: string, fields: Record<string, unknown> = {}): void {
    this.tableOf(table).set(id, { version: 1, value: serializeRow(id, 1, fields) });
  }

  /**
   * Declare a table whose rows exist lazily: `exists(id)` says whether a row is there before any
   * write, so a million-row table costs nothing until it is read.
   */
  defineTable(table: string, exists: (id: string) => boolean, fields: (id: string) => Record<string, unknown> = () => ({})): void {
    this.lazyTables.set(table, { exists, fields });
    this.tableOf(table);
  }

  /** The row as it is now (no query, no latency): for staleness checks and views. */
  peek(table: string, id: string): Row | null {
    const rows = this.tables.get(table);
    const row = rows?.get(id);
    if (row !== undefined) return row;
    const lazy = this.lazyTables.get(table);
    if (lazy === undefined || !lazy.exists(id)) return null;
    const created = { version: 1, value: serializeRow(id, 1, lazy.fields(id)) };
    rows!.set(id, created);
    return created;
  }

  setFault(fault: DatabaseFault, slowLatencyMs = 0): void {
    this.fault = fault;
    this.slowLatencyMs = slowLatencyMs;
  }

  read(request: QueryRequest, done: (row: Row | null, ok: boolean) => void): void {
    this.enqueue('read', request, done);
  }

  /** Bumps the row's version (creating it if absent) when the query finishes. */
  write(request: QueryRequest, done: (row: Row | null, ok: boolean) => void): void {
    this.enqueue('write', request, done);
  }

  private tableOf(table: string): Map<string, Row> {
    let rows = this.tables.get(table);
    if (!rows) {
      rows = new Map();
      this.tables.set(table, rows);
    }
    return rows;
  }

  private enqueue(op: 'read' | 'write', request: QueryRequest, done: Pending['done']): void {
    const { scheduler, trace } = this.options;
    const pending: Pending = { queryId: this.nextQueryId++, op, request, queuedAt: scheduler.now, done };
    if (this.activeCount < this.connections && this.queued === 0) {
      this.start(pending);
      return;
    }
    this.queue.push(pending);
    // The untraced run builds no event (its sink keeps nothing); these are the database's only events.
    if (trace.recording) trace.push({
      type: 'db.queued',
      at: scheduler.now,
      ...queryFields(pending),
      queueLength: this.queued,
    });
  }

  private start(pending: Pending): void {
    const { scheduler, trace, random } = this.options;
    const { request, op } = pending;
    const now = scheduler.now;
    const waitMs = now - pending.queuedAt;
    if (op === 'read') this.reads++;
    else this.writes++;
    this.activeCount++;
    if (this.activeCount > this.peakConcurrency) this.peakConcurrency = this.activeCount;
    this.options.onStart?.(op, this.activeCount, request);
    const down = this.fault === 'down';
    const latencyMs = down
      ? 0
      : request.latencyMs !== undefined
        ? request.latencyMs
        : this.fault === 'slow'
          ? this.slowLatencyMs
          : sampleLatency(this.latency, random);
    // Reads see the row as of the start of the query.
    const snapshot = op === 'read' ? this.peek(request.table, request.id) : null;
    if (trace.recording) trace.push({
      type: 'db.started',
      at: now,
      ...queryFields(pending),
      waitMs,
      finishesAt: now + latencyMs,
      active: this.activeCount,
    });
    scheduler.schedule(now + latencyMs, () => {
      this.activeCount--;
      let row: Row | null = snapshot;
      if (!down && op === 'write') {
        const rows = this.tableOf(request.table);
        const before = this.peek(request.table, request.id) ?? undefined;
        const version = request.version ?? (before?.version ?? 0) + 1;
        row = { version, value: bumpRow(request.id, version, before?.value) };
        rows.set(request.id, row);
        this.hasWrites = true;
      }
      if (trace.recording) trace.push({
        type: 'db.finished',
        at: scheduler.now,
        ...queryFields(pending),
        version: down ? null : (row?.version ?? null),
        waitMs,
        latencyMs,
        ok: !down,
        active: this.activeCount,
      });
      this.startQueued();
      pending.done(down ? null : row, !down);
    });
  }

  private startQueued(): void {
    while (this.activeCount < this.connections && this.queueHead < this.queue.length) {
      const next = this.queue[this.queueHead]!;
      this.queueHead++;
      this.start(next);
    }
    // Compact the FIFO now and then so it does not grow without bound.
    if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue.splice(0, this.queueHead);
      this.queueHead = 0;
    }
  }
}

/** The JSON a row is cached as; `version` is last so `versionOf` can find it cheaply. */
export function serializeRow(id: string, version: number, fields: Record<string, unknown>): string {
  return JSON.stringify({ id, ...fields, version });
}

/** The row's JSON at a new version (a write changes only its version here). */
export function bumpRow(id: string, version: number, previous: string | undefined): string {
  if (previous === undefined) return serializeRow(id, version, {});
  const cut = previous.lastIndexOf('"version":');
  return `${previous.slice(0, cut)}"version":${version}}`;
}

/** The version inside a cached row value, or null if the value is not a row. */
export function versionOf(value: string): number | null {
  // Read the digits backwards from the end ("...version":12}" or "...version":12}}"): no slicing.
  let i = value.length - 1;
  while (i >= 0 && value.charCodeAt(i) === 125) i--;
  let n = 0;
  let scale = 1;
  const end = i;
  while (i >= 0) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n += (c - 48) * scale;
    scale *= 10;
    i--;
  }
  if (i === end || !value.startsWith('"version":', i - 9)) return null;
  return n;
}

/** The fields shared by the queued, started and finished trace events of one query. */
function queryFields(pending: Pending) {
  const { request, op } = pending;
  return {
    queryId: pending.queryId,
    requestId: request.requestId,
    instance: request.instance,
    op,
    table: request.table,
    id: request.id,
    ...(request.key !== undefined ? { key: request.key } : {}),
  };
}
