// Streams (t_stream.c): entries in ID order and the radix-tree nodes Redis would group them in.
import { defaultEncodingLimits, type EncodingLimits } from './encoding-limits.ts';
import { listpackEntry, listpackIntEntry, mallocSize } from './memory.ts';

const DEFAULT_LIMITS: Readonly<EncodingLimits> = Object.freeze(defaultEncodingLimits());
/** A stream entry ID: two unsigned 64-bit halves. */
export interface StreamId {
  readonly ms: bigint;
  readonly seq: bigint;
}

export interface StreamEntry {
  readonly id: StreamId;
  /** field, value, field, value, ... */
  readonly fields: readonly string[];
}

/**
 * A radix-tree node's bookkeeping: entries are in `StreamValue.entries`; `live` of them remain.
 * `bytes` is its listpack's length as streamAppendItem builds it (master entry, then each entry
 * delta-encoded against it), `allocated` what the allocator gave it (MEMORY USAGE counts that).
 */
export interface StreamNode {
  live: number;
  deleted: number;
  bytes: number;
  allocated: number;
  /** The master entry's ID and field names. */
  readonly master: StreamId;
  readonly fields: readonly string[];
}

export function compareIds(a: StreamId, b: StreamId): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  return a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0;
}

export function formatId(id: StreamId): string {
  return `${id.ms}-${id.seq}`;
}

/**
 * A stream: live entries in ID order, grouped into radix-tree nodes as streamAppendItem groups
 * them (a new node once the tail's listpack reaches stream-node-max-bytes or holds
 * stream-node-max-entries entries, live and deleted), so that `~` trimming removes whole nodes as
 * Redis does and MEMORY USAGE sees Redis's listpacks.
 */
export class StreamValue {
  get type(): 'stream' {
    return 'stream';
  }
  entries: StreamEntry[] = [];
  /** Node of each entry in `entries`. */
  entryNodes: StreamNode[] = [];
  /** The radix tree's nodes in ID order. */
  nodes: StreamNode[] = [];
  lastId: StreamId = { ms: 0n, seq: 0n };
  limits: Readonly<EncodingLimits> = DEFAULT_LIMITS;
  private tail: StreamNode | null = null;

  get length(): number {
    return this.entries.length;
  }

  append(entry: StreamEntry): void {
    const limits = this.limits;
    const fields = entry.fields;
    let totalLength = 0;
    for (const each of fields) totalLength += each.length;
    let tail = this.tail;
    if (tail !== null) {
      const maxBytes = limits.streamNodeBytes > 0 && limits.streamNodeBytes < 2 ** 30 ? limits.streamNodeBytes : 2 ** 30;
      const maxEntries = limits.streamNodeEntries;
      if (tail.bytes + totalLength >= maxBytes || (maxEntries > 0 && tail.live + tail.deleted >= maxEntries)) {
        tail.allocated = mallocSize(tail.bytes); // lpShrinkToFit
        tail = null;
      }
    }
    let sameFields = true;
    if (tail === null) {
      const names: string[] = [];
      for (let i = 0; i < fields.length; i += 2) names.push(fields[i]!);
      // Master entry: count, deleted, number of fields, the names, a 0 terminator.
      let bytes = 7 + listpackIntEntry(0) + listpackIntEntry(0) + listpackIntEntry(names.length) + listpackIntEntry(0);
      for (const name of names) bytes += listpackEntry(name);
      const prealloc = limits.streamNodeBytes > 0 && limits.streamNodeBytes < 4096 ? limits.streamNodeBytes : 4096;
      tail = { live: 0, deleted: 0, bytes, allocated: mallocSize(Math.max(prealloc, 7)), master: entry.id, fields: names };
      this.nodes.push(tail);
      this.tail = tail;
    } else {
      const names = tail.fields;
      sameFields = names.length * 2 === fields.length;
      for (let i = 0; sameFields && i < names.length; i++) sameFields = names[i] === fields[i * 2];
    }
    tail.bytes += listpackIntEntry(tail.live + 1) - listpackIntEntry(tail.live);
    tail.live++;
    // flags, ms and seq deltas, [number of fields, names], values, the entry's element count.
    const pairs = fields.length / 2;
    let bytes = listpackIntEntry(sameFields ? 2 : 0);
    bytes += listpackEntry(String(BigInt.asIntN(64, entry.id.ms - tail.master.ms)));
    bytes += listpackEntry(String(BigInt.asIntN(64, entry.id.seq - tail.master.seq)));
    if (!sameFields) bytes += listpackIntEntry(pairs);
    for (let i = sameFields ? 1 : 0; i < fields.length; i += sameFields ? 2 : 1) bytes += listpackEntry(fields[i]!);
    bytes += listpackIntEntry(sameFields ? pairs + 3 : 2 * pairs + 4);
    tail.bytes += bytes;
    if (tail.bytes > tail.allocated) tail.allocated = mallocSize(tail.bytes);
    this.entries.push(entry);
    this.entryNodes.push(tail);
    this.lastId = entry.id;
  }

  // An entry marked deleted: the node's live and deleted counts change size in place.
  private markDeleted(node: StreamNode, count: number): void {
    node.bytes += listpackIntEntry(node.live - count) - listpackIntEntry(node.live);
    node.bytes += listpackIntEntry(node.deleted + count) - listpackIntEntry(node.deleted);
    node.live -= count;
    node.deleted += count;
    if (node.bytes > node.allocated) node.allocated = mallocSize(node.bytes);
  }

  private dropNode(node: StreamNode): void {
    const index = this.nodes.indexOf(node);
    if (index >= 0) this.nodes.splice(index, 1);
    if (node === this.tail) this.tail = null;
  }

  /** Index of the first entry with ID >= id. */
  lowerBound(id: StreamId): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareIds(this.entries[mid]!.id, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** XDEL of one entry by index; a node with nothing live left goes away. */
  deleteAt(index: number): void {
    const node = this.entryNodes[index]!;
    this.markDeleted(node, 1);
    if (node.live === 0) this.dropNode(node);
    this.entries.splice(index, 1);
    this.entryNodes.splice(index, 1);
  }

  /**
   * streamTrim: drops entries from the head while over `maxlen` or below `minId`. Approximate
   * trimming removes only whole nodes; `limit` (0 = none) caps the entries removed.
   */
  trim(maxlen: number | null, minId: StreamId | null, approx: boolean, limit: number): number {
    let removed = 0;
    while (this.entries.length > 0) {
      if (maxlen !== null && this.entries.length <= maxlen) break;
      const node = this.entryNodes[0]!;
      const nodeLive = node.live;
      if (limit && removed + nodeLive > limit) break;
      const last = this.entries[nodeLive - 1]!.id;
      const wholeNode = maxlen !== null ? this.entries.length - nodeLive >= maxlen : compareIds(last, minId!) < 0;
      if (wholeNode) {
        this.entries.splice(0, nodeLive);
        this.entryNodes.splice(0, nodeLive);
        this.dropNode(node);
        removed += nodeLive;
        continue;
      }
      if (approx) break;
      let drop = 0;
      while (drop < nodeLive) {
        if (maxlen !== null ? this.entries.length - drop <= maxlen : compareIds(this.entries[drop]!.id, minId!) >= 0) break;
        drop++;
      }
      this.markDeleted(node, drop);
      this.entries.splice(0, drop);
      this.entryNodes.splice(0, drop);
      removed += drop;
      break;
    }
    return removed;
  }
}
