/**
 * One logical database: values in a Map, expiry times in a second Map (as Redis keeps
 * `db->dict` and `db->expires`), plus a power-of-two bucket table over a key hash so SCAN can use
 * Redis's reverse-binary cursor and keep its guarantee across resizes.
 */

/** A stored value: a string, or a hash (field → value, in insertion order like a listpack). */
export type StoredValue = string | Map<string, string>;

/** An absolute expiry time in ms; a bigint only beyond 2^53 (PXAT near INT64_MAX). */
export type ExpireAt = number | bigint;

const MIN_TABLE = 4;

// FNV-1a over the bytes: cheap, deterministic, well spread for short keys.
function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function reverseBits32(v: number): number {
  v = ((v >>> 1) & 0x55555555) | ((v & 0x55555555) << 1);
  v = ((v >>> 2) & 0x33333333) | ((v & 0x33333333) << 2);
  v = ((v >>> 4) & 0x0f0f0f0f) | ((v & 0x0f0f0f0f) << 4);
  v = ((v >>> 8) & 0x00ff00ff) | ((v & 0x00ff00ff) << 8);
  return ((v >>> 16) | (v << 16)) >>> 0;
}

export class Keyspace {
  readonly data = new Map<string, StoredValue>();
  readonly expires = new Map<string, ExpireAt>();
  /** Lower bound of every expiry in `expires`, so the active cycle can skip idle databases. */
  earliestExpiry: ExpireAt = Infinity;
  private buckets: Array<string[] | undefined> = new Array<string[] | undefined>(MIN_TABLE);
  private mask = MIN_TABLE - 1;

  constructor(readonly id: number) {}

  get size(): number {
    return this.data.size;
  }

  /** Adds a key that is not present. */
  add(key: string, value: StoredValue): void {
    this.data.set(key, value);
    this.bucketInsert(key);
    if (this.data.size > this.mask + 1) this.resize((this.mask + 1) * 2);
  }

  /** Sets a key, adding it to the scan table when new. Keeps any expiry. */
  put(key: string, value: StoredValue): void {
    if (this.data.has(key)) this.data.set(key, value);
    else this.add(key, value);
  }

  /** Removes a key and its expiry; false when it was absent. */
  remove(key: string): boolean {
    if (!this.data.delete(key)) return false;
    this.expires.delete(key);
    this.bucketRemove(key);
    const tableSize = this.mask + 1;
    if (tableSize > MIN_TABLE && this.data.size * 10 < tableSize) this.resize(this.data.size);
    return true;
  }

  setExpire(key: string, when: ExpireAt): void {
    this.expires.set(key, when);
    if (when < this.earliestExpiry) this.earliestExpiry = when;
  }

  clear(): number {
    const removed = this.data.size;
    this.data.clear();
    this.expires.clear();
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
    let v = (cursor | ~this.mask) >>> 0;
    v = reverseBits32(v);
    v = (v + 1) >>> 0;
    return reverseBits32(v);
  }

  /** A uniformly chosen bucket, then a key in it (like dictGetFairRandomKey); undefined when empty. */
  randomKey(nextRandom: () => number): string | undefined {
    if (this.data.size === 0) return undefined;
    for (;;) {
      const bucket = this.buckets[nextRandom() & this.mask];
      if (bucket !== undefined && bucket.length > 0) return bucket[nextRandom() % bucket.length];
    }
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
    for (const key of this.data.keys()) this.bucketInsert(key);
  }
}
