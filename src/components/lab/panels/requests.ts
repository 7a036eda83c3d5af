/** The requests of a trace, for choosing one to draw, and the ones that raced with it. */
import type { TraceEvent } from '../../../scenarios/events.ts';

export interface RequestSummary {
  readonly requestId: number;
  readonly kind: 'read' | 'write' | 'refresh' | 'drain';
  readonly key: string;
  readonly instance: number;
  readonly arrivedSeq: number;
  /** seq of its `request.served`, or null while in flight at the end of what was indexed. */
  servedSeq: number | null;
}

class RequestIndex {
  processed = 0;
  readonly list: RequestSummary[] = [];
  readonly byId = new Map<number, RequestSummary>();

  sync(trace: readonly TraceEvent[], length: number): void {
    for (; this.processed < length; this.processed++) {
      const event = trace[this.processed]!;
      if (event.type === 'request.arrived') {
        const summary = { requestId: event.requestId, kind: event.kind, key: event.key, instance: event.instance, arrivedSeq: event.seq, servedSeq: null };
        this.list.push(summary);
        this.byId.set(event.requestId, summary);
      } else if (event.type === 'request.served') {
        const summary = this.byId.get(event.requestId);
        if (summary) summary.servedSeq = event.seq;
      }
    }
  }
}

const indexes = new WeakMap<readonly TraceEvent[], RequestIndex>();

function requestIndex(trace: readonly TraceEvent[], length: number): RequestIndex {
  let index = indexes.get(trace);
  if (!index) indexes.set(trace, (index = new RequestIndex()));
  index.sync(trace, length);
  return index;
}

/** The last `limit` requests that arrived before `index`, newest first. */
export function recentRequests(trace: readonly TraceEvent[], length: number, index: number, limit = 100): RequestSummary[] {
  const { list } = requestIndex(trace, length);
  const out: RequestSummary[] = [];
  for (let i = list.length - 1; i >= 0 && out.length < limit; i--) if (list[i]!.arrivedSeq < index) out.push(list[i]!);
  return out;
}

/**
 * The requests on the same key whose lifetimes overlapped the given one's (as seen at `index`),
 * with it, in arrival order: a slow reader and the writer that committed meanwhile, say.
 *
 * @example raceOf(trace, trace.length, trace.length, 7) // [7, 8]: read #7 and write #8 of user:1 overlapped
 */
export function raceOf(trace: readonly TraceEvent[], length: number, index: number, requestId: number): number[] {
  const { list, byId } = requestIndex(trace, length);
  const me = byId.get(requestId);
  if (!me || me.arrivedSeq >= index) return [];
  const end = (r: RequestSummary) => (r.servedSeq === null || r.servedSeq >= index ? index : r.servedSeq);
  return list
    .filter((r) => r.key === me.key && r.arrivedSeq < index && r.arrivedSeq <= end(me) && me.arrivedSeq <= end(r))
    .map((r) => r.requestId);
}

/**
 * Recent races: a write and the reads on its key that overlapped it (newest write first), each as
 * its request ids in arrival order. In the stale-set race the slow reader and the writer form one.
 */
export function recentRaces(trace: readonly TraceEvent[], length: number, index: number, limit = 5): number[][] {
  const { byId } = requestIndex(trace, length);
  const races: number[][] = [];
  for (const request of recentRequests(trace, length, index, 200)) {
    if (races.length >= limit) break;
    if (request.kind !== 'write') continue;
    const race = raceOf(trace, length, index, request.requestId);
    if (race.some((id) => byId.get(id)?.kind === 'read')) races.push(race);
  }
  return races;
}
