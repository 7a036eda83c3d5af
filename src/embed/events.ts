/**
 * The lab events an embed reports (hit, miss, stampede-over), read from the trace as the cursor
 * passes them, so a page hears them in step with what the learner sees.
 */
import type { TraceEvent } from '../scenarios/events.ts';
import type { LabStore } from '../store/index.ts';
import type { LabMessage } from './protocol.ts';

export type LabEvent = Extract<LabMessage, { type: 'hit' | 'miss' | 'stampede-over' }>;

/** A burst still being answered: how many readers are left and what the database did meanwhile. */
interface BurstWatch {
  readers: number;
  pending: Set<number>;
  waiting: number;
  dbReads: number;
}

/** Follows a trace event by event; `feed` returns the lab events that event completes. */
export class LabEventReader {
  private burst: BurstWatch | null = null;

  feed(event: TraceEvent): LabEvent[] {
    const out: LabEvent[] = [];
    const burst = this.burst;
    switch (event.type) {
      case 'action':
        if (event.action.type === 'burst') {
          const count = typeof event.action['count'] === 'number' ? event.action['count'] : 0;
          this.burst = { readers: count, pending: new Set(), waiting: count, dbReads: 0 };
        }
        break;
      case 'redis.reply':
        // Only the app's own cache reads count, not the learner's console.
        if (event.outcome !== null && event.actor !== 'console' && event.argv[0]?.toUpperCase() === 'GET') {
          out.push({ type: event.outcome, key: event.argv[1] ?? '', at: event.at });
        }
        break;
      case 'request.arrived':
        if (burst && burst.waiting > 0 && event.kind === 'read') {
          burst.pending.add(event.requestId);
          burst.waiting--;
        }
        break;
      case 'db.finished':
        if (burst && event.op === 'read') burst.dbReads++;
        break;
      case 'request.served':
        if (burst && burst.pending.delete(event.requestId) && burst.pending.size === 0 && burst.waiting === 0) {
          out.push({ type: 'stampede-over', at: event.at, readers: burst.readers, dbReads: burst.dbReads });
          this.burst = null;
        }
        break;
      default:
        break;
    }
    return out;
  }
}

/** The events of `trace[from..to)` in order, read from a fresh reader over `trace[0..to)`. */
export function labEventsBetween(trace: readonly TraceEvent[], from: number, to: number): LabEvent[] {
  const reader = new LabEventReader();
  const out: LabEvent[] = [];
  for (let i = 0; i < Math.min(to, trace.length); i++) {
    const events = reader.feed(trace[i]!);
    if (i >= from) out.push(...events);
  }
  return out;
}

/**
 * Calls `emit` for each lab event the cursor moves forward over. Moving back, a fork or a reset
 * re-reads up to the new position silently (what is behind the cursor was already reported).
 */
export function watchLabEvents(store: LabStore, emit: (event: LabEvent) => void): () => void {
  let reader = new LabEventReader();
  // The run's log: a fork, stage, reset or restored link starts a new one.
  let trace = store.getState().trace.events;
  let position = 0;
  const catchUp = (to: number, report: boolean) => {
    for (; position < to && position < trace.length; position++) {
      const events = reader.feed(trace[position]!);
      if (report) events.forEach(emit);
    }
  };
  catchUp(store.getState().cursor.index, false);
  return store.subscribe((state) => {
    // A fork or a reset starts a new simulation whose past the learner has already seen.
    const restarted = state.trace.events !== trace;
    trace = state.trace.events;
    if (restarted || state.cursor.index < position) {
      reader = new LabEventReader();
      position = 0;
      catchUp(state.cursor.index, false);
      return;
    }
    catchUp(state.cursor.index, true);
  });
}
