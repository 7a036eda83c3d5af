/**
 * Where the work an action started has played out, read from a trace: the predict check's reveal
 * is judged up to there. Apart from views.ts because only the check (loaded on demand) needs it.
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
