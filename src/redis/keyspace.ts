/**
 * One logical database: a Map from key to entry (value and expiry, so the hot path does one
 * lookup), the set of keys with an expiry (Redis's `db->expires`, for the active cycle), and a
 * power-of-two bucket table over a key hash so SCAN can use Redis's reverse-binary cursor and keep
 * its guarantee across resizes.
 */

import type { HashValue, ListValue, SetValue, StreamValue, ZSetValue } from './values.ts';

/** A stored value: a string or one of the collection types of values.ts. */
export type StoredValue = string | HashValue | ListValue | SetValue | ZSetValue | StreamValue;

/** An absolute expiry time in ms; a bigint only beyond 2^53 (PXAT near INT64_MAX). */
export type ExpireAt = number | bigint;

import type { Session } from './session.ts';
import { DICT_ENTRY_ALLOC, keyCharge } from './memory.ts';
import { lfuInitial } from './evict.ts';

/** What new keys start their access data from: the emulator (its `now` and eviction policy). */
export interface AccessClock {
  readonly now: number;
  /** Redis's LRU_CLOCK() for `now` (evict.ts lruClock). */
  readonly lruClock: number;
  /** An LFU maxmemory-policy is set: `Entry.lru` holds LFU data. */
  readonly lfu: boolean;
}

/** The smallest bucket table. */
export const MIN_TABLE = 4;

/** FNV-1a over the bytes: cheap, deterministic, well spread for short keys. A key's bucket is `hashKey(key) & (tableSize - 1)`. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The bucket table's size once a key is added and `size` keys are stored: it doubles when the keys outnumber the buckets. */
export function tableSizeAfterAdd(tableSize: number, size: number): number {
  return size > tableSize ? tableSize * 2 : tableSize;
}

/** The bucket table's size once a key is removed and `size` keys remain: it shrinks to fit when under a tenth full. */
export function tableSizeAfterRemove(tableSize: number, size: number): number {
  if (tableSize <= MIN_TABLE || size * 10 >= tableSize) return tableSize;
  let fitted = MIN_TABLE;
  while (fitted < size) fitted *= 2;
  return fitted;
}

/**
 * The cursor after visiting bucket `cursor & mask` (Redis's dictScan): increment the reversed
 * cursor, so buckets are visited in reverse-binary order and a resize between calls loses no key.
 *
 * @example [0, 2, 1, 3].map((c) => nextScanCursor(c, 3)) // [2, 1, 3, 0]
 */
export function nextScanCursor(cursor: number, mask: number): number {
  let v = (cursor | ~mask) >>> 0;
  v = reverseBits32(v);
  v = (v + 1) >>> 0;
  return reverseBits32(v);
}

function reverseBits32(v: number): number {
  v = ((v >>> 1) & 0x55555555) | ((v & 0x55555555) << 1);
  v = ((v >>> 2) & 0x33333333) | ((v & 0x33333333) << 2);
  v = ((v >>> 4) & 0x0f0f0f0f) | ((v & 0x0f0f0f0f) << 4);
  v = ((v >>> 8) & 0x00ff00ff) | ((v & 0x00ff00ff) << 8);
  return ((v >>> 16) | (v << 16)) >>> 0;
}

/** One key's slot: its value and absolute expiry (`NO_EXPIRY` when persistent). */
export interface Entry {
  value: StoredValue;
  expireAt: ExpireAt;
  /** Redis's `robj->lru`: the LRU clock of the last access, or LFU data (evict.ts) under an LFU policy. */
  lru: number;
  /** What the key adds to used_memory (memory.ts), kept current by `recharge`. */
  charge: number;
  /** Where the key sits in `Keyspace.volatileKeys`, or -1 when persistent. */
  volatileSlot: number;
}

/** A minimal read-only map view. */
export interface KeyspaceView<T> {
  readonly size: number;
  get(key: string): T | undefined;
  has(key: string): boolean;
  keys(): IterableIterator<string>;
}

/** One client's WATCH of one key (Redis's `watchedKey`). */
export interface WatchedKey {
  readonly key: string;
  readonly db: Keyspace;
  readonly session: Session;
  /** The key was logically expired when WATCHed: its deletion is then no change. */
  expired: boolean;
}

/** Persistent keys expire at +Infinity, so `now > expireAt` needs no special case. */
export const NO_EXPIRY = Infinity;

export class Keyspace {
  /** Every key and its entry; one lookup gives both the value and the expiry. */
  readonly entries = new Map<string, Entry>();
  /** The same entries in a null-prototype dictionary, the hot path's lookup. */
  index: Record<string, Entry | undefined> = Object.create(null) as Record<string, Entry | undefined>;
  /** Lower bound of every expiry in `volatile`, so the active cycle can skip idle databases. */
  earliestExpiry: ExpireAt = Infinity;
  /**
   * Keys with an expiry (Redis's `db->expires`), in an array where a removed key's slot gets the
   * last key, so the active expiry cycle can pick random ones in O(1).
   */
  readonly volatileKeys: string[] = [];
  /** Their entries, slot for slot, so the active cycle reads an expiry without a lookup by key. */
  readonly volatileEntries: Entry[] = [];
  /** Told of each TTL set on this database (`RedisEmulator.onExpirySet`). */
  readonly expiryListeners: ((key: string, expireAt: number) => void)[] = [];

  /** The volatile keys as a read-only collection (INFO keyspace counts and averages them). */
  get volatile(): { readonly size: number; [Symbol.iterator](): Iterator<string> } {
    const keys = this.volatileKeys;
    return { size: keys.length, [Symbol.iterator]: () => keys.values() };
  }
  /** WATCHed keys of this database and who watches them (Redis's `db->watched_keys`); see transactions.ts. */
  readonly watchedKeys = new Map<string, WatchedKey[]>();
  /** Bytes of keys, values and expiry entries (memory.ts) but for `dirty` keys; see `usedBytes`. */
  memory = 0;
  /**
   * Writes re-price keys (`touched`) only while a maxmemory is set: without one nothing reads
   * used_memory on the hot path, and `usedBytes` prices every key when INFO or MEMORY asks.
   */
  tracked = false;
  /** Keys written since the last `usedBytes`: re-priced when memory is read, not on every write. */
  private dirty: string[] = [];
  private buckets: Array<string[] | undefined> = new Array<string[] | undefined>(MIN_TABLE);
  private mask = MIN_TABLE - 1;

  constructor(
    readonly id: number,
    private readonly clock: AccessClock = { now: 0, lruClock: 0, lfu: false },
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Read-only view of values, kept for callers of the first API; prefer `RedisEmulator.inspect`. */
  get data(): KeyspaceView<StoredValue> {
    const entries = this.entries;
    return {
      size: entries.size,
      get: (key) => entries.get(key)?.value,
      has: (key) => entries.has(key),
      keys: () => entries.keys(),
    };
  }

  /** Read-only view of expiry times, kept for callers of the first API; prefer `RedisEmulator.inspect`. */
  get expires(): KeyspaceView<ExpireAt> {
    const { entries, volatileKeys } = this;
    const has = (key: string) => (entries.get(key)?.volatileSlot ?? -1) >= 0;
    return {
      size: volatileKeys.length,
      get: (key) => (has(key) ? entries.get(key)!.expireAt : undefined),
      has,
      keys: () => volatileKeys.values(),
    };
  }

  /** Adds a key that is not present, without expiry. */
  add(key: string, value: StoredValue): Entry {
    const clock = this.clock;
    const charge = keyCharge(key, value);
    const entry: Entry = { value, expireAt: NO_EXPIRY, volatileSlot: -1, lru: clock.lfu ? lfuInitial(clock.now) : clock.lruClock, charge };
    this.memory += charge;
    this.entries.set(key, entry);
    this.index[key] = entry;
    this.bucketInsert(key);
    const tableSize = this.mask + 1;
    const grown = tableSizeAfterAdd(tableSize, this.entries.size);
    if (grown !== tableSize) this.resize(grown);
    return entry;
  }

  /** Removes a key and its expiry; false when it was absent. */
  remove(key: string): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.entries.delete(key);
    delete this.index[key];
    this.memory -= entry.charge;
    if (entry.expireAt !== NO_EXPIRY) {
      this.volatileRemove(entry);
      this.memory -= DICT_ENTRY_ALLOC;
    }
    this.bucketRemove(key);
    const tableSize = this.mask + 1;
    const shrunk = tableSizeAfterRemove(tableSize, this.entries.size);
    if (shrunk !== tableSize) this.resize(shrunk);
    return true;
  }

  setExpire(key: string, entry: Entry, when: ExpireAt): void {
    if (entry.expireAt === NO_EXPIRY) {
      this.volatileInsert(key, entry);
      this.memory += DICT_ENTRY_ALLOC;
    }
    entry.expireAt = when;
    if (when < this.earliestExpiry) this.earliestExpiry = when;
    const listeners = this.expiryListeners;
    if (listeners.length !== 0) for (const listener of listeners) listener(key, Number(when));
  }

  /** Drops the expiry; false when the key had none. */
  persist(key: string, entry: Entry): boolean {
    if (entry.expireAt === NO_EXPIRY) return false;
    entry.expireAt = NO_EXPIRY;
    this.volatileRemove(entry);
    this.memory -= DICT_ENTRY_ALLOC;
    return true;
  }

  /** A write changed the key's value (signalModifiedKey): it is re-priced at the next `usedBytes`. */
  touched(key: string): void {
    const dirty = this.dirty;
    dirty.push(key);
    if (dirty.length >= 4096) this.settle();
  }

  /** Bytes of keys, values, expiries and the tables' slots: this database's part of used_memory. */
  usedBytes(): number {
    if (!this.tracked) this.repriceAll();
    else if (this.dirty.length !== 0) this.settle();
    return this.entries.size === 0 ? 0 : this.memory + this.tableBytes();
  }

  /** Prices every key afresh (when tracking starts, and for each read while it is off). */
  repriceAll(): void {
    let memory = 0;
    for (const [key, entry] of this.entries) {
      entry.charge = keyCharge(key, entry.value);
      memory += entry.charge + (entry.expireAt === NO_EXPIRY ? 0 : DICT_ENTRY_ALLOC);
    }
    this.memory = memory;
    this.dirty.length = 0;
  }

  private settle(): void {
    const dirty = this.dirty;
    for (let i = 0; i < dirty.length; i++) {
      const key = dirty[i]!;
      const entry = this.index[key];
      if (entry === undefined) continue;
      const charge = keyCharge(key, entry.value);
      this.memory += charge - entry.charge;
      entry.charge = charge;
    }
    dirty.length = 0;
  }

  clear(): number {
    const removed = this.entries.size;
    this.entries.clear();
    this.index = Object.create(null) as Record<string, Entry | undefined>;
    this.volatileKeys.length = 0;
    this.volatileEntries.length = 0;
    this.memory = 0;
    this.dirty.length = 0;
    this.earliestExpiry = Infinity;
    this.buckets = new Array<string[] | undefined>(MIN_TABLE);
    this.mask = MIN_TABLE - 1;
    return removed;
  }

  /**
   * One step of Redis's `dictScan`: emits the keys of one bucket and returns the next cursor.
   * Only the cursor's bits under the mask matter, exactly as with Redis's 64-bit cursor.
   */
  scanStep(cursor: number, out: string[]): number {
    const bucket = this.buckets[cursor & this.mask];
    if (bucket !== undefined) for (let i = 0; i < bucket.length; i++) out.push(bucket[i]!);
    return nextScanCursor(cursor, this.mask);
  }

  /** A uniformly chosen bucket, then a key in it (like dictGetFairRandomKey); undefined when empty. */
  randomKey(nextRandom: () => number): string | undefined {
    if (this.entries.size === 0) return undefined;
    for (;;) {
      const bucket = this.buckets[nextRandom() & this.mask];
      if (bucket !== undefined && bucket.length > 0) return bucket[nextRandom() % bucket.length];
    }
  }

  /**
   * dictGetSomeKeys: up to `count` keys from consecutive buckets after a random one (a fresh
   * random start after a run of empty buckets), at most count * 10 steps. With `volatileOnly`,
   * keys with an expiry.
   */
  sampleKeys(count: number, nextRandom: () => number, out: string[], volatileOnly: boolean): void {
    const available = volatileOnly ? this.volatileKeys.length : this.entries.size;
    if (count > available) count = available;
    if (volatileOnly) {
      // Redis samples its expires dict; here the volatile keys' array, at random positions.
      const keys = this.volatileKeys;
      for (let j = 0; j < count; j++) out.push(keys[nextRandom() % keys.length]!);
      return;
    }
    let i = nextRandom() & this.mask;
    let empty = 0;
    for (let steps = count * 10; out.length < count && steps > 0; steps--) {
      const bucket = this.buckets[i];
      if (bucket === undefined) {
        if (++empty >= 5 && empty > count) {
          i = nextRandom() & this.mask;
          empty = 0;
        }
      } else {
        empty = 0;
        for (let j = 0; j < bucket.length; j++) {
          const key = bucket[j]!;
          out.push(key);
          if (out.length === count) return;
        }
      }
      i = (i + 1) & this.mask;
    }
  }

  /** Bytes of the main and expires tables' slots (8 each; the main table as this index sizes it). */
  tableBytes(): number {
    if (this.entries.size === 0) return 0;
    let expires = 0;
    const volatile = this.volatileKeys.length;
    if (volatile > 0) {
      expires = 4;
      while (expires < volatile) expires *= 2;
    }
    return 8 * (this.mask + 1 + expires);
  }

  private volatileInsert(key: string, entry: Entry): void {
    entry.volatileSlot = this.volatileKeys.length;
    this.volatileKeys.push(key);
    this.volatileEntries.push(entry);
  }

  private volatileRemove(entry: Entry): void {
    const order = this.volatileKeys;
    const slot = entry.volatileSlot;
    const last = order.pop()!;
    const lastEntry = this.volatileEntries.pop()!;
    if (slot < order.length) {
      order[slot] = last;
      this.volatileEntries[slot] = lastEntry;
      lastEntry.volatileSlot = slot;
    }
    entry.volatileSlot = -1;
  }

  private bucketInsert(key: string): void {
    const index = hashKey(key) & this.mask;
    const bucket = this.buckets[index];
    if (bucket === undefined) this.buckets[index] = [key];
    else bucket.push(key);
  }

  private bucketRemove(key: string): void {
    const index = hashKey(key) & this.mask;
    const bucket = this.buckets[index];
    if (bucket === undefined) return;
    const at = bucket.indexOf(key);
    if (at < 0) return;
    const last = bucket.pop()!;
    if (at < bucket.length) bucket[at] = last;
    if (bucket.length === 0) this.buckets[index] = undefined;
  }

  private resize(wanted: number): void {
    let size = MIN_TABLE;
    while (size < wanted) size *= 2;
    if (size === this.mask + 1) return;
    this.buckets = new Array<string[] | undefined>(size);
    this.mask = size - 1;
    for (const key of this.entries.keys()) this.bucketInsert(key);
  }
}
