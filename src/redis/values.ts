/**
 * The value types a key can hold besides a string, each remembering the compact encoding Redis
 * 7.0 would use (OBJECT ENCODING) and converting at Redis's default thresholds, never back.
 */
import { parseInt64 } from './numbers.ts';
import { defaultEncodingLimits, type EncodingLimits } from './encoding-limits.ts';
import { listpackEntry, listpackIntEntry, mallocSize } from './memory.ts';

const DEFAULT_LIMITS: Readonly<EncodingLimits> = Object.freeze(defaultEncodingLimits());

/** A hash: field → value in insertion order, as a listpack keeps it. */
export class HashValue extends Map<string, string> {
  /** TYPE's name; eager code (memory.ts, preview.ts) tells the types apart by it, so this module can stay lazy. */
  get type(): 'hash' {
    return 'hash';
  }
  /** False once converted to a hashtable. */
  listpack = true;
  limits: Readonly<EncodingLimits> = DEFAULT_LIMITS;

  /** hashTypeTryConversion and the entry-count check after an insert. */
  noteWrite(field: string, value: string): void {
    const limits = this.limits;
    if (this.listpack && (field.length > limits.hashValue || value.length > limits.hashValue || this.size > limits.hashEntries)) {
      this.listpack = false;
    }
  }
}

/** A list (a quicklist in Redis 7.0, whatever its size). */
export class ListValue {
  get type(): 'list' {
    return 'list';
  }
  items: string[] = [];
  /** Read by memory.ts for list-max-listpack-size (the quicklist's node size). */
  limits: Readonly<EncodingLimits> = DEFAULT_LIMITS;
}

/**
 * The shape of a Redis dict (dict.c) as a hashtable set or sorted set grows and shrinks: its
 * table, and while it rehashes incrementally the second table too (MEMORY USAGE counts both).
 * Redis moves one bucket per dict operation; the emulator counts the steps of adds and deletes
 * (not of reads) and expects as many steps as the old table's filled buckets.
 */
export class DictShape {
  size = 0;
  /** The second table's size while rehashing, else 0. */
  next = 0;
  private pending = 0;

  /** dictExpand of a new dict to hold `used` elements (presized conversions and copies). */
  static presized(used: number): DictShape {
    const shape = new DictShape();
    shape.size = tableSize(used);
    return shape;
  }

  /** Slots of both tables (dictSlots). */
  get slots(): number {
    return this.size + this.next;
  }

  /** dictAdd of a new element to a dict holding `used`: a rehash step, then _dictExpandIfNeeded. */
  added(used: number): void {
    this.step();
    if (this.next !== 0) return;
    if (this.size === 0) this.size = 4;
    else if (used >= this.size) this.rehashTo(tableSize(used + 1), used);
  }

  /** dictDelete, then htNeedsResize/dictResize (under 10% full) with `used` left. */
  removed(used: number): void {
    this.step();
    if (this.next === 0 && this.size > 4 && used * 100 < this.size * 10) this.rehashTo(tableSize(used), used);
  }

  private rehashTo(size: number, used: number): void {
    if (size === this.size) return;
    this.next = size;
    // Buckets of the old table that hold something: one step each.
    this.pending = Math.max(1, Math.round(this.size * (1 - Math.exp(-used / this.size))));
  }

  private step(): void {
    if (this.next !== 0 && --this.pending <= 0) {
      this.size = this.next;
      this.next = 0;
    }
  }
}

// _dictNextExp: the smallest power of two not below `used`, at least 4.
function tableSize(used: number): number {
  let size = 4;
  while (size < used) size *= 2;
  return size;
}

/** A set: an intset while every member is an integer and there are at most 512 of them. */
export class SetValue extends Set<string> {
  get type(): 'set' {
    return 'set';
  }
  intset = true;
  limits: Readonly<EncodingLimits> = DEFAULT_LIMITS;
  /** The hashtable's shape once converted (null: an intset, or a copy, counted as presized). */
  table: DictShape | null = null;

  /** setTypeAdd: adds and converts; false when already a member. */
  addMember(member: string): boolean {
    if (this.has(member)) return false;
    this.add(member);
    if (!this.intset) (this.table ??= DictShape.presized(this.size - 1)).added(this.size - 1);
    else if (parseInt64(member) === null) {
      // setTypeConvert presizes for the intset's members, then the new member is a dictAdd.
      this.intset = false;
      this.table = DictShape.presized(this.size - 1);
      this.table.added(this.size - 1);
    } else if (this.size > this.limits.intsetEntries) {
      this.intset = false;
      this.table = DictShape.presized(this.size);
    }
    return true;
  }

  override delete(member: string): boolean {
    if (!super.delete(member)) return false;
    if (!this.intset) this.table?.removed(this.size);
    return true;
  }

  /** Members in reply order: an intset is sorted by value. */
  ordered(): string[] {
    const members = [...this];
    if (this.intset) {
      members.sort((a, b) => {
        const x = BigInt(a);
        const y = BigInt(b);
        return x < y ? -1 : x > y ? 1 : 0;
      });
    }
    return members;
  }
}

/** One sorted-set element. */
export interface ZEntry {
  readonly member: string;
  readonly score: number;
}

/** (score, member) order; members compare as bytes, as memcmp does on binary strings. */
export function zcompare(score: number, member: string, entry: ZEntry): number {
  if (score !== entry.score) return score < entry.score ? -1 : 1;
  return member < entry.member ? -1 : member > entry.member ? 1 : 0;
}

/** A sorted set: member → score, plus the elements in (score, member) order. */
export class ZSetValue {
  get type(): 'zset' {
    return 'zset';
  }
  readonly scores = new Map<string, number>();
  readonly sorted: ZEntry[] = [];
  listpack = true;
  limits: Readonly<EncodingLimits> = DEFAULT_LIMITS;
  /** The skiplist's dict shape (null while a listpack, or for a copy: counted as presized). */
  table: DictShape | null = null;

  get size(): number {
    return this.sorted.length;
  }

  // zsetConvert adds the listpack's elements to a fresh dict one by one.
  private convert(): void {
    this.listpack = false;
    const table = new DictShape();
    for (let used = 0; used < this.sorted.length; used++) table.added(used);
    this.table = table;
  }

  /** Index of the first element not below (score, member). */
  lowerBound(score: number, member: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (zcompare(score, member, this.sorted[mid]!) > 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds or moves a member. */
  set(member: string, score: number): void {
    const old = this.scores.get(member);
    if (old !== undefined) {
      if (old === score) return;
      this.sorted.splice(this.lowerBound(old, member), 1);
    }
    const limits = this.limits;
    if (this.listpack && (member.length > limits.zsetValue || this.sorted.length + (old === undefined ? 1 : 0) > limits.zsetEntries)) {
      this.convert();
    }
    // A listpack stores the score as text, and "-0" reads back as the integer 0.
    if (score === 0 && this.listpack) score = 0;
    if (old === undefined && !this.listpack) (this.table ??= DictShape.presized(this.sorted.length)).added(this.sorted.length);
    this.scores.set(member, score);
    this.sorted.splice(this.lowerBound(score, member), 0, { member, score });
  }

  delete(member: string): boolean {
    const old = this.scores.get(member);
    if (old === undefined) return false;
    this.scores.delete(member);
    this.sorted.splice(this.lowerBound(old, member), 1);
    if (!this.listpack) this.table?.removed(this.sorted.length);
    return true;
  }

  /** Removes many members with one pass over the order (a splice each would be quadratic). */
  deleteMany(members: readonly string[]): number {
    let removed = 0;
    for (const member of members) {
      if (!this.scores.delete(member)) continue;
      removed++;
      if (!this.listpack) this.table?.removed(this.scores.size);
    }
    if (removed > 0) {
      const kept = this.sorted.filter((entry) => this.scores.get(entry.member) === entry.score);
      this.sorted.length = 0;
      for (const entry of kept) this.sorted.push(entry);
    }
    return removed;
  }

  /**
   * Sets many scores, then sorts once (for a ZADD of many members). Ends in the encoding the
   * member-by-member path would reach: conversion only ever goes one way.
   */
  setMany(entries: ReadonlyArray<readonly [string, number]>): void {
    const limits = this.limits;
    const before = this.scores.size;
    const wasListpack = this.listpack;
    for (const [member, score] of entries) {
      if (member.length > limits.zsetValue) this.listpack = false;
      this.scores.set(member, score);
    }
    if (this.scores.size > limits.zsetEntries) this.listpack = false;
    // The dict: converted (estimated as element-by-element adds from empty), or grown by the new members.
    if (wasListpack && !this.listpack) {
      this.table = new DictShape();
      for (let used = 0; used < this.scores.size; used++) this.table.added(used);
    } else if (!this.listpack) {
      const table = (this.table ??= DictShape.presized(before));
      for (let used = before; used < this.scores.size; used++) table.added(used);
    }
    // A listpack stores the score as text, and "-0" reads back as the integer 0.
    if (this.listpack) for (const [member] of entries) if (this.scores.get(member) === 0) this.scores.set(member, 0);
    const rebuilt: ZEntry[] = [];
    for (const [member, score] of this.scores) rebuilt.push({ member, score });
    rebuilt.sort((a, b) => zcompare(a.score, a.member, b));
    this.sorted.length = 0;
    for (const entry of rebuilt) this.sorted.push(entry);
  }

  /** 0-based rank of a member, or -1. */
  rank(member: string): number {
    const score = this.scores.get(member);
    return score === undefined ? -1 : this.lowerBound(score, member);
  }

}

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

/** A deep copy, keeping the encoding (COPY). */
export function cloneValue<T extends string | HashValue | ListValue | SetValue | ZSetValue | StreamValue>(value: T): T {
  if (typeof value === 'string') return value;
  if (value instanceof HashValue) {
    const copy = new HashValue(value);
    copy.listpack = value.listpack;
    copy.limits = value.limits;
    return copy as T;
  }
  if (value instanceof ListValue) {
    const copy = new ListValue();
    copy.items = value.items.slice();
    return copy as T;
  }
  if (value instanceof SetValue) {
    const copy = new SetValue(value);
    copy.intset = value.intset;
    copy.limits = value.limits;
    return copy as T;
  }
  if (value instanceof ZSetValue) {
    const copy = new ZSetValue();
    for (const entry of value.sorted) {
      copy.scores.set(entry.member, entry.score);
      copy.sorted.push(entry);
    }
    copy.listpack = value.listpack;
    copy.limits = value.limits;
    return copy as T;
  }
  const stream = value as StreamValue;
  const copy = new StreamValue();
  copy.limits = stream.limits;
  for (const entry of stream.entries) copy.append(entry);
  copy.lastId = stream.lastId;
  return copy as T;
}

/** OBJECT ENCODING. A string's encoding is judged from its content (see docs/architecture.md). */
export function encodingName(value: string | HashValue | ListValue | SetValue | ZSetValue | StreamValue): string {
  if (typeof value === 'string') {
    if (value.length <= 20 && parseInt64(value) !== null) return 'int';
    return value.length <= 44 ? 'embstr' : 'raw';
  }
  if (value instanceof HashValue) return value.listpack ? 'listpack' : 'hashtable';
  if (value instanceof ListValue) return 'quicklist';
  if (value instanceof SetValue) return value.intset ? 'intset' : 'hashtable';
  if (value instanceof ZSetValue) return value.listpack ? 'listpack' : 'skiplist';
  return 'stream';
}
