// MEMORY USAGE and used_memory of lists, sets, sorted sets and streams (object.c
// objectComputeSize), loaded with those types (values.ts installs it into memory.ts).
import type { DictShape } from './dict-shape.ts';
import type { ListValue, SetValue, StreamNode, StreamValue, ZSetValue } from './values.ts';
import { formatDouble } from './numbers.ts';
import { DICT, DICT_ENTRY, DICT_ENTRY_ALLOC, ROBJ, dictSlots, listpackEntry, listpackIntEntry, mallocSize, sdsSize } from './memory.ts';

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

/** objectComputeSize of a collection; `samples` is Infinity for all (see memory.ts objectSize). */
export function collectionSize(value: ListValue | SetValue | ZSetValue | StreamValue, all: number, exact: boolean): number {
  const dictEntry = exact ? DICT_ENTRY : DICT_ENTRY_ALLOC;
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

