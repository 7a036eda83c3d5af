import type { TraceEvent, TraceEventInput } from '../../scenarios/events.ts';
import { axisLabels, domains, latencySeries, linePath, percentile, sampleTimes, secondSeries, summarize, ticks, timeTicks, valueAt } from './series';

const ratio = [
  { t: 1000, v: 0 },
  { t: 2000, v: 0.5 },
  { t: 3000, v: 0.8 },
];

test('linePath scales time to x and value to y (up is larger)', () => {
  expect(linePath(ratio, [1000, 3000], [0, 1], 100, 20)).toBe('M0,20L50,10L100,4');
});

test('linePath stops at the cursor: the future is not drawn', () => {
  expect(linePath(ratio, [1000, 3000], [0, 1], 100, 20, 2500)).toBe('M0,20L50,10');
  expect(linePath(ratio, [1000, 3000], [0, 1], 100, 20, 500)).toBe('');
  // A single sample so far is drawn as a dot.
  expect(linePath(ratio, [1000, 3000], [0, 1], 100, 20, 1500)).toBe('M0,20h0');
});

test('domains cover every series and never have an empty span', () => {
  expect(domains([{ name: 'a', points: ratio }, { name: 'b', points: [{ t: 4000, v: 3 }] }])).toEqual({ t: [1000, 4000], y: [0, 3] });
  expect(domains([], 1)).toEqual({ t: [0, 1], y: [0, 1] });
  expect(domains([{ name: 'a', points: [{ t: 5, v: 0 }] }])).toEqual({ t: [5, 6], y: [0, 1] });
});

test('valueAt is the last sample at or before the cursor', () => {
  expect([999, 1000, 2999, 9999].map((t) => valueAt(ratio, t))).toEqual([null, 0, 0.5, 0.8]);
});

test('summarize says the value at the cursor and the range so far', () => {
  const percent = (v: number) => `${Math.round(v * 100)}%`;
  expect(summarize([{ name: 'Hit ratio', points: ratio }], 2500, percent)).toBe('Hit ratio: 50% at 2.5 s (range 0% to 50%).');
  expect(summarize([{ name: 'Hit ratio', points: ratio }], 10, percent)).toBe('Hit ratio: no data yet.');
});

test('secondSeries turns the per-second buckets into hit ratio and DB reads/s', () => {
  const bucket = { misses: 0, dbWrites: 0, staleReads: 0, errors: 0, dbPeakConcurrency: 1 };
  expect(
    secondSeries([
      { ...bucket, second: 0, reads: 4, hits: 3, dbReads: 1 },
      { ...bucket, second: 1, reads: 0, hits: 0, dbReads: 0 },
    ]),
  ).toEqual({ hitRatio: [{ t: 1000, v: 0.75 }], dbReadsPerSec: [{ t: 1000, v: 1 }, { t: 2000, v: 0 }] });
});

test('latencySeries gives p50 and p99 of the reads served per window', () => {
  const served = (at: number, latencyMs: number, kind: 'read' | 'write' = 'read'): TraceEventInput => ({
    type: 'request.served', at, requestId: at, instance: 0, key: 'k', kind, version: 1, stale: false, hit: true, from: 'cache', latencyMs,
  });
  const trace = [served(10, 1), served(20, 2), served(30, 100), served(40, 500, 'write'), served(1500, 7)].map(
    (event, seq) => ({ ...event, seq }) as TraceEvent,
  );
  expect(latencySeries(trace)).toEqual({ p50: [{ t: 1000, v: 2 }, { t: 2000, v: 7 }], p99: [{ t: 1000, v: 100 }, { t: 2000, v: 7 }] });
});

test('percentile is nearest-rank', () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  expect([percentile(values, 0.5), percentile(values, 0.99), percentile([], 0.5)]).toEqual([50, 99, 0]);
});

describe('ticks', () => {
  test.each([
    [0, 1, 3, [0, 0.5, 1]],
    [0, 23, 4, [0, 5, 10, 15, 20]],
    [0, 4000, 4, [0, 1000, 2000, 3000, 4000]],
    [0, 160, 3, [0, 50, 100, 150]],
    [5, 5, 3, [5]],
  ])('from %d to %d (about %d)', (low, high, count, expected) => {
    expect(ticks(low, high, count)).toEqual(expected);
  });
});

test('time ticks are whole seconds or minutes; axis labels that would touch are left out, the ends kept inside', () => {
  expect(timeTicks(0, 200_000, 4)).toEqual([0, 60_000, 120_000, 180_000]);
  expect(timeTicks(0, 40_000, 4)).toEqual([0, 10_000, 20_000, 30_000, 40_000]);
  expect(timeTicks(0, 1_000, 4)).toEqual(ticks(0, 1_000, 4));
  // Labels 52 units wide, ticks 50 apart on a chart 160 wide: every other one, the first pulled right of the edge.
  const format = (t: number) => `${t / 1000} seconds`;
  const labels = axisLabels([0, 1000, 2000, 3000], (t) => t / 20, 160, format);
  expect(labels.map((label) => [label.text, label.anchor, label.x])).toEqual([
    ['0 seconds', 'start', 0],
    ['2 seconds', 'middle', 100],
  ]);
  expect(axisLabels([0, 3000], (t) => t / 20, 160, format).map((label) => [label.anchor, label.x])).toEqual([
    ['start', 0],
    ['end', 160],
  ]);
});

test('sampleTimes merges the series and stops at the cursor', () => {
  expect(sampleTimes([{ name: 'a', points: [{ t: 1, v: 0 }, { t: 3, v: 0 }] }, { name: 'b', points: [{ t: 2, v: 0 }, { t: 3, v: 0 }, { t: 9, v: 0 }] }], 5)).toEqual([1, 2, 3]);
});
