import { formatCount, formatPercent, formatDuration, formatMoment, formatTick, plural } from './format.ts';

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
  // The metrics headline ("1,041 hits of 1,042 reads") writes its counts as the challenge does.
  expect([plural(1041, 'hit'), plural(1042, 'read'), plural(12345, 'query', 'queries')]).toEqual(['1,041 hits', '1,042 reads', '12,345 queries']);
});

test.each([
  [0, '0 ms'],
  [250, '250 ms'],
  [999.6, '1.00 s'],
  [1250, '1.25 s'],
  [9_996, '10.0 s'],
  [12_340, '12.3 s'],
  [59_940, '59.9 s'],
  [59_960, '1 min'],
  [90_000, '1 min 30 s'],
  [-250, '-250 ms'],
])('formatMoment(%d) is "%s": a clock moment, finer than a duration in words', (ms, text) => {
  expect(formatMoment(ms)).toBe(text);
});

test('formatMoment never writes 1000 ms, 10.00 s, 60.0 s or 60 of a unit, over every 7 ms up to two hours', () => {
  const bad = [];
  for (let ms = 0; ms < 7_200_000; ms += 7) if (/(^|[^.\d])(1000 ms|10\.00 s|60(\.0)? (s|min))\b/.test(formatMoment(ms))) bad.push(`${ms}: ${formatMoment(ms)}`);
  expect(bad).toEqual([]);
});

test('formatTick: a time axis starts at "0 s" and goes on as durations in words', () => {
  expect([0, 2_500, 60_000, 90_000].map(formatTick)).toEqual(['0 s', '2.5 s', '1 min', '1 min 30 s']);
});

test.each([
  [0.7996, '79.9%'],
  [2 / 3, '66.6%'],
  [0.29, '29%'],
  [0.8, '80%'],
  [0.9995, '99.9%'],
  [1, '100%'],
  [0, '0%'],
])('formatPercent(%d) is "%s": rounded down, so it never reads as a goal not reached', (ratio, text) => {
  expect(formatPercent(ratio)).toBe(text);
});

test('formatCount writes counts as the goals do, with thousands separators, to two decimals', () => {
  expect([formatCount(10000), formatCount(1729), formatCount(50), formatCount(0), formatCount(2.345)]).toEqual(['10,000', '1,729', '50', '0', '2.35']);
});
