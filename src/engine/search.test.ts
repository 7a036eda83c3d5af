import fc from 'fast-check';
import { countBefore } from './search.ts';

describe('countBefore', () => {
  test.each([
    [[], 3, 0, 0],
    [[5], 3, 0, 0],
    [[1], 3, 1, 1],
    [[3], 3, 0, 1],
    [[1, 3, 3, 7], 3, 1, 3],
    [[1, 3, 3, 7], 0, 0, 0],
    [[1, 3, 3, 7], 7, 3, 4],
    [[1, 3, 3, 7], 9, 4, 4],
  ])('in %j, %d has %d items below it and %d at or below it', (items, value, below, atOrBelow) => {
    expect(countBefore(items, (x) => x < value)).toBe(below);
    expect(countBefore(items, (x) => x <= value)).toBe(atOrBelow);
  });

  test('equals a linear count on any sorted list (lower and upper bound)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 200 }), fc.integer({ min: -60, max: 60 }), (raw, value) => {
        const sorted = [...raw].sort((a, b) => a - b);
        expect(countBefore(sorted, (x) => x < value)).toBe(sorted.filter((x) => x < value).length);
        expect(countBefore(sorted, (x) => x <= value)).toBe(sorted.filter((x) => x <= value).length);
      }),
    );
  });

  test('works on typed arrays and asks O(log n) questions', () => {
    const cdf = Float64Array.from({ length: 1 << 16 }, (_, i) => i / (1 << 16));
    let asked = 0;
    const n = countBefore(cdf, (c) => {
      asked++;
      return c <= 0.5;
    });
    expect(n).toBe((1 << 15) + 1);
    expect(asked).toBeLessThanOrEqual(17);
  });
});
