// The data types on the injected clock: blocking timeouts, serving order, the keyspace view and
// the invariants of the sorted-set and stream structures (replies themselves are proven against
// redis-server in test/redis/differential-types*.test.ts).
import fc from 'fast-check';
import { RedisEmulator } from './emulator.ts';
import { BLOCKED } from './session.ts';
import type { Reply } from './reply.ts';
import { StreamValue, ZSetValue, compareIds } from './values.ts';

function setup(start = 1_700_000_000_000) {
  const clock = { now: start };
  const redis = new RedisEmulator({ now: () => clock.now });
  const connect = () => {
    const session = redis.createSession();
    const late: Reply[] = [];
    session.onOutOfBand((reply, kind) => {
      if (kind === 'deferred') late.push(reply);
    });
    return { session, late, run: (...argv: string[]) => redis.exec(argv, session) };
  };
  return { clock, redis, connect };
}

describe('blocking commands on the virtual clock', () => {
  test('BLPOP waits until the timeout passes on the injected clock, then answers a null array', () => {
    const { clock, redis, connect } = setup();
    const a = connect();
    expect(a.run('BLPOP', 'q', '1.5')).toBe(BLOCKED);
    expect(a.session.blocked).toBe(true);
    clock.now += 1500;
    expect(redis.handleBlockedTimeouts()).toBe(clock.now); // due, but Redis times out strictly after
    expect(a.late).toEqual([]);
    clock.now += 1;
    expect(redis.handleBlockedTimeouts()).toBe(Infinity);
    expect(a.late).toEqual([{ type: 'array', value: null }]);
    expect(a.session.blocked).toBe(false);
  });

  test('the active expiry cycle also answers timed-out clients; timeout 0 waits forever', () => {
    const { clock, redis, connect } = setup();
    const a = connect();
    const b = connect();
    a.run('BRPOP', 'q', '0.01');
    b.run('BLMOVE', 'q', 'd', 'LEFT', 'LEFT', '0');
    clock.now += 1_000_000;
    redis.activeExpireCycle();
    expect(a.late).toEqual([{ type: 'array', value: null }]);
    expect(b.late).toEqual([]);
    expect(redis.blocking.size).toBe(1);
  });

  test('a push serves the clients in the order they blocked, one element each', () => {
    const { connect } = setup();
    const [a, b, c, pusher] = [connect(), connect(), connect(), connect()];
    a.run('BLPOP', 'other', 'q', '0');
    b.run('BRPOP', 'q', '0');
    c.run('BLPOP', 'q', '0');
    pusher.run('RPUSH', 'q', 'x', 'y');
    expect(a.late).toEqual([{ type: 'array', value: [{ type: 'bulk', value: 'q' }, { type: 'bulk', value: 'x' }] }]);
    expect(b.late).toEqual([{ type: 'array', value: [{ type: 'bulk', value: 'q' }, { type: 'bulk', value: 'y' }] }]);
    expect(c.late).toEqual([]);
    expect(pusher.run('EXISTS', 'q')).toEqual({ type: 'integer', value: 0 });
  });

  test('BLMOVE feeds a client blocked on its destination; XREAD BLOCK is served by XADD', () => {
    const { connect } = setup();
    const [a, b, c, pusher] = [connect(), connect(), connect(), connect()];
    a.run('BLMOVE', 'src', 'dst', 'LEFT', 'RIGHT', '0');
    b.run('BLPOP', 'dst', '0');
    c.run('XREAD', 'BLOCK', '0', 'STREAMS', 's', '$');
    pusher.run('RPUSH', 'src', 'm');
    expect(a.late).toEqual([{ type: 'bulk', value: 'm' }]);
    expect(b.late).toEqual([{ type: 'array', value: [{ type: 'bulk', value: 'dst' }, { type: 'bulk', value: 'm' }] }]);
    pusher.run('XADD', 's', '5-1', 'f', 'v');
    expect(JSON.stringify(c.late)).toContain('"5-1"');
  });

  test('a closed connection stops waiting; inside MULTI a blocking command answers at once', () => {
    const { redis, connect } = setup();
    const a = connect();
    a.run('BLPOP', 'q', '0');
    redis.closeSession(a.session);
    expect(redis.blocking.size).toBe(0);
    const b = connect();
    b.run('MULTI');
    b.run('BLPOP', 'q', '0');
    expect(b.run('EXEC')).toEqual({ type: 'array', value: [{ type: 'array', value: null }] });
  });
});

describe('the keyspace view renders every type', () => {
  test('type, size and a readable preview', () => {
    const { redis, connect } = setup();
    const { run } = connect();
    run('RPUSH', 'recent', 'a', 'b', 'c');
    run('SADD', 'tags', 'x', 'y');
    run('ZADD', 'rank', '2', 'bob', '1.5', 'ada');
    run('XADD', 'log', '1-1', 'event', 'login');
    run('HSET', 'user', 'name', 'Ada');
    const rows = Object.fromEntries(redis.snapshot(0).map((row) => [row.key, [row.type, row.size, row.preview]]));
    expect(rows).toEqual({
      recent: ['list', 3, '[a, b, c]'],
      tags: ['set', 2, '{x, y}'],
      rank: ['zset', 2, 'ada:1.5 bob:2'],
      log: ['stream', 1, '1-1 {event=login}'],
      user: ['hash', 1, 'name=Ada'],
    });
    expect(redis.inspect('rank')?.type).toBe('zset');
  });

  test('a long value is cut to the preview length', () => {
    const { redis, connect } = setup();
    const { run } = connect();
    run('RPUSH', 'l', ...Array.from({ length: 100 }, (_, i) => `item-${i}`));
    const [row] = redis.snapshot(0, 30);
    expect(row!.preview.length).toBe(30);
    expect(row!.preview.endsWith('…')).toBe(true);
  });
});

describe('structures keep their order under any sequence of writes', () => {
  test('a sorted set stays ordered by (score, member) and its map agrees', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.integer({ min: -3, max: 3 }), fc.boolean())), (ops) => {
        const zset = new ZSetValue();
        for (const [member, score, remove] of ops) {
          if (remove) zset.delete(member);
          else zset.set(member, score);
        }
        for (let i = 1; i < zset.sorted.length; i++) {
          const [p, q] = [zset.sorted[i - 1]!, zset.sorted[i]!];
          expect(p.score < q.score || (p.score === q.score && p.member < q.member)).toBe(true);
        }
        expect(zset.sorted.length).toBe(zset.scores.size);
        for (const { member, score } of zset.sorted) expect(zset.scores.get(member)).toBe(score);
      }),
    );
  });

  test('approximate trimming removes only whole nodes of 100 entries: it keeps at most 99 more than exact trimming', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 450 }), fc.integer({ min: 0, max: 450 }), (count, maxlen) => {
        const exact = new StreamValue();
        const approx = new StreamValue();
        for (let i = 1; i <= count; i++) {
          exact.append({ id: { ms: BigInt(i), seq: 0n }, fields: ['f', 'v'] });
          approx.append({ id: { ms: BigInt(i), seq: 0n }, fields: ['f', 'v'] });
        }
        exact.trim(maxlen, null, false, 0);
        approx.trim(maxlen, null, true, 10_000);
        expect(exact.length).toBe(Math.min(count, maxlen));
        expect(approx.length).toBeGreaterThanOrEqual(exact.length);
        expect(approx.length - exact.length).toBeLessThan(100);
        expect((count - approx.length) % 100 === 0 || approx.length === 0).toBe(true);
        for (let i = 1; i < approx.length; i++) expect(compareIds(approx.entries[i - 1]!.id, approx.entries[i]!.id)).toBe(-1);
      }),
    );
  });
});


describe('encodings follow the emulator\'s limits', () => {
  test('a lower zset-max-listpack-entries converts on the next write; existing values keep their encoding until then', () => {
    const { redis, connect } = setup();
    const { run } = connect();
    run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    run('SADD', 's', '1', '2', '3');
    redis.encodingLimits.zsetEntries = 3;
    redis.encodingLimits.intsetEntries = 3;
    expect(run('OBJECT', 'ENCODING', 'z')).toEqual({ type: 'bulk', value: 'listpack' });
    run('ZADD', 'z', '4', 'd');
    run('SADD', 's', '4');
    expect(run('OBJECT', 'ENCODING', 'z')).toEqual({ type: 'bulk', value: 'skiplist' });
    expect(run('OBJECT', 'ENCODING', 's')).toEqual({ type: 'bulk', value: 'hashtable' });
    run('COPY', 'z', 'z2');
    expect(run('OBJECT', 'ENCODING', 'z2')).toEqual({ type: 'bulk', value: 'skiplist' });
  });
});
