// The same raw bytes sent to a real redis-server 7.0 and to the emulator's RESP server must come
// back as the same bytes (and close the connection at the same point).
import { RedisEmulator } from '../../src/redis/emulator.ts';
import type { Session } from '../../src/redis/session.ts';
import { encodeCommand } from '../../src/redis/resp.ts';
import { startRespServer, type RespServer } from '../../src/server/server.ts';
import { RespConnection, startRealRedis, type RunningProcess } from '../../src/server/testing.ts';

let real: RunningProcess;
let emulated: RespServer;

beforeAll(async () => {
  [real, emulated] = await Promise.all([
    startRealRedis(),
    startRespServer<Session>(new RedisEmulator({ now: () => Date.now() }), { port: 0 }),
  ]);
}, 30_000);

afterAll(async () => {
  await Promise.all([real?.stop(), emulated?.close()]);
});

const cmd = (...argv: string[]) => encodeCommand(argv);
const binary = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');

// Per-connection ids differ between two servers; everything else in HELLO must match.
const normalize = (bytes: string) => bytes.replace(/\$2\r\nid\r\n:\d+\r\n/g, '$2\r\nid\r\n:<id>\r\n');

// Each case: byte streams written one after another on a fresh connection.
const cases: Array<[string, string[]]> = [
  ['flush first', [cmd('FLUSHALL')]],
  ['the cache-aside path', [cmd('GET', 'user:1') + cmd('SET', 'user:1', '{"name":"Ada"}', 'EX', '60') + cmd('GET', 'user:1') + cmd('TTL', 'user:1') + cmd('DEL', 'user:1') + cmd('GET', 'user:1') + cmd('TTL', 'user:1')]],
  ['a long pipeline in one write', [Array.from({ length: 200 }, (_, i) => cmd('INCR', 'n') + cmd('SET', `k${i}`, String(i))).join('')]],
  ['a command split across writes', ['*3\r\n$3\r\nSE', 'T\r\n$5\r\nsplit\r\n$3\r\nv', 'al\r\n' + cmd('GET', 'split')]],
  ['binary-safe values', [cmd('SET', 'bin', binary) + cmd('GET', 'bin') + cmd('STRLEN', 'bin')]],
  ['a 100 KB value', [cmd('SET', 'big', 'x'.repeat(100_000)) + cmd('GET', 'big')]],
  ['inline commands', ['SET inline "a b\\x41\\n"\r\nGET inline\r\n\r\n   \nGET   inline\nEXISTS inline nothing\r\n']],
  ['inline with single quotes', ["SET q 'it\\'s'\r\nGET q\r\n"]],
  ['hashes in RESP2 and RESP3', [cmd('HSET', 'h', 'name', 'Ada', 'lang', 'en') + cmd('HGETALL', 'h') + cmd('HGET', 'h', 'none') + cmd('HELLO', '3') + cmd('HGETALL', 'h') + cmd('HGET', 'h', 'none') + cmd('GET', 'nothing') + cmd('HGETALL', 'nothing') + cmd('HMGET', 'h', 'name', 'none') + cmd('HELLO', '2') + cmd('GET', 'nothing')]],
  ['HELLO variants', [cmd('HELLO') + cmd('HELLO', '4') + cmd('HELLO', 'x') + cmd('HELLO', '3', 'SETNAME', 'lab') + cmd('HELLO', '2')]],
  ['errors', [cmd('NOSUCH', 'a') + cmd('GET') + cmd('GET', 'a', 'b') + cmd('HSET', 'h', 'f') + cmd('INCR', 'h') + cmd('SET', 's', 'abc') + cmd('INCR', 's') + cmd('SET', 'k', 'v', 'EX', '-1') + cmd('SET', 'k', 'v', 'XX', 'NX') + cmd('EXPIRE', 'k1', 'soon')]],
  ['counters', [cmd('INCRBY', 'c', '10') + cmd('DECR', 'c') + cmd('INCRBYFLOAT', 'f', '1.5') + cmd('INCRBYFLOAT', 'f', '0.1') + cmd('GET', 'f')]],
  ['expiry', [cmd('SET', 'e', '1', 'PX', '100000') + cmd('PERSIST', 'e') + cmd('TTL', 'e') + cmd('EXPIRE', 'e', '100') + cmd('TTL', 'e') + cmd('EXPIRE', 'nothing', '5')]],
  ['QUIT closes after its OK and ignores the rest', [cmd('PING') + cmd('QUIT') + cmd('PING')]],
  ['inline QUIT', ['quit\r\n']],
  ['empty multibulk and negative counts are ignored', ['*0\r\n*-1\r\nPING\r\n*1\r\n$4\r\nPING\r\n']],
  ['trailing bytes of a bulk are skipped unchecked', ['*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n']],
  ['invalid multibulk length', [cmd('PING') + '*abc\r\n' + cmd('PING')]],
  ['negative zero count', ['*-0\r\n']],
  ['multibulk count beyond INT_MAX', ['*2147483648\r\n']],
  ['invalid bulk length', ['*1\r\n$-1\r\n']],
  ['bulk beyond proto-max-bulk-len', ['*1\r\n$536870913\r\n']],
  ['expected $', ['*2\r\n$4\r\nECHO\r\n:5\r\n']],
  ['expected $ at a bare CRLF', ['*1\r\n\r\n']],
  ['unbalanced quotes', [cmd('SET', 'before', '1') + 'ECHO "abc\r\n' + cmd('GET', 'before')]],
  ['closing quote followed by a letter', ["ECHO 'a'b\r\n"]],
  ['too big inline request', ['y'.repeat(70_000)]],
  ['too big mbulk count string', ['*' + '9'.repeat(70_000)]],
  ['too big bulk count string', ['*1\r\n$' + '9'.repeat(70_000)]],
  ['a partial command then nothing', ['*2\r\n$4\r\nECHO\r\n$10\r\nabc']],
  ['glob patterns past Redis\'s nesting limit match nothing', [cmd('SET', 'a'.repeat(1001), '1') + cmd('KEYS', '*a'.repeat(1000)) + cmd('KEYS', '*a'.repeat(1001)) + cmd('KEYS', '*a'.repeat(5000)) + cmd('DEL', 'a'.repeat(1001))]],
  ['an inline command with a NUL before its newline waits for more data', ['SET nul\0 v\r\n', 'PING\r\nGET nul\r\n']],
  ['state is shared across connections', [cmd('GET', 'before') + cmd('GET', 'k199') + cmd('GET', 'n') + cmd('DBSIZE')]],
];

interface Transcript {
  /** What came back after each stream, until the peer closed. */
  readonly steps: string[];
  readonly closed: boolean;
}

// `expected` (the real server's transcript) tells how many bytes to wait for before judging silence.
async function run(port: number, streams: string[], expected?: Transcript): Promise<Transcript> {
  const connection = await RespConnection.open(port);
  const steps: string[] = [];
  let closed = false;
  for (const [i, stream] of streams.entries()) {
    // Client ids may differ in digits (normalize), so wait for a little less than the real server sent.
    // redis-server (no transcript yet) gets a second to start answering; the emulator then waits for as many bytes.
    const result = await connection.exchange(stream, 150, Math.max(0, (expected?.steps[i]?.length ?? 0) - 16), expected === undefined ? 1000 : 0);
    steps.push(result.bytes);
    closed = result.closed;
    if (closed) break;
  }
  connection.close();
  return { steps, closed };
}

describe('emulator server vs redis-server 7.0: identical bytes', () => {
  test.each(cases)('%s', async (_name, streams) => {
    const expected = await run(real.port, streams);
    const actual = await run(emulated.port, streams, expected);
    expect(JSON.stringify(normalize(actual.steps.join('')))).toBe(JSON.stringify(normalize(expected.steps.join(''))));
    expect(actual.closed).toBe(expected.closed);
  });
});
