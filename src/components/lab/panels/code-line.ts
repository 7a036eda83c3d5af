/**
 * The line the code panel highlights at the cursor: the line the narrated step's own code is on,
 * so the code and the sentence beside it describe the same moment. A request that has just arrived
 * has run no line yet, so nothing is highlighted then (the previous request's last line would be
 * one step behind the sentence).
 */
import type { Actor, TraceEvent } from '../../../scenarios/events.ts';
import { beatAt, isNarratable } from '../../../store/flow.ts';

export interface ActiveLine {
  /** The line's id in the rendering, or null when the narrated code has run no line yet. */
  readonly lineId: string | null;
  /** Names the rendering (a `code.line` event's `strategy`). */
  readonly strategy: string;
  /** Lines the same code ran earlier in this step, space-separated (marked lighter). */
  readonly ran: string;
}

/** How far back a search for a line goes: a step's code ran close to it, and a long trace is never walked whole. */
const LOOK_BACK = 5_000;

type CodeLineEvent = Extract<TraceEvent, { type: 'code.line' }>;

/** Which code an event belongs to: a request's, or code that serves none on an instance (a task, the listener, the console's SCAN). */
function ownerOf(event: TraceEvent): ((line: CodeLineEvent) => boolean) | null {
  const requestId = 'requestId' in event ? event.requestId : undefined;
  if (typeof requestId === 'number') return (line) => line.requestId === requestId;
  const instance: Actor | undefined = 'instance' in event ? event.instance : 'actor' in event ? event.actor : undefined;
  if (instance === undefined) return null;
  // An event of no request (a task's command) is that instance's code outside requests; one that names no request at all (a local copy kept) is the instance's.
  return requestId === null ? (line) => line.requestId === null && line.instance === instance : (line) => line.instance === instance;
}

/**
 * The active line at the cursor: with a request chosen, that request's latest line; else the latest
 * line of the code the narrated event belongs to (none for an action, an expiry or a fault). Null
 * before any line has run.
 */
export function activeCodeLine(trace: readonly TraceEvent[], length: number, index: number, time: number, selected: number | null): ActiveLine | null {
  const end = Math.min(index, length);
  let latest: CodeLineEvent | null = null;
  for (let i = end - 1; i >= 0 && i >= end - LOOK_BACK && !latest; i--) {
    const event = trace[i]!;
    if (event.type === 'code.line') latest = event;
  }
  if (!latest) return null;
  let belongs: ((line: CodeLineEvent) => boolean) | null = (line) => line.requestId === selected;
  let request = selected;
  if (selected === null) {
    const beat = beatAt(trace, length, index, time);
    const narrated = beat ? trace[beat.index - 1]! : null;
    belongs = narrated ? ownerOf(narrated) : null;
    request = narrated && 'requestId' in narrated && typeof narrated.requestId === 'number' ? narrated.requestId : null;
  }
  if (belongs) {
    for (let i = end - 1; i >= 0 && i >= end - LOOK_BACK; i--) {
      const event = trace[i]!;
      // A request's lines all come after its arrival.
      if (event.type === 'request.arrived' && event.requestId === request) break;
      if (event.type === 'code.line' && belongs(event)) return { lineId: event.lineId, strategy: event.strategy, ran: ranBefore(trace, i) };
    }
  }
  return { lineId: null, strategy: latest.strategy, ran: '' };
}

/** Lines the same code ran just before the line at `seq` (no narrated event between): a local hit's local-get, the listener's on-message. */
function ranBefore(trace: readonly TraceEvent[], seq: number): string {
  const line = trace[seq] as CodeLineEvent;
  const ran: string[] = [];
  for (let j = seq - 1; j >= 0 && !isNarratable(trace[j]!); j--) {
    const before = trace[j]!;
    if (before.type === 'code.line' && before.requestId === line.requestId && before.instance === line.instance && before.strategy === line.strategy) ran.push(before.lineId);
  }
  return ran.join(' ');
}
