// Real clients against `npm run emulator`: a WATCH/MULTI check-and-set (with a concurrent writer
// making the first attempt fail) and an EVAL lock release, as lessons use them.
import { execFileSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { startEmulatorProcess, type RunningProcess } from '../../src/server/testing.ts';

const LOCK_RELEASE = "if redis.call('get',KEYS[1])==ARGV[1] then return redis.call('del',KEYS[1]) else return 0 end";

let emulator: RunningProcess & { output: () => string };

beforeAll(async () => {
  emulator = await startEmulatorProcess();
}, 30_000);

afterAll(async () => {
  await emulator?.stop();
});

describe('ioredis', () => {
  test('WATCH/MULTI check-and-set retries after a concurrent write; EVAL releases only its own lock', async () => {
    const redis = new Redis({ port: emulator.port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
    const other = new Redis({ port: emulator.port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
    await redis.connect();
    await other.connect();
    try {
      await redis.set('io:stock', '10');
      await redis.watch('io:stock');
      const stock = Number(await redis.get('io:stock'));
      await other.set('io:stock', '5'); // someone else wins the race
      expect(await redis.multi().set('io:stock', String(stock - 1)).get('io:stock').exec()).toBeNull();
      await redis.watch('io:stock');
      const fresh = Number(await redis.get('io:stock'));
      expect(await redis.multi().set('io:stock', String(fresh - 1)).get('io:stock').exec()).toEqual([
        [null, 'OK'],
        [null, '4'],
      ]);
      await redis.set('io:lock', 'token-a', 'PX', 30_000);
      expect(await redis.eval(LOCK_RELEASE, 1, 'io:lock', 'token-b')).toBe(0);
      expect(await redis.eval(LOCK_RELEASE, 1, 'io:lock', 'token-a')).toBe(1);
      expect(await redis.exists('io:lock')).toBe(0);
      // defineCommand uses EVALSHA first and falls back to EVAL on NOSCRIPT.
      redis.defineCommand('release', { numberOfKeys: 1, lua: LOCK_RELEASE });
      await redis.set('io:lock', 'token-c');
      expect(await (redis as unknown as { release(key: string, token: string): Promise<number> }).release('io:lock', 'token-c')).toBe(1);
    } finally {
      redis.disconnect();
      other.disconnect();
    }
  });
});

describe('node-redis (v6, RESP3)', () => {
  test('WATCH/MULTI check-and-set retries after a concurrent write; EVAL releases only its own lock', async () => {
    const client = createClient({ socket: { port: emulator.port, host: '127.0.0.1', reconnectStrategy: false } });
    const other = createClient({ socket: { port: emulator.port, host: '127.0.0.1', reconnectStrategy: false } });
    client.on('error', () => undefined);
    other.on('error', () => undefined);
    await client.connect();
    await other.connect();
    try {
      await client.set('nr:stock', '10');
      // A dedicated connection for the WATCH, as node-redis v6 requires (executeIsolated is gone).
      const isolated = await client.duplicate().connect();
      try {
        await isolated.watch('nr:stock');
        const stock = Number(await isolated.get('nr:stock'));
        await other.set('nr:stock', '5');
        await expect(isolated.multi().set('nr:stock', String(stock - 1)).exec()).rejects.toThrow(/WATCH/i);
        await isolated.watch('nr:stock');
        const fresh = Number(await isolated.get('nr:stock'));
        expect(await isolated.multi().set('nr:stock', String(fresh - 1)).get('nr:stock').exec()).toEqual(['OK', '4']);
      } finally {
        isolated.destroy();
      }
      await client.set('nr:lock', 'token-a');
      expect(await client.eval(LOCK_RELEASE, { keys: ['nr:lock'], arguments: ['token-b'] })).toBe(0);
      expect(await client.eval(LOCK_RELEASE, { keys: ['nr:lock'], arguments: ['token-a'] })).toBe(1);
      expect(await client.exists('nr:lock')).toBe(0);
    } finally {
      client.destroy();
      other.destroy();
    }
  });
});

describe('redis-py 4.3.4 (Debian python3-redis)', () => {
  test('WATCH/MULTI check-and-set with a retry; register_script releases only its own lock', () => {
    const script = `
import sys, redis
port = int(sys.argv[1])
r = redis.Redis(host="127.0.0.1", port=port, decode_responses=True)
other = redis.Redis(host="127.0.0.1", port=port, decode_responses=True)
r.set("py:stock", 10)
attempts = 0
with r.pipeline() as p:
    while True:
        try:
            attempts += 1
            p.watch("py:stock")
            stock = int(p.get("py:stock"))
            if attempts == 1:
                other.set("py:stock", 5)
            p.multi()
            p.set("py:stock", stock - 1)
            p.get("py:stock")
            result = p.execute()
            break
        except redis.WatchError:
            continue
assert attempts == 2, attempts
assert result == [True, "4"], result
release = r.register_script("${LOCK_RELEASE}")
r.set("py:lock", "token-a")
assert release(keys=["py:lock"], args=["token-b"]) == 0
assert release(keys=["py:lock"], args=["token-a"]) == 1
assert r.exists("py:lock") == 0
print("ok")
`;
    const out = execFileSync('/usr/bin/python3', ['-c', script, String(emulator.port)], { encoding: 'utf8' });
    expect(out.trim()).toBe('ok');
  });
});
