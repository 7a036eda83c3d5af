import { formatTick } from '../../scenarios/format.ts';
import type { TraceEvent } from '../../scenarios/events.ts';
import type { MetricsSecond } from '../../scenarios/types.ts';
import { countBefore } from '../../engine/search.ts';

/** One sample: value `v` at virtual time `t` (ms). */
export interface Point {
  readonly t: number;
  readonly v: number;
}

/** A line on a chart. `color` is a CSS colour, usually a theme variable. */
export interface Series {
  readonly name: string;
  readonly points: readonly Point[];
  readonly color?: string;
}

/**
 * An SVG path through the points that have happened by `cursor`, scaled into a `width`×`height`
 * box (y grows upwards from `yDomain[0]`). Points outside the time domain are clamped.
 *
 * @example linePath([{ t: 0, v: 0 }, { t: 10, v: 1 }], [0, 10], [0, 1], 100, 20) // 'M0,20L100,0'
 */
export function linePath(
  points: readonly Point[],
  tDomain: readonly [number, number],
  yDomain: readonly [number, number],
  width: number,
  height: number,
  cursor = Infinity,
): string {
  const [t0, t1] = tDomain;
  const [y0, y1] = yDomain;
  const tSpan = t1 - t0 || 1;
  const ySpan = y1 - y0 || 1;
  let d = '';
  for (const point of points) {
    if (point.t > cursor) break;
    const x = round(((clamp(point.t, t0, t1) - t0) / tSpan) * width);
    const y = round(height - ((clamp(point.v, y0, y1) - y0) / ySpan) * height);
    d += `${d === '' ? 'M' : 'L'}${x},${y}`;
  }
  // A lone sample would draw nothing; a zero-length segment with round caps shows it as a dot.
  return d !== '' && !d.includes('L') ? `${d}h0` : d;
}

/** The time and value ranges covering every series (values from 0, never an empty span). */
export function domains(series: readonly Series[], yMax?: number): { t: [number, number]; y: [number, number] } {
  let tMin = Infinity;
  let tMax = -Infinity;
  let vMax = 0;
  for (const line of series) {
    for (const point of line.points) {
      tMin = Math.min(tMin, point.t);
      tMax = Math.max(tMax, point.t);
      vMax = Math.max(vMax, point.v);
    }
  }
  if (tMin === Infinity) return { t: [0, 1], y: [0, yMax ?? 1] };
  return { t: [tMin, tMax === tMin ? tMin + 1 : tMax], y: [0, yMax ?? (vMax === 0 ? 1 : vMax)] };
}

/** The last value at or before `cursor`, or null before the first sample. */
export function valueAt(points: readonly Point[], cursor: number): number | null {
  const before = countBefore(points, (point) => point.t <= cursor);
  return before === 0 ? null : points[before - 1]!.v;
}

/**
 * A sentence a screen reader can read instead of the picture: each series' value at the cursor
 * and its range so far.
 *
 * @example summarize([{ name: 'Hit ratio', points }], 3000, (v) => `${Math.round(v * 100)}%`)
 * // 'Hit ratio: 80% at 3.0 s (range 0% to 90%).'
 */
export function summarize(series: readonly Series[], cursor: number, format: (value: number) => string = String): string {
  const parts = series.map((line) => {
    const seen = line.points.filter((point) => point.t <= cursor);
    if (seen.length === 0) return `${line.name}: no data yet.`;
    const values = seen.map((point) => point.v);
    const now = valueAt(line.points, cursor)!;
    return `${line.name}: ${format(now)} at ${formatTick(cursor)} (range ${format(Math.min(...values))} to ${format(Math.max(...values))}).`;
  });
  return parts.join(' ');
}

/** Per-second hit ratio and database reads from the simulation's time series (t = end of the second). */
export function secondSeries(seconds: readonly MetricsSecond[]): { hitRatio: Point[]; dbReadsPerSec: Point[] } {
  const hitRatio: Point[] = [];
  const dbReadsPerSec: Point[] = [];
  for (const bucket of seconds) {
    const t = (bucket.second + 1) * 1000;
    if (bucket.reads > 0) hitRatio.push({ t, v: bucket.hits / bucket.reads });
    dbReadsPerSec.push({ t, v: bucket.dbReads });
  }
  return { hitRatio, dbReadsPerSec };
}

/** Latency p50 and p99 of the reads served in each `bucketMs` window of virtual time. */
export function latencySeries(trace: readonly TraceEvent[], bucketMs = 1000): { p50: Point[]; p99: Point[] } {
  const buckets = new Map<number, number[]>();
  for (const event of trace) {
    if (event.type !== 'request.served' || event.kind !== 'read') continue;
    const bucket = Math.floor(event.at / bucketMs);
    let latencies = buckets.get(bucket);
    if (!latencies) buckets.set(bucket, (latencies = []));
    latencies.push(event.latencyMs);
  }
  const p50: Point[] = [];
  const p99: Point[] = [];
  for (const bucket of [...buckets.keys()].sort((a, b) => a - b)) {
    const sorted = buckets.get(bucket)!.sort((a, b) => a - b);
    const t = (bucket + 1) * bucketMs;
    p50.push({ t, v: percentile(sorted, 0.5) });
    p99.push({ t, v: percentile(sorted, 0.99) });
  }
  return { p50, p99 };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * About `count` round tick values from `low` to `high` (1, 2 or 5 times a power of ten apart),
 * for an axis a reader can read.
 *
 * @example ticks(0, 1, 3) // [0, 0.5, 1]
 * @example ticks(0, 23, 4) // [0, 5, 10, 15, 20]
 */
export function ticks(low: number, high: number, count = 4): number[] {
  if (!(high > low) || count < 1) return [low];
  const raw = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  // The finest round step that gives at most one interval more than asked for.
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => (high - low) / s <= count + 1) ?? 10 * power;
  const out: number[] = [];
  for (let v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Round steps of virtual time for an axis: whole seconds, then whole minutes. */
const TIME_STEPS = [1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];

/**
 * Ticks for a time axis in ms: multiples of a round number of seconds or minutes (so labels read
 * "1 min", "2 min", not "1 min 40 s"), at most `count + 1` intervals; under two seconds, as `ticks`.
 *
 * @example timeTicks(0, 200_000, 4) // [0, 60_000, 120_000, 180_000]
 */
export function timeTicks(low: number, high: number, count = 4): number[] {
  if (!(high - low >= 2_000) || count < 1) return ticks(low, high, count);
  const step = TIME_STEPS.find((s) => (high - low) / s <= count + 1) ?? Math.ceil((high - low) / (count + 1) / 3_600_000) * 3_600_000;
  const out: number[] = [];
  for (let v = Math.ceil(low / step) * step; v <= high; v += step) out.push(v);
  return out;
}

/** About how wide a tick label of `text` is at the axis' 9.5px font, in chart units. */
export const labelWidth = (text: string) => text.length * 5.6 + 2;

export interface AxisLabel {
  x: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
}

/**
 * The time axis' labels that fit: each centred under its tick, the first and last pulled inside the
 * chart's `width` rather than cut by its edge, and a label that would touch the one before left out.
 */
export function axisLabels(times: readonly number[], xOf: (time: number) => number, width: number, format: (time: number) => string): AxisLabel[] {
  const out: AxisLabel[] = [];
  let right = -Infinity;
  for (const time of times) {
    const text = format(time);
    const w = labelWidth(text);
    const x = xOf(time);
    const label: AxisLabel = x - w / 2 < 0 ? { x: 0, text, anchor: 'start' } : x + w / 2 > width ? { x: width, text, anchor: 'end' } : { x, text, anchor: 'middle' };
    const left = label.anchor === 'start' ? label.x : label.anchor === 'end' ? label.x - w : label.x - w / 2;
    if (left < right + 6) continue;
    out.push(label);
    right = left + w;
  }
  return out;
}

/** The distinct sample times of every series up to `cursor`, sorted: the stops a reader can inspect. */
export function sampleTimes(series: readonly Series[], cursor = Infinity): number[] {
  const times = new Set<number>();
  for (const line of series) for (const point of line.points) if (point.t <= cursor) times.add(point.t);
  return [...times].sort((a, b) => a - b);
}
