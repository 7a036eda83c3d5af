import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { RespConnection, startRealRedis, type RunningProcess } from '../../server/testing.ts';
import { formatReply, printsRaw, quoteBytes } from './format.ts';
import { parseCliLine, splitArgs } from './parse.ts';

// Lines typed at the redis-cli prompt; each must print exactly what redis-cli prints.
const script = [
  'SET greeting "caf\\xc3\\xa9 \\"quoted\\"\\n\\ttab"',
  'GET greeting',
  'SET euro €',
  'GET euro',
  "SET single 'it\\'s \\n raw'",
  'GET single',
  'GET missing',
  '"unbalanced',
  'SET k "closing"quote',
  'INCR counter',
  '3 INCR counter',
  'INCR greeting',
  'NOSUCHCOMMAND a b',
  'HSET user:1 name Ada lang "en"',
  'HGETALL user:1',
  'HGETALL nothing',
  'RPUSH list a b c d e f g h i j k',
  'LRANGE list 0 -1',
  'LRANGE nothing 0 -1',
  'SCAN 0 MATCH user:* COUNT 100',
  'SADD tags x',
  'SMEMBERS tags',
  'SMEMBERS nothing',
  // Before any TTL: avg_ttl is then 0 on both servers (afterwards it follows each server's own clock).
  'INFO keyspace',
  'EXPIRE greeting 100',
  'TTL greeting',
  'PTTL missing',
  'ZADD board 1.5 ada 2 bob 0.1 cy',
  'ZRANGE board 0 -1 WITHSCORES',
  'ZSCORE board cy',
  'ZSCORE board nobody',
  'INCRBYFLOAT float 3.0e3',
  'CONFIG GET maxmemory-policy',
  'MGET greeting missing euro',
  'OBJECT ENCODING nothing',
  'COMMAND INFO get',
  'DEBUG PROTOCOL true',
  'DEBUG PROTOCOL false',
  'DEBUG PROTOCOL double',
  'DEBUG PROTOCOL null',
  'DEBUG PROTOCOL map',
  'DEBUG PROTOCOL set',
  'DEBUG PROTOCOL verbatim',
  'CLIENT INFO',
  '',
  '   ',
  'PING',
];

// Lines whose output cannot be reproduced byte for byte on a second server (ids, addresses, ages).
const unstable = new Set(['CLIENT INFO']);

async function viaRedisCli(port: number, lines: string[], resp3: boolean): Promise<string> {
  const args = ['-p', String(port), '--no-raw', ...(resp3 ? ['-3'] : [])];
  return execFileSync('redis-cli', args, { input: Buffer.from(lines.join('\n') + '\n', 'utf8') }).toString('latin1');
}

async function viaFormatter(port: number, lines: string[], resp3: boolean): Promise<string> {
  const connection = await RespConnection.open(port);
  if (resp3) await connection.call('HELLO', '3');
  let out = '';
  for (const line of lines) {
    const parsed = parseCliLine(line);
    if (!parsed.ok) {
      out += parsed.error + '\n';
      continue;
    }
    if (parsed.argv.length === 0) continue;
    for (let i = 0; i < parsed.repeat; i++) {
      out += formatReply(await connection.call(...parsed.argv), { raw: printsRaw(parsed.argv) });
    }
  }
  connection.close();
  return out;
}

describe('console output matches redis-cli --no-raw, line for line', () => {
  const servers: RunningProcess[] = [];
  afterAll(async () => Promise.all(servers.map((s) => s.stop())));

  test.each([
    ['RESP2', false],
    ['RESP3 (redis-cli -3)', true],
  ])('%s', async (_name, resp3) => {
    const lines = script.filter((l) => !unstable.has(l));
    const [forCli, forFormatter] = await Promise.all([
      startRealRedis(['--enable-debug-command', 'yes']),
      startRealRedis(['--enable-debug-command', 'yes']),
    ]);
    servers.push(forCli, forFormatter);
    const expected = await viaRedisCli(forCli.port, lines, resp3);
    const actual = await viaFormatter(forFormatter.port, lines, resp3);
    expect(actual.split('\n')).toEqual(expected.split('\n'));
  });
});

describe('formatting rules', () => {
  test('nested arrays are numbered and indented past the widest index', () => {
    const bulk = (value: string) => ({ type: 'bulk', value }) as const;
    const reply = {
      type: 'array',
      value: [bulk('0'), { type: 'array', value: Array.from({ length: 10 }, (_, i) => bulk(`k${i}`)) }],
    } as const;
    expect(formatReply(reply)).toBe(
      '1) "0"\n2)  1) "k0"\n    2) "k1"\n    3) "k2"\n    4) "k3"\n    5) "k4"\n    6) "k5"\n    7) "k6"\n    8) "k7"\n    9) "k8"\n   10) "k9"\n',
    );
  });

  test('errors, nils and empties', () => {
    expect(formatReply({ type: 'error', message: 'ERR boom' })).toBe('(error) ERR boom\n');
    expect(formatReply({ type: 'bulk', value: null })).toBe('(nil)\n');
    expect(formatReply({ type: 'array', value: null })).toBe('(nil)\n');
    expect(formatReply({ type: 'array', value: [] })).toBe('(empty array)\n');
    expect(formatReply({ type: 'map', value: [] })).toBe('(empty hash)\n');
    // redis-cli 7.0 cannot print RESP3 big numbers at all; ours reads as later versions do.
    expect(formatReply({ type: 'bignum', value: '123' })).toBe('(big number) 123\n');
  });

  test('a quoted value typed back at the prompt gives the same bytes (quote ∘ split = id)', () => {
    const bytes = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)) });
    fc.assert(
      fc.property(fc.array(bytes, { minLength: 1, maxLength: 5 }), (values) => {
        const line = values.map(quoteBytes).join(' ');
        expect(splitArgs(line)).toEqual(values);
      }),
    );
  });
});

describe('redis-cli line splitting (sdssplitargs)', () => {
  test.each<[string, string[] | null]>([
    ['SET k v', ['SET', 'k', 'v']],
    ['  GET   k  ', ['GET', 'k']],
    ['SET k "a b"', ['SET', 'k', 'a b']],
    ['SET k "\\x41\\x4"', ['SET', 'k', 'Ax4']],
    ['ECHO "\\n\\r\\t\\b\\a\\\\\\"\\z"', ['ECHO', '\n\r\t\b\x07\\"z']],
    ["ECHO 'a\\'b\\n'", ['ECHO', "a'b\\n"]],
    ['ECHO pre"fix ed"', ['ECHO', 'prefix ed']],
    ['ECHO ""', ['ECHO', '']],
    ['ECHO "a"b', null],
    ["ECHO 'a'b", null],
    ['ECHO "open', null],
    ["ECHO 'open", null],
    ['', []],
  ])('%j', (line, argv) => {
    expect(splitArgs(line)).toEqual(argv);
  });

  test('fuzz: any typed text (any Unicode, lone surrogates, NULs) parses to binary strings or a message, never throws', () => {
    const typed = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.array(fc.constantFrom('"', "'", '\\', '\\x', '4', 'f', ' ', '\t', '\n', '\0', 'a', '3', '-', '€', '\ud800'), { maxLength: 40 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(typed, (line) => {
        const parsed = parseCliLine(line);
        if (parsed.ok) {
          for (const arg of parsed.argv) expect(/^[\x00-\xff]*$/.test(arg)).toBe(true);
          expect(parsed.repeat).toBeGreaterThanOrEqual(1);
        } else {
          expect(parsed.error).toMatch(/^Invalid /);
        }
      }),
      { numRuns: 3000, interruptAfterTimeLimit: 4000 },
    );
  });

  test('fuzz: blanks around and between arguments never change them; a plain word is itself', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '0', ':', '*', '{', '\u00e9', '\\'), minLength: 1, maxLength: 6 });
    // A word ends at ' ', \t, \n or \r; before a word any C isspace() is skipped (\v and \f too).
    const blanks = (units: string[]) => fc.array(fc.constantFrom(...units), { minLength: 1, maxLength: 3 }).map((b) => b.join(''));
    const separator = blanks([' ', '\t', '\n', '\r']);
    const lead = blanks([' ', '\t', '\n', '\r', '\v', '\f']);
    fc.assert(
      fc.property(fc.array(fc.tuple(word, fc.tuple(separator, lead).map(([a, b]) => a + b)), { minLength: 1, maxLength: 6 }), lead, (pairs, lead) => {
        const line = lead + pairs.map(([w, b]) => w + b).join('');
        expect(splitArgs(line)).toEqual(pairs.map(([w]) => w));
      }),
      { interruptAfterTimeLimit: 2000 },
    );
  });

  test('typed text becomes UTF-8 bytes, \\x escapes become raw bytes', () => {
    expect(parseCliLine('SET k "€\\xff"')).toEqual({ ok: true, argv: ['SET', 'k', '\xe2\x82\xac\xff'], repeat: 1 });
  });

  test('a leading count repeats the command; an invalid count is refused as redis-cli does', () => {
    expect(parseCliLine('3 INCR n')).toEqual({ ok: true, argv: ['INCR', 'n'], repeat: 3 });
    expect(parseCliLine('0 INCR n')).toEqual({ ok: false, error: 'Invalid redis-cli repeat command option value.' });
    expect(parseCliLine('3')).toEqual({ ok: true, argv: ['3'], repeat: 1 });
    expect(parseCliLine('"a')).toEqual({ ok: false, error: 'Invalid argument(s)' });
  });
});
