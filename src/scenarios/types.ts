/**
 * The interactive-session API the lab drives (UI-free). A simulation is a pure function of
 * (scenario id, options, seed, scheduled actions): `fork` re-runs it from those inputs.
 *
 * @example
 * const sim = createSimulation({ scenario: 'stampede', options: { strategy: 'lock' }, seed: 1 });
 * sim.apply({ type: 'burst', key: 'user:1', count: 50 });
 * sim.runUntilIdle();
 * sim.metrics().dbReads; // 1
 */
import type { TraceEvent, KeyEntry } from './events.ts';
import type { Reply } from '../redis/reply.ts';

export type ScenarioId =
  | 'basics'
  | 'read-write-mix'
  | 'read-path'
  | 'invalidation'
  | 'pattern-invalidation'
  | 'ttl'
  | 'outage'
  | 'hit-ratio'
  | 'best-practices'
  | 'stampede'
  | 'null-caching'
  | 'playground'
  // h-evict: lesson 13
  | 'eviction'
  // Lesson 14 (h-types).
  | 'data-types'
  // h-sync: lesson 15
  | 'many-caches';

export type StrategyName = 'plain' | 'lock' | 'coalesce' | 'xfetch' | 'swr';

/** Every option a scenario may use (docs/architecture.md "Common options"). */
export interface SimOptions {
  ttlMs: number;
  jitterMs: number;
  /** 0 = do not cache misses; otherwise the sentinel's TTL. */
  nullTtlMs: number;
  dbLatencyMs: number;
  /** Connection limit of the database; extra queries wait in a FIFO queue. */
  dbConnections: number;
  strategy: StrategyName;
  lockTtlMs: number;
  retryMs: number;
  beta: number;
  softTtlMs: number;
  instances: number;
  readRatePerSec: number;
  writeRatePerSec: number;
  keyCount: number;
  /** Zipf exponent of key popularity; 0 = uniform. */
  zipf: number;
  missingFraction: number;
  burstSize: number;
  redisTimeoutMs: number;
  retries: number;
  seed: number;
  /** One-way network latency between an app instance and Redis. */
  redisLatencyMs: number;
  /** What a write does to the cache after updating the database. */
  invalidateOnWrite: 'delete' | 'none';
  /** Base delay of the exponential backoff between Redis retries. */
  backoffMs: number;
  /** maxmemory, as the number of the workload's keys that fit (0 = no limit). */
  cacheKeys: number;
  /** maxmemory-policy. */
  maxmemoryPolicy: MaxmemoryPolicy;
  /** maxmemory-samples: keys sampled per eviction (LRU, LFU, volatile-ttl). */
  maxmemorySamples: number;
  // h-sync: each app instance's local cache and how it hears of changes (lesson 15).
  /** How instances learn that a key changed: nothing, PUBLISH, keyspace notifications, CLIENT TRACKING (default or BCAST). */
  syncMethod: SyncMethod;
  /** How long an instance keeps a value in its own memory; 0 = no local cache. */
  localTtlMs: number;
  /** Most keys one instance's local cache holds (least recently used goes first). */
  localCacheSize: number;
  /** Extra delay of an invalidation message on its way from Redis to an instance. */
  messageDelayMs: number;
  /** Share of invalidation messages lost on the way (a dropped connection, a restarting subscriber). */
  messageLoss: number;
  // h-writebehind: lesson 2's write paths.
  /** What a write does: update the database then the cache (cache-aside), or Redis now and the database later from a queue (write-behind). */
  writeMode: WriteMode;
  /** Write-behind: how long the worker waits after a write is queued before it drains the queue. */
  workerDelayMs: number;
}

export type WriteMode = 'cache-aside' | 'write-behind';

export type SyncMethod = 'none' | 'pubsub' | 'keyspace' | 'tracking' | 'bcast';

export type MaxmemoryPolicy =
  | 'allkeys-lru' | 'allkeys-lfu' | 'allkeys-random' | 'volatile-lru' | 'volatile-lfu' | 'volatile-random' | 'volatile-ttl' | 'noeviction';

/** Learner actions: defined once, in the registry (`actions.ts`). */
import type { LearnerAction } from './actions.ts';
export type { LearnerAction, LearnerActionType } from './actions.ts';


export interface ScheduledAction {
  readonly at: number;
  readonly action: LearnerAction;
}

export interface SimulationInput {
  readonly scenario: ScenarioId;
  readonly options?: Partial<Record<string, unknown>>;
  readonly seed?: number;
  readonly actions?: readonly ScheduledAction[];
  /** false = headless fast path: metrics only, no trace events. Default true. */
  readonly trace?: boolean;
}

export interface LatencyPercentiles {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/** Every metric; the rules are in `metrics.ts` and docs/architecture.md "Metrics". */
export interface Metrics {
  /** Reads the app answered (background refreshes are not reads). */
  reads: number;
  /** Reads whose value came from the cache, waiting for a lock included. */
  hits: number;
  /** reads - hits: database, shared (coalesced) load, fallback or no answer. */
  misses: number;
  hitRatio: number;
  /** Database queries for reads, counted when they start (fallbacks and refreshes included). */
  dbReads: number;
  dbWrites: number;
  dbPeakConcurrency: number;
  /** Reads that returned an older version than the database held at that instant. */
  staleReads: number;
  /** Reads answered from an app instance's own local cache (counted in hits). */
  localHits: number;
  /** Local hits that returned an older version than the database held at that instant (counted in staleReads). */
  staleLocalReads: number;
  latencyMs: LatencyPercentiles;
  /** Commands the app sent to Redis, each retry included (the learner's console is not counted). */
  redisCommands: number;
  /** The app's Redis commands that failed (each timed-out attempt). */
  errors: number;
  /** Reads answered from the database because Redis failed. */
  fallbacks: number;
  /** Reads answered with an error (the database failed too, or nothing could be loaded). */
  failedReads: number;
  writes: number;
  /** xfetch: reads that recomputed before the key expired. */
  earlyRecomputes: number;
  /** Database reads per key (only keys read at least once), in order of first read. */
  dbReadsByKey: Record<string, number>;
  /** Database writes per key. */
  dbWritesByKey?: Record<string, number>;
}

/** One bucket of the per-virtual-second time series. */
export interface MetricsSecond {
  readonly second: number;
  readonly reads: number;
  readonly hits: number;
  readonly misses: number;
  readonly dbReads: number;
  readonly dbWrites: number;
  readonly staleReads: number;
  readonly errors: number;
  readonly dbPeakConcurrency: number;
}

/** What the lab shows at a cursor position (see `stateAt`). */
export interface InFlightRequest {
  readonly requestId: number;
  readonly instance: number;
  readonly key: string;
  readonly kind: 'read' | 'write' | 'refresh' | 'drain';
  readonly arrivedAt: number;
  readonly lastLineId: string | null;
}

export interface SimState {
  readonly index: number; // events [0, index) have happened
  readonly at: number;
  readonly keyspace: ReadonlyMap<string, KeyEntry>;
  readonly db: { readonly active: number; readonly queued: number; readonly peak: number };
  readonly redisUp: boolean;
  readonly inFlight: readonly InFlightRequest[];
  /** App tasks queued or running (`task.started` without its `task.finished`). */
  readonly tasks: number;
  /** Invalidation messages sent and not yet delivered (lost ones excluded). */
  readonly messagesOnTheWay: number;
  readonly metrics: Metrics;
}

/** A running simulation. */
export interface Simulation {
  readonly scenarioId: ScenarioId;
  readonly seed: number;
  /** The options in force now (setOption changes them). */
  readonly options: Readonly<SimOptions>;
  /** Current virtual time. */
  readonly now: number;
  readonly trace: readonly TraceEvent[];
  /** The inputs so far, to replay or fork. */
  readonly actions: readonly ScheduledAction[];
  /** The scenario's default workload: which ids are read and the Poisson rates (0 = manual only). */
  readonly workload?: {
    readonly keyCount: number;
    readonly zipf: number;
    readonly missingFraction: number;
    readonly readRatePerSec: number;
    readonly writeRatePerSec: number;
  };
  /** The simulation's own emulator (the lab's console may read it; prefer `apply({type:'console'})`). */
  readonly redis: unknown;
  /** Schedule an action at `atMs` (default: now; never before now) and run up to it. */
  apply(action: LearnerAction, atMs?: number): void;
  /** Run every event up to and including `ms`. */
  runUntil(ms: number): void;
  /** Run until no work is in flight (requests, app tasks, invalidation messages; `World.workInFlight`), bounded by `maxMs`. */
  runUntilIdle(maxMs?: number): void;
  /** The earliest expireAt among keys with a TTL (or of `key`), or null. */
  nextExpiryAt(key?: string): number | null;
  metrics(): Metrics;
  timeSeries(): readonly MetricsSecond[];
  /** A new simulation from the same inputs with actions after `atMs` dropped, run to `atMs`. */
  fork(atMs: number): Simulation;
  /** Run a console line now and return its reply (also recorded in the trace). */
  consoleExec(line: string): Reply | { readonly type: 'error'; readonly message: string };
}
