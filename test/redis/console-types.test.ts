// The lab console prints the data types' nested replies exactly as redis-cli 7.0 does: the same
// lines typed into redis-cli against redis-server and into the console formatter against the
// emulator, in RESP2 and RESP3 (maps, sets, doubles and nested WITHSCORES pairs), and COMMAND's
// nested descriptions.
import { execFileSync } from 'node:child_process';
import { onTheWire, startRealRedis, type RealRedis } from './differential-harness.ts';
import { RedisEmulator } from '../../src/redis/emulator.ts';
import { formatReply, printsRaw } from '../../src/redis/cli/format.ts';
import { parseCliLine } from '../../src/redis/cli/parse.ts';

const LINES = [
  'RPUSH recent a b c d e f g h i j k', 'LRANGE recent 0 -1', 'LPOP recent 2', 'BLPOP recent 0', 'LPOS recent e COUNT 0',
  'SADD tags 3 1 2', 'SMEMBERS tags', 'SMISMEMBER tags 1 9', 'SINTER tags nothing', 'SPOP tags 0',
  'ZADD board 1.5 ada 2 bob 0.1 cy -inf low', 'ZRANGE board 0 -1 WITHSCORES', 'ZRANGE board 0 1', 'ZREVRANGEBYSCORE board +inf 1 WITHSCORES LIMIT 0 1',
  'ZPOPMIN board', 'ZPOPMAX board 2', 'ZMSCORE board ada nobody', 'ZINCRBY board 0.25 ada', 'ZSCAN board 0',
  'XADD log 1-1 event login user ada', 'XADD log 2-1 event logout', 'XRANGE log - +', 'XREVRANGE log + - COUNT 1', 'XREAD STREAMS log 0',
  'XREAD STREAMS log nothing 0 0', 'XREAD STREAMS log $', 'HSET h f v', 'HSCAN h 0', 'HRANDFIELD h 1 WITHVALUES', 'HINCRBYFLOAT h n 1.5',
  'OBJECT ENCODING board', 'TYPE log', 'SSCAN tags 0 MATCH 1*',
  // What a learner asks the server about its commands (nested maps and sets of COMMAND DOCS/INFO).
  'COMMAND DOCS get set', 'COMMAND INFO getex xread', 'COMMAND GETKEYSANDFLAGS lmove a b LEFT RIGHT',
];

let redis: RealRedis;
beforeAll(async () => {
  redis = await startRealRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe('the console prints the data types like redis-cli --no-raw', () => {
  test.each([
    ['RESP2', false],
    ['RESP3 (redis-cli -3)', true],
  ])('%s', (_name, resp3) => {
    execFileSync('redis-cli', ['-p', String(redis.port), 'FLUSHALL']);
    const args = ['-p', String(redis.port), '--no-raw', ...(resp3 ? ['-3'] : [])];
    const expected = execFileSync('redis-cli', args, { input: Buffer.from(LINES.join('\n') + '\n', 'utf8') }).toString('latin1');
    const emulator = new RedisEmulator({ now: () => Date.now() });
    const session = emulator.createSession();
    if (resp3) emulator.exec(['HELLO', '3'], session);
    let actual = '';
    for (const line of LINES) {
      const parsed = parseCliLine(line);
      if (!parsed.ok) throw new Error(parsed.error);
      const reply = onTheWire(emulator.exec(parsed.argv, session), session.protocol);
      actual += formatReply(reply, { raw: printsRaw(parsed.argv) });
    }
    expect(actual.split('\n')).toEqual(expected.split('\n'));
  });
});
