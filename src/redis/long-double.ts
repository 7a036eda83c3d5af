/**
 * x87 80-bit `long double` arithmetic (64-bit significand) as Redis 7.0 does INCRBYFLOAT and
 * HINCRBYFLOAT, emulated with BigInt: parsing (`strtold`), addition and `%.17Lg`-style printing.
 *
 * @example
 * incrByFloatText('0.1', '0.2'); // '0.3' (a double would give 0.30000000000000004)
 */

// ---------------------------------------------------------------------------------------------
// x87 extended precision: value = (-1)^neg * m * 2^e with m < 2^64; normal when m >= 2^63.

/** An 80-bit long double value. */
export type LongDouble =
  | { readonly kind: 'finite'; readonly neg: boolean; readonly m: bigint; readonly e: number }
  | { readonly kind: 'inf'; readonly neg: boolean };

const TWO63 = 1n << 63n;
const TWO64 = 1n << 64n;
const EXP_MIN = -16445; // exponent of the smallest subnormal: 2^-16445
const EXP_LIMIT = 16384; // values >= 2^16384 overflow to infinity

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

// Rounds num/den (both > 0) to the nearest long double, ties to even, as strtold and the FPU do.
function roundRational(neg: boolean, num: bigint, den: bigint): LongDouble {
  if (num === 0n) return { kind: 'finite', neg, m: 0n, e: 0 };
  let e = bitLength(num) - bitLength(den) - 64;
  if (e < EXP_MIN) e = EXP_MIN;
  for (;;) {
    const n2 = e < 0 ? num << BigInt(-e) : num;
    const d2 = e > 0 ? den << BigInt(e) : den;
    let q = n2 / d2;
    if (q >= TWO64) {
      e++;
      continue;
    }
    if (q < TWO63 && e > EXP_MIN) {
      e--;
      continue;
    }
    const r2 = (n2 % d2) * 2n;
    if (r2 > d2 || (r2 === d2 && (q & 1n) === 1n)) q++;
    if (q === TWO64) {
      q = TWO63;
      e++;
    }
    if (e + 64 > EXP_LIMIT) return { kind: 'inf', neg };
    return { kind: 'finite', neg, m: q, e };
  }
}

const DECIMAL = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;
const HEX = /^([+-]?)0[xX](?:([0-9a-fA-F]+)(?:\.([0-9a-fA-F]*))?|\.([0-9a-fA-F]+))(?:[pP]([+-]?\d+))?$/;
const INFINITY = /^([+-]?)(?:inf|infinity)$/i;

/**
 * Parses text as Redis's `string2ld` does (strtold, whole string, no leading space, no NaN,
 * overflow and underflow-to-zero rejected). Returns null when the text is not a valid float.
 */
export function parseLongDouble(text: string): LongDouble | null {
  if (text.length === 0 || text.length >= 5 * 1024) return null;
  let match = DECIMAL.exec(text);
  if (match) {
    const neg = match[1] === '-';
    const intDigits = match[2] ?? '';
    const fracDigits = match[3] ?? match[4] ?? '';
    const exp10 = match[5] === undefined ? 0 : Number(match[5]);
    const digits = (intDigits + fracDigits).replace(/^0+/, '');
    if (digits === '') return { kind: 'finite', neg, m: 0n, e: 0 };
    const scale = exp10 - fracDigits.length; // value = digits * 10^scale
    const magnitude = scale + digits.length; // value < 10^magnitude
    if (magnitude > 4934) return null; // overflows to HUGE_VAL: rejected
    if (magnitude < -4952) return null; // underflows to zero: rejected
    const n = BigInt(digits);
    const value = scale >= 0 ? roundRational(neg, n * 10n ** BigInt(scale), 1n) : roundRational(neg, n, 10n ** BigInt(-scale));
    return rejectRangeErrors(value);
  }
  match = HEX.exec(text);
  if (match) {
    const neg = match[1] === '-';
    const intDigits = match[2] ?? '';
    const fracDigits = match[3] ?? match[4] ?? '';
    const exp2 = match[5] === undefined ? 0 : Number(match[5]);
    const digits = (intDigits + fracDigits).replace(/^0+/, '');
    if (digits === '') return { kind: 'finite', neg, m: 0n, e: 0 };
    const scale = exp2 - 4 * fracDigits.length;
    const n = BigInt('0x' + digits);
    if (scale + 4 * digits.length > EXP_LIMIT + 4) return null;
    if (scale + 4 * digits.length < EXP_MIN - 4) return null;
    const value = scale >= 0 ? roundRational(neg, n << BigInt(scale), 1n) : roundRational(neg, n, 1n << BigInt(-scale));
    return rejectRangeErrors(value);
  }
  match = INFINITY.exec(text);
  if (match) return { kind: 'inf', neg: match[1] === '-' };
  return null;
}

function rejectRangeErrors(value: LongDouble): LongDouble | null {
  if (value.kind === 'inf') return null;
  if (value.m === 0n) return null; // a nonzero literal that rounded to zero: ERANGE
  return value;
}

/** Exact sum, rounded once; null when the result is NaN (inf + -inf). */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble | null {
  if (a.kind === 'inf' || b.kind === 'inf') {
    if (a.kind === 'inf' && b.kind === 'inf' && a.neg !== b.neg) return null;
    return a.kind === 'inf' ? a : b;
  }
  const e = Math.min(a.e, b.e);
  const sa = (a.neg ? -a.m : a.m) << BigInt(a.e - e);
  const sb = (b.neg ? -b.m : b.m) << BigInt(b.e - e);
  const sum = sa + sb;
  if (sum === 0n) return { kind: 'finite', neg: false, m: 0n, e: 0 };
  const neg = sum < 0n;
  const mag = neg ? -sum : sum;
  return e >= 0 ? roundRational(neg, mag << BigInt(e), 1n) : roundRational(neg, mag, 1n << BigInt(-e));
}

/** Formats as `ld2string(..., LD_STR_HUMAN)`: "%.17Lf" with trailing zeros and '.' trimmed. */
export function formatLongDoubleHuman(value: LongDouble): string {
  if (value.kind === 'inf') return value.neg ? '-inf' : 'inf';
  let integerPart: bigint;
  let fraction: bigint;
  const scale = 10n ** 17n;
  if (value.e >= 0) {
    integerPart = value.m << BigInt(value.e);
    fraction = 0n;
  } else {
    const shift = BigInt(-value.e);
    const scaled = value.m * scale;
    let q = scaled >> shift;
    const r2 = (scaled - (q << shift)) * 2n;
    const half = 1n << shift;
    if (r2 > half || (r2 === half && (q & 1n) === 1n)) q++;
    integerPart = q / scale;
    fraction = q % scale;
  }
  let text = integerPart.toString();
  if (fraction !== 0n) text += '.' + fraction.toString().padStart(17, '0').replace(/0+$/, '');
  if (value.neg && text !== '0') text = '-' + text;
  return text;
}

/**
 * INCRBYFLOAT's arithmetic: returns the new text, or an error kind.
 * `current` is null for a missing key (treated as 0).
 */
export function incrByFloatText(current: string | null, increment: string): string | 'not-float' | 'nan-or-inf' {
  const base = current === null ? ZERO : parseLongDouble(current);
  if (base === null) return 'not-float';
  const incr = parseLongDouble(increment);
  if (incr === null) return 'not-float';
  const sum = addLongDouble(base, incr);
  if (sum === null || sum.kind === 'inf') return 'nan-or-inf';
  return formatLongDoubleHuman(sum);
}

const ZERO: LongDouble = { kind: 'finite', neg: false, m: 0n, e: 0 };
