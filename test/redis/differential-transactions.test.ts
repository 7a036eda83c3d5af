// MULTI/EXEC/DISCARD/WATCH/UNWATCH against a real redis-server 7.0, with several clients: every
// reply of every client must match, in RESP2 and RESP3, including expiry and FLUSHALL under WATCH.
import {
  bigintSafe,
  onTheWire,
  RealConnection,
  sameReply,
  startRealRedis,
  type RealRedis,
} from './differential-harness.ts';
import { line, PAST_MS } from './differential-scripts.ts';
import { RedisEmulator } from '../../src/redis/emulator.ts';
import type { Session } from '../../src/redis/session.ts';
import type { RespValue } from '../../src/redis/resp.ts';

/** A step: which client (A, B or C) sends which command; `sleep N` waits N ms on both sides. */
type Step = string;

/** The same three clients on both sides; steps run one at a time so clients interleave exactly. */
class Clients {
  readonly emulator = new RedisEmulator({ now: () => Date.now() });
  readonly sessions: Session[] = [];
  compared = 0;

  private constructor(readonly real: RealConnection[]) {
    for (let i = 0; i < real.length; i++) this.sessions.push(this.emulator.createSession());
  }

  static async open(port: number, count = 3): Promise<Clients> {
    const real: RealConnection[] = [];
    for (let i = 0; i < count; i++) real.push(await RealConnection.open(port));
    await real[0]!.send([['DEBUG', 'SET-ACTIVE-EXPIRE', '0']]);
    return new Clients(real);
  }

  async run(steps: readonly Step[]): Promise<string[]> {
    const differences: string[] = [];
    for (const step of steps) {
      if (step.startsWith('sleep ')) {
        await new Promise((resolve) => setTimeout(resolve, Number(step.slice(6))));
        continue;
      }
      const client = step.charCodeAt(0) - 65;
      const argv = line(step.slice(2));
      const session = this.sessions[client]!;
      const emulated: RespValue = onTheWire(this.emulator.exec(argv, session), session.protocol);
      const [real] = await this.real[client]!.send([argv]);
      this.compared++;
      if (!sameReply(argv, real!, emulated)) {
        differences.push(`${step}\n  real:     ${JSON.stringify(real, bigintSafe)}\n  emulated: ${JSON.stringify(emulated, bigintSafe)}`);
      }
    }
    return differences;
  }

  close(): void {
    for (const connection of this.real) connection.close();
  }
}

const TRANSACTIONS: Record<string, Step[]> = {
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
      'XADD x * f v', 'XTRIM x MAXLEN 0', 'XDEL x 0-1', 'HINCRBYFLOAT h f 1.5', 'HSETNX h f v', 'COPY src k', 'COPY src k REPLACE',
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
    'A SET k 1 PX 40', 'A WATCH k', 'sleep 80', 'A MULTI', 'A PING', 'A EXEC',
  ],
  'a WATCHed key that expired and was read lazily aborts it': [
    'A SET k 1 PX 40', 'A WATCH k', 'sleep 80', 'B GET k', 'A MULTI', 'A PING', 'A EXEC',
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
  'the WATCH ends with EXEC: a later write does not abort the next transaction': [
    'A WATCH k', 'A MULTI', 'A GET k', 'A EXEC', 'B SET k 1', 'A MULTI', 'A GET k', 'A EXEC',
  ],
};

let redis: RealRedis;

beforeAll(async () => {
  redis = await startRealRedis();
});

afterAll(async () => {
  await redis?.stop();
});

describe.each([2, 3] as const)('transactions reply exactly like redis-server 7.0 (RESP%i)', (protocol) => {
  let clients: Clients;

  beforeAll(async () => {
    clients = await Clients.open(redis.port);
    if (protocol === 3) await clients.run(['A HELLO 3', 'B HELLO 3', 'C HELLO 3']);
  });

  afterAll(() => {
    console.log(`differential (transactions, RESP${protocol}): ${clients?.compared ?? 0} replies compared`);
    clients?.close();
  });

  test.each(Object.entries(TRANSACTIONS))('%s', async (_name, steps) => {
    await clients.run(['A DISCARD', 'B DISCARD', 'A SELECT 0', 'B SELECT 0', 'A FLUSHALL', 'A UNWATCH', 'B UNWATCH']);
    expect(await clients.run(steps)).toEqual([]);
  });
});
