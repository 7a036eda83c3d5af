// Real clients against `npm run emulator`: local-cache invalidation by pub/sub (one instance writes
// and publishes, another drops its local copy) and Redis's own client-side caching (CLIENT TRACKING).
import { execFileSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { BasicClientSideCache } from '@redis/client';
import { createClient } from 'redis';
import { startEmulatorProcess, type RunningProcess } from '../../src/server/testing.ts';

let emulator: RunningProcess & { output: () => string };

beforeAll(async () => {
  emulator = await startEmulatorProcess();
}, 30_000);

afterAll(async () => {
  await emulator?.stop();
});

const until = async (done: () => boolean, what: string) => {
  const deadline = Date.now() + 5000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('ioredis', () => {
  const open = () => new Redis({ port: emulator.port, host: '127.0.0.1', maxRetriesPerRequest: 0 });

  test('pub/sub invalidation: the writer publishes the key, the reader drops its local copy', async () => {
    const [writer, reader, subscriber] = [open(), open(), open()];
    try {
      const local = new Map<string, string>();
      const read = async (key: string) => {
        if (!local.has(key)) local.set(key, (await reader.get(key)) ?? '');
        return local.get(key);
      };
      await subscriber.subscribe('io:invalidate');
      subscriber.on('message', (channel: string, key: string) => {
        if (channel === 'io:invalidate') local.delete(key);
      });
      await writer.set('io:user:1', 'Ada');
      expect(await read('io:user:1')).toBe('Ada');
      await writer.set('io:user:1', 'Grace');
      expect(await read('io:user:1')).toBe('Ada'); // stale until the message arrives
      expect(await writer.publish('io:invalidate', 'io:user:1')).toBe(1);
      await until(() => !local.has('io:user:1'), 'the invalidation message');
      expect(await read('io:user:1')).toBe('Grace');
    } finally {
      for (const client of [writer, reader, subscriber]) client.disconnect();
    }
  });

  test('keyspace notifications: an expired key is announced by the server clock, untouched', async () => {
    const [writer, subscriber] = [open(), open()];
    try {
      const expired: string[] = [];
      await writer.config('SET', 'notify-keyspace-events', 'Ex');
      await subscriber.subscribe('__keyevent@0__:expired');
      subscriber.on('message', (_channel: string, key: string) => expired.push(key));
      await writer.set('io:session:1', 'token', 'PX', 100);
      await until(() => expired.length > 0, 'the expired event');
      expect(expired).toEqual(['io:session:1']);
    } finally {
      await writer.config('SET', 'notify-keyspace-events', '');
      for (const client of [writer, subscriber]) client.disconnect();
    }
  });

  test('CLIENT TRACKING with REDIRECT to a subscribed connection (RESP2 __redis__:invalidate)', async () => {
    const [writer, reader, subscriber] = [open(), open(), open()];
    try {
      const invalidated: unknown[] = [];
      const subscriberId = (await subscriber.client('ID')) as number;
      await subscriber.subscribe('__redis__:invalidate');
      subscriber.on('message', (_channel: string, keys: unknown) => invalidated.push(keys));
      expect(await reader.client('TRACKING', 'ON', 'REDIRECT', subscriberId)).toBe('OK');
      expect(await reader.client('GETREDIR')).toBe(subscriberId);
      await writer.set('io:t:1', 'v1');
      expect(await reader.get('io:t:1')).toBe('v1');
      await writer.set('io:t:1', 'v2');
      await until(() => invalidated.length === 1, 'the invalidation');
      // The payload is an array of keys; ioredis hands it over as a string.
      expect(String(invalidated[0])).toBe('io:t:1');
      await writer.flushdb();
      await until(() => invalidated.length === 2, 'the flush invalidation');
    } finally {
      for (const client of [writer, reader, subscriber]) client.disconnect();
    }
  });
});

describe('node-redis (RESP3)', () => {
  const url = () => ({ socket: { port: emulator.port, host: '127.0.0.1', reconnectStrategy: false as const } });

  test('pub/sub invalidation between two instances', async () => {
    const writer = createClient(url());
    const reader = createClient(url());
    writer.on('error', () => undefined);
    reader.on('error', () => undefined);
    await Promise.all([writer.connect(), reader.connect()]);
    const subscriber = reader.duplicate();
    await subscriber.connect();
    try {
      const local = new Map<string, string | null>();
      await subscriber.subscribe('nr:invalidate', (key) => local.delete(key));
      await writer.set('nr:user:1', 'Ada');
      local.set('nr:user:1', await reader.get('nr:user:1'));
      await writer.set('nr:user:1', 'Grace');
      expect(await writer.publish('nr:invalidate', 'nr:user:1')).toBe(1);
      await until(() => !local.has('nr:user:1'), 'the invalidation message');
      expect(await reader.get('nr:user:1')).toBe('Grace');
    } finally {
      await Promise.all([writer.quit(), reader.quit(), subscriber.quit()]);
    }
  });

  test('client-side cache: a second GET is served locally until another client writes the key', async () => {
    const cache = new BasicClientSideCache({ ttl: 0, maxEntries: 0 });
    const cached = createClient({ ...url(), RESP: 3, clientSideCache: cache });
    const writer = createClient(url());
    cached.on('error', () => undefined);
    writer.on('error', () => undefined);
    await Promise.all([cached.connect(), writer.connect()]);
    try {
      await writer.set('nr:csc:1', 'v1');
      expect(await cached.get('nr:csc:1')).toBe('v1');
      expect(await cached.get('nr:csc:1')).toBe('v1');
      expect(cache.stats().hitCount).toBe(1);
      expect(cache.size()).toBe(1);
      await writer.set('nr:csc:1', 'v2');
      await until(() => cache.size() === 0, 'the invalidation push');
      expect(await cached.get('nr:csc:1')).toBe('v2');
      expect(cache.stats().missCount).toBe(2);
      await writer.flushAll();
      await until(() => cache.size() === 0, 'the flush invalidation');
    } finally {
      await Promise.all([cached.quit(), writer.quit()]);
    }
  });
});

describe('redis-py 4.3.4 (Debian python3-redis, RESP2)', () => {
  test('pub/sub invalidation and CLIENT TRACKING with REDIRECT to __redis__:invalidate', () => {
    const script = `
import sys, redis
port = int(sys.argv[1])
writer = redis.Redis(host="127.0.0.1", port=port, decode_responses=True)
reader = redis.Redis(host="127.0.0.1", port=port, decode_responses=True)

# 1. The writer publishes the changed key; the reader drops its local copy.
def next_message(pubsub):
    # get_message answers None for an ignored subscribe confirmation: wait for a real message.
    for _ in range(50):
        message = pubsub.get_message(timeout=0.1)
        if message is not None:
            return message
    raise AssertionError("no message")

local = {}
listener = reader.pubsub(ignore_subscribe_messages=True)
listener.subscribe("py:invalidate")
writer.set("py:user:1", "Ada")
local["py:user:1"] = reader.get("py:user:1")
writer.set("py:user:1", "Grace")
assert writer.publish("py:invalidate", "py:user:1") == 1
message = next_message(listener)
assert message["channel"] == "py:invalidate" and message["data"] == "py:user:1", message
local.pop(message["data"])
assert "py:user:1" not in local and reader.get("py:user:1") == "Grace"

# 2. Redis tracks what the reader reads and tells its subscribed connection.
pool = redis.ConnectionPool(host="127.0.0.1", port=port, decode_responses=True, max_connections=1)
invalidations = redis.Redis(connection_pool=pool)
redirect_to = invalidations.client_id()
channel = invalidations.pubsub(ignore_subscribe_messages=True)
channel.subscribe("__redis__:invalidate")
tracked = redis.Redis(host="127.0.0.1", port=port, decode_responses=True, single_connection_client=True)
assert tracked.client_tracking_on(clientid=redirect_to) in (True, "OK")
assert tracked.client_getredir() == redirect_to
assert tracked.get("py:user:1") == "Grace"
writer.set("py:user:1", "Hedy")
message = next_message(channel)
assert message["channel"] == "__redis__:invalidate" and message["data"] == ["py:user:1"], message
assert tracked.get("py:user:1") == "Hedy"
assert tracked.client_tracking_off() in (True, "OK")
print("ok")
`;
    const out = execFileSync('/usr/bin/python3', ['-c', script, String(emulator.port)], { encoding: 'utf8' });
    expect(out.trim()).toBe('ok');
  });
});
