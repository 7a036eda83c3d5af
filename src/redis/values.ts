/**
 * The value types a key can hold besides a string, each remembering the compact encoding Redis
 * 7.0 would use (OBJECT ENCODING) and converting at Redis's default thresholds, never back.
 */
import { parseInt64 } from './numbers.ts';
import { defaultEncodingLimits, type EncodingLimits } from './encoding-limits.ts';
import { DictShape } from './dict-shape.ts';
import { installCollectionSizer } from './memory.ts';
import { collectionSize } from './collection-memory.ts';
import { StreamValue } from './stream-value.ts';

export { DictShape } from './dict-shape.ts';
export { StreamValue, compareIds, formatId, type StreamEntry, type StreamId, type StreamNode } from './stream-value.ts';

const DEFAULT_LIMITS: Readonly<EncodingLimits> = Object.freeze(defaultEncodingLimits());

installCollectionSizer(collectionSize);

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
