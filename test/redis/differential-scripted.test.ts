// Hand-written scripts per command, including every error path, run on a real redis-server 7.0
// and on the emulator: every reply must match (KEYS/SCAN compared as sets, TTLs within clock skew).
import {
  COMPARED_STATS,
  DifferentialPair,
  formatDifference,
  infoFields,
  onTheWire,
  RealConnection,
  startRealRedis,
  type RealRedis,
} from './differential-harness.ts';
import type { RespValue } from '../../src/redis/resp.ts';

// A script line: space-separated arguments; `\xNN` escapes a byte, `\s` a space, `\e` the empty string.
function line(text: string): string[] {
  return text.split(' ').map((arg) =>
    arg === '\\e'
      ? ''
      : arg.replace(/\\x([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\\s/g, ' '),
  );
}

const FAR = String(Math.floor(Date.now() / 1000) + 86_400 * 365);
const FAR_MS = String(Date.now() + 86_400_000 * 365);
const PAST = String(Math.floor(Date.now() / 1000) - 3600);
const PAST_MS = String(Date.now() - 3_600_000);

const SCRIPTS: Record<string, string[]> = {
  'GET and SET basics': ['GET k', 'SET k v', 'GET k', 'SET k \\e', 'GET k', 'SET \\e empty-key', 'GET \\e', 'KEYS *', 'GET', 'GET a b', 'SET k', 'set K V', 'Get K'],
  'SET options and combinations': [
    'SET k v NX', 'SET k v2 NX', 'GET k', 'SET k v3 XX', 'SET n v XX', 'GET n', 'SET k v NX XX', 'SET k v XX NX',
    'SET k v EX 100', 'TTL k', 'SET k v PX 100000', 'PTTL k', `SET k v EXAT ${FAR}`, 'TTL k', `EXPIRETIME k`,
    `SET k v PXAT ${FAR_MS}`, 'PEXPIRETIME k', 'SET k v KEEPTTL', 'PEXPIRETIME k', 'SET k v', 'TTL k',
    'SET k v EX 10 PX 100', 'SET k v EX 10 KEEPTTL', 'SET k v KEEPTTL EX 10', 'SET k v EX 10 EX 20', 'SET k v EX', 'SET k v PX',
    'SET k v EXAT 1 PXAT 1', 'SET k v GET', 'SET k v2 GET NX', 'SET fresh v GET NX', 'SET fresh v3 GET XX', 'GET fresh',
    'SET k v get ex 100', 'SET k v FOO', 'SET k v EX 0', 'SET k v EX -1', 'SET k v PX 0', 'SET k v EX abc', 'SET k v EX 1.5',
    'SET k v EX 9223372036854775807', 'SET k v EX 9223372036854775', 'SET k v EX 9223372036854776', 'SET k v PX 9223372036854775807',
    'SET k v PXAT 9223372036854775807', 'PEXPIRETIME k', 'EXPIRETIME k', 'TTL k', 'SET k v EXAT 9223372036854775', 'PEXPIRETIME k',
    'SET k v EX +5', 'SET k v EX 05', 'SET k v EX \\s5', 'SET k v nx\\x00junk', 'SET k v EX 10 NX', 'SET k v xx GET',
    'HSET h f v', 'SET h v GET', 'SET h v NX GET', 'SET h v', 'TYPE h', 'SET k v EXAT 0', 'SET k v KEEPTTL KEEPTTL',
  ],
  'SET with an expiry in the past': [
    `SET k v EXAT ${PAST}`, 'DBSIZE', 'EXISTS k', 'DBSIZE', `SET k v PXAT ${PAST_MS}`, 'GET k', `SET k v PXAT ${PAST_MS}`, 'TTL k', 'INFO keyspace',
  ],
  'SETNX SETEX PSETEX': [
    'SETNX k v', 'SETNX k v2', 'GET k', 'SETEX k 100 v', 'TTL k', 'SETEX k 0 v', 'SETEX k -5 v', 'SETEX k abc v', 'SETEX k 100',
    'PSETEX k 100000 v', 'PTTL k', 'PSETEX k 0 v', 'PSETEX k 9223372036854775807 v', 'SETEX k 9223372036854775807 v',
    'HSET h f v', 'SETNX h v', 'SETEX h 10 v', 'TYPE h', 'SETNX', 'SETNX a b c',
  ],
  'GETEX': [
    'GETEX k', 'SET k v', 'GETEX k', 'GETEX k EX 100', 'TTL k', 'GETEX k PX 200000', 'PTTL k', 'GETEX k PERSIST', 'TTL k',
    `GETEX k EXAT ${FAR}`, 'EXPIRETIME k', `GETEX k PXAT ${FAR_MS}`, 'PEXPIRETIME k', 'GETEX k EX 10 PX 10', 'GETEX k PERSIST EX 10',
    'GETEX k EX 10 PERSIST', 'GETEX k KEEPTTL', 'GETEX k NX', 'GETEX k GET', 'GETEX k EX', 'GETEX k EX 0', 'GETEX k EX abc',
    'GETEX missing EX abc', 'GETEX missing FOO', `GETEX k EXAT ${PAST}`, 'EXISTS k', 'SET k v', `GETEX k PXAT ${PAST_MS}`, 'GET k',
    'HSET h f v', 'GETEX h', 'GETEX h EX abc', 'GETEX h FOO', 'GETEX',
  ],
  'GETDEL GETSET': [
    'GETDEL k', 'SET k v EX 100', 'GETDEL k', 'EXISTS k', 'GETSET k a', 'SET k v EX 100', 'GETSET k b', 'TTL k', 'GET k',
    'HSET h f v', 'GETDEL h', 'GETSET h v', 'EXISTS h', 'GETDEL', 'GETSET k',
  ],
  'MGET MSET MSETNX': [
    'MSET a 1 b 2 c 3', 'MGET a b c d', 'HSET h f v', 'MGET a h', 'MSET a', 'MSET a 1 b', 'MSETNX a 9 z 9', 'GET z', 'MSETNX y 1 z 2',
    'MGET y z', 'MSETNX y 1 y 2', 'SET t v EX 100', 'MSET t w', 'TTL t', 'MSETNX', 'MGET', 'MSETNX q', 'MSET h v', 'TYPE h',
  ],
  'APPEND STRLEN': [
    'APPEND k abc', 'APPEND k def', 'GET k', 'STRLEN k', 'STRLEN missing', 'APPEND k \\e', 'SET t v EX 100', 'APPEND t w', 'TTL t',
    'HSET h f v', 'APPEND h x', 'STRLEN h', 'SET n 10', 'APPEND n 5', 'INCR n', 'APPEND', 'STRLEN',
    'APPEND bin \\x00\\xff', 'STRLEN bin', 'GET bin',
  ],
  'GETRANGE': [
    'SET k Hello\\sWorld', 'GETRANGE k 0 4', 'GETRANGE k -5 -1', 'GETRANGE k 0 -1', 'GETRANGE k 5 3', 'GETRANGE k -1 -5', 'GETRANGE k 100 200',
    'GETRANGE k -100 2', 'GETRANGE k 0 100', 'GETRANGE missing 0 -1', 'GETRANGE k a 1', 'GETRANGE k 0 b', 'GETRANGE missing a 1',
    'GETRANGE k -9223372036854775808 -9223372036854775807', 'GETRANGE k -9223372036854775807 -9223372036854775808',
    'GETRANGE k 9223372036854775807 9223372036854775807', 'SET e \\e', 'GETRANGE e 0 -1', 'GETRANGE e -1 0', 'HSET h f v', 'GETRANGE h 0 1',
    'GETRANGE h a 1', 'GETRANGE k 0',
  ],
  'SETRANGE': [
    'SETRANGE k 5 abc', 'GET k', 'STRLEN k', 'SETRANGE k 0 XY', 'GET k', 'SETRANGE k 20 \\e', 'SETRANGE missing 3 \\e', 'EXISTS missing',
    'SETRANGE k -1 a', 'SETRANGE k abc a', 'SETRANGE k 536870912 a', 'SETRANGE k 9223372036854775807 a',
    'SET t v EX 100', 'SETRANGE t 1 x', 'TTL t', 'GET t', 'HSET h f v', 'SETRANGE h 0 a', 'SETRANGE h -1 a', 'SETRANGE h 0 \\e', 'SETRANGE k 1',
  ],
  'INCR DECR INCRBY DECRBY': [
    'INCR k', 'INCR k', 'DECR k', 'INCRBY k 10', 'DECRBY k 3', 'INCRBY k -100', 'GET k', 'SET k 9223372036854775806', 'INCR k', 'INCR k',
    'SET k -9223372036854775807', 'DECR k', 'DECR k', 'INCRBY k 9223372036854775807', 'DECRBY k -9223372036854775808',
    'DECRBY k 9223372036854775807', 'SET k 10', 'INCRBY k 9223372036854775808', 'INCRBY k abc', 'INCRBY k 1.5', 'INCRBY k +1', 'INCRBY k 01',
    'INCRBY k -0', 'INCRBY k \\s1', 'SET s +5', 'INCR s', 'SET s 05', 'INCR s', 'SET s -0', 'INCR s', 'SET s \\s1', 'INCR s', 'SET s 1\\s', 'INCR s',
    'SET s 1.0', 'INCR s', 'SET s 12345678901234567890', 'INCR s', 'SET s 9007199254740993', 'INCR s', 'INCRBY s 9007199254740993', 'GET s',
    'SET s -9223372036854775808', 'INCR s', 'DECRBY s 1', 'SET s \\e', 'INCR s', 'SET t 5 EX 100', 'INCR t', 'TTL t', 'HSET h f v', 'INCR h',
    'INCRBY h abc', 'DECRBY h 1', 'INCR', 'INCRBY k', 'DECRBY k', 'INCR a b',
  ],
  'INCRBYFLOAT': [
    'INCRBYFLOAT k 0.1', 'INCRBYFLOAT k 0.2', 'SET k 10.50', 'INCRBYFLOAT k 0.1', 'INCRBYFLOAT k -5', 'SET k 5.0e3', 'INCRBYFLOAT k 2.0e2',
    'SET k 3', 'INCRBYFLOAT k -3', 'INCRBYFLOAT k 1e300', 'INCRBYFLOAT k 1e-20', 'SET k 0', 'INCRBYFLOAT k -1e-20', 'INCRBYFLOAT k 0x1p3',
    'INCRBYFLOAT k 1.23456789012345678901', 'INCRBYFLOAT k abc', 'INCRBYFLOAT k \\s1', 'INCRBYFLOAT k 1\\s', 'INCRBYFLOAT k inf',
    'INCRBYFLOAT k -inf', 'INCRBYFLOAT k nan', 'INCRBYFLOAT k 1e5000', 'INCRBYFLOAT k 1e-5000', 'INCRBYFLOAT k +1.5', 'INCRBYFLOAT k .5',
    'INCRBYFLOAT k 5.', 'INCRBYFLOAT k 1e', 'INCRBYFLOAT k \\e', 'SET k abc', 'INCRBYFLOAT k 1', 'SET k inf', 'INCRBYFLOAT k 1',
    'SET k 1.7976931348623157e308', 'INCRBYFLOAT k 1.7976931348623157e308', 'SET k 1e4932', 'INCRBYFLOAT k 1e4932', 'SET k 1e-4940', 'INCRBYFLOAT k 0',
    'SET k 0.1', 'INCRBYFLOAT k 0.7', 'INCRBYFLOAT k 1.1', 'INCRBYFLOAT k 3.3333333333333333', 'INCRBYFLOAT k -10000000000.5',
    'SET t 1 EX 100', 'INCRBYFLOAT t 1', 'TTL t', 'HSET h f v', 'INCRBYFLOAT h 1', 'INCRBYFLOAT', 'INCRBYFLOAT k',
  ],
  'DEL UNLINK EXISTS TOUCH TYPE': [
    'MSET a 1 b 2', 'HSET h f v', 'EXISTS a b c h a', 'TOUCH a b c', 'TYPE a', 'TYPE h', 'TYPE none', 'DEL a c', 'UNLINK b h a',
    'EXISTS a b h', 'DEL', 'EXISTS', 'TYPE', 'TOUCH', 'UNLINK', 'TYPE a b', `SET x v PXAT ${PAST_MS}`, 'DEL x', `SET x v PXAT ${PAST_MS}`,
    'TYPE x', `SET x v PXAT ${PAST_MS}`, 'EXISTS x', `SET x v PXAT ${PAST_MS}`, 'TOUCH x', 'INFO keyspace',
  ],
  'KEYS and glob patterns': [
    'MSET hello 1 hallo 2 hxllo 3 hllo 4 heeeello 5 a*b 6 a?b 7 a[b 8 a\\\\b 9 \\xff 10 \\x80x 11 A 12 \\e 13',
    'KEYS *', 'KEYS h?llo', 'KEYS h*llo', 'KEYS h[ae]llo', 'KEYS h[^e]llo', 'KEYS h[a-b]llo', 'KEYS h[b-a]llo', 'KEYS a\\*b', 'KEYS a\\?b',
    'KEYS a[*]b', 'KEYS a[b', 'KEYS a[', 'KEYS [', 'KEYS a\\\\b', 'KEYS a\\\\\\\\b', 'KEYS \\', 'KEYS ***', 'KEYS **a*', 'KEYS [a-\\xff]*', 'KEYS [\\x7f-\\xff]',
    'KEYS [^a-z]*', 'KEYS [a-z', 'KEYS [\\]]', 'KEYS h[\\', 'KEYS ?', 'KEYS [A]', 'KEYS [^]', 'KEYS []', 'KEYS h[a-]llo', 'KEYS [-a]*',
    'KEYS \\e', 'KEYS', 'KEYS a b', `SET gone v PXAT ${PAST_MS}`, 'KEYS g*', 'DBSIZE',
  ],
  'RENAME RENAMENX': [
    'RENAME a b', 'SET a 1 EX 100', 'RENAME a b', 'TTL b', 'EXISTS a', 'SET c 3', 'RENAME b c', 'TTL c', 'GET c', 'RENAME c c', 'RENAME zz zz',
    'SET d 4', 'RENAMENX c d', 'RENAMENX c e', 'RENAMENX e e', 'RENAMENX qq e', 'HSET h f v', 'RENAME h s', 'TYPE s', 'RENAME a', 'RENAMENX a',
    `SET x v PXAT ${PAST_MS}`, 'RENAME x y', 'SET y v', `SET x v PXAT ${PAST_MS}`, 'RENAME y x', 'GET x',
  ],
  'EXPIRE family': [
    'EXPIRE k 100', 'SET k v', 'EXPIRE k 100', 'TTL k', 'PEXPIRE k 50000', 'PTTL k', `EXPIREAT k ${FAR}`, 'EXPIRETIME k', `PEXPIREAT k ${FAR_MS}`,
    'PEXPIRETIME k', 'EXPIRE k 100 NX', 'EXPIRE k 100 XX', 'TTL k', 'EXPIRE k 200 GT', 'TTL k', 'EXPIRE k 100 GT', 'EXPIRE k 300 LT',
    'EXPIRE k 50 LT', 'TTL k', 'PERSIST k', 'PERSIST k', 'EXPIRE k 100 XX', 'EXPIRE k 100 GT', 'EXPIRE k 100 LT', 'TTL k', 'EXPIRE k 100 NX',
    'EXPIRE k 100 NX XX', 'EXPIRE k 100 NX GT', 'EXPIRE k 100 GT LT', 'EXPIRE k 100 XX GT', 'EXPIRE k 100 FOO', 'EXPIRE k 100 nx\\x00bar',
    'EXPIRE k abc', 'EXPIRE k abc FOO', 'EXPIRE k 1.5', 'EXPIRE k 9223372036854775807', 'EXPIRE k 9223372036854775', 'PEXPIRE k 9223372036854775807',
    'EXPIREAT k 9223372036854775', 'PEXPIRETIME k', 'PEXPIREAT k 9223372036854775807', 'PEXPIRETIME k', 'TTL k',
    'EXPIRE k -9223372036854775808', 'EXPIRE k -9223372036854775', 'SET k v', 'EXPIRE k -1', 'EXISTS k', 'SET k v', 'EXPIRE k 0', 'EXISTS k',
    'SET k v', `EXPIREAT k ${PAST}`, 'EXISTS k', 'SET k v', 'PEXPIREAT k 1', 'EXISTS k', 'SET k v', 'PEXPIRE k -100 LT', 'EXISTS k',
    'TTL missing', 'PTTL missing', 'EXPIRETIME missing', 'PEXPIRETIME missing', 'SET p v', 'TTL p', 'PTTL p', 'EXPIRETIME p', 'PEXPIRETIME p',
    'PERSIST missing', 'EXPIRE', 'EXPIRE k', 'TTL', 'PERSIST', 'TTL a b',
  ],
  'hash commands': [
    'HSET h f1 v1 f2 v2', 'HSET h f1 x f3 v3', 'HGETALL h', 'HKEYS h', 'HVALS h', 'HLEN h', 'HGET h f1', 'HGET h nope', 'HGET nope f',
    'HMGET h f1 nope f3', 'HMGET nope a b', 'HEXISTS h f1', 'HEXISTS h nope', 'HEXISTS nope f', 'HSTRLEN h f1', 'HSTRLEN h nope',
    'HSETNX h f1 y', 'HSETNX h f9 y', 'HGET h f9', 'HDEL h f1 nope', 'HDEL h f2 f3 f9', 'EXISTS h', 'HDEL h f', 'HLEN h', 'HGETALL h',
    'HKEYS nope', 'HVALS nope', 'HSET h f', 'HSET h', 'HSET h f v g', 'HMSET h a 1 b 2', 'HMSET h a', 'HGETALL h', 'HINCRBY h a 5',
    'HINCRBY h new 7', 'HINCRBY h a abc', 'HSET h s str', 'HINCRBY h s 1', 'HSET h big 9223372036854775807', 'HINCRBY h big 1',
    'HINCRBY h big -1', 'HSET h z 05', 'HINCRBY h z 1', 'HINCRBY fresh f 3', 'HGETALL fresh', 'SET s v', 'HSET s f v', 'HGET s f',
    'HGETALL s', 'HMGET s f', 'HDEL s f', 'HLEN s', 'HEXISTS s f', 'HINCRBY s f 1', 'HINCRBY s f abc', 'HSETNX s f v', 'HKEYS s',
    'HSTRLEN s f', 'HGET h', 'HDEL h', 'HINCRBY h a', 'HEXISTS h', 'HSETNX h a', 'SET t v EX 100', 'DEL t', 'HSET t f v', 'TTL t',
  ],
  'SCAN arguments': [
    'MSET a 1 b 2 c 3', 'HSET h f v', 'SCAN 0 COUNT 100', 'SCAN 0 MATCH a* COUNT 100', 'SCAN 0 TYPE hash COUNT 100', 'SCAN 0 TYPE string COUNT 100',
    'SCAN 0 TYPE none COUNT 100', 'SCAN 0 TYPE HASH COUNT 100', 'SCAN 0 TYPE bogus COUNT 100', 'SCAN 0 COUNT 0', 'SCAN 0 COUNT -1',
    'SCAN 0 COUNT abc', 'SCAN 0 COUNT', 'SCAN 0 MATCH', 'SCAN 0 TYPE', 'SCAN 0 FOO bar', 'SCAN abc', 'SCAN -1abc', 'SCAN \\s0', 'SCAN 1.5',
    'SCAN 18446744073709551616', 'SCAN 0 MATCH * COUNT 100', 'SCAN 0 count 100 match [ab] type string', 'SCAN', 'SCAN \\e COUNT 100',
    'SCAN +0 COUNT 100', `SET x v PXAT ${PAST_MS}`, 'SCAN 0 COUNT 100', 'DBSIZE', `SET x v PXAT ${PAST_MS}`, 'SCAN 0 TYPE none COUNT 100',
    'DBSIZE',
  ],
  'server and connection commands': [
    'PING', 'PING hello', 'PING a b', 'ECHO hi', 'ECHO', 'ECHO \\e', 'SELECT 1', 'SET k v', 'DBSIZE', 'SELECT 0', 'DBSIZE', 'GET k',
    'SELECT 16', 'SELECT -1', 'SELECT abc', 'SELECT 2147483648', 'SELECT 9223372036854775808', 'SELECT 1 2', 'SELECT 1', 'FLUSHDB', 'DBSIZE',
    'SELECT 0', 'SET k v', 'FLUSHDB ASYNC', 'FLUSHDB sync', 'FLUSHDB foo', 'FLUSHDB SYNC ASYNC', 'FLUSHALL ASYNC', 'FLUSHALL foo',
    'FLUSHALL', 'DBSIZE', 'DBSIZE x', 'TIME x', 'CLIENT SETNAME alice', 'CLIENT GETNAME', 'CLIENT SETNAME has\\sspace', 'CLIENT SETNAME \\e',
    'CLIENT GETNAME', 'CLIENT SETNAME', 'CLIENT SETINFO lib-name x', 'CLIENT FOO', 'CLIENT', 'CLIENT GETNAME x', 'CONFIG FOO', 'CONFIG',
    'CONFIG GET', 'COMMAND FOO', 'COMMAND GETKEYS get k', 'COMMAND GETKEYS mset a 1 b 2',
    'COMMAND GETKEYS nosuch k', 'COMMAND GETKEYS get', 'COMMAND GETKEYS ping', 'CONFIG GET maxmemory', 'CONFIG GET maxmemory-policy',
    'CONFIG GET databases', 'HELLO 4', 'HELLO 1', 'HELLO abc', 'HELLO 2 FOO', 'HELLO 2 AUTH default', 'HELLO 2 AUTH nobody secret',
    'HELLO 2 SETNAME bad\\sname', 'HELLO 3 SETNAME', 'AUTH x', 'AUTH nobody x', 'nosuchcommand', 'nosuchcommand a b', 'NOSUCH \\e x',
    'nosuch a\\x00b c', 'nosuch line\\x0abreak', 'KEYS *',
  ],
};

const LONG_ARGS = [
  ['nosuchcommand', 'x'.repeat(200)],
  ['y'.repeat(200), 'a'],
  ['nosuch', ...Array.from({ length: 40 }, (_, i) => `arg${i}`)],
  ['SET', 'k', 'v', 'EX', '10', 'x'.repeat(300)],
  ['EXPIRE', 'k', '10', 'z'.repeat(300)],
  ['CLIENT', 'q'.repeat(300)],
];

let redis: RealRedis;
let pair: DifferentialPair;
let casesRun = 0;

beforeAll(async () => {
  redis = await startRealRedis();
  pair = await DifferentialPair.open(redis.port);
});

afterAll(async () => {
  pair?.close();
  await redis?.stop();
  console.log(`differential (scripted): ${casesRun} scripts, ${pair?.compared ?? 0} replies compared`);
});

async function reset(): Promise<void> {
  await pair.run([['SELECT', '0'], ['FLUSHALL'], ['CLIENT', 'SETNAME', '']]);
}

describe('the emulator replies exactly like redis-server 7.0', () => {
  test.each(Object.entries(SCRIPTS))('%s', async (_name, script) => {
    await reset();
    const differences = await pair.run(script.map(line));
    casesRun++;
    expect(differences.map(formatDifference)).toEqual([]);
  });

  test('long and odd arguments in error messages', async () => {
    await reset();
    const differences = await pair.run(LONG_ARGS);
    casesRun++;
    expect(differences.map(formatDifference)).toEqual([]);
  });

  test('INFO stats count hits, misses, expired keys and commands the same way', async () => {
    await reset();
    await pair.run([['CONFIG', 'RESETSTAT']]);
    const script = [
      'SET a 1', 'GET a', 'GET b', 'EXISTS a b', 'TYPE a', 'TYPE b', 'TTL a', 'TTL b', 'PTTL a', 'TOUCH a b', 'MGET a b c', 'STRLEN a',
      'STRLEN b', 'GETRANGE a 0 1', 'GETRANGE b 0 1', 'INCR a', 'APPEND a x', 'SET a v GET', 'SET b v NX GET', 'GETSET a z', 'GETDEL a',
      'GETEX b', 'HSET h f v', 'HGET h f', 'HGET h g', 'HGET nope f', 'HEXISTS h f', 'HLEN h', 'HGETALL h', 'HMGET h f', 'HKEYS h',
      'HSTRLEN h f', 'HINCRBY h n 1', 'GET h', `SET x v PXAT ${PAST_MS}`, 'GET x', `SET x v PXAT ${PAST_MS}`, 'EXISTS x',
      `SET x v PXAT ${PAST_MS}`, 'DEL x', `SET x v PXAT ${PAST_MS}`, 'SET x w', `SET x v PXAT ${PAST_MS}`, 'EXPIRE x 10',
      `SET x v PXAT ${PAST_MS}`, 'KEYS *', 'SCAN 0 COUNT 100', `SET x v PXAT ${PAST_MS}`, 'SCAN 0 TYPE string COUNT 100', 'RENAME h h2',
      'RENAME nope n2', 'DBSIZE', 'PING', 'GET', 'nosuch', 'CLIENT FOO', 'EXPIRE b 100', 'PERSIST b', 'SETNX b 1', 'MSETNX b 1 c 2',
    ].map(line);
    const differences = await pair.run(script);
    expect(differences.map(formatDifference)).toEqual([]);
    const { real, emulated } = await pair.both(['INFO', 'stats']);
    const realFields = infoFields(real);
    const emulatedFields = infoFields(emulated);
    for (const field of COMPARED_STATS) expect([field, emulatedFields.get(field)]).toEqual([field, realFields.get(field)]);
    casesRun++;
  });

  test('INFO keyspace reports keys and expires per database', async () => {
    await reset();
    await pair.run(['SET a 1', 'SET b 2 EX 100', 'SELECT 3', 'HSET h f v', 'SELECT 0'].map(line));
    const { real, emulated } = await pair.both(['INFO', 'keyspace']);
    const strip = (fields: Map<string, string>) =>
      [...fields].map(([name, value]) => `${name}:${value.replace(/,avg_ttl=\d+/, '')}`).sort();
    expect(strip(infoFields(emulated))).toEqual(strip(infoFields(real)));
    casesRun++;
  });

  test('HELLO switches protocol and replies with the same map, RESP3 replies then match too', async () => {
    await reset();
    const hello = await pair.both(['HELLO', '3']);
    // The client id depends on how many connections each server has seen.
    const withoutId = (value: typeof hello.real) => {
      if (value.type === 'map') return value.value.filter(([key]) => !(key.type === 'bulk' && key.value === 'id'));
      if (value.type === 'array' && value.value !== null) {
        const items = value.value;
        const isIdKey = (item: RespValue | undefined) => item?.type === 'bulk' && item.value === 'id';
        return items.filter((_item, i) => !(i % 2 === 1 && isIdKey(items[i - 1])));
      }
      return value;
    };
    expect(withoutId(hello.emulated)).toEqual(withoutId(hello.real));
    const script = [
      'GET nope', 'SET k v', 'HSET h a 1 b 2', 'HGETALL h', 'HGETALL nope', 'MGET k nope', 'CONFIG GET maxmemory', 'SET k v GET', 'SET k v NX',
      'HMGET h a z', 'SCAN 0 COUNT 100', 'KEYS *', 'CLIENT GETNAME', 'INCRBYFLOAT f 1.5', 'HELLO', 'HELLO 2',
    ].map(line);
    const differences = await pair.run(script.slice(0, -2));
    expect(differences.map(formatDifference)).toEqual([]);
    const back = await pair.both(['HELLO', '2']);
    expect(withoutId(back.emulated)).toEqual(withoutId(back.real));
    expect(pair.session.protocol).toBe(2);
    casesRun++;
  });

  test('COMMAND INFO gives the same name, arity, flags, key positions and ACL categories', async () => {
    await reset();
    const names = [...new Set(pair.emulator.commandTable.values())].map((spec) => spec.name);
    const { real, emulated } = await pair.both(['COMMAND', 'INFO', ...names]);
    const head = (value: typeof real) =>
      value.type === 'array' && value.value !== null
        ? value.value.map((entry) => (entry.type === 'array' && entry.value !== null ? entry.value.slice(0, 7) : entry))
        : value;
    expect(head(emulated)).toEqual(head(real));
    casesRun++;
  });

  test('keys expire on time, lazily, with the same replies and counters', async () => {
    await reset();
    await pair.run([['CONFIG', 'RESETSTAT']]);
    const first = await pair.run(['SET a v PX 150', 'SET b v PX 150', 'SET c v PX 5000', 'SET d v EX 1', 'PTTL a'].map(line));
    await new Promise((resolve) => setTimeout(resolve, 400));
    const second = await pair.run(['DBSIZE', 'TTL a', 'DBSIZE', 'GET b', 'TTL c', 'DBSIZE', 'KEYS *'].map(line));
    await new Promise((resolve) => setTimeout(resolve, 800));
    const third = await pair.run(['TTL d', 'EXISTS d', 'DBSIZE'].map(line));
    expect([...first, ...second, ...third].map(formatDifference)).toEqual([]);
    const { real, emulated } = await pair.both(['INFO', 'stats']);
    for (const field of COMPARED_STATS) expect([field, infoFields(emulated).get(field)]).toEqual([field, infoFields(real).get(field)]);
    casesRun++;
  });

  test('two connections keep their own database, name and protocol', async () => {
    await reset();
    const other = await RealConnection.open(redis.port);
    const otherSession = pair.emulator.createSession();
    const both = async (which: 'main' | 'other', argv: string[]) => {
      if (which === 'main') return pair.both(argv);
      const emulated = onTheWire(pair.emulator.exec(argv, otherSession), otherSession.protocol);
      const [real] = await other.send([argv]);
      return { real: real!, emulated };
    };
    const steps: Array<['main' | 'other', string]> = [
      ['other', 'SELECT 1'], ['other', 'SET k in-1'], ['main', 'GET k'], ['main', 'SET k in-0'], ['other', 'GET k'],
      ['other', 'CLIENT SETNAME bob'], ['main', 'CLIENT GETNAME'], ['other', 'CLIENT GETNAME'], ['other', 'DBSIZE'], ['main', 'DBSIZE'],
      ['other', 'FLUSHDB'], ['main', 'GET k'], ['other', 'GET k'], ['main', 'RANDOMKEY'], ['other', 'RANDOMKEY'],
    ];
    try {
      for (const [which, text] of steps) {
        const { real, emulated } = await both(which, line(text));
        expect([which, text, emulated]).toEqual([which, text, real]);
      }
    } finally {
      other.close();
      pair.emulator.closeSession(otherSession);
    }
    casesRun++;
  });

  test('INFO sections and CLIENT INFO use Redis field names, in Redis order', async () => {
    await reset();
    const { real, emulated } = await pair.both(['INFO', 'everything']);
    const sectionsOf = (value: typeof real) => {
      const text = value.type === 'bulk' || value.type === 'verbatim' ? (value.value ?? '') : '';
      return text.split('\r\n\r\n').map((block) => block.split('\r\n').filter(Boolean).map((row) => row.split(':')[0]!));
    };
    const realSections = new Map(sectionsOf(real).map((rows) => [rows[0], rows.slice(1)]));
    for (const [title, ...fields] of sectionsOf(emulated)) {
      const realFields = realSections.get(title);
      expect([title, realFields === undefined]).toEqual([title, false]);
      // Every field the emulator reports exists in Redis, in the same relative order.
      expect(fields).toEqual(realFields!.filter((field) => fields.includes(field)));
    }
    const client = await pair.both(['CLIENT', 'INFO']);
    const names = (value: typeof real) =>
      (value.type === 'bulk' || value.type === 'verbatim' ? (value.value ?? '') : '').trim().split(' ').map((pair) => pair.split('=')[0]);
    expect(names(client.emulated)).toEqual(names(client.real));
    casesRun++;
  });

  test('COMMAND DOCS gives the same summary, since, group and complexity (redis-cli reads it on connect)', async () => {
    await reset();
    const names = [...new Set(pair.emulator.commandTable.values())].map((spec) => spec.name);
    const { real, emulated } = await pair.both(['COMMAND', 'DOCS', ...names]);
    const docs = (value: typeof real) => {
      const entries = value.type === 'array' && value.value !== null ? value.value : [];
      const out: Record<string, Record<string, unknown>> = {};
      for (let i = 0; i + 1 < entries.length; i += 2) {
        const fields = entries[i + 1]!;
        const list = fields.type === 'array' && fields.value !== null ? fields.value : [];
        const row: Record<string, unknown> = {};
        for (let j = 0; j + 1 < list.length; j += 2) {
          const name = list[j]!.type === 'bulk' ? (list[j] as { value: string }).value : '';
          if (['summary', 'since', 'group', 'complexity'].includes(name)) row[name] = list[j + 1];
        }
        out[(entries[i] as { value: string }).value] = row;
      }
      return out;
    };
    expect(docs(emulated)).toEqual(docs(real));
    casesRun++;
  });

  test('every combination of up to three SET, GETEX and EXPIRE options', async () => {
    await reset();
    const setOptions = [['NX'], ['XX'], ['GET'], ['KEEPTTL'], ['EX', '100'], ['PX', '100000'], ['EXAT', FAR], ['PXAT', FAR_MS], ['ex'], ['BAD']];
    const getexOptions = [['PERSIST'], ['EX', '100'], ['PX', '100000'], ['EXAT', FAR], ['PXAT', FAR_MS], ['KEEPTTL'], ['NX'], ['px']];
    const expireOptions = ['NX', 'XX', 'GT', 'LT', 'nx', 'BAD'];
    const commands: string[][] = [];
    for (const a of setOptions) {
      for (const b of setOptions) {
        for (const c of [[], ...setOptions]) {
          commands.push(['SET', 'k', 'v', ...a, ...b, ...c], ['TTL', 'k']);
          commands.push(['SET', 'missing', 'v', ...a, ...b, ...c], ['DEL', 'missing']);
        }
      }
    }
    for (const a of getexOptions) {
      for (const b of [[], ...getexOptions]) commands.push(['SET', 'g', 'v', 'EX', '50'], ['GETEX', 'g', ...a, ...b], ['TTL', 'g']);
    }
    for (const a of expireOptions) {
      for (const b of ['', ...expireOptions]) {
        for (const ttl of ['50', '200']) {
          commands.push(['SET', 'e', 'v', 'EX', '100'], ['EXPIRE', 'e', ttl, a, ...(b ? [b] : [])], ['TTL', 'e']);
          commands.push(['SET', 'p', 'v'], ['EXPIRE', 'p', ttl, a, ...(b ? [b] : [])], ['TTL', 'p']);
        }
      }
    }
    const differences = [];
    for (let i = 0; i < commands.length; i += 500) differences.push(...(await pair.run(commands.slice(i, i + 500))));
    expect(differences.slice(0, 5).map(formatDifference)).toEqual([]);
    casesRun++;
  });

  test('SCAN with a small COUNT visits every key that stays present, under inserts and deletes', async () => {
    await reset();
    const keys = Array.from({ length: 200 }, (_, i) => `key:${i}`);
    await pair.run([['MSET', ...keys.flatMap((k) => [k, 'v'])]]);
    const sides = { real: new Set<string>(), emulated: new Set<string>() };
    let cursors = { real: '0', emulated: '0' };
    let step = 0;
    do {
      const { real, emulated } = {
        real: (await pair.real.send([['SCAN', cursors.real, 'COUNT', '7']]))[0]!,
        emulated: pair.emulator.exec(['SCAN', cursors.emulated, 'COUNT', '7'], pair.session),
      };
      for (const [side, reply] of [['real', real], ['emulated', emulated]] as const) {
        if (reply.type !== 'array' || reply.value === null) throw new Error('SCAN replied ' + JSON.stringify(reply));
        const [cursor, batch] = reply.value as unknown as [{ value: string }, { value: { value: string }[] }];
        if (cursors[side] !== '0' || step === 0) cursors = { ...cursors, [side]: cursor.value };
        for (const key of batch.value) sides[side].add(key.value);
      }
      // Churn: delete late keys and add new ones while iterating (these may or may not be seen).
      step++;
      await pair.run([['DEL', `key:${199 - step}`], ['SET', `new:${step}`, 'v']]);
    } while ((cursors.real !== '0' || cursors.emulated !== '0') && step < 500);
    const stable = keys.slice(0, 199 - step);
    for (const key of stable) {
      expect(sides.real.has(key)).toBe(true);
      expect(sides.emulated.has(key)).toBe(true);
    }
    casesRun++;
  });
});
