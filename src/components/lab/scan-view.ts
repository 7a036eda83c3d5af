/**
 * SCAN as Redis runs it, derived from the trace: the keyspace's bucket table at each SCAN (its
 * size replayed with the emulator's own resize rules, each key in bucket `hash & (size - 1)`), the
 * buckets the call visited in reverse-binary order, the keys it examined there and those it
 * returned. A KEYS call is drawn the same way: one call that visits every bucket.
 */
import type { TraceEvent } from '../../scenarios/events.ts';
import { hashKey, MIN_TABLE, nextScanCursor, tableSizeAfterAdd, tableSizeAfterRemove } from '../../redis/keyspace.ts';
import { naturalCompare } from '../../scenarios/natural-order.ts';

/** Beyond this many keys the table is not drawn (a lesson's SCAN has a few dozen). */
export const MAX_DRAWN_KEYS = 256;

export interface ScanStepView {
  readonly seq: number;
  /** SCAN visits a few buckets per call; KEYS walks the whole table in one. */
  readonly command: 'SCAN' | 'KEYS';
  readonly cursor: number;
  readonly nextCursor: number;
  readonly pattern: string | null;
  readonly tableSize: number;
  /** Keys per bucket index, or null when the keyspace was too large to draw. */
  readonly buckets: readonly (readonly string[])[] | null;
  /** Bucket indexes this call visited, in visiting order. */
  readonly visited: readonly number[];
  /** Keys in the visited buckets: each one is compared with the pattern. */
  readonly examined: number;
  readonly returned: readonly string[];
}

/**
 * Bucket indexes of a table of `tableSize` in the order SCAN visits them from cursor 0.
 *
 * @example visitOrder(8) // [0, 4, 2, 6, 1, 5, 3, 7]
 */
export function visitOrder(tableSize: number): number[] {
  const mask = tableSize - 1;
  const order: number[] = [];
  let cursor = 0;
  do {
    order.push(cursor & mask);
    cursor = nextScanCursor(cursor, mask);
  } while (cursor !== 0 && order.length <= tableSize);
  return order;
}

/** The buckets one SCAN call visited: from `cursor` until it returned `next` (0 = it wrapped). */
export function visitedBuckets(cursor: number, next: number, tableSize: number): number[] {
  const mask = tableSize - 1;
  const visited: number[] = [];
  let v = cursor;
  do {
    visited.push(v & mask);
    v = nextScanCursor(v, mask);
  } while (v !== 0 && (v & mask) !== (next & mask) && visited.length <= tableSize);
  return visited;
}

class ScanIndex {
  processed = 0;
  readonly keys = new Set<string>();
  tableSize = MIN_TABLE;
  readonly steps: ScanStepView[] = [];

  private add(key: string): void {
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.tableSize = tableSizeAfterAdd(this.tableSize, this.keys.size);
  }

  private remove(key: string): void {
    if (!this.keys.delete(key)) return;
    this.tableSize = tableSizeAfterRemove(this.tableSize, this.keys.size);
  }

  sync(trace: readonly TraceEvent[], length: number): void {
    for (; this.processed < length; this.processed++) {
      const event = trace[this.processed]!;
      if (event.type === 'key.expired') this.remove(event.key);
      if (event.type !== 'redis.executed' && event.type !== 'keyspace.seeded') continue;
      const command = event.type === 'redis.executed' ? event.argv[0]?.toUpperCase() : undefined;
      if (event.type === 'redis.executed' && (command === 'SCAN' || command === 'KEYS')) this.step(event);
      for (const change of event.changes) {
        if (change.entry === null) this.remove(change.key);
        else this.add(change.key);
      }
    }
  }

  private step(event: Extract<TraceEvent, { type: 'redis.executed' }>): void {
    const reply = event.reply;
    if (reply.type !== 'array' || reply.value === null) return;
    const keys = event.argv[0]!.toUpperCase() === 'KEYS';
    // KEYS pattern answers the keys; SCAN cursor [MATCH pattern] answers [next cursor, keys].
    const [next, found] = keys ? [null, reply] : reply.value;
    const cursor = keys ? 0 : Number(event.argv[1]);
    const nextCursor = keys ? 0 : next?.type === 'bulk' ? Number(next.value) : NaN;
    if (!Number.isSafeInteger(cursor) || !Number.isSafeInteger(nextCursor)) return;
    const at = event.argv.findIndex((arg, i) => i > 1 && arg.toUpperCase() === 'MATCH');
    const returned = found?.type === 'array' && found.value ? found.value.flatMap((k) => (k.type === 'bulk' && k.value !== null ? [k.value] : [])) : [];
    const visited = keys ? Array.from({ length: this.tableSize }, (_, i) => i) : visitedBuckets(cursor, nextCursor, this.tableSize);
    const inVisited = new Set(visited);
    let examined = 0;
    for (const key of this.keys) if (inVisited.has(hashKey(key) & (this.tableSize - 1))) examined++;
    let buckets: string[][] | null = null;
    if (this.keys.size <= MAX_DRAWN_KEYS) {
      buckets = Array.from({ length: this.tableSize }, () => []);
      for (const key of this.keys) buckets[hashKey(key) & (this.tableSize - 1)]!.push(key);
      for (const bucket of buckets) bucket.sort(naturalCompare);
    }
    this.steps.push({
      seq: event.seq,
      command: keys ? 'KEYS' : 'SCAN',
      cursor,
      nextCursor,
      pattern: keys ? (event.argv[1] ?? null) : at > 0 ? (event.argv[at + 1] ?? null) : null,
      tableSize: this.tableSize,
      buckets,
      visited,
      examined,
      returned,
    });
  }
}

const indexes = new WeakMap<readonly TraceEvent[], ScanIndex>();

/** Every SCAN (and KEYS) call before `index` (events [0, index)), oldest first. */
export function scanSteps(trace: readonly TraceEvent[], index: number): ScanStepView[] {
  let scan = indexes.get(trace);
  if (!scan) indexes.set(trace, (scan = new ScanIndex()));
  scan.sync(trace, Math.min(trace.length, index));
  return scan.steps.filter((step) => step.seq < index);
}
