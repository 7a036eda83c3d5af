/**
 * The cache-aside workloads the eviction comparisons drive (eviction-lab.test.ts,
 * differential-memory.test.ts): Zipf(1) key popularity, and one driver that runs a workload on
 * redis-server and then on the emulator, the emulator's virtual clock stepping as fast as the real
 * run went so idle times (LRU's 1 s resolution) compare.
 */
import { countBefore } from '../../src/engine/search.ts';
import { RedisEmulator } from '../../src/redis/emulator.ts';
import type { RespValue } from '../../src/redis/resp.ts';
import { infoFields, RealConnection } from './differential-harness.ts';

/** Sends one command and resolves with its reply. */
export type Send = (argv: string[]) => Promise<RespValue>;

/**
 * Picks a 0-based key index among `count` keys by Zipf(1): key i + 1 weighs 1 / (i + 1).
 * @example const pick = zipfPicker(100); pick(mulberry32(13)); // 0 most often
 */
export function zipfPicker(count: number): (random: () => number) => number {
  const cdf: number[] = [];
  let total = 0;
  for (let i = 1; i <= count; i++) cdf.push((total += 1 / i));
  return (random) => {
    const u = random() * total;
    return countBefore(cdf, (weight) => weight < u);
  };
}

export async function usedMemory(send: Send): Promise<number> {
  return Number(infoFields(await send(['INFO', 'MEMORY'])).get('used_memory'));
}

/** `workload` on a fresh connection to the server at `port`, then on a fresh emulator seeded `seed`. */
export async function onBothServers<T>(port: number, seed: number, workload: (send: Send) => Promise<T>): Promise<{ real: T; emulated: T }> {
  const connection = await RealConnection.open(port);
  // Redis 7.0's cron shrinks a new connection's 16 KB reply buffer within ~100 ms (dynamic reply
  // buffers; the emulator counts a client at a fixed size): let that happen before the workload
  // reads its base used_memory.
  await new Promise((resolve) => setTimeout(resolve, 300));
  // Redis's LRU clock ticks once a wall-clock second, so which keys look older depends on where the
  // seconds fall in the run (a 1 s run aligned to a second boundary sees no LRU at all: hit ratio
  // 0.693 vs 0.705-0.714 from Redis). The emulator replays the real run's own times, command by
  // command (past the real run's length, at its mean pace).
  const times: number[] = [];
  const real = await workload(async (argv) => {
    times.push(Date.now());
    return (await connection.send([argv]))[0]!;
  });
  const step = times.length > 1 ? (times.at(-1)! - times[0]!) / (times.length - 1) : 0;
  connection.close();
  let commands = 0;
  let clock = times[0] ?? 0;
  const emulator = new RedisEmulator({ now: () => clock, seed });
  const session = emulator.createSession();
  const emulated = await workload(async (argv) => {
    clock = commands < times.length ? times[commands]! : clock + step;
    commands++;
    const reply = emulator.exec(argv, session);
    return reply.type === 'verbatim' ? ({ type: 'bulk', value: reply.value } as RespValue) : (reply as unknown as RespValue);
  });
  return { real, emulated };
}
