import fc from 'fast-check';
import { naturalCompare } from './natural-order.ts';

test('numbers inside keys sort as numbers', () => {
  expect(['user:10', 'user:2', 'user:1', 'lock:user:1', 'user:100', 'user:9', 'product:3', 'user:1:profile'].sort(naturalCompare)).toEqual([
    'lock:user:1', 'product:3', 'user:1', 'user:1:profile', 'user:2', 'user:9', 'user:10', 'user:100',
  ]);
});

test.each([
  ['a2b', 'a10b', -1],
  ['a02', 'a2', 1],
  ['a2', 'a2', 0],
  ['x', 'x1', -1],
  ['9', '10', -1],
  ['user:12345678901234567890', 'user:12345678901234567891', -1],
  ['B', 'a', -1],
] as const)('%s vs %s', (a, b, sign) => {
  expect(Math.sign(naturalCompare(a, b))).toBe(sign);
  expect(Math.sign(naturalCompare(b, a))).toBe(sign === 0 ? 0 : -sign);
});

test('is a total order: antisymmetric, transitive, zero only for equal strings', () => {
  const key = fc.stringMatching(/^[a-c:0-9]{0,8}$/);
  fc.assert(
    fc.property(fc.array(key, { maxLength: 30 }), (keys) => {
      const sorted = [...keys].sort(naturalCompare);
      for (let i = 1; i < sorted.length; i++) expect(naturalCompare(sorted[i - 1]!, sorted[i]!)).toBeLessThanOrEqual(0);
      for (const a of keys) for (const b of keys) expect(naturalCompare(a, b) === 0).toBe(a === b);
    }),
  );
});

test('without digits it is plain code-unit order', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z:]{0,6}$/), fc.stringMatching(/^[a-z:]{0,6}$/), (a, b) => {
      expect(Math.sign(naturalCompare(a, b))).toBe(Math.sign(a < b ? -1 : a > b ? 1 : 0));
    }),
  );
});
