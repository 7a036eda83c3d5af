// The hand-written differential scripts, shared by the differential test and the ioredis-mock comparison.
// A script line: space-separated arguments; `\xNN` escapes a byte, `\s` a space, `\e` the empty string.
export function line(text: string): string[] {
  return text.split(' ').map((arg) =>
    arg === '\\e'
      ? ''
      : arg.replace(/\\x([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\\s/g, ' '),
  );
}

export const FAR = String(Math.floor(Date.now() / 1000) + 86_400 * 365);
export const FAR_MS = String(Date.now() + 86_400_000 * 365);
export const PAST = String(Math.floor(Date.now() / 1000) - 3600);
export const PAST_MS = String(Date.now() - 3_600_000);

export const SCRIPTS: Record<string, string[]> = {
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
    'nosuch a\\x00b c', 'nosuch line\\x0abreak', 'KEYS *', 'CLIENT LIST TYPE bogus', 'CLIENT LIST ID abc', 'CLIENT LIST ID 0',
    'CLIENT LIST TYPE master', 'CLIENT LIST foo', 'CLIENT LIST TYPE', 'CLIENT LIST a b c', 'CLIENT NO-EVICT maybe', 'CLIENT NO-EVICT off',
    'CONFIG SET nosuch 1', 'CONFIG SET maxmemory', 'CONFIG SET maxmemory 1 hz', 'CONFIG GET nosuch*', 'AUTH a b c', 'INFO nosuch',
    'CONFIG RESETSTAT x', 'COMMAND COUNT x', 'CLIENT ID x',
  ],
};

export const LONG_ARGS = [
  ['nosuchcommand', 'x'.repeat(200)],
  ['y'.repeat(200), 'a'],
  ['nosuch', ...Array.from({ length: 40 }, (_, i) => `arg${i}`)],
  ['SET', 'k', 'v', 'EX', '10', 'x'.repeat(300)],
  ['EXPIRE', 'k', '10', 'z'.repeat(300)],
  ['CLIENT', 'q'.repeat(300)],
];

