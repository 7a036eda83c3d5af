// Pub/sub and keyspace notifications against a real redis-server 7.0: several connections per
// script, every frame each connection receives compared in order (see differential-multi.ts).
import { bigintSafe, infoFields } from './differential-harness.ts';
import { formatMultiDifference, multiDifferentialSuite } from './differential-multi.ts';
import type { RespValue } from '../../src/redis/resp.ts';

const suite = multiDifferentialSuite('pub/sub');

// INFO is compared on its pub/sub fields only; PUBSUB CHANNELS as a set (Redis walks a hash
// table); client ids (HELLO, CLIENT ID) are masked, since both servers number their own clients.
function normalize(argv: readonly string[], frames: RespValue[]): RespValue[] {
  const name = argv[0]!.toLowerCase();
  return frames.map((frame) => {
    if (name === 'hello' && (frame.type === 'map' || frame.type === 'array')) return maskId(frame);
    if (name === 'client' && argv[1]?.toLowerCase() === 'id' && frame.type === 'integer') return { type: 'integer', value: 0 };
    if (name === 'info' && (frame.type === 'bulk' || frame.type === 'verbatim')) {
      const fields = infoFields(frame);
      return { type: 'bulk', value: ['pubsub_channels', 'pubsub_patterns', 'pubsubshard_channels'].map((f) => `${f}:${fields.get(f)}`).join(',') };
    }
    // CLIENT INFO: only the subscription fields (the rest names addresses, ages, buffers).
    if (name === 'client' && argv[1]?.toLowerCase() === 'info' && (frame.type === 'bulk' || frame.type === 'verbatim')) {
      const text = String(frame.value);
      return { type: 'bulk', value: ['flags', 'sub', 'psub', 'ssub'].map((f) => new RegExp(`\\b${f}=\\S*`).exec(text)?.[0]).join(' ') };
    }
    const sub = argv[1]?.toLowerCase();
    if (name === 'pubsub' && (sub === 'channels' || sub === 'shardchannels') && frame.type === 'array' && frame.value !== null) {
      return { type: 'array', value: [...frame.value].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) };
    }
    return frame;
  });
}

function maskId(frame: RespValue): RespValue {
  const masked = JSON.parse(JSON.stringify(frame, bigintSafe).replace(/"value":"id"\},\{"type":"integer","value":\d+/, '"value":"id"},{"type":"integer","value":0')) as RespValue;
  return masked;
}

const SCRIPTS: Record<string, string[]> = {
  'SUBSCRIBE, PUBLISH and the RESP2 subscribed mode': [
    'A: SUBSCRIBE news sport', 'B: PUBLISH news hello', 'B: PUBLISH weather rain', 'B: PUBLISH sport \\e',
    'A: PING', 'A: PING hi', 'A: PING a b', 'A: GET x', 'A: CLIENT ID', 'A: FOO bar', 'A: GET', 'A: HELLO 2', 'A: PUBLISH news x',
    'A: UNSUBSCRIBE news', 'A: UNSUBSCRIBE news', 'A: UNSUBSCRIBE never', 'B: PUBLISH news again', 'B: PUBLISH sport go',
    'A: UNSUBSCRIBE', 'A: UNSUBSCRIBE', 'A: GET x', 'A: PING', 'B: PUBLISH sport gone',
  ],
  'several subscribers, duplicates, binary channels': [
    'A: SUBSCRIBE a a b', 'B: SUBSCRIBE a', 'C: PUBLISH a 1', 'C: PUBLISH b 2', 'C: PUBLISH \\x00\\xff x\\r\\ny',
    'B: SUBSCRIBE \\x00\\xff', 'C: PUBLISH \\x00\\xff x\\r\\ny', 'C: PUBSUB NUMSUB a b c \\x00\\xff', 'C: PUBSUB CHANNELS',
    'C: PUBSUB CHANNELS a*', 'C: PUBSUB CHANNELS [ab]', 'C: INFO stats', 'B: QUIT', 'C: PUBLISH a 3', 'C: PUBSUB NUMSUB a',
    'A: UNSUBSCRIBE b', 'A: UNSUBSCRIBE', 'C: PUBSUB CHANNELS', 'C: INFO',
  ],
  'PSUBSCRIBE and PUNSUBSCRIBE': [
    'A: PSUBSCRIBE news.* h?llo', 'B: PUBLISH news.uk x', 'B: PUBLISH hello y', 'B: PUBLISH hallo z', 'B: PUBLISH news w',
    'C: SUBSCRIBE news.uk', 'B: PUBLISH news.uk both', 'B: PUBSUB NUMPAT', 'C: PSUBSCRIBE news.*', 'B: PUBSUB NUMPAT',
    'B: PUBLISH news.fr two', 'A: PSUBSCRIBE news.*', 'A: PUNSUBSCRIBE news.*', 'A: PUNSUBSCRIBE nope', 'B: PUBLISH news.fr one',
    'A: SUBSCRIBE ch', 'A: PUNSUBSCRIBE', 'A: PUNSUBSCRIBE', 'A: PING', 'A: UNSUBSCRIBE', 'A: PING', 'B: INFO stats',
    'C: PUNSUBSCRIBE', 'B: PUBSUB NUMPAT', 'A: PSUBSCRIBE [', 'B: PUBLISH [ x', 'A: PSUBSCRIBE *', 'B: PUBLISH anything y',
  ],
  'RESP3: pushes, any command while subscribed, a publish to oneself': [
    'A: HELLO 3', 'A: SUBSCRIBE a b', 'B: PUBLISH a x', 'A: GET x', 'A: SET k v', 'A: GET k', 'A: PING', 'A: PING hi',
    'A: PUBLISH a self', 'A: PSUBSCRIBE *', 'A: PUBLISH b both', 'A: UNSUBSCRIBE a', 'A: UNSUBSCRIBE b', 'A: PUNSUBSCRIBE',
    'A: UNSUBSCRIBE', 'A: PUNSUBSCRIBE', 'A: HELLO 2', 'A: SUBSCRIBE c', 'A: HELLO 3', 'A: HELLO 3', 'B: PUBLISH c z', 'A: CLIENT ID',
  ],
  'RESET ends subscriptions, tracking, MULTI, WATCH, the name, the database and RESP3': [
    'A: SUBSCRIBE a', 'A: PSUBSCRIBE p*', 'A: RESET', 'B: PUBLISH a x', 'B: PUBLISH p1 x', 'A: GET k', 'A: HELLO 3',
    'A: CLIENT SETNAME me', 'A: SELECT 3', 'A: CLIENT TRACKING ON', 'A: GET k', 'A: SUBSCRIBE b', 'A: MULTI', 'A: SET k 1',
    'A: RESET', 'A: CLIENT GETNAME', 'A: CLIENT TRACKINGINFO', 'B: SET k 2', 'A: GET k', 'A: EXEC', 'B: PUBLISH b y', 'A: WATCH w',
    'A: RESET', 'A: MULTI', 'B: SET w 1', 'A: EXEC', 'A: RESET x', 'B: INFO stats', 'B: PUBSUB NUMSUB a b',
  ],
  // Not a PUBLISH to a channel the same transaction subscribed: Redis writes that message inside
  // the EXEC array (see docs/architecture.md).
  'SUBSCRIBE, PUBLISH and PUBSUB inside MULTI': [
    'A: MULTI', 'A: SUBSCRIBE a', 'A: PUBLISH b x', 'A: PUBSUB NUMSUB a', 'A: EXEC', 'B: PUBLISH a y', 'A: GET k', 'A: UNSUBSCRIBE',
    'C: HELLO 3', 'C: MULTI', 'C: PSUBSCRIBE p*', 'C: PUBLISH q1 z', 'C: EXEC', 'B: PUBLISH p2 w', 'C: MULTI', 'C: PUNSUBSCRIBE p*',
    'C: DISCARD', 'B: PUBLISH p3 v', 'C: MULTI', 'C: PUNSUBSCRIBE p*', 'C: EXEC', 'B: PUBLISH p4 u',
  ],
  'argument errors': [
    'A: SUBSCRIBE', 'A: PSUBSCRIBE', 'A: PUBLISH a', 'A: PUBLISH a b c', 'A: PUBSUB', 'A: PUBSUB foo', 'A: PUBSUB NUMPAT x',
    'A: PUBSUB CHANNELS a b', 'A: PUBSUB HELP', 'A: pubsub help x', 'A: PUBSUB SHARDCHANNELS', 'A: PUBSUB SHARDCHANNELS a b',
    'A: PUBSUB SHARDNUMSUB a b', 'A: PUBSUB NUMSUB', 'A: UNSUBSCRIBE', 'A: PUNSUBSCRIBE', 'A: PUNSUBSCRIBE x',
    'A: COMMAND INFO subscribe unsubscribe psubscribe punsubscribe publish reset', 'A: COMMAND INFO pubsub|help pubsub|numpat pubsub|channels',
    'A: COMMAND INFO client|tracking client|caching client|getredir client|trackinginfo',
  ],
  'sharded pub/sub: SSUBSCRIBE, SPUBLISH, SUNSUBSCRIBE, their own counts and the subscribed mode': [
    'A: SSUBSCRIBE s1 s2 s1', 'B: SPUBLISH s1 hi', 'B: PUBLISH s1 plain', 'A: SUBSCRIBE c1', 'A: PSUBSCRIBE s*',
    'B: SPUBLISH s2 x', 'B: PUBLISH s2 y', 'B: SPUBLISH c1 z', 'A: PING', 'A: GET k', 'A: SPUBLISH s1 me', 'A: PUBSUB SHARDCHANNELS',
    'B: PUBSUB SHARDCHANNELS', 'B: PUBSUB SHARDCHANNELS s1', 'B: PUBSUB SHARDCHANNELS x*', 'B: PUBSUB SHARDCHANNELS s?',
    'B: PUBSUB SHARDNUMSUB s1 s2 s3 c1', 'B: PUBSUB SHARDNUMSUB', 'B: PUBSUB CHANNELS', 'B: PUBSUB NUMSUB s1 c1', 'B: PUBSUB NUMPAT',
    'B: INFO stats', 'C: SSUBSCRIBE s1', 'B: SPUBLISH s1 two', 'B: PUBSUB SHARDNUMSUB s1', 'A: SUNSUBSCRIBE s1', 'A: SUNSUBSCRIBE nope',
    'B: SPUBLISH s1 one', 'A: UNSUBSCRIBE', 'A: PUNSUBSCRIBE', 'A: GET k', 'A: PING x', 'A: SUNSUBSCRIBE', 'A: SUNSUBSCRIBE', 'A: GET k',
    'B: SPUBLISH s2 gone', 'C: SUNSUBSCRIBE s1 s1 s9', 'C: GET k', 'B: PUBSUB SHARDCHANNELS', 'B: INFO',
    'B: SSUBSCRIBE \\x00\\xff', 'C: SPUBLISH \\x00\\xff x\\r\\ny', 'C: PUBSUB SHARDNUMSUB \\x00\\xff', 'B: QUIT', 'C: PUBSUB SHARDCHANNELS',
  ],
  'sharded pub/sub in RESP3, MULTI, scripts, RESET and CLIENT INFO': [
    'A: HELLO 3', 'A: SSUBSCRIBE a b', 'B: SPUBLISH a x', 'A: GET k', 'A: SPUBLISH a self', 'A: CLIENT INFO', 'A: SUBSCRIBE a',
    'A: CLIENT INFO', 'B: SPUBLISH a both', 'B: PUBLISH a both', 'A: RESET', 'B: SPUBLISH a y', 'B: PUBSUB SHARDNUMSUB a b',
    'C: MULTI', 'C: SSUBSCRIBE a', 'C: SPUBLISH a z', 'C: PUBSUB SHARDNUMSUB a', 'C: EXEC', 'C: GET k', 'C: MULTI', 'C: SUNSUBSCRIBE x',
    'C: EXEC', 'C: HELLO 3', 'C: MULTI', 'C: SSUBSCRIBE a', 'C: EXEC', 'C: SSUBSCRIBE q', 'C: CLIENT INFO', 'C: MULTI', 'C: SUNSUBSCRIBE q',
    'C: EXEC', 'C: CLIENT INFO', 'A: SSUBSCRIBE e', "B: EVAL return\\sredis.call('spublish','e','m') 0", "B: EVAL return\\sredis.call('ssubscribe','e') 0",
    "B: EVAL return\\sredis.call('pubsub','shardnumsub','e') 0", 'A: SSUBSCRIBE', 'A: SPUBLISH e', 'A: SPUBLISH e m n', 'A: SUNSUBSCRIBE',
    'B: COMMAND GETKEYS ssubscribe a b', 'B: COMMAND GETKEYS spublish a b',
    'B: COMMAND GETKEYS sunsubscribe a',
  ],
  'notify-keyspace-events: flags and canonical form': [
    'A: CONFIG GET notify-keyspace-events', 'A: CONFIG SET notify-keyspace-events KEA', 'A: CONFIG GET notify-keyspace-events',
    'A: CONFIG SET notify-keyspace-events Kq', 'A: CONFIG GET notify-keyspace-events', 'A: CONFIG SET notify-keyspace-events gx$K',
    'A: CONFIG GET notify-keyspace-events', 'A: CONFIG SET notify-keyspace-events AmnKE', 'A: CONFIG GET notify-keyspace-events',
    'A: CONFIG SET notify-keyspace-events Eg$lshzxetdnmK', 'A: CONFIG GET notify-keyspace-events',
    'A: CONFIG SET notify-keyspace-events \\e', 'A: CONFIG GET notify-keyspace-events', 'A: CONFIG SET notify-keyspace-events AA',
    'A: CONFIG GET notify-keyspace-events', 'A: CONFIG SET notify-keyspace-events a', 'A: CONFIG SET notify-keyspace-events E',
    'A: CONFIG GET notify-keyspace-events', 'A: CONFIG SET notify-keyspace-events K\\x00q', 'A: CONFIG GET notify-keyspace-events',
    'A: CONFIG SET notify-keyspace-events \\e',
  ],
  'keyspace notifications from string, key and hash commands': [
    'A: PSUBSCRIBE __key*__:*', 'B: CONFIG SET notify-keyspace-events KEA', 'B: SET k v', 'B: SET k v EX 100', 'B: SET k v PX 100000',
    'B: SET k2 v px 100000', 'B: SET k v KEEPTTL', 'B: SET k v NX', 'B: SET k v XX GET', 'B: SETNX k v', 'B: SETNX n v',
    'B: SETEX k 100 v', 'B: PSETEX k 100000 v', 'B: GETSET k w', 'B: MSET a 1 b 2', 'B: MSETNX a 1 c 3', 'B: MSETNX c 3 d 4',
    'B: APPEND a x', 'B: APPEND new x', 'B: SETRANGE a 0 z', 'B: SETRANGE a 0 \\e', 'B: SETRANGE r 2 z', 'B: SETRANGE r2 2 \\e',
    'B: INCR i', 'B: DECR i', 'B: INCRBY i 5', 'B: DECRBY i 5', 'B: INCRBYFLOAT f 1.5', 'B: INCR k', 'B: DEL a b nope',
    'B: UNLINK c', 'B: EXPIRE k 100', 'B: EXPIRE k 100 NX', 'B: PEXPIRE k 100000', 'B: EXPIREAT k 1', 'B: EXISTS k',
    'B: SET k v', 'B: PEXPIREAT k 1', 'B: SET k v', 'B: EXPIRE k -1', 'B: SET k v', 'B: PERSIST k', 'B: EXPIRE k 100', 'B: PERSIST k',
    'B: RENAME k k3', 'B: RENAME k3 k3', 'B: SET k v', 'B: RENAME k k3', 'B: RENAMENX k3 d', 'B: RENAMENX d i', 'B: GETDEL d',
    'B: GETDEL d', 'B: SET g v', 'B: GETEX g', 'B: GETEX g EX 100', 'B: GETEX g PERSIST', 'B: GETEX g PERSIST', 'B: GETEX g PXAT 1',
    'B: HSET h f v g w', 'B: HMSET h f v', 'B: HSETNX h f v', 'B: HSETNX h z v', 'B: HSETNX h2 z v', 'B: HINCRBY h n 2',
    'B: HDEL h nope', 'B: HDEL h f g', 'B: HDEL h n z', 'B: HDEL h2 z', 'B: FLUSHDB', 'B: SELECT 5', 'B: SET k5 v', 'B: FLUSHALL',
  ],
  'keyspace notifications from list, set, sorted set, stream and the newer hash/key commands': [
    'A: PSUBSCRIBE __key*__:*', 'B: CONFIG SET notify-keyspace-events KEA', 'B: LPUSH l a b c', 'B: RPUSH l d', 'B: LPUSHX l e',
    'B: RPUSHX nol e', 'B: LPOP l', 'B: RPOP l 2', 'B: LSET l 0 z', 'B: LINSERT l BEFORE z y', 'B: LREM l 1 y', 'B: LTRIM l 0 0',
    'B: LMOVE l l2 LEFT RIGHT', 'B: RPOPLPUSH l2 l3', 'B: LPOP l3', 'B: SADD s a b c', 'B: SADD s a', 'B: SREM s a', 'B: SADD one m', 'B: SPOP one',
    'B: SMOVE s s2 c', 'B: SMOVE s s2 b', 'B: SADD t x y', 'B: SINTERSTORE d s2 t', 'B: SUNIONSTORE d s2 t', 'B: SDIFFSTORE d t t',
    'B: ZADD z 1 a 2 b 3 c', 'B: ZADD z XX 5 a', 'B: ZINCRBY z 1 b', 'B: ZREM z c', 'B: ZPOPMIN z', 'B: ZADD z 1 m 2 n',
    'B: ZREMRANGEBYSCORE z 0 1', 'B: ZRANGESTORE zd z 0 -1', 'B: ZREMRANGEBYRANK z 0 -1', 'B: XADD x 1-1 f v', 'B: XADD x MAXLEN 1 2-1 f v',
    'B: XDEL x 2-1', 'B: XTRIM x MAXLEN 0', 'B: HSET h f 1', 'B: HINCRBYFLOAT h f 1.5', 'B: COPY h h2', 'B: COPY h h2 REPLACE',
    'B: SET str v', 'B: COPY str str2', 'B: FLUSHALL',
  ],
  'keyspace notifications: classes, expired, keymiss, new': [
    'A: SUBSCRIBE __keyevent@0__:expired __keyevent@0__:set __keyspace@0__:k __keyevent@0__:keymiss __keyevent@0__:new',
    'B: CONFIG SET notify-keyspace-events E$', 'B: SET k v', 'B: EXPIRE k 100', 'B: CONFIG SET notify-keyspace-events Kg',
    'B: SET k v', 'B: EXPIRE k 100', 'B: CONFIG SET notify-keyspace-events Ex', 'B: SET e v PX 30', 'sleep 60', 'B: GET e',
    'B: SET e v PX 30', 'sleep 60', 'B: SET e v2', 'B: SET e v PX 30', 'sleep 60', 'B: EXISTS e', 'B: SET e v PX 30', 'sleep 60',
    'B: TTL e', 'B: CONFIG SET notify-keyspace-events Em', 'B: GET nope', 'B: HGET nope f', 'B: EXISTS nope', 'B: SET e v PX 30',
    'sleep 60', 'B: GET e', 'B: CONFIG SET notify-keyspace-events En', 'B: SET brand new', 'B: SET brand new', 'B: HSET hh f v',
    'B: INCR ii', 'B: CONFIG SET notify-keyspace-events E', 'B: SET k v', 'B: CONFIG SET notify-keyspace-events A', 'B: SET k v',
    'B: CONFIG SET notify-keyspace-events Exm', 'B: SET e v PX 30', 'sleep 60', 'B: GET e', 'B: SELECT 3', 'B: GET nope3',
  ],
};

describe('pub/sub frames match redis-server 7.0 on every connection', () => {
  test.each(Object.entries(SCRIPTS))('%s', { timeout: 30_000 }, async (_name, script) => {
    const differences = await suite.differential.run(script, 3, normalize);
    expect(differences.map(formatMultiDifference)).toEqual([]);
  });
});
