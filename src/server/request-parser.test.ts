import fc from 'fast-check';
import { encodeCommand } from '../redis/resp.ts';
import { RequestParser, type ParseResult } from './request-parser.ts';

const bin = (text: string) => Buffer.from(text, 'latin1');

function feedAll(chunks: string[]): ParseResult {
  const parser = new RequestParser();
  const commands: string[][] = [];
  for (const chunk of chunks) {
    const result = parser.feed(bin(chunk));
    commands.push(...result.commands);
    if (result.error !== undefined) return { commands, error: result.error };
  }
  return { commands };
}

const byteString = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 30 });

describe('request parser', () => {
  test('any pipeline of multibulk commands parses back to its argv lists, however it is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(byteString, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (commands, cuts) => {
          const wire = commands.map(encodeCommand).join('');
          const points = [...new Set(cuts.map((c) => c % (wire.length + 1)))].sort((a, b) => a - b);
          const chunks: string[] = [];
          let last = 0;
          for (const p of points) {
            chunks.push(wire.slice(last, p));
            last = p;
          }
          chunks.push(wire.slice(last));
          expect(feedAll(chunks)).toEqual({ commands });
        },
      ),
    );
  });

  test('inline commands are split like redis-cli lines, LF or CRLF terminated, blank lines skipped', () => {
    expect(feedAll(['SET k "a b"\r\n\r\n  \nGET k\nPI', 'NG\r\n'])).toEqual({
      commands: [['SET', 'k', 'a b'], ['GET', 'k'], ['PING']],
    });
  });

  test('multibulk and inline mix freely, and *0 / negative counts are ignored', () => {
    expect(feedAll(['PING\r\n*0\r\n*-1\r\n*1\r\n$4\r\nPING\r\nECHO x\n'])).toEqual({
      commands: [['PING'], ['PING'], ['ECHO', 'x']],
    });
  });

  test('a big argument arriving in many chunks is assembled exactly', () => {
    const value = 'x'.repeat(200_000) + '\r\n\u00ff';
    const wire = encodeCommand(['SET', 'big', value]) + encodeCommand(['GET', 'big']);
    const chunks = [];
    for (let i = 0; i < wire.length; i += 7919) chunks.push(wire.slice(i, i + 7919));
    expect(feedAll(chunks)).toEqual({ commands: [['SET', 'big', value], ['GET', 'big']] });
  });

  test.each<[string, string, string[][]]>([
    ['*abc\r\n', 'Protocol error: invalid multibulk length', []],
    ['*-0\r\n', 'Protocol error: invalid multibulk length', []],
    ['*2147483648\r\n', 'Protocol error: invalid multibulk length', []],
    ['*1\r\n$-1\r\n', 'Protocol error: invalid bulk length', []],
    ['*1\r\n$536870913\r\n', 'Protocol error: invalid bulk length', []],
    ['*1\r\n$+3\r\n', 'Protocol error: invalid bulk length', []],
    ['PING\r\n*1\r\nx3\r\n', "Protocol error: expected '$', got 'x'", [['PING']]],
    ['*1\r\n\r\n', "Protocol error: expected '$', got ' '", []],
    ['"unbalanced\r\n', 'Protocol error: unbalanced quotes in request', []],
    ['ECHO "a"b\r\n', 'Protocol error: unbalanced quotes in request', []],
    ['x'.repeat(64 * 1024 + 1), 'Protocol error: too big inline request', []],
    ['*' + '1'.repeat(64 * 1024 + 1), 'Protocol error: too big mbulk count string', []],
    ['*1\r\n$' + '1'.repeat(64 * 1024 + 1), 'Protocol error: too big bulk count string', []],
  ])('%j is a protocol error', (wire, error, commands) => {
    expect(feedAll([wire])).toEqual({ commands, error });
  });

  test('limits are inclusive: a 64 KiB inline line and a *2147483647 count are accepted', () => {
    expect(feedAll(['x'.repeat(64 * 1024)])).toEqual({ commands: [] });
    expect(feedAll(['*2147483647\r\n$4\r\nPING\r\n'])).toEqual({ commands: [] });
  });

  test('after a protocol error the parser stays closed', () => {
    const parser = new RequestParser();
    expect(parser.feed(bin('*x\r\n')).error).toBeDefined();
    expect(parser.feed(bin('PING\r\n'))).toEqual({ commands: [] });
  });

  test('an inline command with a NUL before its newline waits for more data, as Redis (strchr stops at the NUL)', () => {
    expect(feedAll(['SET k\0 v\r\n', 'PING\r\n'])).toEqual({ commands: [] });
    expect(feedAll(['PING\r\nSET k\0 v\r\n'])).toEqual({ commands: [['PING']] });
    expect(feedAll(['SET k\0 v\r\n' + 'x'.repeat(64 * 1024)])).toEqual({ commands: [], error: 'Protocol error: too big inline request' });
    // In a multibulk argument a NUL is just a byte.
    expect(feedAll(['*2\r\n$4\r\nECHO\r\n$3\r\na\0b\r\n'])).toEqual({ commands: [['ECHO', 'a\0b']] });
  });

  // Fuzz: random bytes, biased towards protocol characters, cut at random points.
  const wireByte = fc.oneof(
    fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('*', '$', '\r\n', '\r', '\n', '\0', '-', '1', '2', '0', '"', "'", ' ', '\\x41', 'PING', '*1\r\n$4\r\nPING\r\n'),
  );
  const wire = fc.array(wireByte, { maxLength: 60 }).map((parts) => parts.join(''));

  test('fuzz: any bytes, however they are split, parse the same as in one piece, and never throw', () => {
    fc.assert(
      fc.property(wire, fc.array(fc.nat(), { maxLength: 8 }), (bytes, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let last = 0;
        for (const p of points) {
          chunks.push(bytes.slice(last, p));
          last = p;
        }
        chunks.push(bytes.slice(last));
        const whole = feedAll([bytes]);
        expect(feedAll(chunks)).toEqual(whole);
        for (const argv of whole.commands) for (const arg of argv) expect(/^[\x00-\xff]*$/.test(arg)).toBe(true);
      }),
      { numRuns: 3000, interruptAfterTimeLimit: 4000 },
    );
  });

  test('fuzz: what the parser holds for an unfinished command is the bytes received, not the lengths announced', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 2 ** 29 }), { minLength: 1, maxLength: 4 }), fc.nat({ max: 200 }), (lengths, sent) => {
        const parser = new RequestParser();
        const head = `*${lengths.length + 1}\r\n$3\r\nSET\r\n` + lengths.map((n) => `$${n}\r\n`)[0]!;
        parser.feed(bin(head + 'x'.repeat(Math.min(sent, lengths[0]!))));
        expect(parser.bufferedBytes).toBeLessThanOrEqual(head.length + sent);
      }),
      { interruptAfterTimeLimit: 2000 },
    );
  });
});

