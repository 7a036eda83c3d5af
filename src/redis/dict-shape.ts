// The shape of a Redis dict's tables, for MEMORY USAGE of hashtable sets and sorted sets.
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
