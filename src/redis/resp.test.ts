import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { binaryToBytes, bytesToBinary } from './bytes.ts';
import { formatDouble } from './numbers.ts';
import { ReplyDecoder, RespProtocolError, encodeCommand, encodeReply, type RespValue } from './resp.ts';

const byteString = (maxLength = 20) =>
  fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength });
const lineString = byteString().filter((s) => !s.includes('\r') && !s.includes('\n'));

// Values in RESP3's canonical form: nulls are `null`, never nil bulks or nil arrays.
const resp3Value: fc.Arbitrary<RespValue> = fc.letrec<{ value: RespValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    lineString.map((value) => ({ type: 'status', value }) as const),
    lineString.map((message) => ({ type: 'error', message }) as const),
    fc.oneof(fc.integer(), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).filter((b) => !Number.isSafeInteger(Number(b)))).map(
      (value) => ({ type: 'integer', value }) as const,
    ),
    byteString().map((value) => ({ type: 'bulk', value }) as const),
    fc.constant({ type: 'null' } as const),
    fc.double({ noNaN: true }).map((value) => ({ type: 'double', value }) as const),
    fc.boolean().map((value) => ({ type: 'boolean', value }) as const),
    fc.bigInt().map((b) => ({ type: 'bignum', value: String(b) }) as const),
    fc.tuple(fc.constantFrom('txt', 'mkd'), byteString()).map(([format, value]) => ({ type: 'verbatim', format, value }) as const),
    fc.array(tie('value'), { maxLength: 4 }).map((value) => ({ type: 'array', value }) as const),
    fc.array(tie('value'), { maxLength: 4 }).map((value) => ({ type: 'set', value }) as const),
    fc.array(tie('value'), { maxLength: 4 }).map((value) => ({ type: 'push', value }) as const),
    fc.array(fc.tuple(tie('value'), tie('value')), { maxLength: 3 }).map((value) => ({ type: 'map', value }) as const),
  ),
})).value;

// What a RESP2 client sees for a value the server meant as RESP3.
function downgrade(v: RespValue): RespValue {
  switch (v.type) {
    case 'null':
      return { type: 'bulk', value: null };
    case 'double':
      return { type: 'bulk', value: formatDouble(v.value) };
    case 'verbatim':
      return { type: 'bulk', value: v.value };
    case 'bignum':
      return { type: 'bulk', value: v.value };
    case 'boolean':
      return { type: 'integer', value: v.value ? 1 : 0 };
    case 'array':
      return { type: 'array', value: v.value && v.value.map(downgrade) };
    case 'set':
    case 'push':
      return { type: 'array', value: v.value.map(downgrade) };
    case 'map':
      return { type: 'array', value: v.value.flatMap(([k, val]) => [downgrade(k), downgrade(val)]) };
    default:
      return v;
  }
}

// Splits a string into chunks at the given cut points.
function chunksOf(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const p of points) {
    out.push(text.slice(last, p));
    last = p;
  }
  out.push(text.slice(last));
  return out;
}

describe('RESP encoding', () => {
  test.each<[string, RespValue, string, string]>([
    ['status', { type: 'status', value: 'OK' }, '+OK\r\n', '+OK\r\n'],
    ['error', { type: 'error', message: 'ERR syntax error' }, '-ERR syntax error\r\n', '-ERR syntax error\r\n'],
    ['integer', { type: 'integer', value: -3 }, ':-3\r\n', ':-3\r\n'],
    ['bulk', { type: 'bulk', value: 'h\u00e9' }, '$2\r\nh\u00e9\r\n', '$2\r\nh\u00e9\r\n'],
    ['nil bulk', { type: 'bulk', value: null }, '$-1\r\n', '_\r\n'],
    ['nil array', { type: 'array', value: null }, '*-1\r\n', '_\r\n'],
    ['null', { type: 'null' }, '$-1\r\n', '_\r\n'],
    ['empty array', { type: 'array', value: [] }, '*0\r\n', '*0\r\n'],
    ['double', { type: 'double', value: 1.5 }, '$3\r\n1.5\r\n', ',1.5\r\n'],
    ['infinite double', { type: 'double', value: -Infinity }, '$4\r\n-inf\r\n', ',-inf\r\n'],
    ['verbatim', { type: 'verbatim', format: 'txt', value: 'hi' }, '$2\r\nhi\r\n', '=6\r\ntxt:hi\r\n'],
    ['boolean', { type: 'boolean', value: true }, ':1\r\n', '#t\r\n'],
    [
      'map',
      { type: 'map', value: [[{ type: 'bulk', value: 'f' }, { type: 'integer', value: 1 }]] },
      '*2\r\n$1\r\nf\r\n:1\r\n',
      '%1\r\n$1\r\nf\r\n:1\r\n',
    ],
    ['set', { type: 'set', value: [{ type: 'bulk', value: 'a' }] }, '*1\r\n$1\r\na\r\n', '~1\r\n$1\r\na\r\n'],
  ])('%s is encoded as Redis does in RESP2 and RESP3', (_name, reply, resp2, resp3) => {
    expect(encodeReply(reply, 2)).toBe(resp2);
    expect(encodeReply(reply, 3)).toBe(resp3);
  });

  test('a command is a multibulk of bulk strings, binary-safe', () => {
    expect(encodeCommand(['SET', 'k', 'a\r\nb'])).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$4\r\na\r\nb\r\n');
  });

  test('doubles are formatted exactly like C printf %.17g (Redis 7.0)', () => {
    const samples = fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), { numRuns: 300, seed: 7 });
    samples.push(1.5, 0.1, 1e17, 1e16, 123456789.125, 0.0001, 0.00001, 1 / 3, -2.5, 5e-324, 1.7976931348623157e308, 100, -0);
    const script = 'import sys\nfor line in sys.stdin.read().split():\n    print("%.17g" % float.fromhex(line))';
    const input = samples.map((d) => hexFloat(d)).join('\n');
    const expected = execFileSync('/usr/bin/python3', ['-c', script], { input, encoding: 'utf8' }).trim().split('\n');
    expect(samples.map(formatDouble)).toEqual(expected);
  });
});

// Exact hexadecimal float text (Python's float.fromhex reads it back bit for bit).
function hexFloat(d: number): string {
  if (Object.is(d, -0)) return '-0x0p+0';
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, d);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? '-' : '';
  const exp = Number((bits >> 52n) & 0x7ffn);
  const mantissa = bits & ((1n << 52n) - 1n);
  if (exp === 0) return `${sign}0x0.${mantissa.toString(16).padStart(13, '0')}p-1022`;
  return `${sign}0x1.${mantissa.toString(16).padStart(13, '0')}p${exp - 1023}`;
}

describe('RESP decoding', () => {
  test('every RESP3 value survives encode then decode, however the bytes are chunked', () => {
    fc.assert(
      fc.property(fc.array(resp3Value, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 6 }), (values, cuts) => {
        const wire = values.map((v) => encodeReply(v, 3)).join('');
        const decoder = new ReplyDecoder();
        const decoded = chunksOf(wire, cuts).flatMap((chunk) => decoder.feed(binaryToBytes(chunk)));
        expect(decoded).toEqual(values);
        expect(decoder.pending).toBe(0);
      }),
    );
  });

  test('in RESP2 a value decodes to its RESP2 representation (map → flat array, double → bulk, ...)', () => {
    fc.assert(
      fc.property(resp3Value, (value) => {
        expect(new ReplyDecoder().feed(encodeReply(value, 2))).toEqual([downgrade(value)]);
      }),
    );
  });

  test('a partial value stays pending until its last byte arrives', () => {
    const decoder = new ReplyDecoder();
    expect(decoder.feed('*2\r\n$3\r\nfo')).toEqual([]);
    expect(decoder.feed('o\r\n:7')).toEqual([]);
    expect(decoder.feed('\r\n')).toEqual([
      {
        type: 'array',
        value: [
          { type: 'bulk', value: 'foo' },
          { type: 'integer', value: 7 },
        ],
      },
    ]);
  });

  test('nil bulk and nil array from a RESP2 server are kept apart', () => {
    expect(new ReplyDecoder().feed('$-1\r\n*-1\r\n')).toEqual([
      { type: 'bulk', value: null },
      { type: 'array', value: null },
    ]);
  });

  test('attributes are skipped and blob errors become errors', () => {
    expect(new ReplyDecoder().feed('|1\r\n+key\r\n:1\r\n:5\r\n!9\r\nERR nope!\r\n')).toEqual([
      { type: 'integer', value: 5 },
      { type: 'error', message: 'ERR nope!' },
    ]);
  });

  test('integers beyond 2^53 decode as bigint', () => {
    expect(new ReplyDecoder().feed(':9223372036854775807\r\n')).toEqual([{ type: 'integer', value: 9223372036854775807n }]);
  });

  test('garbage is a protocol error', () => {
    expect(() => new ReplyDecoder().feed('?what\r\n')).toThrow(RespProtocolError);
    expect(() => new ReplyDecoder().feed('$3\r\nabcd\r\n')).toThrow(RespProtocolError);
  });

  test('bytes and binary strings convert both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70000 }), (bytes) => {
        expect(binaryToBytes(bytesToBinary(bytes))).toEqual(bytes);
      }),
      { numRuns: 20 },
    );
  });
});
