/**
 * Views of a trace at a cursor: the keyspace, database load, requests in flight and metrics
 * after the first `index` events. Pure functions of (trace, index). Snapshots every
 * SNAPSHOT_EVERY events bound a jump to a replay of at most that many events; the last state keeps
 * an undo log, so a step backward undoes one event instead of copying a snapshot and replaying.
 *
 * @example
 * const state = stateAt(sim.trace, 120);
 * state.keyspace.get('user:1')?.expireAt;
 */
import type { KeyEntry, TraceEvent } from './events.ts';
import { MetricsRecorder, recordEvent, unrecordEvent } from './metrics.ts';
import { naturalCompare } from './natural-order.ts';
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
  tasks: number;
  messagesOnTheWay: number;
  metrics: MetricsRecorder;
  /** What each event since `base` overwrote, pushed in order, so events can be undone back to `base`. */
  undo: unknown[];
  base: number;
  /** The keyspace's keys in order, kept until a key comes or goes (most events only change values). */
  sortedKeys: string[] | null;
}

function remember(r: Replay, key: string, entry: KeyEntry): void {
  if (r.sortedKeys !== null && !r.keyspace.has(key)) r.sortedKeys = null;
  r.keyspace.set(key, entry);
}

function forget(r: Replay, key: string): void {
  if (r.keyspace.delete(key)) r.sortedKeys = null;
}

const snapshotsOf = new WeakMap<readonly TraceEvent[], Replay[]>();
/** The last state computed per trace: a step forward replays one event from it. */
const lastOf = new WeakMap<readonly TraceEvent[], Replay>();

function empty(): Replay {
  return { index: 0, at: 0, keyspace: new Map(), queuedIds: new Set(), active: 0, peak: 0, redisUp: true, inFlight: new Map(), tasks: 0, messagesOnTheWay: 0, metrics: new MetricsRecorder(false), undo: [], base: 0, sortedKeys: null };
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
    tasks: r.tasks,
    messagesOnTheWay: r.messagesOnTheWay,
    metrics: r.metrics.clone(),
    undo: [],
    base: r.index,
    sortedKeys: r.sortedKeys,
  };
}

/** Apply one event; with `log`, push what it overwrites so `unapply` can take it back. */
function apply(r: Replay, e: TraceEvent, log: boolean): void {
  r.at = e.at;
  const undo = r.undo;
  switch (e.type) {
    case 'keyspace.seeded':
    case 'redis.executed':
      for (const change of e.changes) {
        if (log) undo.push(r.keyspace.get(change.key));
        if (change.entry === null) forget(r, change.key);
        else remember(r, change.key, change.entry);
      }
      break;
    case 'key.expired':
    case 'key.evicted':
      if (log) undo.push(r.keyspace.get(e.key));
      forget(r, e.key);
      break;
    case 'db.queued':
      r.queuedIds.add(e.queryId);
      break;
    case 'db.started':
      if (log) undo.push(r.queuedIds.has(e.queryId), r.active, r.peak, r.metrics.dbPeakConcurrency);
      r.queuedIds.delete(e.queryId);
      r.active = e.active;
      if (e.active > r.peak) r.peak = e.active;
      break;
    case 'db.finished':
      if (log) undo.push(r.active);
      r.active = e.active;
      break;
    case 'fault':
      if (log) undo.push(r.redisUp);
      if (e.target === 'redis') r.redisUp = e.state === 'up';
      break;
    case 'request.arrived':
      r.inFlight.set(e.requestId, { requestId: e.requestId, instance: e.instance, key: e.key, kind: e.kind, arrivedAt: e.at, lastLineId: null });
      break;
    case 'code.line': {
      if (e.requestId === null) break;
      const request = r.inFlight.get(e.requestId);
      if (log) undo.push(request);
      if (request) r.inFlight.set(e.requestId, { ...request, lastLineId: e.lineId });
      break;
    }
    case 'request.served': {
      const request = r.inFlight.get(e.requestId);
      if (log) undo.push(request);
      r.inFlight.delete(e.requestId);
      break;
    }
    case 'task.started':
      r.tasks++;
      break;
    case 'task.finished':
      r.tasks--;
      break;
    case 'sync.message':
      if (!e.lost) r.messagesOnTheWay++;
      break;
    case 'sync.delivered':
      r.messagesOnTheWay--;
      break;
    default:
      break;
  }
  recordEvent(r.metrics, e);
}

/** Take back `e`, the last event applied with a log (the mirror image of `apply`). */
function unapply(r: Replay, e: TraceEvent): void {
  const undo = r.undo;
  let peakBefore = 0;
  switch (e.type) {
    case 'keyspace.seeded':
    case 'redis.executed':
      for (let j = e.changes.length - 1; j >= 0; j--) {
        const key = e.changes[j]!.key;
        const before = undo.pop() as KeyEntry | undefined;
        if (before === undefined) forget(r, key);
        else remember(r, key, before);
      }
      break;
    case 'key.expired':
    case 'key.evicted': {
      const before = undo.pop() as KeyEntry | undefined;
      if (before !== undefined) remember(r, e.key, before);
      break;
    }
    case 'db.queued':
      r.queuedIds.delete(e.queryId);
      break;
    case 'db.started':
      peakBefore = undo.pop() as number;
      r.peak = undo.pop() as number;
      r.active = undo.pop() as number;
      if (undo.pop() as boolean) r.queuedIds.add(e.queryId);
      break;
    case 'db.finished':
      r.active = undo.pop() as number;
      break;
    case 'fault':
      r.redisUp = undo.pop() as boolean;
      break;
    case 'request.arrived':
      r.inFlight.delete(e.requestId);
      break;
    case 'code.line': {
      if (e.requestId === null) break;
      const before = undo.pop() as InFlightRequest | undefined;
      if (before !== undefined) r.inFlight.set(e.requestId, before);
      break;
    }
    case 'request.served': {
      const before = undo.pop() as InFlightRequest | undefined;
      if (before !== undefined) r.inFlight.set(e.requestId, before);
      break;
    }
    case 'task.started':
      r.tasks--;
      break;
    case 'task.finished':
      r.tasks++;
      break;
    case 'sync.message':
      if (!e.lost) r.messagesOnTheWay--;
      break;
    case 'sync.delivered':
      r.messagesOnTheWay++;
      break;
    default:
      break;
  }
  unrecordEvent(r.metrics, e, peakBefore);
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
    for (let i = last.index; i < end; i++) apply(last, trace[i]!, false);
    last.index = end;
    last.base = end;
    snapshots.push(last);
  }
  const last = lastOf.get(trace);
  let replay: Replay;
  if (last !== undefined && last.index >= target && target >= last.base) {
    // A step backward: undo the events since the target (no copy, no replay).
    replay = last;
    for (let i = replay.index - 1; i >= target; i--) unapply(replay, trace[i]!);
  } else {
    // Moving forward within a snapshot interval: continue from the last state instead of copying one.
    replay = last !== undefined && last.index <= target && last.index >= wanted * SNAPSHOT_EVERY ? last : copy(snapshots[wanted]!);
    // Keep the undo log to about one interval: older history is reached through a snapshot.
    if (replay.index - replay.base > SNAPSHOT_EVERY) {
      replay.undo.length = 0;
      replay.base = replay.index;
    }
    for (let i = replay.index; i < target; i++) apply(replay, trace[i]!, true);
  }
  replay.index = target;
  lastOf.set(trace, replay);
  const at = target > 0 ? trace[target - 1]!.at : 0;
  const keyspace = new Map<string, KeyEntry>();
  replay.sortedKeys ??= [...replay.keyspace.keys()].sort(naturalCompare);
  for (const key of replay.sortedKeys) {
    const entry = replay.keyspace.get(key)!;
    // Alive while now <= expireAt; an expired key Redis has not removed yet is already invisible.
    if (entry.expireAt === null || at <= entry.expireAt) keyspace.set(key, entry);
  }
  return {
    index: target,
    at,
    keyspace,
    db: { active: replay.active, queued: replay.queuedIds.size, peak: replay.peak },
    redisUp: replay.redisUp,
    // In arrival order (request ids grow with arrivals), whatever order undo re-inserted them in.
    inFlight: [...replay.inFlight.values()].sort((a, b) => a.requestId - b.requestId),
    tasks: replay.tasks,
    messagesOnTheWay: replay.messagesOnTheWay,
    metrics: replay.metrics.snapshot(),
  };
}

/**
 * Work started and not yet finished at this state: requests in flight, app tasks queued or running
 * (a task may sit between two commands with none on the wire), invalidation messages on their way.
 * An action's work is done when this is 0: the predict reveal and the challenge wait for it, and
 * `World.workInFlight` is the same count on the live world.
 *
 * @example
 * workInFlight(stateAt(sim.trace, index)) === 0; // nothing left running at index
 */
export function workInFlight(state: Pick<SimState, 'inFlight' | 'tasks' | 'messagesOnTheWay'>): number {
  return state.inFlight.length + state.tasks + state.messagesOnTheWay;
}
