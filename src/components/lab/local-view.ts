/**
 * Lesson 15: each app instance's local cache at the cursor (keys in natural order: user:2 before
 * user:10; localeCompare's numeric order, as importing natural-order.ts would split it into a chunk of its own), derived from the trace (`local.stored`,
 * `local.dropped`, `sync.delivered`), and the invalidation messages sent and lost so far.
 */
import type { TraceEvent } from '../../scenarios/events.ts';

export interface LocalCopy {
  readonly key: string;
  /** The row version the copy holds (null when the value has none). */
  readonly version: number | null;
  readonly storedAt: number;
  readonly expiresAt: number;
}

export interface LocalCachesView {
  /** Per instance, its live copies in natural key order. */
  readonly instances: readonly (readonly LocalCopy[])[];
  readonly messagesSent: number;
  readonly messagesLost: number;
  /** Messages on their way (sent, not yet arrived or lost). */
  readonly messagesInFlight: number;
  /** Each row's version in the database (by cache key), as the database panel counts it: the highest a successful query saw. */
  readonly rowVersions: ReadonlyMap<string, number>;
}

/**
 * The local caches after the first `index` events, at virtual `time` (a copy past its local TTL is
 * gone, as the instance would find it on its next read).
 *
 * @example localCaches(trace, cursor.index, cursor.time).instances[1] // [{ key: 'user:1', version: 1, ... }]
 */
export function localCaches(trace: readonly TraceEvent[], index: number, time: number, instances: number): LocalCachesView {
  const caches: Map<string, LocalCopy>[] = Array.from({ length: instances }, () => new Map());
  const cacheOf = (instance: number) => (caches[instance] ??= new Map());
  let messagesSent = 0;
  let messagesLost = 0;
  let messagesInFlight = 0;
  const rowVersions = new Map<string, number>();
  const end = Math.min(index, trace.length);
  for (let i = 0; i < end; i++) {
    const event = trace[i]!;
    switch (event.type) {
      case 'local.stored':
        cacheOf(event.instance).set(event.key, { key: event.key, version: event.version, storedAt: event.at, expiresAt: event.expiresAt });
        break;
      case 'local.dropped':
        cacheOf(event.instance).delete(event.key);
        break;
      case 'sync.message':
        messagesSent++;
        if (event.lost) messagesLost++;
        else if (event.arrivesAt > time) messagesInFlight++;
        break;
      case 'db.finished':
        // The database panel's rule (database-view.ts), repeated so this lazily loaded panel does not share its chunk.
        if (event.ok && event.version !== null) {
          const key = event.key ?? `${event.table}:${event.id}`;
          rowVersions.set(key, Math.max(rowVersions.get(key) ?? 0, event.version));
        }
        break;
      case 'sync.delivered':
        for (const key of event.dropped) cacheOf(event.instance).delete(key);
        break;
      default:
        break;
    }
  }
  return {
    instances: caches.map((cache) => [...cache.values()].filter((copy) => time <= copy.expiresAt).sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }))),
    messagesSent,
    messagesLost,
    messagesInFlight,
    rowVersions,
  };
}
