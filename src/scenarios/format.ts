/**
 * Durations and counts as a learner reads them, in one place: narration, verdicts, metrics, notes
 * and share notes all write through these, so "59 min 60 s" and "1 hits" cannot come back.
 */

/**
 * A duration in words: ms below a second, seconds to one decimal below a minute, then hours,
 * minutes and whole seconds (rounded first, so nothing reads "60 s" or "60 min"), days past two.
 * @example formatDuration(1500) // "1.5 s"
 * @example formatDuration(3_599_960) // "1 h"
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (Math.round(abs) < 1000) return `${sign}${Math.round(abs)} ms`;
  const tenths = Math.round(abs / 100) / 10;
  if (tenths < 60) return `${sign}${tenths} s`;
  if (abs >= 2 * 86_400_000) return `${sign}${Number((abs / 86_400_000).toFixed(1))} days`;
  const total = Math.round(abs / 1000);
  const [h, min, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return sign + [h > 0 ? `${h} h` : '', min > 0 ? `${min} min` : '', s > 0 ? `${s} s` : ''].filter(Boolean).join(' ');
}

/**
 * A moment on the lab's virtual clock (the playback time, when a retry goes out, a chart's time
 * axis), finer than `formatDuration` so steps a few ms apart read apart: ms below a second, then
 * seconds to two decimals, to one from 10 s, and `formatDuration` from a minute. Decimals are kept
 * ("1.50 s") so a running clock does not change width. Rounded first, so nothing reads "1000 ms" or "60.0 s".
 * @example formatMoment(250) // "250 ms"
 * @example formatMoment(1250) // "1.25 s"
 * @example formatMoment(90_000) // "1 min 30 s"
 */
export function formatMoment(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (Math.round(abs) < 1000) return `${sign}${Math.round(abs)} ms`;
  const hundredths = Math.round(abs / 10);
  if (hundredths < 1000) return `${sign}${(hundredths / 100).toFixed(2)} s`;
  const tenths = Math.round(abs / 100);
  if (tenths < 600) return `${sign}${(tenths / 10).toFixed(1)} s`;
  return formatDuration(ms);
}

/**
 * A time axis's tick in whole units ("0 s", "5 s", "1 min 30 s"): a duration in words, with zero
 * as seconds so an axis does not start at "0 ms" and go on in seconds.
 * @example formatTick(0) // "0 s"
 * @example formatTick(2500) // "2.5 s"
 */
export function formatTick(ms: number): string {
  return Math.round(ms) === 0 ? '0 s' : formatDuration(ms);
}

/**
 * A count with its noun, singular for exactly one, the count written by `formatCount`.
 * @example plural(1, 'hit') // "1 hit"
 * @example plural(3, 'query', 'queries') // "3 queries"
 * @example plural(1042, 'read') // "1,042 reads"
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * A count or value as a challenge states it, with thousands separators as the goals write them,
 * to at most two decimals.
 * @example formatCount(10000) // "10,000"
 */
export function formatCount(n: number): string {
  return (Math.round(n * 100) / 100).toLocaleString('en-US');
}

/**
 * Names in a sentence: five at most, the rest counted.
 * @example listOf(['user:1', 'user:2', 'user:3']) // "user:1, user:2 and user:3"
 */
export function listOf(names: readonly string[]): string {
  const shown = names.length > 5 ? [...names.slice(0, 5), `${names.length - 5} more`] : names;
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/**
 * A ratio as a percentage to one decimal, rounded down, so a figure never reads as reaching a
 * target it has not reached ("79.9%", never "80%", for 0.7996 against a goal of 80%); whole
 * numbers lose their ".0".
 * @example formatPercent(0.7996) // "79.9%"
 * @example formatPercent(2 / 3) // "66.6%"
 * @example formatPercent(1) // "100%"
 */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  // The epsilon keeps 0.29 (28.999… in floating point) at 29%.
  const tenths = Math.floor(ratio * 1000 + 1e-9);
  return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}%`;
}
