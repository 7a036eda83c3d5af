// The transaction scripts, shared by the in-process differential (differential-transactions.test.ts)
// and the one over the emulator's RESP server (differential-transactions-server.test.ts).
import { PAST_MS } from './differential-scripts.ts';
import type { RespValue } from '../../src/redis/resp.ts';

/** A step: which client (A, B or C) sends which command; `sleep N` waits N ms on both sides. */
export type Step = string;

export const TRANSACTIONS: Record<string, Step[]> = {
  'MULTI queues, EXEC runs in order and answers every reply': [
    'A MULTI', 'A SET a 1', 'A INCR a', 'A GET a', 'A HSET h f v', 'A GET h', 'A INCR h', 'A EXEC', 'A GET a',
  ],
  'an empty transaction': ['A MULTI', 'A EXEC', 'A MULTI', 'A DISCARD'],
  'EXEC and DISCARD without MULTI': ['A EXEC', 'A DISCARD', 'A exec', 'A DISCARD x', 'A EXEC x', 'A UNWATCH x'],
  'nested MULTI is an error that does not abort the transaction': ['A MULTI', 'A MULTI', 'A SET a 1', 'A EXEC', 'A GET a'],
  'a rejected command while queueing makes EXEC answer EXECABORT': [
    'A MULTI', 'A SET a 1', 'A NOSUCH x', 'A SET b 2', 'A EXEC', 'A EXISTS a b',
    'A MULTI', 'A GET', 'A EXEC', 'A MULTI', 'A CONFIG NOPE', 'A EXEC', 'A MULTI', 'A CLIENT', 'A EXEC',
  ],
  'EXEC with arguments aborts the transaction': ['A MULTI', 'A SET a 1', 'A EXEC now', 'A EXEC', 'A GET a'],
  'DISCARD drops the queue and the WATCHes': [
    'A WATCH a', 'A MULTI', 'A SET a 1', 'A DISCARD', 'B SET a 2', 'A MULTI', 'A GET a', 'A EXEC',
  ],
  'errors at run time stay inside the EXEC reply': [
    'A SET s text', 'A MULTI', 'A INCR s', 'A HSET s f v', 'A SET t 1', 'A EXPIRE t x', 'A EXEC', 'A GET t',
  ],
  'WATCH inside MULTI is refused but does not abort': ['A MULTI', 'A WATCH a', 'A SET a 1', 'A EXEC'],
  'a WATCHed key written by another client makes EXEC answer nil': [
    'A SET k 1', 'A WATCH k', 'B SET k 2', 'A MULTI', 'A SET k 3', 'A EXEC', 'A GET k',
  ],
  'a WATCHed key written by the same client before MULTI also aborts': [
    'A WATCH k', 'A SET k 1', 'A MULTI', 'A GET k', 'A EXEC',
  ],
  'writes that change nothing do not touch the WATCH': [
    'A SET k 1', 'A HSET h f v', 'A WATCH k h missing', 'B SET k 2 NX', 'B SETNX k 3', 'B HDEL h nofield', 'B DEL missing',
    'B EXPIRE missing 10', 'B PERSIST k', 'B HSETNX h f w', 'B GET k', 'B SET k 9 XX GET', 'A MULTI', 'A GET k', 'A EXEC',
  ],
  'every write command touches the WATCH': [
    'A SET k 1', 'A HSET h f 1',
    'A WATCH k', 'B APPEND k x', 'A MULTI', 'A GET k', 'A EXEC',
    'A WATCH k', 'B SETRANGE k 0 y', 'A MULTI', 'A GET k', 'A EXEC',
    'A WATCH k', 'B SET k 5', 'B INCR k', 'A MULTI', 'A GET k', 'A EXEC',
    'A WATCH k', 'B INCRBYFLOAT k 1.5', 'A MULTI', 'A GET k', 'A EXEC',
    'A WATCH k', 'B EXPIRE k 100', 'A MULTI', 'A TTL k', 'A EXEC',
    'A WATCH k', 'B PERSIST k', 'A MULTI', 'A TTL k', 'A EXEC',
    'A WATCH k', 'B GETEX k EX 50', 'A MULTI', 'A TTL k', 'A EXEC',
    'A WATCH k', 'B GETEX k PERSIST', 'A MULTI', 'A TTL k', 'A EXEC',
    'A WATCH k', 'B GETSET k 7', 'A MULTI', 'A GET k', 'A EXEC',
    'A WATCH k', 'B MSET k 8 z 1', 'A MULTI', 'A GET k', 'A EXEC',
    'A WATCH k', 'B RENAME k k2', 'A MULTI', 'A GET k', 'A EXEC',
    'A WATCH k', 'B RENAME k2 k', 'A MULTI', 'A GET k', 'A EXEC',
    'A WATCH k', 'B GETDEL k', 'A MULTI', 'A GET k', 'A EXEC',
    'A WATCH h', 'B HSET h g 2', 'A MULTI', 'A HLEN h', 'A EXEC',
    'A WATCH h', 'B HINCRBY h f 2', 'A MULTI', 'A HLEN h', 'A EXEC',
    'A WATCH h', 'B HDEL h f g', 'A MULTI', 'A EXISTS h', 'A EXEC',
    'A SET k 1', 'A WATCH k', 'B UNLINK k', 'A MULTI', 'A EXISTS k', 'A EXEC',
    'A SET k 1', 'A WATCH k', 'B PEXPIRE k -1', 'A MULTI', 'A EXISTS k', 'A EXEC',
  ],
  'writes to lists, sets, sorted sets, streams and hashes touch the WATCH; no-op writes do not': [
    ...[
      'LPUSH l a', 'RPUSH l b', 'LPOP l', 'RPOP l', 'LSET l 0 z', 'LREM l 0 x', 'LTRIM l 0 0', 'LINSERT l BEFORE a b', 'LMOVE l l2 LEFT RIGHT',
      'SADD s a', 'SADD s x', 'SREM s a', 'SREM s nope', 'SINTERSTORE d s s2', 'SMOVE s s2 x',
      'ZADD z 1 a', 'ZADD z XX 1 nope', 'ZINCRBY z 1 x', 'ZREM z x', 'ZREM z nope', 'ZPOPMIN z', 'ZREMRANGEBYSCORE z 0 100', 'ZRANGESTORE d z 0 -1',
      'XADD x 5-1 f v', 'XTRIM x MAXLEN 0', 'XDEL x 0-1', 'HINCRBYFLOAT h f 1.5', 'HSETNX h f v', 'COPY src k', 'COPY src k REPLACE',
    ].flatMap((write) => {
      const key = write.split(' ')[1]!;
      const seed = key === 'l' ? 'A RPUSH l a x y' : key === 's' ? 'A SADD s a x y' : key === 'z' ? 'A ZADD z 1 a 2 x 3 y' : key === 'x' ? 'A XADD x 1-1 f v' : key === 'h' ? 'A HSET h f 1' : 'A SET src v';
      const watched = write.startsWith('SINTERSTORE') || write.startsWith('ZRANGESTORE') ? 'd' : write.startsWith('COPY') ? 'k' : key;
      return ['A FLUSHALL', seed, 'A SET k old', `A WATCH ${watched}`, `B ${write}`, 'A MULTI', 'A PING', 'A EXEC'];
    }),
  ],
  'UNWATCH forgets the WATCH, a touched WATCH stays touched until UNWATCH': [
    'A WATCH k', 'A UNWATCH', 'B SET k 1', 'A MULTI', 'A GET k', 'A EXEC',
    'A WATCH k', 'B SET k 2', 'A WATCH other', 'A MULTI', 'A GET k', 'A EXEC',
    'A WATCH k', 'B SET k 3', 'A UNWATCH', 'A MULTI', 'A GET k', 'A EXEC',
  ],
  'UNWATCH inside MULTI is queued': ['A WATCH k', 'A MULTI', 'A UNWATCH', 'A EXEC'],
  'WATCH in another database': [
    'A SELECT 1', 'A WATCH k', 'B SET k 1', 'A MULTI', 'A GET k', 'A EXEC',
    'A WATCH k', 'B SELECT 1', 'B SET k 1', 'A MULTI', 'A GET k', 'A EXEC', 'A SELECT 0', 'B SELECT 0',
  ],
  'SELECT inside a transaction changes the database for the commands after it': [
    'A MULTI', 'A SET a 0', 'A SELECT 2', 'A SET a 2', 'A EXEC', 'A GET a', 'A SELECT 0', 'A GET a',
  ],
  'FLUSHALL and FLUSHDB touch WATCHed keys that existed': [
    'A SET k 1', 'A WATCH k', 'B FLUSHALL', 'A MULTI', 'A PING', 'A EXEC',
    'A WATCH k', 'B FLUSHALL', 'A MULTI', 'A PING', 'A EXEC',
    'A SET k 1', 'A WATCH k', 'B SELECT 3', 'B FLUSHDB', 'B SELECT 0', 'A MULTI', 'A PING', 'A EXEC',
    'A WATCH k', 'B FLUSHDB', 'A MULTI', 'A PING', 'A EXEC',
  ],
  'a WATCHed key that expires before EXEC aborts it': [
    'A SET k 1 PX 500', 'A WATCH k', 'sleep 900', 'A MULTI', 'A PING', 'A EXEC',
  ],
  'a WATCHed key that expired and was read lazily aborts it': [
    'A SET k 1 PX 500', 'A WATCH k', 'sleep 900', 'B GET k', 'A MULTI', 'A PING', 'A EXEC',
  ],
  'a key already expired when WATCHed: its deletion is no change, a new value is': [
    `A SET k v PXAT ${PAST_MS}`, 'A WATCH k', 'A MULTI', 'A PING', 'A EXEC',
    `A SET k v PXAT ${PAST_MS}`, 'A WATCH k', 'B GET k', 'A MULTI', 'A PING', 'A EXEC',
    `A SET k v PXAT ${PAST_MS}`, 'A WATCH k', 'B DEL k', 'A MULTI', 'A PING', 'A EXEC',
    `A SET k v PXAT ${PAST_MS}`, 'A WATCH k', 'B SET k new', 'A MULTI', 'A PING', 'A EXEC',
    `A SET k v PXAT ${PAST_MS}`, 'A WATCH k', 'B FLUSHALL', 'A MULTI', 'A PING', 'A EXEC',
  ],
  'two clients WATCH the same key; the first EXEC wins': [
    'A SET n 10', 'A WATCH n', 'B WATCH n', 'A GET n', 'B GET n', 'A MULTI', 'B MULTI', 'A SET n 11', 'B SET n 12',
    'A EXEC', 'B EXEC', 'A GET n',
  ],
  'WATCH the same key twice, and many keys': [
    'A WATCH k k k', 'A WATCH k', 'B SET k 1', 'A MULTI', 'A GET k', 'A EXEC',
    'A WATCH a b c d', 'B SET d 1', 'A MULTI', 'A GET d', 'A EXEC',
  ],
  'connection commands are queued like the others': [
    'A MULTI', 'A PING', 'A ECHO hi', 'A DBSIZE', 'A EXEC',
  ],
  'a transaction doomed by a touched WATCH still answers QUEUED and nil': [
    'A WATCH k', 'B SET k 1', 'A MULTI', 'A SET k 2', 'A NOSUCH', 'A EXEC', 'A GET k',
  ],
  'CLIENT INFO inside EXEC shows flags=x and the queued count; a touched WATCH shows d': [
    'A MULTI', 'A SET a 1', 'A CLIENT INFO', 'A EXEC', 'A WATCH a', 'B SET a 2', 'A CLIENT INFO', 'A UNWATCH', 'A CLIENT INFO',
  ],
  'the WATCH ends with EXEC: a later write does not abort the next transaction': [
    'A WATCH k', 'A MULTI', 'A GET k', 'A EXEC', 'B SET k 1', 'A MULTI', 'A GET k', 'A EXEC',
  ],
};

// A script as one step argument (line() splits on spaces; \s is an escaped space).
const spaced = (script: string) => script.replace(/ /g, '\\s');

// Seeded random steps: three clients interleave WATCH, MULTI, EXEC, DISCARD, writes, expired
// keys, flushes and scripts over four keys in two databases, errors included.
export function randomSteps(seed: number, count: number): Step[] {
  let state = seed >>> 0;
  const next = (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const keys = ['k1', 'k2', 'k3', 'h'];
  const commands: Array<(key: string) => string> = [
    (k) => `WATCH ${k}`, (k) => `WATCH ${k} ${keys[next(4)]}`, () => 'UNWATCH', () => 'MULTI', () => 'EXEC', () => 'EXEC', () => 'DISCARD',
    (k) => `SET ${k} v${next(100)}`, (k) => `SET ${k} v NX`, (k) => `SET ${k} v XX`, (k) => `INCR ${k}`, (k) => `GET ${k}`, (k) => `DEL ${k}`,
    (k) => `EXPIRE ${k} 100`, (k) => `PERSIST ${k}`, (k) => `SET ${k} gone PXAT ${PAST_MS}`, (k) => `HSET ${k} f ${next(10)}`,
    (k) => `HDEL ${k} f`, (k) => `APPEND ${k} x`, (k) => `RENAME ${k} ${keys[next(4)]}`, () => `SELECT ${next(2)}`, () => 'FLUSHDB',
    () => 'PING', () => 'NOSUCH', () => 'GET', () => 'EXEC x', (k) => `EVAL ${spaced("return redis.call('INCR', KEYS[1])")} 1 ${k}`,
    (k) => `EVAL ${spaced("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end")} 1 ${k} v1`,
  ];
  const steps: Step[] = [];
  for (let i = 0; i < count; i++) {
    const client = 'ABC'[next(3)]!;
    steps.push(`${client} ${commands[next(commands.length)]!(keys[next(4)]!)}`);
  }
  return steps;
}

// A CLIENT INFO line (alone or inside an EXEC reply) compared by the fields transactions set:
// ids, ports, ages and memory differ between any two servers.
export function clientFieldsOnly(value: RespValue): RespValue {
  if ((value.type === 'bulk' || value.type === 'verbatim') && value.value?.startsWith('id=')) {
    return { ...value, value: value.value.split(' ').filter((field) => /^(flags|multi|db)=/.test(field)).join(' ') };
  }
  if (value.type === 'array' && value.value !== null) return { type: 'array', value: value.value.map(clientFieldsOnly) };
  return value;
}

