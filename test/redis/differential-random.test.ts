// Seeded random command sequences over a small key space, run on redis-server 7.0 and on the
// emulator: every reply must match, and so must the INFO counters at the end.
import {
  COMPARED_STATS,
  DifferentialPair,
  formatDifference,
  infoFields,
  mulberry32,
  startRealRedis,
  type Difference,
  type RealRedis,
} from './differential-harness.ts';

const KEYS = ['k0', 'k1', 'k2', 'k3', 'n0', 'n1', 'h0', 'h1', 'f0', 'x', 'k\u0000', '\u00e9\u00ff'];
const FIELDS = ['a', 'b', 'c', 'n'];
const VALUES = [
  'v', '', 'hello', '0', '1', '42', '-7', '10', '9223372036854775807', '-9223372036854775808', '9223372036854775806',
  '05', '+1', ' 1', '1.5', '-0.25', '3.0e2', 'abc', '\u0000\u00ff', 'inf', '1e400', '0x10',
];
const INTEGERS = ['0', '1', '-1', '5', '100', '-100', '9223372036854775807', '-9223372036854775808', 'x', '1.5', '+3', '07'];
const FLOATS = ['0.1', '-0.1', '1.5', '2', '-3.25', '1e3', '1e-3', '0', 'abc', 'inf', '.5', '5e', '1e300'];
const PATTERNS = ['*', 'k*', '?0', '[kn]?', 'h[^0]', '*1', 'x', '[a-z]0', '\\k0', 'k[', '', 'k?', '[\u00e0-\u00ff]*', '*\u00ff'];

function sequence(random: () => number, length: number): string[][] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const key = () => pick(KEYS);
  const value = () => pick(VALUES);
  const now = Date.now();
  // Expiry times either far away (never reached during the run) or already past.
  const relative = () => pick(['100', '1000', '99999', '0', '-5', 'x']);
  const absoluteSeconds = () => pick([String(Math.floor(now / 1000) + 100_000), String(Math.floor(now / 1000) - 100), '1', 'x']);
  const absoluteMs = () => pick([String(now + 100_000_000), String(now - 100_000), '1', 'x']);
  const setOptions = (): string[] => {
    const options: string[] = [];
    const count = Math.floor(random() * 3);
    for (let i = 0; i < count; i++) {
      const choice = pick(['NX', 'XX', 'GET', 'KEEPTTL', 'EX', 'PX', 'EXAT', 'PXAT', 'BAD']);
      options.push(choice);
      if (choice === 'EX') options.push(pick(['100', '1000', '0', 'x']));
      if (choice === 'PX') options.push(pick(['100000', '0', '-1']));
      if (choice === 'EXAT') options.push(absoluteSeconds());
      if (choice === 'PXAT') options.push(absoluteMs());
    }
    return options;
  };
  const makers: Array<[number, () => string[]]> = [
    [10, () => ['GET', key()]],
    [10, () => ['SET', key(), value(), ...setOptions()]],
    [2, () => ['SETNX', key(), value()]],
    [2, () => ['SETEX', key(), relative(), value()]],
    [1, () => ['PSETEX', key(), pick(['100000', '0', 'x']), value()]],
    [3, () => ['GETEX', key(), ...pick([[], ['PERSIST'], ['EX', relative()], ['PXAT', absoluteMs()], ['EXAT', absoluteSeconds()], ['BAD']])]],
    [2, () => ['GETDEL', key()]],
    [2, () => ['GETSET', key(), value()]],
    [3, () => ['MGET', key(), key(), key()]],
    [2, () => ['MSET', key(), value(), key(), value()]],
    [1, () => ['MSETNX', key(), value(), key(), value()]],
    [2, () => ['APPEND', key(), pick(['x', '', '12'])]],
    [2, () => ['STRLEN', key()]],
    [2, () => ['GETRANGE', key(), pick(INTEGERS), pick(INTEGERS)]],
    [2, () => ['SETRANGE', key(), pick(['0', '1', '3', '-1', 'x']), pick(['ab', ''])]],
    [5, () => ['INCR', key()]],
    [2, () => ['DECR', key()]],
    [3, () => ['INCRBY', key(), pick(INTEGERS)]],
    [2, () => ['DECRBY', key(), pick(INTEGERS)]],
    [3, () => ['INCRBYFLOAT', key(), pick(FLOATS)]],
    [3, () => ['DEL', key(), key()]],
    [1, () => ['UNLINK', key()]],
    [3, () => ['EXISTS', key(), key()]],
    [2, () => ['TYPE', key()]],
    [1, () => ['TOUCH', key()]],
    [1, () => ['KEYS', pick(PATTERNS)]],
    [1, () => ['SCAN', '0', 'COUNT', '1000', ...pick([[], ['MATCH', pick(PATTERNS)], ['TYPE', pick(['string', 'hash', 'none'])]])]],
    [2, () => ['RENAME', key(), key()]],
    [1, () => ['RENAMENX', key(), key()]],
    [3, () => [pick(['EXPIRE', 'PEXPIRE']), key(), pick(['100', '100000', '0', '-1', 'x']), ...pick([[], ['NX'], ['XX'], ['GT'], ['LT'], ['NX', 'XX'], ['BAD']])]],
    [2, () => ['EXPIREAT', key(), absoluteSeconds(), ...pick([[], ['GT'], ['LT']])]],
    [2, () => ['PEXPIREAT', key(), absoluteMs(), ...pick([[], ['NX'], ['XX']])]],
    [3, () => [pick(['TTL', 'PTTL', 'EXPIRETIME', 'PEXPIRETIME']), key()]],
    [2, () => ['PERSIST', key()]],
    [5, () => ['HSET', key(), pick(FIELDS), value(), ...(random() < 0.3 ? [pick(FIELDS), value()] : [])]],
    [1, () => ['HSETNX', key(), pick(FIELDS), value()]],
    [3, () => ['HGET', key(), pick(FIELDS)]],
    [1, () => ['HMGET', key(), pick(FIELDS), pick(FIELDS)]],
    [2, () => ['HGETALL', key()]],
    [2, () => ['HDEL', key(), pick(FIELDS), pick(FIELDS)]],
    [1, () => ['HEXISTS', key(), pick(FIELDS)]],
    [1, () => ['HLEN', key()]],
    [1, () => ['HKEYS', key()]],
    [1, () => ['HVALS', key()]],
    [1, () => ['HSTRLEN', key(), pick(FIELDS)]],
    [2, () => ['HINCRBY', key(), pick(FIELDS), pick(INTEGERS)]],
    [1, () => ['DBSIZE']],
    [1, () => ['SELECT', pick(['0', '0', '1', '16', 'x'])]],
    [1, () => pick([['PING'], ['ECHO', value()], ['GET'], ['SET', key()], ['NOSUCH', key()], ['HSET', key(), 'f']])],
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

let redis: RealRedis;
let pair: DifferentialPair;

beforeAll(async () => {
  redis = await startRealRedis();
  pair = await DifferentialPair.open(redis.port);
});

afterAll(async () => {
  pair?.close();
  await redis?.stop();
  console.log(`differential (random): ${pair?.compared ?? 0} replies compared`);
});

describe('random command sequences give the same replies and counters as redis-server 7.0', () => {
  test.each([1, 2, 3, 4])('seed %i: 6,000 commands', async (seed) => {
    await pair.run([['SELECT', '0'], ['FLUSHALL'], ['CONFIG', 'RESETSTAT']]);
    const commands = sequence(mulberry32(seed), 6000);
    const differences: Difference[] = [];
    for (let i = 0; i < commands.length; i += 500) {
      differences.push(...(await pair.run(commands.slice(i, i + 500))));
    }
    expect(differences.slice(0, 5).map(formatDifference)).toEqual([]);
    const { real, emulated } = await pair.both(['INFO', 'all']);
    const realFields = infoFields(real);
    const emulatedFields = infoFields(emulated);
    for (const field of COMPARED_STATS) expect([field, emulatedFields.get(field)]).toEqual([field, realFields.get(field)]);
    for (const db of ['db0', 'db1']) {
      const strip = (text: string | undefined) => text?.replace(/,avg_ttl=\d+/, '');
      expect([db, strip(emulatedFields.get(db))]).toEqual([db, strip(realFields.get(db))]);
    }
  }, 60_000);

  test('seed 5 in RESP3: 4,000 commands', async () => {
    await pair.run([['SELECT', '0'], ['FLUSHALL'], ['HELLO', '3']]);
    expect(pair.session.protocol).toBe(3);
    const commands = sequence(mulberry32(5), 4000);
    const differences: Difference[] = [];
    for (let i = 0; i < commands.length; i += 500) {
      differences.push(...(await pair.run(commands.slice(i, i + 500))));
    }
    await pair.run([['HELLO', '2']]);
    expect(differences.slice(0, 5).map(formatDifference)).toEqual([]);
  }, 60_000);
});
