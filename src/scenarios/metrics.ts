/**
 * The one definition of every metric (docs/architecture.md "Metrics"): what counts as a read, a
 * hit, a miss, a database read, an error and a fallback.
 *
 * - `MetricsRecorder` holds the counters: a latency histogram (integer ms, so an hour of reads
 *   costs a few kB) and per-virtual-second buckets for the charts. The untraced fast path feeds it
 *   directly; `isHit` and the recorder's methods are the rules both paths share.
 * - `recordEvent` says how each trace event counts; `metricsOf(trace, from, to)` folds a window of
 *   events (cumulative from 0, or "since the learner's last change") and `timeSeriesOf` the
 *   per-second buckets. The views, the charts, the lesson checks and the CLI all read these.
 */
import type { ServedFrom, TraceEvent } from './events.ts';
import type { Metrics, MetricsSecond } from './types.ts';

/**
 * A read is a hit when its value came from the cache, however long it waited to get there (a
 * reader that waited for another's lock and then found the value in Redis is a hit), and so is a
 * read an instance answered from its own local cache (`local`, lesson 15). A read that
 * shared another request's database load (`coalesced`), read the database itself, fell back to it
 * or got nothing is a miss.
 */
export function isHit(from: ServedFrom): boolean {
  return from === 'cache' || from === 'local';
}

interface Bucket {
  second: number;
  reads: number;
  hits: number;
  misses: number;
  dbReads: number;
  dbWrites: number;
  staleReads: number;
  errors: number;
  dbPeakConcurrency: number;
}

const MAX_DENSE_MS = 65_536;

export class MetricsRecorder {
  reads = 0;
  hits = 0;
  writes = 0;
  staleReads = 0;
  localHits = 0;
  staleLocalReads = 0;
  redisCommands = 0;
  errors = 0;
  fallbacks = 0;
  failedReads = 0;
  earlyRecomputes = 0;
  dbReads = 0;
  dbWrites = 0;
  dbPeakConcurrency = 0;
  readonly dbReadsByKey = new Map<string, number>();
  readonly dbWritesByKey = new Map<string, number>();
  /** latencyCounts[ms] = reads that took ms; beyond the array they go to `slowLatencies`. */
  private latencyCounts = new Float64Array(256);
  private slowLatencies = new Map<number, number>();
  private readonly buckets: Bucket[] = [];
  /** The per-key objects of the last snapshot, rebuilt only after a database query (views snapshot every step). */
  private byKeyCache: { reads: Record<string, number>; writes: Record<string, number> } | null = null;
  /** Reads before this instant are not counted (warm-up). */
  warmupUntil = 0;

  /** Without a series (views), every update goes to this scratch bucket. */
  private readonly scratch: Bucket = { second: 0, reads: 0, hits: 0, misses: 0, dbReads: 0, dbWrites: 0, staleReads: 0, errors: 0, dbPeakConcurrency: 0 };

  constructor(readonly series = true) {}

  private bucket(at: number): Bucket {
    if (!this.series) return this.scratch;
    const second = Math.floor(at / 1000);
    // Reads come in time order: most land in the second the last one did.
    const last = this.lastBucket;
    if (last !== undefined && last.second === second) return last;
    let b = this.buckets[second];
    if (b === undefined) {
      for (let s = this.buckets.length; s <= second; s++) {
        this.buckets[s] = { second: s, reads: 0, hits: 0, misses: 0, dbReads: 0, dbWrites: 0, staleReads: 0, errors: 0, dbPeakConcurrency: 0 };
      }
      b = this.buckets[second]!;
    }
    this.lastBucket = b;
    return b;
  }
  private lastBucket: Bucket | undefined = undefined;

  /** A read answered at `servedAt`, `latencyMs` after it arrived (reads arriving in the warm-up are not counted). */
  read(servedAt: number, from: ServedFrom, stale: boolean, latencyMs: number, early: boolean): void {
    const at = servedAt - latencyMs;
    if (this.warmupUntil > 0 && at < this.warmupUntil) return;
    const hit = isHit(from);
    if (from === 'fallback') this.fallbacks++;
    else if (from === 'none') this.failedReads++;
    if (early) this.earlyRecomputes++;
    this.reads++;
    const b = this.bucket(at);
    b.reads++;
    if (hit) {
      this.hits++;
      b.hits++;
    } else b.misses++;
    if (stale) {
      this.staleReads++;
      b.staleReads++;
    }
    if (from === 'local') {
      this.localHits++;
      if (stale) this.staleLocalReads++;
    }
    if (latencyMs >= this.latencyCounts.length && latencyMs < MAX_DENSE_MS) this.growLatencies(latencyMs);
    if (latencyMs < this.latencyCounts.length) this.latencyCounts[latencyMs]!++;
    else this.slowLatencies.set(latencyMs, (this.slowLatencies.get(latencyMs) ?? 0) + 1);
  }

  /** Dense counts grow by doubling up to MAX_DENSE_MS, so snapshots of short runs stay small. */
  private growLatencies(ms: number): void {
    let size = this.latencyCounts.length;
    while (size <= ms) size *= 2;
    const grown = new Float64Array(Math.min(size, MAX_DENSE_MS));
    grown.set(this.latencyCounts);
    this.latencyCounts = grown;
  }

  write(at: number): void {
    if (at < this.warmupUntil) return;
    this.writes++;
  }

  dbQuery(at: number, op: 'read' | 'write', key: string, active: number): void {
    if (active > this.dbPeakConcurrency) this.dbPeakConcurrency = active;
    const b = this.bucket(at);
    if (active > b.dbPeakConcurrency) b.dbPeakConcurrency = active;
    if (at < this.warmupUntil) return;
    this.byKeyCache = null;
    if (op === 'read') {
      this.dbReads++;
      b.dbReads++;
      this.dbReadsByKey.set(key, (this.dbReadsByKey.get(key) ?? 0) + 1);
    } else {
      this.dbWrites++;
      b.dbWrites++;
      this.dbWritesByKey.set(key, (this.dbWritesByKey.get(key) ?? 0) + 1);
    }
  }

  redisCommand(at: number): void {
    if (at >= this.warmupUntil) this.redisCommands++;
  }

  redisError(at: number): void {
    if (at < this.warmupUntil) return;
    this.errors++;
    this.bucket(at).errors++;
  }

  // Undo of one recorded event, for stepping a view backward without a replay. Only for a recorder
  // without a series and without a warm-up (the views' kind): per-second buckets are not undone.

  unread(from: ServedFrom, stale: boolean, latencyMs: number, early: boolean): void {
    this.reads--;
    if (isHit(from)) this.hits--;
    if (from === 'fallback') this.fallbacks--;
    else if (from === 'none') this.failedReads--;
    if (early) this.earlyRecomputes--;
    if (stale) this.staleReads--;
    if (from === 'local') {
      this.localHits--;
      if (stale) this.staleLocalReads--;
    }
    if (latencyMs < this.latencyCounts.length) this.latencyCounts[latencyMs]!--;
    else {
      const left = (this.slowLatencies.get(latencyMs) ?? 0) - 1;
      if (left > 0) this.slowLatencies.set(latencyMs, left);
      else this.slowLatencies.delete(latencyMs);
    }
  }

  unwrite(): void {
    this.writes--;
  }

  /** `peakBefore` is dbPeakConcurrency before the query started. */
  undbQuery(op: 'read' | 'write', key: string, peakBefore: number): void {
    this.dbPeakConcurrency = peakBefore;
    this.byKeyCache = null;
    const byKey = op === 'read' ? this.dbReadsByKey : this.dbWritesByKey;
    if (op === 'read') this.dbReads--;
    else this.dbWrites--;
    // A count back at 0 means the key was first seen here: delete it so the key order is restored.
    const left = (byKey.get(key) ?? 0) - 1;
    if (left > 0) byKey.set(key, left);
    else byKey.delete(key);
  }

  unredisCommand(): void {
    this.redisCommands--;
  }

  unredisError(): void {
    this.errors--;
  }

  /** Nearest-rank percentile of read latencies (0 when there were no reads). */
  percentile(p: number): number {
    const total = this.reads;
    if (total === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * total));
    let seen = 0;
    for (let ms = 0; ms < this.latencyCounts.length; ms++) {
      seen += this.latencyCounts[ms]!;
      if (seen >= rank) return ms;
    }
    for (const ms of [...this.slowLatencies.keys()].sort((a, b) => a - b)) {
      seen += this.slowLatencies.get(ms)!;
      if (seen >= rank) return ms;
    }
    return 0;
  }

  snapshot(): Metrics {
    const misses = this.reads - this.hits;
    if (this.byKeyCache === null) {
      const reads: Record<string, number> = {};
      // Insertion order (first database read) is deterministic, so no sort is needed.
      for (const [key, n] of this.dbReadsByKey) reads[key] = n;
      const writes: Record<string, number> = {};
      for (const [key, n] of this.dbWritesByKey) writes[key] = n;
      // Shared by snapshots until the next query, so frozen: a reader cannot change another's.
      this.byKeyCache = { reads: Object.freeze(reads), writes: Object.freeze(writes) };
    }
    const byKey = this.byKeyCache.reads;
    const writesByKey = this.byKeyCache.writes;
    return {
      reads: this.reads,
      hits: this.hits,
      misses,
      hitRatio: this.reads === 0 ? 0 : this.hits / this.reads,
      dbReads: this.dbReads,
      dbWrites: this.dbWrites,
      dbPeakConcurrency: this.dbPeakConcurrency,
      staleReads: this.staleReads,
      localHits: this.localHits,
      staleLocalReads: this.staleLocalReads,
      latencyMs: { p50: this.percentile(50), p95: this.percentile(95), p99: this.percentile(99) },
      redisCommands: this.redisCommands,
      errors: this.errors,
      fallbacks: this.fallbacks,
      failedReads: this.failedReads,
      writes: this.writes,
      earlyRecomputes: this.earlyRecomputes,
      dbReadsByKey: byKey,
      dbWritesByKey: writesByKey,
    };
  }

  timeSeries(): MetricsSecond[] {
    return this.buckets.map((b) => ({ ...b }));
  }

  /** A deep copy, for snapshots of views. */
  clone(): MetricsRecorder {
    const copy = new MetricsRecorder(this.series);
    Object.assign(copy, this);
    (copy as unknown as { latencyCounts: Float64Array }).latencyCounts = this.latencyCounts.slice();
    (copy as unknown as { slowLatencies: Map<number, number> }).slowLatencies = new Map(this.slowLatencies);
    (copy as unknown as { dbReadsByKey: Map<string, number> }).dbReadsByKey = new Map(this.dbReadsByKey);
    (copy as unknown as { dbWritesByKey: Map<string, number> }).dbWritesByKey = new Map(this.dbWritesByKey);
    (copy as unknown as { buckets: Bucket[] }).buckets = this.buckets.map((b) => ({ ...b }));
    // The copy's own buckets, not the original's last one.
    copy.lastBucket = undefined;
    return copy;
  }
}

/** Whether a command's actor is the app (the learner's console lines are not app traffic). */
const isApp = (actor: number | 'console'): boolean => actor !== 'console';

/**
 * How one trace event counts; the mirror of the world's own counting on the untraced path.
 * Events that do not count are ignored.
 */
export function recordEvent(metrics: MetricsRecorder, e: TraceEvent): void {
  switch (e.type) {
    case 'request.served':
      if (e.kind === 'read') metrics.read(e.at, e.from, e.stale, e.latencyMs, e.early === true);
      else if (e.kind === 'write') metrics.write(e.at);
      break;
    case 'db.started':
      metrics.dbQuery(e.at, e.op, e.key ?? `${e.table}:${e.id}`, e.active);
      break;
    case 'redis.command':
      if (isApp(e.actor)) metrics.redisCommand(e.at);
      break;
    case 'redis.error':
      if (isApp(e.actor)) metrics.redisError(e.at);
      break;
    case 'redis.reply':
      // An error reply (OOM under noeviction, WRONGTYPE…) is a failed command as much as a timeout.
      if (isApp(e.actor) && e.reply.type === 'error') metrics.redisError(e.at);
      break;
    default:
      break;
  }
}

/**
 * Take back `recordEvent(e)` (for stepping a view backward); `peakBefore` is the recorder's
 * dbPeakConcurrency before a `db.started` was recorded.
 */
export function unrecordEvent(metrics: MetricsRecorder, e: TraceEvent, peakBefore: number): void {
  switch (e.type) {
    case 'request.served':
      if (e.kind === 'read') metrics.unread(e.from, e.stale, e.latencyMs, e.early === true);
      else if (e.kind === 'write') metrics.unwrite();
      break;
    case 'db.started':
      metrics.undbQuery(e.op, e.key ?? `${e.table}:${e.id}`, peakBefore);
      break;
    case 'redis.command':
      if (isApp(e.actor)) metrics.unredisCommand();
      break;
    case 'redis.error':
      if (isApp(e.actor)) metrics.unredisError();
      break;
    case 'redis.reply':
      if (isApp(e.actor) && e.reply.type === 'error') metrics.unredisError();
      break;
    default:
      break;
  }
}

/**
 * Every metric over the events [from, to) of a trace: cumulative with `from` 0, or what happened
 * since a moment (the learner's last change). A pure function of its inputs.
 *
 * @example metricsOf(trace, lastActionSeq, cursor.index).dbReads // database reads since the action
 */
export function metricsOf(trace: readonly TraceEvent[], from = 0, to = trace.length): Metrics {
  const metrics = new MetricsRecorder(false);
  const end = Math.min(to, trace.length);
  for (let i = Math.max(0, from); i < end; i++) recordEvent(metrics, trace[i]!);
  return metrics.snapshot();
}

/** Per-virtual-second buckets of the events [0, to), for the charts. */
export function timeSeriesOf(trace: readonly TraceEvent[], to = trace.length): MetricsSecond[] {
  const metrics = new MetricsRecorder(true);
  const end = Math.min(to, trace.length);
  for (let i = 0; i < end; i++) recordEvent(metrics, trace[i]!);
  return metrics.timeSeries();
}

/** A metric by its dotted name (`hitRatio`, `latencyMs.p99`), as lesson checks name them. */
export function metricValue(metrics: Metrics, name: string): number | undefined {
  // Stale reads as a fraction of reads: a check on a steady workload can bound it, where a count grows with time.
  if (name === 'staleShare') return metrics.reads > 0 ? metrics.staleReads / metrics.reads : 0;
  if (name.startsWith('latencyMs.')) return metrics.latencyMs[name.slice('latencyMs.'.length) as keyof Metrics['latencyMs']];
  const value = (metrics as unknown as Record<string, unknown>)[name];
  return typeof value === 'number' ? value : undefined;
}
