/**
 * The value types a key can hold besides a string, each remembering the compact encoding Redis
 * 7.0 would use (OBJECT ENCODING) and converting at Redis's default thresholds, never back.
 */
import { parseInt64 } from './numbers.ts';
import { defaultEncodingLimits, type EncodingLimits } from './encoding-limits.ts';

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
}

/** A set: an intset while every member is an integer and there are at most 512 of them. */
export class SetValue extends Set<string> {
  get type(): 'set' {
    return 'set';
  }
  intset = true;
  limits: Readonly<EncodingLimits> = DEFAULT_LIMITS;

  /** setTypeAdd: adds and converts; false when already a member. */
  addMember(member: string): boolean {
    if (this.has(member)) return false;
    this.add(member);
    if (this.intset && (this.size > this.limits.intsetEntries || parseInt64(member) === null)) this.intset = false;
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

  get size(): number {
    return this.sorted.length;
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
      this.listpack = false;
    }
    // A listpack stores the score as text, and "-0" reads back as the integer 0.
    if (score === 0 && this.listpack) score = 0;
    this.scores.set(member, score);
    this.sorted.splice(this.lowerBound(score, member), 0, { member, score });
  }

  delete(member: string): boolean {
    const old = this.scores.get(member);
    if (old === undefined) return false;
    this.scores.delete(member);
    this.sorted.splice(this.lowerBound(old, member), 1);
    return true;
  }

  /** Removes many members with one pass over the order (a splice each would be quadratic). */
  deleteMany(members: readonly string[]): number {
    let removed = 0;
    for (const member of members) if (this.scores.delete(member)) removed++;
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
    for (const [member, score] of entries) {
      if (member.length > limits.zsetValue) this.listpack = false;
      this.scores.set(member, score);
    }
    if (this.scores.size > limits.zsetEntries) this.listpack = false;
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

/** A radix-tree node's bookkeeping: entries are in `StreamValue.entries`; `live` of them remain. */
interface StreamNode {
  live: number;
  deleted: number;
}

export function compareIds(a: StreamId, b: StreamId): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  return a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0;
}

export function formatId(id: StreamId): string {
  return `${id.ms}-${id.seq}`;
}

/**
 * A stream: live entries in ID order, grouped into nodes of at most 100 entries (live and
 * deleted, as stream-node-max-entries counts them) so that `~` trimming removes whole nodes as
 * Redis does. The byte limit of a node (stream-node-max-bytes) is not modelled.
 */
export class StreamValue {
  get type(): 'stream' {
    return 'stream';
  }
  entries: StreamEntry[] = [];
  /** Node of each entry in `entries`. */
  entryNodes: StreamNode[] = [];
  lastId: StreamId = { ms: 0n, seq: 0n };
  limits: Readonly<EncodingLimits> = DEFAULT_LIMITS;
  private tail: StreamNode | null = null;

  get length(): number {
    return this.entries.length;
  }

  append(entry: StreamEntry): void {
    const max = this.limits.streamNodeEntries;
    if (this.tail === null || (max > 0 && this.tail.live + this.tail.deleted >= max)) this.tail = { live: 0, deleted: 0 };
    this.tail.live++;
    this.entries.push(entry);
    this.entryNodes.push(this.tail);
    this.lastId = entry.id;
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
    node.live--;
    node.deleted++;
    if (node.live === 0 && node === this.tail) this.tail = null;
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
        if (node === this.tail) this.tail = null;
        removed += nodeLive;
        continue;
      }
      if (approx) break;
      let drop = 0;
      while (drop < nodeLive) {
        if (maxlen !== null ? this.entries.length - drop <= maxlen : compareIds(this.entries[drop]!.id, minId!) >= 0) break;
        drop++;
      }
      node.live -= drop;
      node.deleted += drop;
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
