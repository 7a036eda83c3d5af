// The documented differences from Redis's Lua 5.1 (docs/architecture.md, "Scripting"), pinned so
// the list stays true; everything else is proven against redis-server in the differential test.
import { RedisEmulator } from '../emulator.ts';
import { sha1hex } from './sha1.ts';
import { createHash } from 'node:crypto';

const redis = new RedisEmulator({ now: () => 1_700_000_000_000 });
const session = redis.createSession();
const run = (script: string, ...rest: string[]) => redis.exec(['EVAL', script, String(rest.length), ...rest], session);

test('before loadScripting, EVAL and SCRIPT LOAD say how to load it; the cache commands work', () => {
  const fresh = new RedisEmulator({ now: () => 0 });
  // Another test file may already have loaded the module in this worker: then EVAL just runs.
  if (fresh.scripting !== null) return;
  expect(fresh.exec(['EVAL', 'return 1', '0'])).toMatchObject({ type: 'error', message: expect.stringContaining('loadScripting') });
  expect(fresh.exec(['SCRIPT', 'LOAD', 'return 1'])).toMatchObject({ type: 'error', message: expect.stringContaining('loadScripting') });
  expect(fresh.exec(['SCRIPT', 'EXISTS', 'ffff'])).toEqual({ type: 'array', value: [{ type: 'integer', value: 0 }] });
  expect(fresh.exec(['EVALSHA', 'f'.repeat(40), '0'])).toMatchObject({ message: 'NOSCRIPT No matching script. Please use EVAL.' });
});

describe('after loadScripting', () => {
  beforeAll(async () => {
    await redis.loadScripting();
  });

  test('Lua 5.3 language and messages', () => {
    expect(run('return 7 // 2')).toEqual({ type: 'integer', value: 3 });
    expect(run("return string.format('%d', 2.5)")).toMatchObject({ type: 'error', message: expect.stringContaining('number has no integer representation') });
    expect(run('local t = nil; return t.x')).toMatchObject({ message: expect.stringContaining("attempt to index a nil value (local 't')") });
  });

  test('5.1 names are provided; cmsgpack and struct are not', () => {
    expect(run('return {unpack({1, 2})}')).toEqual({ type: 'array', value: [{ type: 'integer', value: 1 }, { type: 'integer', value: 2 }] });
    expect(run('return math.pow(2, 10)')).toEqual({ type: 'integer', value: 1024 });
    expect(run('return table.getn({1, 2, 3})')).toEqual({ type: 'integer', value: 3 });
    expect(run("return bit.tohex(bit.bor(0xf0, 0x0f))")).toEqual({ type: 'bulk', value: '000000ff' });
    expect(run("return cmsgpack.pack({})")).toMatchObject({ message: expect.stringContaining("nonexistent global variable 'cmsgpack'") });
    expect(run("return struct.pack('i', 1)")).toMatchObject({ message: expect.stringContaining("nonexistent global variable 'struct'") });
  });

  test('integral floats print without .0, as in 5.1', () => {
    expect(run('return tostring(10 / 2)')).toEqual({ type: 'bulk', value: '5' });
    expect(run("return tostring(redis.call('INCR', KEYS[1]) + 1)", 'counter')).toEqual({ type: 'bulk', value: '2' });
  });

  test('a RESP3 boolean from a setresp(3) script is an integer reply', () => {
    expect(run('redis.setresp(3); return true')).toEqual({ type: 'integer', value: 1 });
    expect(run('redis.setresp(3); return false')).toEqual({ type: 'integer', value: 0 });
  });

  test('a script that never returns is stopped, and the next one runs', () => {
    const reply = run('while true do end');
    expect(reply).toMatchObject({ type: 'error', message: expect.stringContaining('Lua instructions') });
    expect(run('return 1')).toEqual({ type: 'integer', value: 1 });
    expect(redis.exec(['SCRIPT', 'KILL'])).toMatchObject({ message: 'NOTBUSY No scripts in execution right now.' });
  });

  test('scripts run inside MULTI and see the state at EXEC', () => {
    const other = redis.createSession();
    redis.exec(['MULTI'], other);
    expect(redis.exec(['EVAL', "return redis.call('GET', KEYS[1])", '1', 'late'], other)).toEqual({ type: 'status', value: 'QUEUED' });
    redis.exec(['SET', 'late', 'now'], session);
    expect(redis.exec(['EXEC'], other)).toEqual({ type: 'array', value: [{ type: 'bulk', value: 'now' }] });
  });

  test('a write by a script touches WATCH like any write', () => {
    const watcher = redis.createSession();
    redis.exec(['WATCH', 'w'], watcher);
    run("return redis.call('SET', KEYS[1], 'x')", 'w');
    redis.exec(['MULTI'], watcher);
    redis.exec(['PING'], watcher);
    expect(redis.exec(['EXEC'], watcher)).toEqual({ type: 'array', value: null });
  });
});

test('sha1hex matches node:crypto on binary strings of every length class', () => {
  for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'x'.repeat(1000), '\xff\x00\x80\r\n']) {
    expect(sha1hex(text)).toBe(createHash('sha1').update(Buffer.from(text, 'latin1')).digest('hex'));
  }
});

test('a script writes as the client that ran EVAL: tracking invalidates others, NOLOOP spares the caller', async () => {
  await redis.loadScripting();
  const reader = redis.createSession();
  const pushes: string[] = [];
  reader.onOutOfBand((reply) => pushes.push(JSON.stringify(reply)));
  redis.exec(['HELLO', '3'], reader);
  redis.exec(['CLIENT', 'TRACKING', 'ON', 'NOLOOP'], reader);
  redis.exec(['GET', 'tracked'], reader);
  redis.exec(['EVAL', "return redis.call('SET', KEYS[1], 'mine')", '1', 'tracked'], reader);
  expect(pushes).toEqual([]);
  redis.exec(['GET', 'tracked'], reader);
  redis.exec(['EVAL', "return redis.call('SET', KEYS[1], 'theirs')", '1', 'tracked'], session);
  expect(pushes).toHaveLength(1);
  expect(pushes[0]).toContain('invalidate');
  expect(pushes[0]).toContain('tracked');
});
