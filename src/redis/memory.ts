/**
 * Memory as Redis 7.0 counts it (object.c objectComputeSize, zmalloc with jemalloc): what each
 * key costs, for MEMORY USAGE and for the incremental `used_memory` that eviction compares with
 * `maxmemory`. Figures were checked against redis-server 7.0.15 (test/redis/differential-memory.test.ts).
 *
 * @example
 * memoryUsage('user:1', 'Ada', 5); // 56: dictEntry 24 + key sds 16 + embstr object 16
 */
import type { StoredValue } from './keyspace.ts';
import type { DictShape, HashValue, ListValue, StreamNode, StreamValue } from './values.ts';
import { formatDouble } from './numbers.ts';

/** used_memory of an empty redis-server 7.0.15 (used_memory_startup) on x86-64 with jemalloc. */
export const STARTUP_MEMORY = 875_912;
/** The first client's shared buffers, then what each connected client adds (struct, reply buffer). */
export const FIRST_CLIENT_MEMORY = 15_208;
export const CLIENT_MEMORY = 23_264;
/** Redis 7.0's latency-tracking: one hdr_histogram per command used since start or RESETSTAT. */
export const LATENCY_HISTOGRAM = 24_688;
/** sizeof(robj), sizeof(dictEntry), sizeof(dict) in Redis 7.0 on 64-bit. */
const ROBJ = 16;
const DICT_ENTRY = 24;
const DICT = 56;
/** sizeof(quicklist), sizeof(quicklistNode), sizeof(stream), sizeof(zset), sizeof(zskiplist). */
const QUICKLIST = 40;
const QUICKLIST_NODE = 40;
const STREAM = 80;
const ZSET = 16;
const ZSKIPLIST = 32;
/** Redis's zslCreate header node: 32 levels (24 + 32 × 16 bytes). */
const ZSKIPLIST_HEADER = 640;
/**
 * A skiplist node's expected allocation: 24 + 16 bytes per level, levels drawn with p = 1/4
 * (48 bytes for 1 level, 64 for 2, ...). Redis samples 5 real nodes; the emulator uses the mean.
 */
const ZSKIPLIST_NODE = 53.33;
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

// A score as zzlInsertAt stores it: an integer when it is one, else its %.17g text.
function scoreEntry(score: number): number {
  if (Number.isInteger(score) && Math.abs(score) < 2 ** 53) return listpackIntEntry(score);
  return listpackEntry(formatDouble(score));
}

/** An element's sds as sdsnewlen makes it: sdshdr5 (1-byte header) under 32 bytes. */
function elementSdsSize(length: number): number {
  return length < 32 ? mallocSize(length + 2) : sdsSize(length);
}

// dictSlots of a hashtable set or sorted set: both tables while it rehashes.
function slotsOf(table: DictShape | null, used: number): number {
  return table === null ? dictSlots(used) : table.slots;
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
function dictSlots(used: number): number {
  if (used === 0) return 0;
  let size = 4;
  while (size < used) size *= 2;
  return size;
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
  if (value.type === 'set') {
    const size = value.size;
    if (value.intset) {
      let width = 2;
      for (const member of value) {
        const n = Number(member);
        if (n < -2147483648 || n > 2147483647) width = 8;
        else if ((n < -32768 || n > 32767) && width < 4) width = 4;
      }
      return ROBJ + mallocSize(8 + width * size);
    }
    let sampled = 0;
    let elements = 0;
    for (const member of value) {
      elements += dictEntry + elementSdsSize(member.length);
      if (++sampled >= all) break;
    }
    return ROBJ + DICT + 8 * slotsOf(value.table, size) + (sampled === 0 ? 0 : (elements / sampled) * size);
  }
  if (value.type === 'zset') {
    const size = value.size;
    if (value.listpack) {
      let bytes = 7;
      for (const { member, score } of value.sorted) bytes += listpackEntry(member) + scoreEntry(score);
      return ROBJ + mallocSize(bytes);
    }
    // zset struct, its dict, the skiplist and its header, and per element a node, a dictEntry
    // and the member sds.
    let sampled = 0;
    let elements = 0;
    for (const { member } of value.sorted) {
      elements += ZSKIPLIST_NODE + dictEntry + elementSdsSize(member.length);
      if (++sampled >= all) break;
    }
    return ROBJ + ZSET + ZSKIPLIST + DICT + 8 * slotsOf(value.table, size) + ZSKIPLIST_HEADER + (sampled === 0 ? 0 : (elements / sampled) * size);
  }
  if (value.type === 'list') return ROBJ + QUICKLIST + quicklistNodes(value, all, exact);
  return ROBJ + STREAM + (exact ? streamSize(value, all) : streamAllocated(value));
}

// list-max-listpack-size's negative settings: a node's bytes.
const NODE_BYTES = [4096, 8192, 16384, 32768, 65536];

// _quicklistNodeAllowInsert: may a node of `bytes` and `count` entries take a value of `length` bytes?
function nodeTakes(fill: number, bytes: number, count: number, length: number): boolean {
  const estimate = bytes + length + 8;
  if (fill < 0) return estimate <= NODE_BYTES[Math.min(-fill, 5) - 1]!;
  return estimate <= 8192 && count < fill;
}

/**
 * The quicklist's nodes as objectComputeSize counts them: the first `samples` nodes (node struct
 * plus listpack allocation), averaged, times the node count. The nodes are packed from the head
 * as appends (RPUSH) fill them; a list grown or trimmed at the head packs from the other end in
 * Redis. Not `exact` (the per-write charge): the node capacity is judged from 64 elements spread
 * over the list.
 */
function quicklistNodes(list: ListValue, samples: number, exact: boolean): number {
  const items = list.items;
  const fill = list.limits.listSize;
  if (!exact && items.length > 64) {
    let lengths = 0;
    let entries = 0;
    const stride = items.length / 64;
    for (let i = 0; i < 64; i++) {
      const item = items[Math.floor(i * stride)]!;
      lengths += item.length;
      entries += listpackEntry(item);
    }
    const [length, entry] = [lengths / 64, entries / 64];
    let perNode = 1;
    while (perNode < items.length && nodeTakes(fill, 7 + perNode * entry, perNode, length)) perNode++;
    // Full nodes, then the rest in the last one.
    const full = Math.floor(items.length / perNode);
    const rest = items.length - full * perNode;
    const last = rest === 0 ? 0 : QUICKLIST_NODE + mallocSize(Math.round(7 + rest * entry));
    return full * (QUICKLIST_NODE + mallocSize(Math.round(7 + perNode * entry))) + last;
  }
  let nodes = 0;
  let sampled = 0;
  let sampledBytes = 0;
  let bytes = 0;
  let count = 0;
  const close = () => {
    if (count === 0) return;
    nodes++;
    if (sampled < samples) {
      sampled++;
      sampledBytes += QUICKLIST_NODE + mallocSize(bytes);
    }
  };
  for (const item of items) {
    if (count > 0 && nodeTakes(fill, bytes, count, item.length)) {
      bytes += listpackEntry(item);
      count++;
    } else {
      close();
      bytes = 7 + listpackEntry(item);
      count = 1;
    }
  }
  close();
  return sampled === 0 ? 0 : Math.floor((sampledBytes / sampled) * nodes);
}

/**
 * A stream: its radix tree (streamRadixTreeMemoryUsage: 16 bytes per node key, 244 per rax node)
 * and its listpacks, the first `samples` averaged for all but the last, which is counted apart.
 */
function streamSize(stream: StreamValue, samples: number): number {
  const nodes = stream.nodes;
  let size = nodes.length * 16 + raxNodeCount(nodes) * 244;
  let sampled = 0;
  let bytes = 0;
  for (const node of nodes) {
    if (sampled >= samples) break;
    bytes += node.allocated;
    sampled++;
  }
  if (nodes.length <= sampled) return size + bytes;
  size += Math.floor(bytes / sampled) * (nodes.length - 1);
  return size + nodes[nodes.length - 1]!.allocated;
}

// What a stream's radix tree and listpacks really hold: the rax struct, ~26 bytes per rax node
// (header, key bytes, child and value pointers; measured against redis-server 7.0.15) and every node.
function streamAllocated(stream: StreamValue): number {
  let size = 32 + 26 * raxNodeCount(stream.nodes);
  for (const node of stream.nodes) size += node.allocated;
  return size;
}

// Nodes of a radix tree holding the nodes' 16-byte big-endian master IDs: the root, every key,
// every position where keys part, and each child of such a position (the rest is compressed).
function raxNodeCount(nodes: readonly StreamNode[]): number {
  if (nodes.length === 0) return 1;
  const positions = new Set<string>(['']);
  let previous = '';
  for (const node of nodes) {
    const key = raxKey(node);
    positions.add(key);
    if (previous !== '') {
      let common = 0;
      while (common < 16 && previous.charCodeAt(common) === key.charCodeAt(common)) common++;
      positions.add(key.slice(0, common));
      positions.add(previous.slice(0, common + 1));
      positions.add(key.slice(0, common + 1));
    }
    previous = key;
  }
  return positions.size;
}

function raxKey(node: StreamNode): string {
  const hex = node.master.ms.toString(16).padStart(16, '0') + node.master.seq.toString(16).padStart(16, '0');
  let key = '';
  for (let i = 0; i < 32; i += 2) key += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return key;
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
