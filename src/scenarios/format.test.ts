import { formatDuration, plural } from './format.ts';

test.each([
  [0, '0 ms'],
  [999.6, '1 s'],
  [80, '80 ms'],
  [1500, '1.5 s'],
  [30_000, '30 s'],
  [59_960, '1 min'],
  [60_000, '1 min'],
  [61_500, '1 min 2 s'],
  [3_599_960, '1 h'],
  [3_600_000, '1 h'],
  [3_661_000, '1 h 1 min 1 s'],
  [86_400_000, '24 h'],
  [172_800_000, '2 days'],
  [-1500, '-1.5 s'],
])('formatDuration(%d) is "%s": never "60 s" or "60 min"', (ms, text) => {
  expect(formatDuration(ms)).toBe(text);
});

test('formatDuration never writes 60 of a unit, over every second up to two days', () => {
  const bad = [];
  for (let ms = 0; ms < 172_800_000; ms += 997) if (/\b60 (s|min)\b|\b1000 ms\b/.test(formatDuration(ms))) bad.push(`${ms}: ${formatDuration(ms)}`);
  expect(bad).toEqual([]);
});

test('plural is singular for exactly one', () => {
  expect([plural(0, 'hit'), plural(1, 'hit'), plural(2, 'hit'), plural(1, 'query', 'queries'), plural(2, 'query', 'queries')]).toEqual(['0 hits', '1 hit', '2 hits', '1 query', '2 queries']);
});
