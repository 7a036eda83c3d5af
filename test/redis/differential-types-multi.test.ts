// The data types with several connections against a real redis-server 7.0, on the emulator's RESP
// server and in-process: keyspace notifications of every list, set, sorted-set and stream write,
// and blocked clients served by another connection's push (see differential-multi.ts).
import { bigintSafe, RealConnection } from './differential-harness.ts';
import { startRespServer, type RespServer } from '../../src/server/server.ts';
import { RedisEmulator, type Session } from '../../src/redis/emulator.ts';
import type { RespValue } from '../../src/redis/resp.ts';
import { formatMultiDifference, multiDifferentialSuite } from './differential-multi.ts';

const suite = multiDifferentialSuite('types, several clients');

const SCRIPTS: Record<string, string[]> = {
  'keyspace notifications of list writes': [
    'A: PSUBSCRIBE __key*__:*', 'B: CONFIG SET notify-keyspace-events KEA', 'B: RPUSH l a b c', 'B: LPUSH l z', 'B: LPUSHX l y',
    'B: RPUSHX nope y', 'B: LPOP l', 'B: RPOP l 2', 'B: LPOP l 0', 'B: LINSERT l BEFORE a q', 'B: LINSERT l BEFORE nope q', 'B: LSET l 0 w',
    'B: LREM l 0 nope', 'B: LREM l 0 w', 'B: RPUSH l a b c', 'B: LTRIM l 0 -1', 'B: LTRIM l 1 0', 'B: RPUSH m 1 2', 'B: LMOVE m n LEFT RIGHT',
    'B: RPOPLPUSH m n', 'B: BLPOP n 0', 'B: BRPOP n 0', 'B: RPUSH o 1', 'B: BLMOVE o p RIGHT LEFT 0', 'B: LPOP p 5',
  ],
  'keyspace notifications of set writes': [
    'A: PSUBSCRIBE __key*__:*', 'B: CONFIG SET notify-keyspace-events KEA', 'B: SADD s a b', 'B: SADD s a', 'B: SREM s nope', 'B: SREM s a',
    'B: SMOVE s t b', 'B: SMOVE s t b', 'B: SADD u 1 2', 'B: SINTERSTORE d t u', 'B: SUNIONSTORE d t u', 'B: SDIFFSTORE d u t', 'B: SREM u 2',
    'B: SINTERSTORE d t nope', 'B: SPOP u', 'B: SADD v 1', 'B: SPOP v 5', 'B: SADD w a', 'B: SPOP w', 'B: COPY t t2',
  ],
  'keyspace notifications of sorted-set and stream writes': [
    'A: PSUBSCRIBE __key*__:*', 'B: CONFIG SET notify-keyspace-events KEA', 'B: ZADD z 1 a 2 b', 'B: ZADD z 1 a', 'B: ZADD z XX 5 nope',
    'B: ZINCRBY z 1 a', 'B: ZADD z INCR 1 b', 'B: ZREM z nope', 'B: ZREM z a', 'B: ZADD z 1 a 3 c', 'B: ZRANGESTORE d z 0 0',
    'B: ZRANGESTORE d z 5 6', 'B: ZPOPMIN z', 'B: ZPOPMAX z 1', 'B: ZADD z 1 a 2 b 3 c', 'B: ZREMRANGEBYRANK z 0 0', 'B: ZREMRANGEBYSCORE z 9 10',
    'B: ZREMRANGEBYSCORE z 2 2', 'B: ZREMRANGEBYLEX z - +', 'B: XADD x 1 f v', 'B: XADD x MAXLEN 1 2 f v', 'B: XADD x NOMKSTREAM 3 f v',
    'B: XDEL x 9', 'B: XDEL x 3', 'B: XTRIM x MAXLEN 5', 'B: XTRIM x MAXLEN 0', 'B: HINCRBYFLOAT h f 1.5',
  ],
};

describe('data types with several connections match redis-server 7.0 (server and in-process)', () => {
  test.each(Object.entries(SCRIPTS))('%s', async (_name, script) => {
    const differences = await suite.differential.run(script, 3);
    expect(differences.map(formatMultiDifference)).toEqual([]);
  });
});

// A blocked connection over the RESP server: its reply comes when another connection pushes, and
// commands it pipelined after the blocking one wait for it, as on redis-server.
describe('blocked connections over the RESP server match redis-server 7.0', () => {
  let emulator: RedisEmulator;
  let server: RespServer;
  beforeAll(async () => {
    emulator = new RedisEmulator({ now: () => Date.now() });
    server = await startRespServer<Session>(
      {
        createSession: (address) => emulator.createSession(address),
        closeSession: (session) => emulator.closeSession(session),
        exec: (argv, session) => emulator.exec(argv, session),
        activeExpireCycle: () => emulator.activeExpireCycle(),
      },
      { port: 0, hz: 100 },
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  type Step = readonly [client: number, argv: readonly string[]];

  const BLOCKING = /^(BLPOP|BRPOP|BLMOVE|BRPOPLPUSH|BLMPOP|BZPOPMIN|BZPOPMAX|BZMPOP)$/i;
  const timeoutOf = (argv: readonly string[]) =>
    /^(BLMPOP|BZMPOP)$/i.test(argv[0]!) ? argv[1] : /^XREAD/i.test(argv[0]!) ? argv[argv.findIndex((word) => /^BLOCK$/i.test(word)) + 1] : argv.at(-1);
  const blocks = (argv: readonly string[]) => BLOCKING.test(argv[0]!) || (/^XREAD/i.test(argv[0]!) && argv.some((word) => /^BLOCK$/i.test(word)));

  /**
   * Runs the steps on both servers with three connections each; returns every reply per connection,
   * and after each blocking command the server's INFO blocked_clients once that command has either
   * replied or blocked (polled on a fourth connection: a fixed wait let a slow machine reorder steps).
   */
  async function play(port: number, steps: readonly Step[]): Promise<string[][]> {
    const clients = await Promise.all([0, 1, 2].map(() => RealConnection.open(port)));
    const monitor = await RealConnection.open(port);
    const replies: string[][] = [[], [], [], []];
    const pending: Promise<void>[] = [];
    const waiting = new Set<number>(); // steps whose blocking command has not replied yet
    const blockedClients = async () => {
      const [info] = await monitor.send([['INFO', 'clients']]);
      return Number(/blocked_clients:(\d+)/.exec(String(info?.type === 'bulk' || info?.type === 'verbatim' ? info.value : ''))?.[1] ?? -1);
    };
    await clients[0]!.send([['FLUSHALL']]);
    for (const [index, [client, argv]] of steps.entries()) {
      if (argv[0] === 'sleep') {
        await new Promise((resolve) => setTimeout(resolve, Number(argv[1])));
        continue;
      }
      const blocking = blocks(argv);
      if (blocking) waiting.add(index);
      const done = clients[client]!.send([argv]).then(([reply]) => {
        waiting.delete(index);
        replies[client]!.push(`${argv.join(' ')} -> ${JSON.stringify(reply as RespValue, bigintSafe)}`);
      });
      pending.push(done);
      if (!blocking) {
        await done;
        continue;
      }
      // A timeout may answer before the poll sees it blocked: then it has replied.
      const deadline = Date.now() + 10_000;
      let blocked = await blockedClients();
      while (waiting.has(index) && blocked < waiting.size && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        blocked = await blockedClients();
      }
      // Only a command without a timeout is compared here: one with a timeout may have answered by now.
      if (timeoutOf(argv) === '0') replies[3]!.push(`after ${argv.join(' ')}: ${waiting.has(index) ? `blocked_clients ${blocked}` : 'replied'}`);
    }
    await Promise.all(pending);
    for (const client of [...clients, monitor]) client.close();
    return replies;
  }

  test.each<[string, Step[]]>([
    ['BLPOP served by RPUSH on another connection', [[0, ['BLPOP', 'q', '0']], [1, ['RPUSH', 'q', 'a', 'b']], [1, ['LRANGE', 'q', '0', '-1']]]],
    ['two blocked connections served in order, one per element', [[0, ['BRPOP', 'q', '0']], [2, ['BLPOP', 'q', '0']], [1, ['RPUSH', 'q', '1', '2', '3']], [1, ['LLEN', 'q']]]],
    ['BLMOVE and XREAD BLOCK', [[0, ['BLMOVE', 's', 'd', 'LEFT', 'RIGHT', '0']], [2, ['XREAD', 'BLOCK', '0', 'STREAMS', 'x', '$']], [1, ['RPUSH', 's', 'v']], [1, ['XADD', 'x', '1-1', 'f', 'v']], [1, ['LRANGE', 'd', '0', '-1']]]],
    ['a blocked client is served after EXEC, not between its commands', [[0, ['BLPOP', 'q', '0']], [1, ['MULTI']], [1, ['RPUSH', 'q', 'a', 'b']], [1, ['LPOP', 'q']], [1, ['EXEC']], [1, ['LLEN', 'q']]]],
        ['BLMPOP, BZMPOP and BZPOPMIN served by pushes', [[0, ['BLMPOP', '0', '2', 'a', 'b', 'RIGHT', 'COUNT', '2']], [2, ['BZPOPMIN', 'z', '0']], [1, ['RPUSH', 'b', '1', '2', '3']], [1, ['ZADD', 'z', '2', 'x', '1', 'y']], [0, ['BZMPOP', '0', '1', 'z', 'MAX', 'COUNT', '5']], [1, ['ZADD', 'z', '7', 'w']], [1, ['LRANGE', 'b', '0', '-1']]]],
        ['a timeout answers nil; RESP3 too', [[0, ['BLPOP', 'nope', '0.05']], [2, ['HELLO', '3']], [2, ['BLMOVE', 'nope', 'd', 'LEFT', 'LEFT', '0.05']], [1, ['sleep', '150']], [1, ['PING']]]],
  ])('%s', async (_name, steps) => {
    const real = await play(suite.redis.port, steps);
    const emulated = await play(server.port, steps);
    const mask = (rows: string[][]) => rows.map((row) => row.map((text) => text.replace(/"id"\},\{"type":"integer","value":\d+/, '"id"},0')));
    expect(mask(emulated)).toEqual(mask(real));
  });
});
