// Quick in-process throughput: `npx tsx test/redis/throughput.ts`. A GET/SET/EXPIRE/INCR mix over
// 1,000 keys on the emulator and on ioredis-mock (awaited: its API is async). Trials alternate and
// the best of each is kept, so a busy shared machine skews the ratio less.
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

function emulatorTrial(ops: number): number {
  const start = performance.now();
  for (let i = 0; i < ops; i++) {
    if ((i & 1023) === 0) now++;
    redis.exec(commands[i & 4095]!, session);
  }
  return ops / ((performance.now() - start) / 1000);
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
  return ops / ((performance.now() - start) / 1000);
}

emulatorTrial(200_000);
await mockTrial(20_000);
let bestEmulator = 0;
let bestMock = 0;
for (let trial = 0; trial < 5; trial++) {
  bestEmulator = Math.max(bestEmulator, emulatorTrial(1_000_000));
  bestMock = Math.max(bestMock, await mockTrial(50_000));
}
console.log(`emulator:     ${Math.round(bestEmulator).toLocaleString('en')} ops/s`);
console.log(`ioredis-mock: ${Math.round(bestMock).toLocaleString('en')} ops/s`);
console.log(`ratio: ${(bestEmulator / bestMock).toFixed(1)}x`);
mock.disconnect();
