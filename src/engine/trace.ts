/**
 * The trace: an append-only record of typed events, the single source of truth for the past.
 * Generic over its event type; the cache-aside schema lives in `src/scenarios/events.ts`.
 *
 * A trace stamps each event with `seq` (its index). `createTrace(false)` is the headless fast
 * path: a recorder that keeps nothing, so callers push without asking whether anyone listens.
 *
 * @example
 * const trace = createTrace<{ seq: number; at: number; type: 'tick' }>(true);
 * trace.push({ type: 'tick', at: 5 });
 * trace.events[0]; // { type: 'tick', at: 5, seq: 0 }
 */

/** What every event carries: its index in the trace and its virtual time (integer ms). */
export interface Stamped {
  readonly seq: number;
  readonly at: number;
}

/** Distributive Omit: removes keys from each member of a union. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event before the trace stamps its `seq`. */
export type Unstamped<E extends Stamped> = DistributiveOmit<E, 'seq'>;

/** Where events go: a real trace or one that drops them. */
export interface TraceSink<E extends Stamped> {
  /** False for the recorder that keeps nothing (the headless fast path). */
  readonly recording: boolean;
  push(event: Unstamped<E>): void;
}

export class Trace<E extends Stamped> implements TraceSink<E> {
  readonly recording = true;
  readonly events: E[] = [];

  push(event: Unstamped<E>): void {
    (event as { seq?: number }).seq = this.events.length;
    this.events.push(event as unknown as E);
  }

  get length(): number {
    return this.events.length;
  }
}

/** Keeps nothing: pushing costs a call. Its `events` stay empty. */
class NoTrace<E extends Stamped> implements TraceSink<E> {
  readonly recording = false;
  readonly events: readonly E[] = [];
  push(): void {}
  get length(): number {
    return 0;
  }
}

/** A trace that records, or (`false`) one that keeps nothing. */
export function createTrace<E extends Stamped>(record: boolean): Trace<E> | NoTrace<E> {
  return record ? new Trace<E>() : new NoTrace<E>();
}

export type { NoTrace };
