// Real clients against `npm run emulator`: the cache-aside read/write path, as a lesson would run it.
import { execFileSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { startEmulatorProcess, type RunningProcess } from '../../src/server/testing.ts';

let emulator: RunningProcess & { output: () => string };

beforeAll(async () => {
  emulator = await startEmulatorProcess();
}, 30_000);

afterAll(async () => {
  await emulator?.stop();
});

const user = JSON.stringify({ id: 1, name: 'Ada', city: 'Zürich' });

describe('redis-cli (the binary)', () => {
  const cli = (...args: string[]) =>
    execFileSync('redis-cli', ['-p', String(emulator.port), '--no-raw', ...args], { encoding: 'utf8' }).trimEnd();

  test('reads miss, SET EX, hits, TTL, DEL on write, INCR, HSET/HGETALL, SCAN', () => {
    expect(cli('DEL', 'cli:user:1', 'cli:hits', 'cli:h')).toMatch(/^\(integer\) \d+$/);
    expect(cli('GET', 'cli:user:1')).toBe('(nil)');
    expect(cli('SET', 'cli:user:1', user, 'EX', '60')).toBe('OK');
    expect(cli('GET', 'cli:user:1')).toBe('"{\\"id\\":1,\\"name\\":\\"Ada\\",\\"city\\":\\"Z\\xc3\\xbcrich\\"}"');
    expect(cli('TTL', 'cli:user:1')).toMatch(/^\(integer\) (59|60)$/);
    expect(cli('DEL', 'cli:user:1')).toBe('(integer) 1');
    expect(cli('TTL', 'cli:user:1')).toBe('(integer) -2');
    expect(cli('INCR', 'cli:hits')).toBe('(integer) 1');
    expect(cli('HSET', 'cli:h', 'name', 'Ada', 'lang', 'en')).toBe('(integer) 2');
    expect(cli('HGETALL', 'cli:h')).toBe('1) "name"\n2) "Ada"\n3) "lang"\n4) "en"');
    expect(cli('--scan', '--pattern', 'cli:h*').split('\n').sort()).toEqual(['"cli:h"', '"cli:hits"']);
  });
});

describe('ioredis', () => {
  test('the cache-aside read and write path', async () => {
    const redis = new Redis({ port: emulator.port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
    await redis.connect();
    try {
      await redis.del('io:user:1');
      expect(await redis.get('io:user:1')).toBeNull();
      expect(await redis.set('io:user:1', user, 'EX', 60)).toBe('OK');
      expect(await redis.get('io:user:1')).toBe(user);
      expect(await redis.ttl('io:user:1')).toBeGreaterThanOrEqual(59);
      expect(await redis.pttl('io:user:1')).toBeLessThanOrEqual(60_000);
      expect(await redis.del('io:user:1')).toBe(1);
      expect(await redis.ttl('io:user:1')).toBe(-2);
      expect(await redis.incr('io:counter')).toBe(1);
      expect(await redis.hset('io:h', { name: 'Ada', lang: 'en' })).toBe(2);
      expect(await redis.hgetall('io:h')).toEqual({ name: 'Ada', lang: 'en' });
      // Pipelining: many commands in one write, replies in order.
      const pipeline = redis.pipeline();
      for (let i = 0; i < 50; i++) pipeline.set(`io:scan:${i}`, String(i));
      await pipeline.exec();
      const found: string[] = [];
      const stream = redis.scanStream({ match: 'io:scan:*', count: 7 });
      for await (const batch of stream) found.push(...(batch as string[]));
      expect(new Set(found).size).toBe(50);
      // Binary values round-trip unchanged.
      const bytes = Buffer.from([0, 255, 13, 10, 128]);
      await redis.set('io:bin', bytes);
      expect(await redis.getBuffer('io:bin')).toEqual(bytes);
    } finally {
      redis.disconnect();
    }
  });
});

describe('node-redis (v6, RESP3 by default: HELLO 3)', () => {
  test('the cache-aside read and write path', async () => {
    const client = createClient({ socket: { port: emulator.port, host: '127.0.0.1', reconnectStrategy: false } });
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.del('nr:user:1');
      expect(await client.get('nr:user:1')).toBeNull();
      expect(await client.set('nr:user:1', user, { expiration: { type: 'EX', value: 60 } })).toBe('OK');
      expect(await client.get('nr:user:1')).toBe(user);
      expect(await client.ttl('nr:user:1')).toBeGreaterThanOrEqual(59);
      expect(await client.del('nr:user:1')).toBe(1);
      expect(await client.incr('nr:counter')).toBe(1);
      expect(await client.hSet('nr:h', { name: 'Ada', lang: 'en' })).toBe(2);
      // In RESP3 HGETALL is a map: the emulator must send '%', not a flat array.
      expect({ ...(await client.hGetAll('nr:h')) }).toEqual({ name: 'Ada', lang: 'en' });
      for (let i = 0; i < 30; i++) await client.set(`nr:scan:${i}`, String(i));
      const found: string[] = [];
      for await (const keys of client.scanIterator({ MATCH: 'nr:scan:*', COUNT: 5 })) found.push(...keys);
      expect(new Set(found).size).toBe(30);
    } finally {
      client.destroy();
    }
  });
});

describe('redis-py 4.3.4 (Debian python3-redis)', () => {
  test('the cache-aside read and write path', () => {
    const script = `
import json, sys, redis
r = redis.Redis(host="127.0.0.1", port=int(sys.argv[1]), decode_responses=True)
r.delete("py:user:1")
assert r.get("py:user:1") is None
assert r.set("py:user:1", json.dumps({"id": 1}), ex=60) is True
assert json.loads(r.get("py:user:1")) == {"id": 1}
assert 59 <= r.ttl("py:user:1") <= 60
assert r.delete("py:user:1") == 1
assert r.ttl("py:user:1") == -2
assert r.incr("py:counter") == 1
assert r.hset("py:h", mapping={"name": "Ada", "lang": "en"}) == 2
assert r.hgetall("py:h") == {"name": "Ada", "lang": "en"}
for i in range(25):
    r.set(f"py:scan:{i}", i)
assert sorted(r.scan_iter(match="py:scan:*", count=4)) == sorted(f"py:scan:{i}" for i in range(25))
with r.pipeline(transaction=False) as p:
    p.set("py:p", "1").incr("py:p").get("py:p")
    assert p.execute() == [True, 2, "2"]
print("ok")
`;
    const out = execFileSync('/usr/bin/python3', ['-c', script, String(emulator.port)], { encoding: 'utf8' });
    expect(out.trim()).toBe('ok');
  });
});

describe('the emulator process', () => {
  test('prints ready, survives garbage and exits cleanly on SIGTERM', async () => {
    const own = await startEmulatorProcess();
    onTestFinished(() => own.stop());
    const net = await import('node:net');
    await new Promise<void>((resolve) => {
      const socket = net.connect(own.port, '127.0.0.1', () => socket.write(Buffer.from('*1\r\n$-9\r\n\x00\xff', 'latin1')));
      let reply = '';
      socket.on('data', (d: Buffer) => (reply += d.toString('latin1')));
      socket.on('close', () => {
        expect(reply).toBe('-ERR Protocol error: invalid bulk length\r\n');
        resolve();
      });
      socket.on('error', () => resolve());
    });
    expect(execFileSync('redis-cli', ['-p', String(own.port), 'PING'], { encoding: 'utf8' }).trim()).toBe('PONG');
    const exited = new Promise<number | null>((resolve) => own.process.once('exit', (code) => resolve(code)));
    own.process.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
