import fc from 'fast-check';
import { RedisEmulator } from './emulator.ts';
import { KEYS_PER_LOOP, runExpireCycle } from './expire.ts';

function loaded(count: number, ttlMs: (i: number) => number, seed = 1) {
  const clock = { now: 1_700_000_000_000 };
  const redis = new RedisEmulator({ now: () => clock.now, seed });
  for (let i = 0; i < count; i++) redis.exec(['SET', `k:${i}`, 'v', 'PX', String(ttlMs(i))]);
  return { clock, redis };
}

describe('active expiry samples like Redis 7.0 (expire.c)', () => {
  test('with 100,000 volatile keys and none due, a cycle looks at 20 keys, not all of them', () => {
    const { redis } = loaded(100_000, () => 60_000);
    redis.dbs[0]!.earliestExpiry = -Infinity; // defeat the idle shortcut: the sampling bound itself is tested
    const result = runExpireCycle(redis, 0);
    expect(result).toMatchObject({ expired: 0, sampled: KEYS_PER_LOOP, timeCapReached: false });
  });

  test('it repeats while more than 10% of a sample was expired: with every key due, one cycle removes them all', () => {
    const { clock, redis } = loaded(50_000, () => 1000);
    clock.now += 1001;
    expect(redis.activeExpireCycle()).toBe(50_000);
    expect(redis.dbs[0]!.size).toBe(0);
  });

  test('a time budget is asked every 16 loops and stops the cycle; the next cycle goes on', () => {
    const { clock, redis } = loaded(10_000, () => 1000);
    clock.now += 1001;
    expect(redis.activeExpireCycle({ timeUp: () => true })).toBe(16 * KEYS_PER_LOOP);
    expect(redis.stats.expiredTimeCapReached).toBe(1);
    expect(redis.activeExpireCycle()).toBe(10_000 - 16 * KEYS_PER_LOOP);
  });

  test('a database with at most 20 volatile keys is checked whole: every due key goes in one cycle', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: KEYS_PER_LOOP }), fc.integer({ min: 0, max: 120 }), (ttls, elapsed) => {
        const { clock, redis } = loaded(ttls.length, (i) => ttls[i]!);
        clock.now += elapsed;
        redis.activeExpireCycle();
        expect(redis.dbs[0]!.size).toBe(ttls.filter((ttl) => !(elapsed > ttl)).length);
      }),
    );
  });

  test('only due keys are ever removed, and the same seed and commands give the same expiries in the same order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 21, maxLength: 300 }), fc.integer({ min: 1, max: 1000 }), (ttls, seed) => {
        const runs = [0, 1].map(() => {
          const { clock, redis } = loaded(ttls.length, (i) => ttls[i]!, seed);
          const expired: string[] = [];
          redis.subscribe((event) => {
            if (event.type !== 'expired') return;
            expect(event.at > 1_700_000_000_000 + ttls[Number(event.key.slice(2))]!).toBe(true);
            expired.push(`${event.at}:${event.key}`);
          }, ['expired']);
          for (let t = 0; t <= 3500; t += 100) {
            clock.now += 100;
            redis.activeExpireCycle();
          }
          return expired;
        });
        expect(runs[0]).toEqual(runs[1]);
      }),
      { numRuns: 30 },
    );
  });

  test('100,000 keys with 2–12 s TTLs on the hz-10 timer are all reclaimed within a few cycles of the last expiry', () => {
    const { clock, redis } = loaded(100_000, (i) => 2000 + ((i * 7919) % 10_001));
    let cycles = 0;
    while (redis.dbs[0]!.size > 0 && cycles < 200) {
      clock.now += 100;
      redis.activeExpireCycle();
      cycles++;
    }
    // The last key is due after 120 cycles (12 s); without a time budget the backlog never grows.
    expect(cycles).toBeLessThanOrEqual(125);
  }, 60_000);
});
