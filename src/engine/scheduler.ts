/**
 * A discrete-event scheduler over a virtual clock in integer milliseconds.
 * Events at the same instant run in a fixed order: by time, then priority (lower first), then
 * the order they were scheduled in, so a run is reproducible.
 *
 * @example
 * const s = new Scheduler();
 * s.schedule(10, () => console.log(s.now)); // 10
 * s.runUntil(100);
 */
export type Task = () => void;

interface Entry {
  at: number;
  priority: number;
  seq: number;
  task: Task;
}

/** Priorities for events that share an instant. */
export const Priority = {
  /** Redis active expiry runs before commands of the same ms. */
  expiry: 1,
  normal: 5,
  /** New workload arrivals come after work already in flight. */
  arrival: 8,
  /**
   * Learner actions run after everything else due at their instant: a live session has already
   * run that instant when the learner acts, so a replay (fork) must order them the same way.
   */
  action: 9,
} as const;

export class Scheduler {
  private heap: Entry[] = [];
  /** Entries already run, reused so a long run does not allocate one per event. */
  private spare: Entry[] = [];
  private counter = 0;
  private clock = 0;

  /** Current virtual time (ms). */
  get now(): number {
    return this.clock;
  }

  get pending(): number {
    return this.heap.length;
  }

  /** Time of the next event, or null if none is pending. */
  peekTime(): number | null {
    return this.heap.length > 0 ? this.heap[0]!.at : null;
  }

  /** Schedule `task` at absolute time `at` (clamped to now; rounded down to whole ms). */
  schedule(at: number, task: Task, priority: number = Priority.normal): void {
    const time = at <= this.clock ? this.clock : Math.floor(at);
    let entry = this.spare.pop();
    if (entry === undefined) entry = { at: time, priority, seq: this.counter++, task };
    else {
      entry.at = time;
      entry.priority = priority;
      entry.seq = this.counter++;
      entry.task = task;
    }
    const heap = this.heap;
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!before(entry, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  /** Run events with time <= `until`, then leave the clock at `until`. */
  runUntil(until: number): void {
    const heap = this.heap;
    while (heap.length > 0 && heap[0]!.at <= until) {
      const entry = this.pop();
      this.clock = entry.at;
      const task = entry.task;
      this.recycle(entry);
      task();
    }
    if (until > this.clock) this.clock = Math.floor(until);
  }

  /** Run the next event, if any; returns false when the queue is empty. */
  step(): boolean {
    if (this.heap.length === 0) return false;
    const entry = this.pop();
    this.clock = entry.at;
    const task = entry.task;
    this.recycle(entry);
    task();
    return true;
  }

  private recycle(entry: Entry): void {
    entry.task = noop;
    if (this.spare.length < 1024) this.spare.push(entry);
  }

  private pop(): Entry {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (r < n && before(heap[r]!, heap[l]!)) c = r;
        if (!before(heap[c]!, last)) break;
        heap[i] = heap[c]!;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  }
}

const noop: Task = () => {};

function before(a: Entry, b: Entry): boolean {
  if (a.at !== b.at) return a.at < b.at;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}
