/**
 * Pure derivations of what the keyspace shows from (trace, cursor). Each trace gets one incremental
 * index: the prefix of a trace never changes (a fork makes a new array), so work done once is kept.
 * The sentences for events are `narration.ts`.
 */
import { plural } from '../../scenarios/format.ts';
import type { KeyEntry, TraceEvent } from '../../scenarios/events.ts';
import type { Reply } from '../../redis/reply.ts';
import { countBefore } from '../../engine/search.ts';
import { naturalCompare } from '../../scenarios/natural-order.ts';

export type TouchKind = 'set' | 'read' | 'miss' | 'delete' | 'expire' | 'evict';

interface Touch {
  readonly seq: number;
  readonly at: number;
  readonly kind: TouchKind;
  /** For sets: the moment the TTL started, to size the TTL bar. */
  readonly setAt?: number;
  /** Under LFU: the key's access counter after this touch. */
  readonly freq?: number;
  /** For sets: the command that changed the key (RPUSH on a list is not a SET). */
  readonly command?: string;
}

class TraceIndex {
  processed = 0;
  readonly touches = new Map<string, Touch[]>();
  /** The `set` touches alone, so the TTL bar's start is a binary search, not a walk back past every read. */
  readonly sets = new Map<string, Touch[]>();
  /** Every key removal (expiry or delete), in trace order, for the keyspace's ghost rows. */
  readonly removals: { seq: number; at: number; key: string }[] = [];

  sync(trace: readonly TraceEvent[], length: number) {
    for (let i = this.processed; i < length; i++) this.add(trace[i]!);
    this.processed = Math.max(this.processed, length);
  }

  private touch(key: string, touch: Touch) {
    let list = this.touches.get(key);
    if (!list) this.touches.set(key, (list = []));
    list.push(touch);
    if (touch.kind !== 'set') return;
    let sets = this.sets.get(key);
    if (!sets) this.sets.set(key, (sets = []));
    sets.push(touch);
  }

  private add(event: TraceEvent) {
    if (event.type === 'redis.executed') {
      const freq = event.freq === undefined ? {} : { freq: event.freq };
      for (const change of event.changes) {
        this.touch(change.key, change.entry ? { seq: event.seq, at: event.at, kind: 'set', setAt: event.at, command: event.argv[0]?.toLowerCase(), ...freq } : { seq: event.seq, at: event.at, kind: 'delete' });
        if (!change.entry) this.removals.push({ seq: event.seq, at: event.at, key: change.key });
      }
      if (event.outcome && event.argv[1] !== undefined && event.changes.length === 0) {
        this.touch(event.argv[1], { seq: event.seq, at: event.at, kind: event.outcome === 'hit' ? 'read' : 'miss', ...freq });
      }
    } else if (event.type === 'key.expired' || event.type === 'key.evicted') {
      this.touch(event.key, { seq: event.seq, at: event.at, kind: event.type === 'key.expired' ? 'expire' : 'evict' });
      this.removals.push({ seq: event.seq, at: event.at, key: event.key });
    }
  }
}

const indexes = new WeakMap<readonly TraceEvent[], TraceIndex>();

/** The index of `trace`, synced to its first `length` events. */
export function traceIndex(trace: readonly TraceEvent[], length = trace.length): TraceIndex {
  let index = indexes.get(trace);
  if (!index) indexes.set(trace, (index = new TraceIndex()));
  index.sync(trace, length);
  return index;
}

export interface KeyRow {
  readonly key: string;
  readonly entry: KeyEntry;
  /** ms of TTL left at the cursor (negative: logically expired, not yet removed), or null. */
  readonly ttlLeft: number | null;
  /** 0..1 share of the TTL left, for the bar. */
  readonly ttlShare: number | null;
  readonly role: 'data' | 'null' | 'lock';
  /** The most recent thing that happened to the key, if it was recent (for the flash and badge); `command` for a change. */
  readonly touch: { kind: TouchKind; seq: number; command?: string } | null;
  readonly gone: boolean;
  /** ms since the app last read or wrote the key (what LRU compares), or null when unknown. */
  readonly idleMs: number | null;
  /** Under LFU, the key's access counter after its last access (what LFU compares), else null. */
  readonly freq: number | null;
}

/** How long (virtual ms) a touch counts as recent for the badge. */
export const RECENT_MS = 1_500;

export function keyRole(key: string, value: string): KeyRow['role'] {
  if (/^lock:|:lock$/.test(key)) return 'lock';
  if (/^(NULL|__null__|null|nil|∅|)$/.test(value)) return 'null';
  return 'data';
}

function lastTouchBefore(list: readonly Touch[] | undefined, index: number): Touch | null {
  if (!list) return null;
  const before = countBefore(list, (touch) => touch.seq < index);
  return before > 0 ? list[before - 1]! : null;
}

/**
 * The keyspace rows at the cursor: live keys, plus keys removed in the last moments (as ghosts),
 * at most `limit` of them (the keyspace may hold thousands).
 */
export function keyRows(trace: readonly TraceEvent[], keyspace: ReadonlyMap<string, KeyEntry>, index: number, now: number, limit = Infinity): KeyRow[] {
  const { touches, sets, removals } = traceIndex(trace, index);
  const rows: KeyRow[] = [];
  const recent = (touch: Touch | null) => (touch && now - touch.at <= RECENT_MS ? { kind: touch.kind, seq: touch.seq, ...(touch.command ? { command: touch.command } : {}) } : null);
  for (const [key, entry] of keyspace) {
    if (rows.length >= limit) break;
    const list = touches.get(key);
    const touch = lastTouchBefore(list, index);
    const set = lastTouchBefore(sets.get(key), index);
    const ttlLeft = entry.expireAt === null ? null : entry.expireAt - now;
    const total = entry.expireAt !== null && set ? entry.expireAt - (set.setAt ?? set.at) : null;
    const ttlShare = ttlLeft === null ? null : total && total > 0 ? Math.max(0, Math.min(1, ttlLeft / total)) : ttlLeft > 0 ? 1 : 0;
    const accessed = touch && (touch.kind === 'read' || touch.kind === 'set') ? touch : null;
    rows.push({
      key, entry, ttlLeft, ttlShare, role: keyRole(key, entry.value), touch: recent(touch), gone: ttlLeft !== null && ttlLeft < 0,
      idleMs: accessed ? now - accessed.at : null, freq: accessed?.freq ?? null,
    });
  }
  // Ghosts: keys deleted or expired in the last RECENT_MS, found by walking back through the trace.
  const ghosts = new Set<string>();
  for (let i = countBefore(removals, (removal) => removal.seq < index) - 1; i >= 0 && rows.length + ghosts.size < limit; i--) {
    const removal = removals[i]!;
    if (now - removal.at > RECENT_MS) break;
    if (!keyspace.has(removal.key)) ghosts.add(removal.key);
  }
  for (const key of ghosts) {
    const touch = lastTouchBefore(touches.get(key), index);
    if (!touch || (touch.kind !== 'expire' && touch.kind !== 'delete' && touch.kind !== 'evict')) continue;
    rows.push({ key, entry: { type: 'string', value: '', expireAt: null }, ttlLeft: null, ttlShare: 0, role: 'data', touch: { kind: touch.kind, seq: touch.seq }, gone: true, idleMs: null, freq: null });
  }
  return rows.sort((a, b) => naturalCompare(a.key, b.key));
}

/**
 * A list's items from its keyspace preview (`[a, b, c]`). Items are joined by ", ", so a
 * separator inside braces or brackets (a JSON item's own commas) stays in its item.
 * @example listItems('[{"id":"1","v":2}, b]') // ['{"id":"1","v":2}', 'b']
 */
export function listItems(preview: string): string[] {
  if (!preview.startsWith('[') || !preview.endsWith(']') || preview.length === 2) return preview === '[]' ? [] : [preview];
  const items: string[] = [];
  let depth = 0;
  let start = 1;
  for (let i = 1; i < preview.length - 1; i++) {
    const c = preview[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (depth === 0 && c === ',' && preview[i + 1] === ' ') {
      items.push(preview.slice(start, i));
      start = i + 2;
    }
  }
  items.push(preview.slice(start, -1));
  return items;
}

/** redis-cli's short rendering of a reply, for sentences. */
export function replyPreview(reply: Reply): string {
  switch (reply.type) {
    case 'bulk':
      return reply.value === null ? '(nil)' : `"${truncate(reply.value, 40)}"`;
    case 'status':
      return reply.value;
    case 'error':
      return `(error) ${reply.message}`;
    case 'integer':
      return `(integer) ${reply.value}`;
    case 'double':
      // RESP2 (what the app speaks) sends a double as a bulk string: ZINCRBY's new score, "1".
      return `"${reply.value}"`;
    case 'null':
      return '(nil)';
    case 'array':
      return reply.value === null ? '(nil)' : plural(reply.value.length, 'item');
    default:
      return reply.type;
  }
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}
