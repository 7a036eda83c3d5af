import fc from 'fast-check';
import { addInt64, INT64_MAX, INT64_MIN, parseInt64 } from './numbers.ts';
import { formatLongDoubleHuman, incrByFloatText, parseLongDouble } from './long-double.ts';

describe('parseInt64 follows string2ll', () => {
  test.each(['+5', '05', '-0', ' 1', '1 ', '', '-', '1.0', '0x10', '9223372036854775808', '-9223372036854775809', '123456789012345678901', '1e3', '٣'])(
    'rejects %j',
    (text) => expect(parseInt64(text)).toBeNull(),
  );

  test.each([
    ['0', 0],
    ['-1', -1],
    ['9007199254740993', 9007199254740993n],
    ['9223372036854775807', INT64_MAX],
    ['-9223372036854775808', INT64_MIN],
  ] as const)('reads %j', (text, value) => expect(parseInt64(text)).toBe(value));

  test('every int64 round-trips through its decimal text, exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), (value) => {
        const parsed = parseInt64(value.toString());
        expect(parsed).not.toBeNull();
        expect(BigInt(parsed!)).toBe(value);
      }),
    );
  });

  test('int64 addition is exact and reports overflow instead of wrapping', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), (a, b) => {
        const sum = addInt64(Number.isSafeInteger(Number(a)) ? Number(a) : a, b);
        const exact = a + b;
        if (exact > INT64_MAX || exact < INT64_MIN) expect(sum).toBeNull();
        else expect(BigInt(sum!)).toBe(exact);
      }),
    );
  });
});

describe('INCRBYFLOAT arithmetic uses 80-bit long doubles like Redis on x86-64', () => {
  // Each row was checked against redis-server 7.0 (see test/redis/differential-scripted.test.ts).
  test.each([
    [null, '0.1', '0.1'],
    ['0.1', '0.2', '0.3'],
    ['10.50', '0.1', '10.6'],
    ['5.0e3', '2.0e2', '5200'],
    ['3', '-3', '0'],
    ['0', '-1e-20', '0'],
    ['0', '0x1p3', '8'],
    ['0', '1.23456789012345678901', '1.23456789012345679'],
  ])('%j + %j = %j', (current, increment, expected) => {
    expect(incrByFloatText(current, increment)).toBe(expected);
  });

  test.each(['abc', ' 1', '1 ', 'nan', '1e5000', '1e-5000', '', '1e', '--1'])('rejects %j as not a float', (text) => {
    expect(parseLongDouble(text)).toBeNull();
  });

  test('infinity parses but any sum reaching it is refused', () => {
    expect(incrByFloatText('inf', '1')).toBe('nan-or-inf');
    expect(incrByFloatText('1e4932', '1e4932')).toBe('nan-or-inf');
  });

  test('integer-valued sums print as integers, exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), fc.integer({ min: -1e15, max: 1e15 }), (a, b) => {
        expect(incrByFloatText(String(a), String(b))).toBe(String(a + b));
      }),
    );
  });

  test('short decimals below 32 come back as typed (17 decimals hide the binary error)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }).chain((scale) => fc.tuple(fc.integer({ min: -31 * 10 ** scale, max: 31 * 10 ** scale }), fc.constant(scale))), ([digits, scale]) => {
        const text = (digits / 10 ** scale).toFixed(scale).replace(/\.?0+$/, '');
        const value = parseLongDouble(text);
        expect(value).not.toBeNull();
        expect(formatLongDoubleHuman(value!)).toBe(text === '-0' ? '0' : text);
      }),
    );
  });

  test('larger values show the long double error, as Redis does', () => {
    expect(incrByFloatText('745.6', '0')).toBe('745.59999999999999998');
  });
});
