// Score and lex ranges of sorted-set commands, parsed and selected as t_zset.c does it.
import type { ZEntry, ZSetValue } from '../values.ts';

/** strtod on a whole string: leading spaces skipped, "" is 0, overflow gives ±inf; null when invalid. */
export function strtodWhole(text: string): number | null {
  const body = text.replace(/^[ \t\n\v\f\r]+/, '');
  if (body.length === 0) return text.length === 0 ? 0 : null;
  if (/^[+-]?(inf|infinity)$/i.test(body)) return body.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?0x/i.test(body)) {
    if (!/^[+-]?0x[0-9a-f]+$/i.test(body)) return null; // hex fractions are not modelled
    const magnitude = Number(body.replace(/^[+-]/, ''));
    return body.startsWith('-') ? -magnitude : magnitude;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body)) return null;
  return Number(body);
}

/**
 * getDoubleFromObject: a whole-string strtod without leading space, NaN, or a range error
 * (overflow to ±inf, or a nonzero literal that underflows to zero).
 */
export function parseScore(text: string): number | null {
  if (text.length === 0 || /^[ \t\n\v\f\r]/.test(text)) return null;
  const value = strtodWhole(text);
  if (value === null) return null;
  if (!Number.isFinite(value) && !/inf/i.test(text)) return null;
  if (value === 0 && /[1-9]/.test(text.replace(/e.*$/i, ''))) return null;
  return value;
}

export interface ScoreRange {
  readonly min: number;
  readonly max: number;
  readonly minex: boolean;
  readonly maxex: boolean;
}

function rangeItem(text: string): [number, boolean] | null {
  const exclusive = text.startsWith('(');
  const value = strtodWhole(exclusive ? text.slice(1) : text);
  return value === null || Number.isNaN(value) ? null : [value, exclusive];
}

/** zslParseRange; null means "min or max is not a float". */
export function parseScoreRange(minText: string, maxText: string): ScoreRange | null {
  const min = rangeItem(minText);
  const max = rangeItem(maxText);
  if (min === null || max === null) return null;
  return { min: min[0], minex: min[1], max: max[0], maxex: max[1] };
}

const gteMin = (score: number, r: ScoreRange) => (r.minex ? score > r.min : score >= r.min);
const lteMax = (score: number, r: ScoreRange) => (r.maxex ? score < r.max : score <= r.max);

/** A lex bound: '-' and '+' are the extremes; otherwise the member and whether it is excluded. */
export type LexBound = '-' | '+' | { readonly value: string; readonly exclusive: boolean };

export interface LexRange {
  readonly min: LexBound;
  readonly max: LexBound;
}

function lexItem(text: string): LexBound | null {
  const head = text[0];
  if (head === '+' || head === '-') return text.length === 1 || text[1] === '\0' ? head : null;
  if (head === '(' || head === '[') return { value: text.slice(1), exclusive: head === '(' };
  return null;
}

/** zslParseLexRange; null means "min or max not valid string range item". */
export function parseLexRange(minText: string, maxText: string): LexRange | null {
  const min = lexItem(minText);
  const max = lexItem(maxText);
  return min === null || max === null ? null : { min, max };
}

function lexGteMin(member: string, bound: LexBound): boolean {
  if (bound === '-') return true;
  if (bound === '+') return false;
  return bound.exclusive ? member > bound.value : member >= bound.value;
}

function lexLteMax(member: string, bound: LexBound): boolean {
  if (bound === '+') return true;
  if (bound === '-') return false;
  return bound.exclusive ? member < bound.value : member <= bound.value;
}

/** Which range kind a command selects by. */
export type Selector = { readonly kind: 'score'; readonly range: ScoreRange } | { readonly kind: 'lex'; readonly range: LexRange };

function gte(entry: ZEntry, s: Selector): boolean {
  return s.kind === 'score' ? gteMin(entry.score, s.range) : lexGteMin(entry.member, s.range.min);
}

function lte(entry: ZEntry, s: Selector): boolean {
  return s.kind === 'score' ? lteMax(entry.score, s.range) : lexLteMax(entry.member, s.range.max);
}

function compareLexBounds(a: LexBound, b: LexBound): number {
  if (a === b) return 0;
  if (a === '-' || b === '+') return -1;
  if (a === '+' || b === '-') return 1;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

// zslIsInRange / zslIsInLexRange: an empty range, or one past either end, selects nothing.
function intersects(sorted: readonly ZEntry[], s: Selector): boolean {
  if (s.kind === 'score') {
    const r = s.range;
    if (r.min > r.max || (r.min === r.max && (r.minex || r.maxex))) return false;
  } else {
    const cmp = compareLexBounds(s.range.min, s.range.max);
    const exclusive = (b: LexBound) => typeof b === 'object' && b.exclusive;
    if (cmp > 0 || (cmp === 0 && (exclusive(s.range.min) || exclusive(s.range.max)))) return false;
  }
  return gte(sorted[sorted.length - 1]!, s) && lte(sorted[0]!, s);
}

/**
 * Elements in a score or lex range, as zzlFirstInRange/zzlLastInRange and the walk after them:
 * forward from the first element >= min while <= max (reverse: back from the last <= max while
 * >= min), skipping `offset` (a negative offset skips everything) and taking at most `limit`
 * (negative: all). Returns indexes into `zset.sorted`.
 */
export function selectRange(zset: ZSetValue, s: Selector, reverse: boolean, offset: number, limit: number): number[] {
  const sorted = zset.sorted;
  const out: number[] = [];
  if (offset > 0 && offset >= sorted.length) return out;
  if (sorted.length === 0 || !intersects(sorted, s)) return out;
  let i: number;
  if (!reverse) {
    i = 0;
    while (i < sorted.length && !gte(sorted[i]!, s)) i++;
    if (i < sorted.length && !lte(sorted[i]!, s)) return out;
  } else {
    i = sorted.length - 1;
    while (i >= 0 && !lte(sorted[i]!, s)) i--;
    if (i >= 0 && !gte(sorted[i]!, s)) return out;
  }
  const step = reverse ? -1 : 1;
  if (offset < 0) return out;
  i += step * offset;
  for (; i >= 0 && i < sorted.length && limit !== 0; i += step, limit--) {
    const entry = sorted[i]!;
    if (reverse ? !gte(entry, s) : !lte(entry, s)) break;
    out.push(i);
  }
  return out;
}

/** Ranks [start, end] after ZRANGE's normalisation, or null when empty. */
export function rankRange(start: number, end: number, length: number): [number, number] | null {
  if (start < 0) start = length + start;
  if (end < 0) end = length + end;
  if (start < 0) start = 0;
  if (start > end || start >= length) return null;
  if (end >= length) end = length - 1;
  return [start, end];
}

/** d2string: how a listpack stores a score (ZSCAN shows it): integers without exponent. */
export function scoreText(score: number, formatDouble: (d: number) => string): string {
  if (Number.isInteger(score) && Math.abs(score) <= 4611686018427387903 && !Object.is(score, -0)) return BigInt(score).toString();
  return formatDouble(score);
}
