// Lesson 13's lab shape against a real redis-server 7.0.15: 100 keys read with Zipf(1)
// popularity, cache-aside (GET, SET ... EX on a miss), maxmemory with room for 25 of them. Each
// approximated policy's hit ratio and evicted count must come out close on the emulator and on
// Redis (issue 14's eviction comparison, differential-memory.test.ts, uses a 4,000-key workload;
// this is the lab's small one, where each eviction matters more).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { infoFields, mulberry32, startRealRedis, type RealRedis } from './differential-harness.ts';
import { onBothServers, usedMemory, zipfPicker, type Send } from './cache-aside-driver.ts';

let real: RealRedis;
beforeAll(async () => {
  real = await startRealRedis();
}, 20_000);
afterAll(async () => {
  await real.stop();
});

const KEYS = 100;
const ROOM = 25;
const READS = 6_000;
// 4 KB values, not the lab's ~40-byte rows: real Redis counts its clients' query and output
// buffers in used_memory, and they move by kilobytes from one command to the next, which would
// swamp a limit only 25 small keys above the base (the emulator counts a fixed cost per client).
const valueOf = (id: number) => JSON.stringify({ id, name: `user ${id}`, version: 1, bio: 'x'.repeat(4000) });

/** Key ids 1..100 by Zipf(1), the same sequence for both servers. */
function reads(): number[] {
  const random = mulberry32(13);
  const pick = zipfPicker(KEYS);
  return Array.from({ length: READS }, () => pick(random) + 1);
}

/** The lab's setup (world/memory-limit.ts), then the reads; hit ratio and evicted_keys. */
async function lab(send: Send, policy: string, samples: number): Promise<{ hitRatio: number; evicted: number }> {
  await send(['CONFIG', 'SET', 'maxmemory', '0', 'maxmemory-policy', 'noeviction', 'latency-tracking', 'no']);
  await send(['FLUSHALL']);
  await send(['CONFIG', 'RESETSTAT']);
  // Grow the connection's query buffer to a value's size before measuring, as it will be.
  await send(['SET', 'warm', valueOf(0)]);
  await send(['DEL', 'warm']);
  const base = await usedMemory(send);
  for (let id = 1; id <= 20; id++) await send(['SET', `user:${id}`, valueOf(id), 'EX', '600']);
  const perKey = ((await usedMemory(send)) - base) / 20;
  await send(['DEL', ...Array.from({ length: 20 }, (_, i) => `user:${i + 1}`)]);
  await send(['CONFIG', 'SET', 'maxmemory', String(Math.round(base + perKey * ROOM)), 'maxmemory-policy', policy, 'maxmemory-samples', String(samples)]);
  let hits = 0;
  for (const id of reads()) {
    const got = await send(['GET', `user:${id}`]);
    if (got.type === 'bulk' && got.value !== null) hits++;
    else await send(['SET', `user:${id}`, valueOf(id), 'EX', '600']);
  }
  const evicted = Number(infoFields(await send(['INFO', 'STATS'])).get('evicted_keys'));
  await send(['CONFIG', 'SET', 'maxmemory', '0', 'maxmemory-policy', 'noeviction', 'maxmemory-samples', '5', 'latency-tracking', 'yes']);
  return { hitRatio: hits / READS, evicted };
}

describe("lesson 13's lab workload: emulator against redis-server 7.0.15", () => {
  // 6,000 reads: each hit ratio has a standard error of ~0.006, their difference ~0.009; the two
  // servers sample different keys (their own random generators). Measured in one run: real 0.580 /
  // 0.577 / 0.687 / 0.603 / 0.578 against emulated 0.552 / 0.556 / 0.669 / 0.559 / 0.555 for the
  // five cases below (another run: every case within 0.03). The emulator was lower there because it held 25 keys where
  // Redis holds 28: with 4 KB values Redis's used_memory grows ~10% less per key once keys churn
  // than the 20 fresh keys of the probe showed (not yet explained; MEMORY USAGE of one key agrees,
  // see differential-memory.test.ts). So the tolerance is 0.05, and evictions within 15% + 30.
  it.each([
    ['allkeys-lru', 5],
    ['allkeys-lru', 10],
    ['allkeys-lfu', 5],
    ['allkeys-random', 5],
    ['volatile-ttl', 5],
  ] as const)('%s, %i samples', async (policy, samples) => {
    const { real: realOutcome, emulated } = await onBothServers(real.port, 5, (send) => lab(send, policy, samples));
    console.log(policy, samples, 'real', realOutcome, 'emulated', emulated);
    expect(Math.abs(emulated.hitRatio - realOutcome.hitRatio)).toBeLessThan(0.05);
    expect(Math.abs(emulated.evicted - realOutcome.evicted)).toBeLessThan(0.15 * realOutcome.evicted + 30);
  }, 60_000);
});
