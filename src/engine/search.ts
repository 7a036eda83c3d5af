/**
 * The one binary search: how many leading items of a sorted list come before a point. The
 * trace, its indexes and chart series are sorted by seq or time, so views find "what has happened
 * by the cursor" in O(log n) on 100,000 events.
 */

/**
 * The number of leading items for which `isBefore` holds, given that it holds for a prefix of
 * `items` and for nothing after (the list is partitioned, as a sorted list is by `x < v`).
 * Equivalently, the index of the first item for which it does not hold.
 *
 * @example
 * countBefore([1, 3, 3, 7], (x) => x < 3);  // 1: lower bound of 3
 * countBefore([1, 3, 3, 7], (x) => x <= 3); // 3: upper bound of 3
 * countBefore([], (x) => x < 3);            // 0
 */
export function countBefore<T>(items: ArrayLike<T>, isBefore: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (isBefore(items[mid]!)) low = mid + 1;
    else high = mid;
  }
  return low;
}
