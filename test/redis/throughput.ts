// Quick in-process throughput: `npx tsx test/redis/throughput.ts`. A GET/SET/EXPIRE/INCR mix over
// 1,000 keys on the emulator and on ioredis-mock (awaited: its API is async).
import RedisMock from 'ioredis-mock';
import { RedisEmulator } from '../../src/redis/emulator.ts';

const KEYS = Array.from({ length: 1000 }, (_, i) => `user:${i}`);

function mix(i: number): string[] {
  const key = KEYS[(i * 7919) % KEYS.length]!;
  switch (i & 3) {
    case 0:
      return ['GET', key];
    case 1:
      return ['SET', key, 'value-' + (i & 255)];
    case 2:
      return ['EXPIRE', key, '60'];
    default:
      return ['INCR', 'counter:' + (i & 63)];
  }
}

const commands = Array.from({ length: 4096 }, (_, i) => mix(i));

let now = 1_700_000_000_000;
const redis = new RedisEmulator({ now: () => now });
const session = redis.createSession();

// Wall time: CPU time would also bill the GC's helper threads to whichever side allocates more.
function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function emulatorTrial(ops: number): number {
  const start = performance.now();
  for (let i = 0; i < ops; i++) {
    if ((i & 1023) === 0) now++;
    redis.exec(commands[i & 4095]!, session);
  }
  return ops / seconds(start);
}

const mock = new RedisMock();
type Method = (...args: string[]) => Promise<unknown>;
const methods = mock as unknown as Record<string, Method>;

async function mockTrial(ops: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < ops; i++) {
    const [name, ...args] = commands[i & 4095]!;
    await methods[name!.toLowerCase()]!.apply(mock, args);
  }
  return ops / seconds(start);
}

emulatorTrial(200_000);
await mockTrial(20_000);
// Many short alternating rounds: both sides see the same machine load; medians resist outliers.
const emulatorRates: number[] = [];
const mockRates: number[] = [];
for (let round = 0; round < 30; round++) {
  emulatorRates.push(emulatorTrial(300_000));
  mockRates.push(await mockTrial(15_000));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const format = (n: number) => Math.round(n).toLocaleString('en');
console.log(`emulator:     median ${format(median(emulatorRates))} ops/s, best ${format(Math.max(...emulatorRates))}`);
console.log(`ioredis-mock: median ${format(median(mockRates))} ops/s, best ${format(Math.max(...mockRates))}`);
console.log(`ratio of medians: ${(median(emulatorRates) / median(mockRates)).toFixed(1)}x`);
mock.disconnect();
