/**
 * What an action started and where its work has played out, read from a trace: a predict check's
 * reveal and a challenge are judged on these. Apart from views.ts because only the checks (loaded on
 * demand) need it.
 */
import type { TraceEvent } from './events.ts';
import { stateAt, workInFlight } from './views.ts';

/** How one event changes `workInFlight` (as views.ts's `apply` changes the counts it adds up). */
function workDelta(e: TraceEvent): number {
  switch (e.type) {
    case 'request.arrived':
    case 'task.started':
      return 1;
    case 'request.served':
    case 'task.finished':
    case 'sync.delivered':
      return -1;
    case 'sync.message':
      return e.lost ? 0 : 1;
    default:
      return 0;
  }
}

/** How far `workDoneBy` has scanned a trace from a given start: it only grows, so each event is read once. */
const workScans = new WeakMap<readonly TraceEvent[], Map<number, { index: number; work: number; doneAt: number | null }>>();

/**
 * The end of the first moment after event `from` at which no work is in flight (the index just past
 * that moment's events), looking no further than `to`; null if work is in flight at every moment
 * up to `to`. What an action started has played out there, however far past it a cursor has moved.
 *
 * @example
 * workDoneBy(trace, revealFrom, cursor.index); // where the reveal's run ends, or null while it plays
 */
export function workDoneBy(trace: readonly TraceEvent[], from: number, to: number): number | null {
  let scans = workScans.get(trace);
  if (!scans) {
    scans = new Map();
    workScans.set(trace, scans);
  }
  let scan = scans.get(from);
  if (!scan) {
    scan = { index: from, work: workInFlight(stateAt(trace, from)), doneAt: null };
    scans.set(from, scan);
  }
  const end = Math.min(to, trace.length);
  while (scan.doneAt === null && scan.index < end) {
    const i = scan.index++;
    scan.work += workDelta(trace[i]!);
    // A moment ends where the next event is later (the trace holds every event up to its last moment).
    const momentEnds = i + 1 === trace.length || trace[i + 1]!.at > trace[i]!.at;
    if (momentEnds && scan.work === 0) scan.doneAt = i + 1;
  }
  return scan.doneAt !== null && scan.doneAt <= end ? scan.doneAt : null;
}

type ActionEvent = Extract<TraceEvent, { type: 'action' }>;

/**
 * Whether `event` is the arrival of a request the action `start` started: at its moment, for its
 * key when it names one (a workload read may arrive in the same millisecond), or a background
 * request one of those started (`parentId` in `ids`).
 */
export function startedBy(start: ActionEvent, event: TraceEvent, ids: ReadonlySet<number>): event is Extract<TraceEvent, { type: 'request.arrived' }> {
  if (event.type !== 'request.arrived') return false;
  if (event.parentId !== undefined && ids.has(event.parentId)) return true;
  const key = 'key' in start.action && typeof start.action.key === 'string' ? start.action.key : null;
  return event.at === start.at && (key === null || event.key === key);
}

/** The requests the action recorded at `from` started, up to `to` (see `startedBy`). */
export function requestsOf(trace: readonly TraceEvent[], from: number, to: number): Set<number> {
  const ids = new Set<number>();
  const start = trace[from];
  if (start?.type !== 'action') return ids;
  for (let i = from + 1; i < Math.min(to, trace.length); i++) {
    const event = trace[i]!;
    if (startedBy(start, event, ids)) ids.add(event.requestId);
  }
  return ids;
}

/**
 * The own events in [from, to) of the action recorded at `from`: the action, its requests and what
 * they caused (an eviction comes just before the command that caused it), and what no request
 * caused; not the reads of a workload around them, nor the requests of the learner's later actions.
 * A predict check's reveal in a lab with a workload, and a challenge on what one action did, count these.
 */
export function ownEvents(trace: readonly TraceEvent[], from: number, to: number): TraceEvent[] {
  const ids = requestsOf(trace, from, to);
  const own: TraceEvent[] = [];
  const end = Math.min(to, trace.length);
  for (let i = Math.max(0, from); i < end; i++) {
    const event = trace[i]!;
    let owner: number | null | undefined = 'requestId' in event ? event.requestId : undefined;
    if (event.type === 'key.evicted' || event.type === 'key.expired') {
      let next = i + 1;
      while (next < end && (trace[next]!.type === 'key.evicted' || trace[next]!.type === 'key.expired')) next++;
      const cause = trace[next];
      owner = cause?.type === 'redis.executed' ? cause.requestId : undefined;
    }
    if (owner === undefined || owner === null || ids.has(owner)) own.push(event);
  }
  return own;
}
