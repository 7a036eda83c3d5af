/**
 * The simulation's state at any point of a trace, rebuilt from the trace alone (views are pure
 * functions of trace and cursor). Checkpoints every few thousand events keep scrubbing cheap.
 */
import type { KeyEntry, TraceEvent } from '../engine/trace.ts';
import type { InFlightRequest, Metrics, SimState } from '../scenarios/types.ts';

interface Working {
  index: number;
  keyspace: Map<string, KeyEntry>;
  dbActive: number;
  queued: Set<number>;
  peak: number;
  redisUp: boolean;
  inFlight: Map<number, InFlightRequest>;
  counts: { reads: number; hits: number; misses: number; dbReads: number; dbWrites: number; staleReads: number; redisCommands: number; errors: number; fallbacks: number; writes: number; earlyRecomputes: number };
  latencies: number[];
  dbReadsByKey: Record<string, number>;
}

const CHECKPOINT_EVERY = 2_048;

function fresh(): Working {
  return {
    index: 0,
    keyspace: new Map(),
    dbActive: 0,
    queued: new Set(),
    peak: 0,
    redisUp: true,
    inFlight: new Map(),
    counts: { reads: 0, hits: 0, misses: 0, dbReads: 0, dbWrites: 0, staleReads: 0, redisCommands: 0, errors: 0, fallbacks: 0, writes: 0, earlyRecomputes: 0 },
    latencies: [],
    dbReadsByKey: {},
  };
}

function clone(w: Working): Working {
  return {
    ...w,
    keyspace: new Map(w.keyspace),
    queued: new Set(w.queued),
    inFlight: new Map(w.inFlight),
    counts: { ...w.counts },
    latencies: w.latencies.slice(),
    dbReadsByKey: { ...w.dbReadsByKey },
  };
}

function apply(w: Working, event: TraceEvent): void {
  switch (event.type) {
    case 'keyspace.seeded':
    case 'redis.executed':
      for (const change of event.changes) {
        if (change.entry) w.keyspace.set(change.key, change.entry);
        else w.keyspace.delete(change.key);
      }
      if (event.type === 'redis.executed') w.counts.redisCommands++;
      break;
    case 'key.expired':
      w.keyspace.delete(event.key);
      break;
    case 'fault':
      if (event.target === 'redis') w.redisUp = event.state !== 'down';
      break;
    case 'db.queued':
      w.queued.add(event.queryId);
      break;
    case 'db.started':
      w.queued.delete(event.queryId);
      w.dbActive = event.active;
      w.peak = Math.max(w.peak, event.active);
      break;
    case 'db.finished':
      w.dbActive = event.active;
      if (event.op === 'read') {
        w.counts.dbReads++;
        w.dbReadsByKey[event.id] = (w.dbReadsByKey[event.id] ?? 0) + 1;
      } else w.counts.dbWrites++;
      break;
    case 'request.arrived':
      w.inFlight.set(event.requestId, { requestId: event.requestId, instance: event.instance, key: event.key, kind: event.kind, arrivedAt: event.at, lastLineId: null });
      break;
    case 'code.line': {
      const request = w.inFlight.get(event.requestId);
      if (request) w.inFlight.set(event.requestId, { ...request, lastLineId: event.lineId });
      break;
    }
    case 'redis.error':
      if (event.retryAt === null) w.counts.errors++;
      break;
    case 'request.served':
      w.inFlight.delete(event.requestId);
      if (event.kind === 'write') w.counts.writes++;
      if (event.kind !== 'read') break;
      w.counts.reads++;
      if (event.hit) w.counts.hits++;
      else w.counts.misses++;
      if (event.stale) w.counts.staleReads++;
      if (event.from === 'fallback') w.counts.fallbacks++;
      if (event.early) w.counts.earlyRecomputes++;
      w.latencies.push(event.latencyMs);
      break;
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function freeze(w: Working, trace: readonly TraceEvent[]): SimState {
  const sorted = w.latencies.slice().sort((a, b) => a - b);
  const metrics: Metrics = {
    ...w.counts,
    hitRatio: w.counts.reads > 0 ? w.counts.hits / w.counts.reads : 0,
    dbPeakConcurrency: w.peak,
    latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) },
    dbReadsByKey: { ...w.dbReadsByKey },
  };
  return {
    index: w.index,
    at: w.index > 0 ? trace[w.index - 1]!.at : 0,
    keyspace: new Map(w.keyspace),
    db: { active: w.dbActive, queued: w.queued.size, peak: w.peak },
    redisUp: w.redisUp,
    inFlight: [...w.inFlight.values()],
    metrics,
  };
}

interface Cache {
  checkpoints: Working[];
  last: Working;
}

const caches = new WeakMap<readonly TraceEvent[], Cache>();

/** The state after the first `index` events of `trace`. */
export function stateAt(trace: readonly TraceEvent[], index: number): SimState {
  const target = Math.max(0, Math.min(index, trace.length));
  let cache = caches.get(trace);
  if (!cache) caches.set(trace, (cache = { checkpoints: [fresh()], last: fresh() }));
  let working = cache.last;
  if (working.index > target) {
    const checkpoint = cache.checkpoints[Math.floor(target / CHECKPOINT_EVERY)] ?? cache.checkpoints[cache.checkpoints.length - 1]!;
    working = clone(checkpoint);
  }
  while (working.index < target) {
    apply(working, trace[working.index]!);
    working.index++;
    if (working.index % CHECKPOINT_EVERY === 0 && cache.checkpoints.length === working.index / CHECKPOINT_EVERY) cache.checkpoints.push(clone(working));
  }
  cache.last = working;
  return freeze(working, trace);
}
