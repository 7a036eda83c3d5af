/**
 * Memory as Redis 7.0 counts it (object.c objectComputeSize, zmalloc with jemalloc): what each
 * key costs, for MEMORY USAGE and for the incremental `used_memory` that eviction compares with
 * `maxmemory`. Figures were checked against redis-server 7.0.15 (test/redis/differential-memory.test.ts).
 *
 * @example
 * memoryUsage('user:1', 'Ada', 5); // 56: dictEntry 24 + key sds 16 + embstr object 16
 */
import type { StoredValue } from './keyspace.ts';
import type { HashValue, ListValue, SetValue, StreamValue, ZSetValue } from './values.ts';

/** used_memory of an empty redis-server 7.0.15 (used_memory_startup) on x86-64 with jemalloc. */
export const STARTUP_MEMORY = 875_912;
/** The first client's shared buffers, then what each connected client adds (struct, reply buffer). */
export const FIRST_CLIENT_MEMORY = 15_208;
export const CLIENT_MEMORY = 23_264;
/** Redis 7.0's latency-tracking: one hdr_histogram per command used since start or RESETSTAT. */
export const LATENCY_HISTOGRAM = 24_688;
/** sizeof(robj), sizeof(dictEntry), sizeof(dict) in Redis 7.0 on 64-bit. */
export const ROBJ = 16;
export const DICT_ENTRY = 24;
export const DICT = 56;
/** A dictEntry as allocated (jemalloc rounds 24 up to 32): used_memory counts this. */
export const DICT_ENTRY_ALLOC = 32;

/** jemalloc's size class for a request of `n` bytes (4 classes per doubling above 128). */
export function mallocSize(n: number): number {
  if (n <= 8) return 8;
  if (n <= 128) return (n + 15) & ~15;
  const power = 31 - Math.clz32(n - 1); // 2^power < n <= 2^(power+1)
  const step = 2 ** (power - 2);
  return Math.ceil(n / step) * step;
}

/** sdsZmallocSize of a fresh sds of `length` bytes (sdshdr8/16/32 header, NUL). */
export function sdsSize(length: number): number {
  const header = length < 256 ? 3 : length < 65536 ? 5 : 9;
  return mallocSize(header + length + 1);
}

/** True for a string Redis stores as OBJ_ENCODING_INT (a canonical signed 64-bit integer). */
export function isIntEncodable(s: string): boolean {
  const length = s.length;
  if (length === 0 || length > 20) return false;
  let i = 0;
  const first = s.charCodeAt(0);
  if (first === 45) {
    if (length === 1) return false;
    i = 1;
  }
  const lead = s.charCodeAt(i);
  if (lead === 48) return length === 1; // "0" only: no leading zeros, no "-0"
  for (; i < length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  if (length - (first === 45 ? 1 : 0) < 19) return true;
  const n = BigInt(s);
  return n >= -9223372036854775808n && n <= 9223372036854775807n;
}

/** A key's sds: dbAdd's sdsdup picks sdshdr5 (1-byte header) under 32 bytes. */
export function keySdsSize(length: number): number {
  return length < 32 ? mallocSize(length + 2) : sdsSize(length);
}

/** A string object: an int robj, an embstr (robj and sds in one allocation), or robj + raw sds. */
export function stringSize(value: string): number {
  const length = value.length;
  if (length <= 20 && isIntEncodable(value)) return ROBJ;
  if (length <= 44) return mallocSize(ROBJ + 3 + length + 1);
  return ROBJ + sdsSize(length);
}

/** Bytes of one listpack entry holding `s` (an integer encoding when it is one): data, then the back-length. */
export function listpackEntry(s: string): number {
  if (s.length <= 20 && isIntEncodable(s)) return listpackIntEntry(Number(s));
  const length = s.length;
  return withBacklen(length < 64 ? 1 + length : length < 4096 ? 2 + length : 5 + length);
}

/** Bytes of one listpack entry holding the integer `n` (lpAppendInteger). */
export function listpackIntEntry(n: number): number {
  return withBacklen(n >= 0 && n <= 127 ? 1 : n >= -4096 && n < 4096 ? 2 : n >= -32768 && n < 32768 ? 3 : n >= -8388608 && n < 8388608 ? 4 : n >= -2147483648 && n < 2147483648 ? 5 : 9);
}

function withBacklen(size: number): number {
  return size + (size < 128 ? 1 : size < 16384 ? 2 : size < 2097152 ? 3 : size < 268435456 ? 4 : 5);
}

// Listpack bytes (header 6, end 1) of `count` strings, exact when `samples` covers them all,
// else scaled from the first `samples` (Redis reads lpBytes; the estimate keeps writes O(1)).
function listpackBytes(items: Iterable<string>, count: number, samples: number): number {
  let sampled = 0;
  let bytes = 0;
  for (const item of items) {
    bytes += listpackEntry(item);
    if (++sampled >= samples) break;
  }
  if (sampled < count) bytes = (bytes / sampled) * count;
  return 7 + Math.round(bytes);
}

// dictExpand's table: the next power of two not below the used count (4 at least).
export function dictSlots(used: number): number {
  if (used === 0) return 0;
  let size = 4;
  while (size < used) size *= 2;
  return size;
}

/** The sizes of lists, sets, sorted sets and streams (collection-memory.ts), installed with their classes. */
export type CollectionSizer = (value: ListValue | SetValue | ZSetValue | StreamValue, samples: number, exact: boolean) => number;
let collectionSizer: CollectionSizer | null = null;

/** @internal values.ts installs collection-memory.ts: only a page that has such values loads that code. */
export function installCollectionSizer(sizer: CollectionSizer): void {
  collectionSizer = sizer;
}

/**
 * objectComputeSize: bytes of a value. Collections in a hash table average `samples` elements,
 * as Redis does (0: all of them); listpacks are exact. Not `exact` (the per-write charge that
 * used_memory sums): what the allocator really holds, cheaply — dictEntries as allocated (32
 * bytes, not sizeof's 24), a stream's real radix-tree nodes and every listpack, and long
 * listpacks scaled from 64 to 128 sampled entries.
 */
export function objectSize(value: StoredValue, samples: number, exact = true): number {
  if (typeof value === 'string') return stringSize(value);
  const all = samples <= 0 ? Infinity : samples;
  const dictEntry = exact ? DICT_ENTRY : DICT_ENTRY_ALLOC;
  if (value.type === 'hash') {
    const size = value.size;
    if (value.listpack) {
      return ROBJ + mallocSize(listpackBytes(pairs(value), size * 2, exact ? Infinity : 128));
    }
    let sampled = 0;
    let elements = 0;
    for (const [field, each] of value) {
      elements += dictEntry + sdsSize(field.length) + sdsSize(each.length);
      if (++sampled >= all) break;
    }
    return ROBJ + DICT + 8 * dictSlots(size) + (sampled === 0 ? 0 : (elements / sampled) * size);
  }
  return collectionSizer!(value, all, exact);
}

function* pairs(hash: HashValue): Iterable<string> {
  for (const [field, value] of hash) {
    yield field;
    yield value;
  }
}

/** MEMORY USAGE: the value, the key's sds and its dictEntry. `samples` 0 means every element. */
export function memoryUsage(key: string, value: StoredValue, samples: number): number {
  return Math.round(objectSize(value, samples)) + keySdsSize(key.length) + DICT_ENTRY;
}

/** What a key adds to used_memory (allocation sizes; the hash table's slots are counted apart). */
export function keyCharge(key: string, value: StoredValue): number {
  if (typeof value === 'string') return stringSize(value) + keySdsSize(key.length) + DICT_ENTRY_ALLOC;
  return Math.round(objectSize(value, 5, false)) + keySdsSize(key.length) + DICT_ENTRY_ALLOC;
}

/** Bytes of a dict's table of slots for `used` entries (8 per slot). */
export function tableBytes(used: number): number {
  return 8 * dictSlots(used);
}

/** used_memory_human and friends: Redis's bytesToHuman. */
export function bytesToHuman(n: number): string {
  if (n < 1024) return `${n}B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(2)}K`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(2)}M`;
  if (n < 1024 ** 4) return `${(n / 1024 ** 3).toFixed(2)}G`;
  if (n < 1024 ** 5) return `${(n / 1024 ** 4).toFixed(2)}T`;
  return `${(n / 1024 ** 5).toFixed(2)}P`;
}
