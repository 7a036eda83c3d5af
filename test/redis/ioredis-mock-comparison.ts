// How a peer emulator does on our hand-written differential scripts:
// `npx tsx test/redis/ioredis-mock-comparison.ts`. Each reply of redis-server 7.0 is turned into
// the JavaScript value ioredis would give, then compared with ioredis-mock's answer.
import RedisMock from 'ioredis-mock';
import { RealConnection, startRealRedis } from './differential-harness.ts';
import { line, SCRIPTS } from './differential-scripts.ts';
import type { RespValue } from '../../src/redis/resp.ts';

type Js = string | number | null | Js[] | { error: string } | Record<string, string>;

function asIoredis(argv: readonly string[], value: RespValue): Js {
  switch (value.type) {
    case 'error':
      return { error: value.message };
    case 'integer':
      return Number(value.value);
    case 'status':
    case 'bulk':
    case 'verbatim':
      return value.value;
    case 'array':
    case 'set':
    case 'push': {
      if (value.value === null) return null;
      const items = value.value.map((item) => asIoredis([], item));
      if (argv[0]?.toLowerCase() === 'hgetall') {
        const record: Record<string, string> = {};
        for (let i = 0; i + 1 < items.length; i += 2) record[String(items[i])] = String(items[i + 1]);
        return record;
      }
      return items;
    }
    default:
      return JSON.stringify(value);
  }
}

// The same allowances as the differential test: KEYS/SCAN as sets, TTLs within clock skew.
function same(argv: readonly string[], expected: string, actual: string): boolean {
  const name = argv[0]!.toLowerCase();
  const a = JSON.parse(expected) as Js;
  const b = JSON.parse(actual) as Js;
  if (['ttl', 'pttl', 'expiretime', 'pexpiretime'].includes(name) && typeof a === 'number' && typeof b === 'number') {
    return a < 0 || b < 0 ? a === b : Math.abs(a - b) <= (name.startsWith('p') ? 2000 : 2);
  }
  const sorted = (value: Js) => (Array.isArray(value) ? JSON.stringify([...value].map((v) => JSON.stringify(v)).sort()) : JSON.stringify(value));
  if (name === 'keys') return sorted(a) === sorted(b);
  if (name === 'scan' && Array.isArray(a) && Array.isArray(b)) return a[0] !== undefined && sorted(a[1] as Js) === sorted(b[1] as Js);
  return expected === actual;
}

const redis = await startRealRedis();
const real = await RealConnection.open(redis.port);
await real.send([['DEBUG', 'SET-ACTIVE-EXPIRE', '0']]);
const mock = new RedisMock();
type Method = (...args: string[]) => Promise<unknown>;
let scriptsMatched = 0;
let repliesMatched = 0;
let replies = 0;
for (const [name, script] of Object.entries(SCRIPTS)) {
  await real.send([['FLUSHALL'], ['SELECT', '0']]);
  await mock.flushall();
  let allMatch = true;
  for (const argv of script.map(line)) {
    const [reply] = await real.send([argv]);
    const expected = JSON.stringify(asIoredis(argv, reply!));
    let actual: string;
    try {
      const method = (mock as unknown as Record<string, Method | undefined>)[argv[0]!.toLowerCase()];
      if (method === undefined) throw new Error(`ERR unknown command '${argv[0]}'`);
      const result = await method.apply(mock, argv.slice(1));
      actual = JSON.stringify(result === undefined ? null : result);
    } catch (failure) {
      actual = JSON.stringify({ error: (failure as Error).message });
    }
    replies++;
    if (same(argv, expected, actual)) repliesMatched++;
    else {
      if (allMatch && process.argv.includes('--show')) console.log(`  ${JSON.stringify(argv)}\n    real: ${expected}\n    mock: ${actual}`);
      allMatch = false;
    }
  }
  if (allMatch) scriptsMatched++;
  console.log(`${allMatch ? 'match' : 'DIFF '}  ${name}`);
}
console.log(`ioredis-mock: ${scriptsMatched}/${Object.keys(SCRIPTS).length} scripts, ${repliesMatched}/${replies} replies match redis-server 7.0`);
real.close();
mock.disconnect();
await redis.stop();
