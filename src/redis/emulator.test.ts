import fc from 'fast-check';
import { RedisEmulator, type RedisEvent } from './emulator.ts';
import type { Reply } from './reply.ts';

function setup(start = 1_700_000_000_000) {
  const clock = { now: start };
  const redis = new RedisEmulator({ now: () => clock.now });
  const session = redis.createSession();
  const events: RedisEvent[] = [];
  redis.subscribe((event) => events.push(event));
  const run = (...argv: string[]): Reply => redis.exec(argv, session);
  return { clock, redis, session, events, run };
}

const value = (reply: Reply) => ('value' in reply ? reply.value : reply.type === 'error' ? reply.message : null);

describe('expiry', () => {
  test('a key is alive while now <= expireAt and invisible to every command after', () => {
    const { clock, run } = setup();
    run('SET', 'k', 'v', 'PX', '1000');
    clock.now += 1000;
    expect(value(run('GET', 'k'))).toBe('v');
    clock.now += 1;
    expect(value(run('KEYS', '*'))).toEqual([]);
    expect(value(run('TYPE', 'k'))).toBe('none');
    expect(value(run('STRLEN', 'k'))).toBe(0);
    expect(value(run('GET', 'k'))).toBeNull();
    expect(value(run('EXISTS', 'k'))).toBe(0);
    expect(value(run('TTL', 'k'))).toBe(-2);
  });

  test('keys match a model under random writes, expiries and clock moves; active and lazy removal are both counted', () => {
    const command = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 5 }), ttl: fc.option(fc.integer({ min: 1, max: 3000 })) }),
      fc.record({ kind: fc.constant('get' as const), key: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ kind: fc.constant('expire' as const), key: fc.integer({ min: 0, max: 5 }), ttl: fc.integer({ min: -10, max: 3000 }) }),
      fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 1500 }) }),
      fc.record({ kind: fc.constant('cycle' as const) }),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 80 }), (commands) => {
        const { clock, redis, run, events } = setup();
        const model = new Map<string, number | null>(); // key -> expireAt
        let expiredInModel = 0;
        const alive = (key: string) => {
          const at = model.get(key);
          if (at === undefined) return false;
          if (at !== null && clock.now > at) {
            model.delete(key);
            expiredInModel++;
            return false;
          }
          return true;
        };
        for (const c of commands) {
          if (c.kind === 'set') {
            alive(`k${c.key}`);
            if (c.ttl === null) run('SET', `k${c.key}`, 'v');
            else run('SET', `k${c.key}`, 'v', 'PX', String(c.ttl));
            model.set(`k${c.key}`, c.ttl === null ? null : clock.now + c.ttl);
          } else if (c.kind === 'get') {
            const expected = alive(`k${c.key}`) ? 'v' : null;
            expect(value(run('GET', `k${c.key}`))).toBe(expected);
          } else if (c.kind === 'expire') {
            const exists = alive(`k${c.key}`);
            expect(value(run('PEXPIRE', `k${c.key}`, String(c.ttl)))).toBe(exists ? 1 : 0);
            if (exists && c.ttl <= 0) model.delete(`k${c.key}`);
            else if (exists) model.set(`k${c.key}`, clock.now + c.ttl);
          } else if (c.kind === 'advance') {
            clock.now += c.ms;
          } else {
            redis.activeExpireCycle();
            for (const key of [...model.keys()]) alive(key);
          }
        }
        for (const key of [...model.keys()]) alive(key);
        redis.activeExpireCycle();
        expect(redis.snapshot(0).map((row) => row.key).sort()).toEqual([...model.keys()].sort());
        expect(redis.stats.expiredKeys).toBe(expiredInModel);
        expect(events.filter((e) => e.type === 'expired')).toHaveLength(expiredInModel);
      }),
      { numRuns: 300 },
    );
  });

  test('the active cycle removes due keys, emits active events, and leaves live ones', () => {
    const { clock, redis, run, events } = setup();
    run('SET', 'soon', 'v', 'PX', '100');
    run('SET', 'later', 'v', 'PX', '5000');
    run('SET', 'forever', 'v');
    clock.now += 101;
    expect(redis.activeExpireCycle()).toBe(1);
    expect(events.filter((e) => e.type === 'expired')).toEqual([{ type: 'expired', at: clock.now, db: 0, key: 'soon', how: 'active' }]);
    expect(redis.snapshot(0).map((row) => row.key).sort()).toEqual(['forever', 'later']);
  });

  test('onExpirySet hears every TTL a key gets (an owner schedules active expiry from it), and only those', () => {
    const { clock, redis, run } = setup();
    const heard: [string, number][] = [];
    const now = clock.now;
    redis.onExpirySet((key, expireAt) => heard.push([key, expireAt - now]));
    run('SET', 'a', 'v', 'PX', '100');
    run('SET', 'b', 'v');
    run('EXPIRE', 'b', '2');
    run('GETEX', 'b', 'PX', '300');
    run('RENAME', 'a', 'c');
    run('COPY', 'c', 'd');
    run('SET', 'e', 'v', 'KEEPTTL');
    run('PERSIST', 'd');
    expect(heard).toEqual([['a', 100], ['b', 2000], ['b', 300], ['c', 100], ['d', 100]]);
  });

  test('lazy expiry on access emits a lazy event and counts a miss', () => {
    const { clock, run, events } = setup();
    run('SET', 'k', 'v', 'PX', '10');
    clock.now += 11;
    run('GET', 'k');
    expect(events.find((e) => e.type === 'expired')).toMatchObject({ key: 'k', how: 'lazy' });
    expect(events.at(-1)).toMatchObject({ type: 'command', hits: 0, misses: 1, keys: ['k'] });
  });
});

describe('events and views', () => {
  test('command events carry the keys and the hits and misses the command counted', () => {
    const { run, events } = setup();
    run('MSET', 'a', '1', 'b', '2');
    run('MGET', 'a', 'b', 'c');
    expect(events.at(-2)).toMatchObject({ type: 'command', argv: ['MSET', 'a', '1', 'b', '2'], keys: ['a', 'b'], hits: 0, misses: 0 });
    expect(events.at(-1)).toMatchObject({ type: 'command', keys: ['a', 'b', 'c'], hits: 2, misses: 1 });
  });

  test('snapshot shows keys counting down without touching stats or expiring anything', () => {
    const { clock, redis, run } = setup();
    run('SET', 'k', 'v', 'PX', '10');
    run('HSET', 'h', 'f', 'x');
    clock.now += 50;
    const before = { ...redis.stats };
    const rows = redis.snapshot(0);
    expect(rows).toContainEqual({ key: 'k', type: 'string', expireAt: 1_700_000_000_010, preview: 'v', size: 1 });
    expect(rows).toContainEqual({ key: 'h', type: 'hash', expireAt: null, preview: 'f=x', size: 1 });
    expect(redis.stats).toEqual(before);
  });

  test('unsubscribe stops the events', () => {
    const { redis, session } = setup();
    const seen: RedisEvent[] = [];
    const stop = redis.subscribe((e) => seen.push(e));
    redis.exec(['PING'], session);
    stop();
    redis.exec(['PING'], session);
    expect(seen).toHaveLength(1);
  });

  test('a listener given event types hears only those, in order with the listeners of every type', () => {
    const clock = { now: 1_700_000_000_000 };
    const redis = new RedisEmulator({ now: () => clock.now });
    const heard: string[] = [];
    redis.subscribe((e) => heard.push(`all:${e.type}`));
    const stopExpired = redis.subscribe((e) => heard.push(`expired:${e.type}`), ['expired']);
    redis.subscribe((e) => heard.push(`flushed:${e.type}`), ['flushed', 'command']);
    redis.exec(['SET', 'k', 'v', 'PX', '5']);
    clock.now += 10;
    redis.exec(['GET', 'k']);
    redis.exec(['FLUSHALL']);
    expect(heard).toEqual([
      'all:command', 'flushed:command',
      'all:expired', 'expired:expired', 'all:command', 'flushed:command',
      'all:flushed', 'flushed:flushed', 'all:command', 'flushed:command',
    ]);
    stopExpired();
    heard.length = 0;
    redis.exec(['SET', 'j', 'v', 'PX', '5']);
    clock.now += 10;
    redis.activeExpireCycle();
    expect(heard).toEqual(['all:command', 'flushed:command', 'all:expired']);
  });

  test('with only expiry listeners, commands still count hits, misses and errors', () => {
    const { redis, session } = setup();
    const quiet = new RedisEmulator({ now: () => 1_700_000_000_000 });
    quiet.subscribe(() => {}, ['expired']);
    for (const engine of [redis, quiet]) {
      const s = engine === redis ? session : quiet.createSession();
      engine.exec(['SET', 'a', '1'], s);
      engine.exec(['GET', 'a'], s);
      engine.exec(['GET', 'b'], s);
      engine.exec(['INCR', 'a', 'x'], s);
    }
    const { connections: _a, ...counted } = redis.stats;
    const { connections: _b, ...quietCounted } = quiet.stats;
    expect(quietCounted).toEqual(counted);
    expect(counted).toMatchObject({ commands: 3, hits: 1, misses: 1, errorReplies: 1 });
  });
});

describe('sessions', () => {
  test('each session has its own selected database and protocol', () => {
    const { redis } = setup();
    const a = redis.createSession();
    const b = redis.createSession();
    redis.exec(['SELECT', '3'], a);
    redis.exec(['SET', 'k', 'in-3'], a);
    expect(value(redis.exec(['GET', 'k'], b))).toBeNull();
    redis.exec(['HELLO', '3'], b);
    expect([a.protocol, b.protocol]).toEqual([2, 3]);
    expect(value(redis.exec(['CLIENT', 'ID'], b))).toBe(b.id);
  });

  test('QUIT replies OK and marks the session closed', () => {
    const { run, session } = setup();
    expect(value(run('QUIT'))).toBe('OK');
    expect(session.closed).toBe(true);
  });

  test('RANDOMKEY is deterministic for a seed', () => {
    const draw = (seed: number) => {
      const redis = new RedisEmulator({ now: () => 0, seed });
      for (let i = 0; i < 100; i++) redis.exec(['SET', `k${i}`, 'v']);
      return Array.from({ length: 20 }, () => value(redis.exec(['RANDOMKEY'])));
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  test('INCR stays exact beyond 2^53', () => {
    const { run } = setup();
    run('SET', 'n', '9007199254740992');
    expect(value(run('INCR', 'n'))).toBe(9007199254740993n);
    expect(value(run('GET', 'n'))).toBe('9007199254740993');
  });
});

describe('command lookup', () => {
  const randomCase = (name: string) =>
    fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }).map((upper) =>
      [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''),
    );

  test('any spelling of a command runs it and a near-miss name stays unknown, in any order of calls', () => {
    // Near misses share length and first and last letters with real names, so they land in the same lookup slots.
    const known = ['get', 'set', 'del', 'ttl', 'incr', 'info', 'expire', 'exists'];
    const unknown = ['gxt', 'sxt', 'dxl', 'tql', 'ixxr', 'iyyo', 'exxxxe', 'eyyyys', 'get\0', 'GET '];
    const call = fc.oneof(
      fc.constantFrom(...known).chain((name) => randomCase(name).map((spelling) => ({ spelling, known: true }))),
      fc.constantFrom(...unknown).map((spelling) => ({ spelling, known: false })),
    );
    fc.assert(
      fc.property(fc.array(call, { maxLength: 60 }), (calls) => {
        const redis = new RedisEmulator({ now: () => 1_700_000_000_000 });
        for (const { spelling, known: isKnown } of calls) {
          const reply = redis.exec([spelling, 'k', '1']);
          const unknownError = reply.type === 'error' && reply.message.startsWith('ERR unknown command');
          expect(unknownError).toBe(!isKnown);
        }
      }),
    );
  });

  test('SET EX and PX options match in any case and as C strings; other two-letter options are syntax errors', () => {
    const { clock, run } = setup();
    for (const option of ['EX', 'ex', 'Ex', 'eX', 'EX\0junk']) {
      expect(run('SET', 'k', 'v', option, '10')).toMatchObject({ type: 'status', value: 'OK' });
      expect(value(run('PTTL', 'k'))).toBe(10_000);
    }
    for (const option of ['PX', 'px', 'pX', 'Px']) {
      expect(run('SET', 'k', 'v', option, '1500')).toMatchObject({ type: 'status', value: 'OK' });
      expect(value(run('PTTL', 'k'))).toBe(1500);
    }
    clock.now += 1;
    expect(value(run('PTTL', 'k'))).toBe(1499);
    for (const option of ['EY', 'XX', 'NX', 'ey', 'e\0']) {
      const reply = run('SET', 'other', 'v', option, '10');
      expect(reply.type).toBe('error');
    }
    expect(value(run('SET', 'k', 'v', 'EX', '0'))).toBe("ERR invalid expire time in 'set' command");
    expect(value(run('SET', 'k', 'v', 'px', 'ten'))).toBe('ERR value is not an integer or out of range');
    expect(value(run('EXISTS', 'other'))).toBe(0);
  });

  test('CLIENT INFO reports the last command and its idle time from the virtual clock', () => {
    const { clock, run } = setup();
    run('GET', 'k');
    clock.now += 5000;
    const info = String(value(run('CLIENT', 'INFO')));
    expect(info).toMatch(/ idle=5 /);
    expect(info).toMatch(/ cmd=client\|info /);
  });
});

describe('key names', () => {
  // Keys live in a null-prototype dictionary beside an ordered Map: both must agree for any name.
  const awkward = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '0', '123', '-1', '4294967295', '1e3', '', 'a\0b'];
  const name = fc.oneof(fc.constantFrom(...awkward), fc.string({ maxLength: 3 }));
  const op = fc.oneof(
    fc.tuple(fc.constant('SET'), name, fc.string({ maxLength: 3 })),
    fc.tuple(fc.constant('DEL'), name),
    fc.tuple(fc.constant('INCR'), name),
    fc.tuple(fc.constant('RENAME'), name, name),
    fc.tuple(fc.constant('FLUSHDB')),
  );

  test('object-like and integer-like names are ordinary keys, found, counted and listed in insertion order', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const { redis, run } = setup();
        const model = new Map<string, string>();
        for (const [command, a, b] of ops) {
          const reply = run(command, ...[a, b].filter((x): x is string => x !== undefined));
          if (command === 'SET') model.set(a!, b!);
          else if (command === 'DEL') model.delete(a!);
          else if (command === 'FLUSHDB') model.clear();
          else if (command === 'INCR' && reply.type === 'integer') model.set(a!, String(reply.value));
          else if (command === 'RENAME' && reply.type === 'status' && a !== b) {
            const moved = model.get(a!)!;
            model.delete(a!);
            model.delete(b!);
            model.set(b!, moved);
          }
        }
        for (const key of [...awkward, ...model.keys()]) {
          expect(value(run('GET', key))).toBe(model.get(key) ?? null);
        }
        expect(value(run('DBSIZE'))).toBe(model.size);
        expect(redis.liveKeys()).toEqual([...model.keys()]);
      }),
    );
  });
});

describe('tracking-table-max-keys', () => {
  test('over the limit, the oldest tracked keys are invalidated before the next command, and the cron does it too', async () => {
    const { redis, session, run } = setup();
    await redis.loadCommands();
    const pushes: string[][] = [];
    session.onOutOfBand((reply) => {
      const keys = reply.type === 'push' && reply.value[1]?.type === 'array' ? reply.value[1].value : null;
      if (keys !== null && keys !== undefined) pushes.push(keys.map((key) => String(value(key))));
    });
    run('HELLO', '3');
    run('CLIENT', 'TRACKING', 'ON');
    run('CONFIG', 'SET', 'tracking-table-max-keys', '3');
    run('MGET', 'a', 'b', 'c', 'd', 'e');
    expect(pushes).toEqual([]);
    run('PING');
    expect(pushes).toEqual([['a'], ['b']]);
    run('GET', 'f');
    redis.activeExpireCycle();
    expect(pushes).toEqual([['a'], ['b'], ['c']]);
  });
});
