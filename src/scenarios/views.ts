/**
 * Views of a trace at a cursor: the keyspace, database load, requests in flight and metrics
 * after the first `index` events. Pure functions of (trace, index). Snapshots every
 * SNAPSHOT_EVERY events make a step backward cost a replay of at most that many events.
 *
 * @example
 * const state = stateAt(sim.trace, 120);
 * state.keyspace.get('user:1')?.expireAt;
 */
import type { KeyEntry, TraceEvent } from '../engine/trace.ts';
import { MetricsRecorder } from './metrics.ts';
import type { InFlightRequest, SimState } from './types.ts';

export const SNAPSHOT_EVERY = 256;

interface Replay {
  index: number;
  at: number;
  keyspace: Map<string, KeyEntry>;
  queuedIds: Set<number>;
  active: number;
  peak: number;
  redisUp: boolean;
  inFlight: Map<number, InFlightRequest>;
  metrics: MetricsRecorder;
}

const snapshotsOf = new WeakMap<readonly TraceEvent[], Replay[]>();
/** The last state computed per trace: a step forward replays one event from it. */
const lastOf = new WeakMap<readonly TraceEvent[], Replay>();

function empty(): Replay {
  return { index: 0, at: 0, keyspace: new Map(), queuedIds: new Set(), active: 0, peak: 0, redisUp: true, inFlight: new Map(), metrics: new MetricsRecorder(false) };
}

function copy(r: Replay): Replay {
  return {
    index: r.index,
    at: r.at,
    keyspace: new Map(r.keyspace),
    queuedIds: new Set(r.queuedIds),
    active: r.active,
    peak: r.peak,
    redisUp: r.redisUp,
    inFlight: new Map(r.inFlight),
    metrics: r.metrics.clone(),
  };
}

function apply(r: Replay, e: TraceEvent): void {
  r.at = e.at;
  switch (e.type) {
    case 'keyspace.seeded':
    case 'redis.executed':
      for (const change of e.changes) {
        if (change.entry === null) r.keyspace.delete(change.key);
        else r.keyspace.set(change.key, change.entry);
      }
      break;
    case 'key.expired':
      r.keyspace.delete(e.key);
      break;
    case 'redis.command':
      if (e.actor !== 'console') r.metrics.redisCommand(e.at);
      break;
    case 'redis.error':
      r.metrics.redisError(e.at);
      break;
    case 'db.queued':
      r.queuedIds.add(e.queryId);
      break;
    case 'db.started':
      r.queuedIds.delete(e.queryId);
      r.active = e.active;
      if (e.active > r.peak) r.peak = e.active;
      r.metrics.dbQuery(e.at, e.op, e.key ?? `${e.table}:${e.id}`, e.active);
      break;
    case 'db.finished':
      r.active = e.active;
      break;
    case 'fault':
      if (e.target === 'redis') r.redisUp = e.state === 'up';
      break;
    case 'request.arrived':
      r.inFlight.set(e.requestId, { requestId: e.requestId, instance: e.instance, key: e.key, kind: e.kind, arrivedAt: e.at, lastLineId: null });
      break;
    case 'code.line': {
      const request = r.inFlight.get(e.requestId);
      if (request) r.inFlight.set(e.requestId, { ...request, lastLineId: e.lineId });
      break;
    }
    case 'request.served': {
      const request = r.inFlight.get(e.requestId);
      r.inFlight.delete(e.requestId);
      if (e.kind === 'read') {
        r.metrics.read(request?.arrivedAt ?? e.at - e.latencyMs, e.hit, e.stale, e.latencyMs);
        if (e.from === 'fallback') r.metrics.fallback(e.at);
        if (e.early) r.metrics.early(e.at);
      } else if (e.kind === 'write') r.metrics.write(e.at);
      break;
    }
    default:
      break;
  }
}

/** The state after events [0, index) (index is clamped to the trace). */
export function stateAt(trace: readonly TraceEvent[], index: number): SimState {
  const target = Math.max(0, Math.min(Math.floor(index), trace.length));
  let snapshots = snapshotsOf.get(trace);
  if (!snapshots) {
    snapshots = [empty()];
    snapshotsOf.set(trace, snapshots);
  }
  // Extend the snapshot chain up to the target (the trace only grows).
  const wanted = Math.floor(target / SNAPSHOT_EVERY);
  while (snapshots.length <= wanted) {
    const last = copy(snapshots[snapshots.length - 1]!);
    const end = last.index + SNAPSHOT_EVERY;
    for (let i = last.index; i < end; i++) apply(last, trace[i]!);
    last.index = end;
    snapshots.push(last);
  }
  const last = lastOf.get(trace);
  // Moving forward within a snapshot interval: continue from the last state instead of copying one.
  const replay = last !== undefined && last.index <= target && last.index >= wanted * SNAPSHOT_EVERY ? last : copy(snapshots[wanted]!);
  for (let i = replay.index; i < target; i++) apply(replay, trace[i]!);
  replay.index = target;
  lastOf.set(trace, replay);
  const at = target > 0 ? trace[target - 1]!.at : 0;
  const keyspace = new Map<string, KeyEntry>();
  for (const [key, entry] of [...replay.keyspace].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    // Alive while now <= expireAt; an expired key Redis has not removed yet is already invisible.
    if (entry.expireAt === null || at <= entry.expireAt) keyspace.set(key, entry);
  }
  return {
    index: target,
    at,
    keyspace,
    db: { active: replay.active, queued: replay.queuedIds.size, peak: replay.peak },
    redisUp: replay.redisUp,
    inFlight: [...replay.inFlight.values()],
    metrics: replay.metrics.snapshot(),
  };
}
