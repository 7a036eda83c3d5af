/**
 * Number parsing and formatting exactly as Redis 7.0 does it: `string2ll` for integers and `%.17g`
 * for doubles. INCRBYFLOAT's long doubles are in long-double.ts (they load with the commands).
 *
 * @example
 * parseInt64('42');      // 42
 * parseInt64('+5');      // null: string2ll rejects signs other than '-', leading zeros and spaces
 */

export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;
const SAFE = Number.MAX_SAFE_INTEGER;

/** A 64-bit integer: a number when it is exact as a double, a bigint otherwise. */
export type Int64 = number | bigint;

/** Narrows a bigint to a number when that is lossless. */
export function normalizeInt(value: bigint): Int64 {
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
}

/**
 * Parses a signed 64-bit integer with Redis's `string2ll` rules: no '+', no leading zeros,
 * no spaces, '-0' rejected, at most 20 chars. Returns null when the text is not such an integer.
 */
export function parseInt64(text: string): Int64 | null {
  const len = text.length;
  if (len === 0 || len >= 21) return null;
  if (len === 1 && text.charCodeAt(0) === 48) return 0;
  let i = 0;
  let negative = false;
  if (text.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
    if (len === 1) return null;
  }
  const first = text.charCodeAt(i);
  if (first < 49 || first > 57) return null;
  // Up to 15 digits fits a double exactly: the common path stays in plain numbers.
  if (len - i <= 15) {
    let value = 0;
    for (; i < len; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return null;
      value = value * 10 + c;
    }
    return negative ? -value : value;
  }
  for (let j = i; j < len; j++) {
    const c = text.charCodeAt(j);
    if (c < 48 || c > 57) return null;
  }
  const big = BigInt(text);
  if (big > INT64_MAX || big < INT64_MIN) return null;
  return normalizeInt(big);
}

/** Adds two int64 values; null on signed 64-bit overflow. */
export function addInt64(a: Int64, b: Int64): Int64 | null {
  if (typeof a === 'number' && typeof b === 'number') {
    const sum = a + b;
    if (sum <= SAFE && sum >= -SAFE) return sum;
  }
  const sum = BigInt(a) + BigInt(b);
  if (sum > INT64_MAX || sum < INT64_MIN) return null;
  return normalizeInt(sum);
}

/** Formats an int64 as Redis prints it. */
export function formatInt(value: Int64): string {
  return typeof value === 'number' ? String(value) : value.toString();
}

/**
 * Formats a double the way Redis 7.0 does on the wire (`%.17g`, `inf`, `-inf`, `nan`).
 * @example formatDouble(1.5) === '1.5'; formatDouble(0.1) === '0.10000000000000001'
 */
export function formatDouble(d: number): string {
  if (Number.isNaN(d)) return 'nan';
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  // toExponential(16) gives exactly the 17 significant digits %.17g rounds to.
  const expForm = d.toExponential(16);
  const ePos = expForm.indexOf('e');
  const exponent = Number(expForm.slice(ePos + 1));
  const negative = d < 0;
  const digits = expForm.slice(negative ? 1 : 0, ePos).replace('.', '');
  let out: string;
  if (exponent < -4 || exponent >= 17) {
    let mantissa = digits[0]! + '.' + digits.slice(1);
    mantissa = mantissa.replace(/0+$/, '').replace(/\.$/, '');
    const absExp = Math.abs(exponent);
    out = `${mantissa}e${exponent < 0 ? '-' : '+'}${absExp < 10 ? '0' : ''}${absExp}`;
  } else if (exponent >= 0) {
    const intPart = digits.slice(0, exponent + 1);
    const frac = digits.slice(exponent + 1).replace(/0+$/, '');
    out = frac ? `${intPart}.${frac}` : intPart;
  } else {
    const frac = ('0'.repeat(-exponent - 1) + digits).replace(/0+$/, '');
    out = `0.${frac}`;
  }
  return negative ? '-' + out : out;
}
