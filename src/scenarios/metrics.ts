/**
 * Metrics as the simulation runs: counters, a latency histogram (integer ms, so an hour of reads
 * costs a few kB) and per-virtual-second buckets for the lab's charts.
 */
import type { Metrics, MetricsSecond } from './types.ts';

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
  redisCommands = 0;
  errors = 0;
  fallbacks = 0;
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
    let b = this.buckets[second];
    if (b === undefined) {
      for (let s = this.buckets.length; s <= second; s++) {
        this.buckets[s] = { second: s, reads: 0, hits: 0, misses: 0, dbReads: 0, dbWrites: 0, staleReads: 0, errors: 0, dbPeakConcurrency: 0 };
      }
      b = this.buckets[second]!;
    }
    return b;
  }

  read(at: number, hit: boolean, stale: boolean, latencyMs: number): void {
    if (at < this.warmupUntil) return;
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

  fallback(at: number): void {
    if (at >= this.warmupUntil) this.fallbacks++;
  }

  early(at: number): void {
    if (at >= this.warmupUntil) this.earlyRecomputes++;
  }

  // Undo of one recorded event, for stepping a view backward without a replay. Only for a recorder
  // without a series and without a warm-up (the views' kind): per-second buckets are not undone.

  unread(hit: boolean, stale: boolean, latencyMs: number): void {
    this.reads--;
    if (hit) this.hits--;
    if (stale) this.staleReads--;
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

  unfallback(): void {
    this.fallbacks--;
  }

  unearly(): void {
    this.earlyRecomputes--;
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
      latencyMs: { p50: this.percentile(50), p95: this.percentile(95), p99: this.percentile(99) },
      redisCommands: this.redisCommands,
      errors: this.errors,
      fallbacks: this.fallbacks,
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
    return copy;
  }
}
