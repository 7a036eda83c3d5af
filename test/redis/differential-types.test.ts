// The data types against redis-server 7.0.15: hand-written scripts (every command, option and
// error path of differential-types-scripts.ts), seeded random commands mixing every type in
// RESP2 and RESP3, and blocking commands across two connections. Knowingly different, and so
// compared by shape: which member SPOP/SRANDMEMBER/HRANDFIELD/ZRANDMEMBER pick (count and type
// only), the order of sets (sorted first), and SSCAN/HSCAN/ZSCAN cursors over hashtables.
import {
  COMPARED_STATS,
  DifferentialPair,
  formatDifference,
  infoFields,
  mulberry32,
  normalize,
  onTheWire,
  RealConnection,
  sameReply,
  startRealRedis,
  bigintSafe,
  type Difference,
  type RealRedis,
} from './differential-harness.ts';
import { line } from './differential-scripts.ts';
import { TYPE_SCRIPTS } from './differential-types-scripts.ts';
import type { RespValue } from '../../src/redis/resp.ts';
import type { Reply } from '../../src/redis/reply.ts';
import { BLOCKED } from '../../src/redis/session.ts';

let redis: RealRedis;
let pair: DifferentialPair;
let knowinglyDifferent = 0;

beforeAll(async () => {
  redis = await startRealRedis();
  pair = await DifferentialPair.open(redis.port);
  await pair.emulator.loadScripting();
  pair.session.onOutOfBand((reply, kind) => {
    if (kind === 'deferred') lateReply = reply;
  });
});

afterAll(async () => {
  pair?.close();
  await redis?.stop();
  console.log(`differential (types): ${pair?.compared ?? 0} replies compared, ${knowinglyDifferent} scan pages with a hashtable cursor skipped`);
});

const UNORDERED = new Set(['smembers', 'sinter', 'sunion', 'sdiff', 'spop']);
const RANDOM = new Set(['srandmember', 'hrandfield', 'zrandmember']);
const SCANS = new Set(['sscan', 'hscan', 'zscan']);

const json = (value: unknown) => JSON.stringify(value, bigintSafe);
const sortValues = (items: readonly RespValue[]) => [...items].sort((a, b) => (json(a) < json(b) ? -1 : json(a) > json(b) ? 1 : 0));

function items(value: RespValue): readonly RespValue[] | null {
  return (value.type === 'array' || value.type === 'set') && value.value !== null ? value.value : null;
}

/** A reply made comparable: unordered sets sorted, random picks reduced to their shape. */
function comparable(argv: readonly string[], value: RespValue): unknown {
  const name = argv[0]!.toLowerCase();
  const list = items(value);
  if (UNORDERED.has(name) && list !== null) return { type: value.type, sorted: sortValues(list) };
  if (RANDOM.has(name) || (name === 'spop' && argv.length === 2)) {
    return list !== null ? { type: value.type, length: list.length } : { type: value.type, present: value.type === 'bulk' && value.value !== null };
  }
  if (SCANS.has(name) && list !== null && list.length === 2) {
    const elements = items(list[1]!) ?? [];
    const grouped: RespValue[][] = [];
    const step = name === 'sscan' ? 1 : 2;
    for (let i = 0; i < elements.length; i += step) grouped.push(elements.slice(i, i + step) as RespValue[]);
    return { cursor: list[0], elements: grouped.map((g) => json(g)).sort() };
  }
  return normalize(argv, value);
}

/** Runs commands on both sides and lists the differences (see `comparable`). */
async function runTypes(commands: readonly (readonly string[])[]): Promise<Difference[]> {
  const realReplies = pair.real.send(commands);
  const emulated: RespValue[] = [];
  for (const argv of commands) emulated.push(onTheWire(await execWaiting(argv), pair.session.protocol));
  const real = await realReplies;
  const differences: Difference[] = [];
  commands.forEach((argv, i) => {
    pair.compared++;
    const name = argv[0]!.toLowerCase();
    const r = real[i]!;
    const e = emulated[i]!;
    // Redis walks a hashtable's buckets over several calls; the emulator answers in one.
    if (SCANS.has(name) && items(r)?.[0]?.type === 'bulk' && (items(r)![0] as { value: string }).value !== '0') {
      knowinglyDifferent++;
      return;
    }
    if (!sameReply(argv, r, e) && json(comparable(argv, r)) !== json(comparable(argv, e))) differences.push({ argv, real: r, emulated: e });
  });
  return differences;
}

let lateReply: Reply | null = null;

/** Runs a command; one that blocks is waited for until its timeout, as the real connection waits. */
async function execWaiting(argv: readonly string[]): Promise<Reply> {
  const reply = pair.emulator.exec(argv, pair.session);
  if (reply !== BLOCKED) return reply;
  const deadline = pair.emulator.blocking.nextDeadline();
  if (deadline === Infinity) throw new Error(`${argv.join(' ')} blocks forever`);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now() + 2)));
  pair.emulator.handleBlockedTimeouts();
  const late = lateReply;
  lateReply = null;
  if (late === null) throw new Error(`${argv.join(' ')} did not time out`);
  return late;
}

async function reset(): Promise<void> {
  await runTypes([['SELECT', '0'], ['FLUSHALL']]);
}

describe('data types reply exactly like redis-server 7.0', () => {
  describe.each([2, 3])('RESP%i', (protocol) => {
    beforeAll(async () => {
      await runTypes([['HELLO', String(protocol)]]);
    });
    afterAll(async () => {
      await runTypes([['HELLO', '2']]);
    });
    test.each(Object.entries(TYPE_SCRIPTS))('%s', async (_name, script) => {
      await reset();
      const differences = await runTypes(script.map(line));
      expect(differences.map(formatDifference)).toEqual([]);
    });
  });

  test('INFO counts hits, misses and commands of the new types the same way', async () => {
    await reset();
    await runTypes([['CONFIG', 'RESETSTAT']]);
    // Not the EVAL script: an error inside a script counts twice in the emulator's total_error_replies
    // (a scripting difference, whatever the command), once in Redis.
    for (const [name, script] of Object.entries(TYPE_SCRIPTS)) if (name !== 'data types from scripts') await runTypes(script.map(line));
    const { real, emulated } = await pair.both(['INFO', 'stats']);
    for (const field of COMPARED_STATS) expect([field, infoFields(emulated).get(field)]).toEqual([field, infoFields(real).get(field)]);
  });

  test('XADD * makes an ID from the clock, then increments the sequence within one millisecond', async () => {
    await reset();
    const ids: string[] = [];
    for (const side of ['real', 'emulated'] as const) {
      const replies =
        side === 'real'
          ? await pair.real.send([['XADD', 's', '*', 'f', 'v'], ['XADD', 's', 'MAXLEN', '1', '*', 'f', 'v'], ['XLEN', 's']])
          : [['XADD', 's', '*', 'f', 'v'], ['XADD', 's', 'MAXLEN', '1', '*', 'f', 'v'], ['XLEN', 's']].map((argv) => onTheWire(pair.emulator.exec(argv, pair.session), 2));
      const [first, second, length] = replies as [RespValue, RespValue, RespValue];
      const a = (first as { value: string }).value;
      const b = (second as { value: string }).value;
      expect(a).toMatch(/^\d{13}-\d+$/);
      expect(Math.abs(Number(a.split('-')[0]) - Date.now())).toBeLessThan(5_000);
      const [ams, aseq] = a.split('-').map(BigInt) as [bigint, bigint];
      const [bms, bseq] = b.split('-').map(BigInt) as [bigint, bigint];
      expect(bms > ams || (bms === ams && bseq === aseq + 1n)).toBe(true);
      expect(length).toEqual({ type: 'integer', value: 1 });
      ids.push(a);
    }
    expect(ids).toHaveLength(2);
  });
});

// ---- blocking commands across two connections --------------------------------------------

describe('blocked clients are served and time out like redis-server 7.0', () => {
  let otherReal: RealConnection;
  let thirdReal: RealConnection;
  beforeAll(async () => {
    otherReal = await RealConnection.open(redis.port);
    thirdReal = await RealConnection.open(redis.port);
  });
  afterAll(() => {
    otherReal?.close();
    thirdReal?.close();
  });

  /** Blocks `argv` on a second connection of each side; returns how to collect both late replies. */
  function blockOn(real: RealConnection, argv: string[]): { session: ReturnType<DifferentialPair['emulator']['createSession']>; realReply: Promise<RespValue[]>; emulated: () => RespValue | null } {
    const session = pair.emulator.createSession();
    let late: Reply | null = null;
    session.onOutOfBand((reply, kind) => {
      if (kind === 'deferred') late = reply;
    });
    const direct = pair.emulator.exec(argv, session);
    const realReply = real.send([argv]);
    return {
      session,
      realReply,
      emulated: () => (direct !== BLOCKED ? onTheWire(direct, 2) : late === null ? null : onTheWire(late, 2)),
    };
  }

  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  test.each([
    ['BLPOP served by RPUSH', ['BLPOP', 'q', 'other', '0'], [['RPUSH', 'q', 'a', 'b']], [['LRANGE', 'q', '0', '-1']]],
    ['BRPOP served by LPUSH on its second key', ['BRPOP', 'q', 'r', '0'], [['LPUSH', 'r', 'x', 'y']], [['LRANGE', 'r', '0', '-1']]],
    ['BLMOVE served by RPUSH', ['BLMOVE', 'q', 'dst', 'RIGHT', 'LEFT', '0'], [['RPUSH', 'q', '1', '2']], [['LRANGE', 'dst', '0', '-1'], ['LRANGE', 'q', '0', '-1']]],
    ['BRPOPLPUSH served by LMOVE into its key', ['BRPOPLPUSH', 'q', 'dst', '0'], [['RPUSH', 'src', 'm'], ['LMOVE', 'src', 'q', 'LEFT', 'LEFT']], [['LRANGE', 'dst', '0', '-1'], ['EXISTS', 'q', 'src']]],
    ['BLMOVE to a wrong-type destination gets WRONGTYPE when served', ['BLMOVE', 'q', 'str', 'LEFT', 'LEFT', '0'], [['SET', 'str', 'v'], ['RPUSH', 'q', 'a']], [['LRANGE', 'q', '0', '-1']]],
    ['XREAD BLOCK served by XADD', ['XREAD', 'BLOCK', '0', 'STREAMS', 'x', '$'], [['XADD', 'x', '5-1', 'f', 'v']], [['XLEN', 'x']]],
    ['BLPOP not served by a SET of its key', ['BLPOP', 'q', '0.3'], [['SET', 'q', 'v'], ['DEL', 'q']], [['EXISTS', 'q']]],
  ])('%s', async (_name, block, feed, after) => {
    await reset();
    const blocked = blockOn(otherReal, block as string[]);
    await settle();
    expect(blocked.emulated()).toBeNull();
    const fed = await runTypes(feed as string[][]);
    const realLate = (await blocked.realReply)[0]!;
    if (block[0] === 'BLPOP' && block[2] === '0.3') {
      // Timed out on the real side: the emulator's clock is real time here, so its cycle answers too.
      pair.emulator.handleBlockedTimeouts();
    }
    expect(json(blocked.emulated())).toEqual(json(realLate));
    const state = await runTypes(after as string[][]);
    expect([...fed, ...state].map(formatDifference)).toEqual([]);
    pair.emulator.closeSession(blocked.session);
  });

  test('two clients blocked on one key are served in the order they blocked', async () => {
    await reset();
    const first = blockOn(otherReal, ['BLPOP', 'q', '0']);
    await settle();
    const second = blockOn(thirdReal, ['BLPOP', 'q', '0']);
    await settle();
    await runTypes([['RPUSH', 'q', 'a', 'b', 'c']]);
    const [r1, r2] = [(await first.realReply)[0]!, (await second.realReply)[0]!];
    expect([json(first.emulated()), json(second.emulated())]).toEqual([json(r1), json(r2)]);
    expect((await runTypes([['LRANGE', 'q', '0', '-1']])).map(formatDifference)).toEqual([]);
  });

  test('a timeout answers a null array, on the injected clock', async () => {
    await reset();
    const blocked = blockOn(otherReal, ['BLPOP', 'q', '0.1']);
    expect(blocked.emulated()).toBeNull();
    const realLate = (await blocked.realReply)[0]!;
    pair.emulator.handleBlockedTimeouts();
    expect(json(blocked.emulated())).toEqual(json(realLate));
    expect(realLate).toEqual({ type: 'array', value: null });
  });
});

// ---- seeded random commands ----------------------------------------------------------------

const KEYS = ['l0', 'l1', 's0', 's1', 'z0', 'z1', 'x0', 'h0', 'k0', 'n0'];
const MEMBERS = ['a', 'b', 'c', '1', '2', '10', '-3', '', 'x\u0000y'];
const INDEXES = ['0', '1', '-1', '2', '-3', '100', 'x'];
const SCORES = ['0', '1', '2.5', '-1', 'inf', '-inf', '1e3', 'x', '(1', '(2.5', '3'];
const LEX = ['-', '+', '[a', '(b', '[c', 'a', '[1', '(10'];

function sequence(random: () => number, length: number): string[][] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const key = () => pick(KEYS);
  const member = () => pick(MEMBERS);
  const members = () => Array.from({ length: 1 + Math.floor(random() * 3) }, member);
  const side = () => pick(['LEFT', 'RIGHT']);
  const now = Date.now();
  let ms = 1;
  const streamId = () => {
    const choice = random();
    if (choice < 0.4) return `${ms++}-1`;
    if (choice < 0.7) return `${pick([ms, ms - 1, 1])}-*`;
    return pick(['0-1', '1-1', `${ms}`, '5-5', 'x']);
  };
  const makers: Array<[number, () => string[]]> = [
    [4, () => [pick(['LPUSH', 'RPUSH']), key(), ...members()]],
    [1, () => [pick(['LPUSHX', 'RPUSHX']), key(), member()]],
    [3, () => [pick(['LPOP', 'RPOP']), key(), ...pick([[], [], ['1'], ['2'], ['0'], ['-1']])]],
    [1, () => ['LLEN', key()]],
    [3, () => ['LRANGE', key(), pick(INDEXES), pick(INDEXES)]],
    [1, () => ['LTRIM', key(), pick(INDEXES), pick(INDEXES)]],
    [1, () => ['LREM', key(), pick(['0', '1', '-1', '2']), member()]],
    [1, () => ['LINDEX', key(), pick(INDEXES)]],
    [1, () => ['LSET', key(), pick(INDEXES), member()]],
    [1, () => ['LINSERT', key(), pick(['BEFORE', 'AFTER']), member(), member()]],
    [1, () => ['LMOVE', key(), key(), side(), side()]],
    [1, () => ['LPOS', key(), member(), ...pick([[], ['RANK', '-1'], ['COUNT', '0'], ['MAXLEN', '2', 'COUNT', '2']])]],
    [1, () => [pick(['BLPOP', 'BRPOP']), key(), key(), '0.01']],
    [4, () => ['SADD', key(), ...members()]],
    [2, () => ['SREM', key(), ...members()]],
    [1, () => ['SCARD', key()]],
    [1, () => ['SISMEMBER', key(), member()]],
    [1, () => ['SMISMEMBER', key(), member(), member()]],
    [2, () => ['SMEMBERS', key()]],
    [2, () => [pick(['SINTER', 'SUNION', 'SDIFF']), key(), key()]],
    [2, () => [pick(['SINTERSTORE', 'SUNIONSTORE', 'SDIFFSTORE']), key(), key(), key()]],
    [1, () => ['SINTERCARD', '2', key(), key(), ...pick([[], ['LIMIT', '1']])]],
    [1, () => ['SPOP', key(), '100']],
    [1, () => ['SRANDMEMBER', key(), ...pick([[], ['2'], ['-3'], ['0']])]],
    [1, () => ['SMOVE', key(), key(), member()]],
    [1, () => ['SSCAN', key(), '0', ...pick([[], ['MATCH', '*a*'], ['COUNT', '100']])]],
    [4, () => ['ZADD', key(), ...pick([[], ['NX'], ['XX'], ['GT'], ['LT', 'CH'], ['INCR']]), pick(SCORES), member()]],
    [1, () => ['ZINCRBY', key(), pick(SCORES), member()]],
    [2, () => ['ZREM', key(), member(), member()]],
    [1, () => ['ZCARD', key()]],
    [2, () => ['ZSCORE', key(), member()]],
    [1, () => ['ZMSCORE', key(), member(), member()]],
    [1, () => [pick(['ZRANK', 'ZREVRANK']), key(), member()]],
    [1, () => ['ZCOUNT', key(), pick(SCORES), pick(SCORES)]],
    [1, () => ['ZLEXCOUNT', key(), pick(LEX), pick(LEX)]],
    [3, () => ['ZRANGE', key(), pick(INDEXES), pick(INDEXES), ...pick([[], ['WITHSCORES'], ['REV', 'WITHSCORES']])]],
    [2, () => ['ZRANGE', key(), pick(SCORES), pick(SCORES), 'BYSCORE', ...pick([[], ['REV'], ['WITHSCORES'], ['LIMIT', '1', '2']])]],
    [1, () => ['ZRANGE', key(), pick(LEX), pick(LEX), 'BYLEX', ...pick([[], ['REV'], ['LIMIT', '0', '1']])]],
    [1, () => [pick(['ZRANGEBYSCORE', 'ZREVRANGEBYSCORE']), key(), pick(SCORES), pick(SCORES), ...pick([[], ['WITHSCORES']])]],
    [1, () => [pick(['ZRANGEBYLEX', 'ZREVRANGEBYLEX']), key(), pick(LEX), pick(LEX)]],
    [1, () => ['ZREVRANGE', key(), pick(INDEXES), pick(INDEXES)]],
    [1, () => ['ZRANGESTORE', key(), key(), pick(INDEXES), pick(INDEXES)]],
    [2, () => [pick(['ZPOPMIN', 'ZPOPMAX']), key(), ...pick([[], ['2'], ['0']])]],
    [1, () => ['ZREMRANGEBYRANK', key(), pick(INDEXES), pick(INDEXES)]],
    [1, () => ['ZREMRANGEBYSCORE', key(), pick(SCORES), pick(SCORES)]],
    [1, () => ['ZREMRANGEBYLEX', key(), pick(LEX), pick(LEX)]],
    [1, () => ['ZSCAN', key(), '0']],
    [1, () => ['ZRANDMEMBER', key(), ...pick([[], ['2'], ['-2', 'WITHSCORES']])]],
    [4, () => ['XADD', key(), ...pick([[], [], ['MAXLEN', '3'], ['MAXLEN', '~', '2'], ['MINID', `${Math.max(1, ms - 3)}`], ['NOMKSTREAM']]), streamId(), 'f', member()]],
    [1, () => ['XLEN', key()]],
    [2, () => ['XRANGE', key(), pick(['-', '1', '(1-1', '3']), pick(['+', '5', '(9']), ...pick([[], ['COUNT', '2']])]],
    [1, () => ['XREVRANGE', key(), '+', '-', ...pick([[], ['COUNT', '1']])]],
    [1, () => ['XDEL', key(), `${Math.floor(random() * ms)}-1`]],
    [1, () => ['XTRIM', key(), pick(['MAXLEN', 'MINID']), pick(['=', '~']), pick(['0', '2', `${ms - 2}`])]],
    [1, () => ['XREAD', 'COUNT', '2', 'STREAMS', key(), pick(['0', '$', '2-0'])]],
    [2, () => ['HSET', key(), member(), member()]],
    [1, () => ['HINCRBYFLOAT', key(), member(), pick(['1.5', '-2', 'x', '1e2'])]],
    [1, () => ['HSCAN', key(), '0']],
    [1, () => ['HRANDFIELD', key(), ...pick([[], ['1'], ['-2', 'WITHVALUES']])]],
    [1, () => ['SET', key(), member()]],
    [2, () => ['TYPE', key()]],
    [1, () => ['OBJECT', 'ENCODING', key()]],
    [1, () => ['COPY', key(), key(), ...pick([[], ['REPLACE']])]],
    [1, () => ['RENAME', key(), key()]],
    [2, () => ['DEL', key()]],
    [1, () => ['EXISTS', key(), key()]],
    [1, () => ['EXPIRE', key(), pick(['100', '0', '-1'])]],
    [1, () => ['PEXPIREAT', key(), pick([String(now - 10_000), String(now + 100_000_000)])]],
    [1, () => ['SCAN', '0', 'COUNT', '1000', 'TYPE', pick(['list', 'set', 'zset', 'stream', 'hash', 'string'])]],
  ];
  const total = makers.reduce((sum, [weight]) => sum + weight, 0);
  const commands: string[][] = [];
  for (let i = 0; i < length; i++) {
    let roll = random() * total;
    for (const [weight, make] of makers) {
      roll -= weight;
      if (roll < 0) {
        commands.push(make());
        break;
      }
    }
  }
  return commands;
}

describe('random command sequences over every type match redis-server 7.0', () => {
  test.each([
    [11, 2],
    [12, 2],
    [13, 2],
    [14, 3],
    [15, 3],
  ])('seed %i in RESP%i: 4,000 commands', async (seed, protocol) => {
    await runTypes([['SELECT', '0'], ['FLUSHALL'], ['CONFIG', 'RESETSTAT'], ['HELLO', String(protocol)]]);
    const commands = sequence(mulberry32(seed), 4000);
    const differences: Difference[] = [];
    for (let i = 0; i < commands.length; i += 500) differences.push(...(await runTypes(commands.slice(i, i + 500))));
    await runTypes([['HELLO', '2']]);
    expect(differences.slice(0, 5).map(formatDifference)).toEqual([]);
    const { real, emulated } = await pair.both(['INFO', 'all']);
    for (const field of COMPARED_STATS) expect([field, infoFields(emulated).get(field)]).toEqual([field, infoFields(real).get(field)]);
  }, 60_000);
});
