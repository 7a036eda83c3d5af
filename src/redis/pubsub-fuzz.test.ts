// Bad input never crashes the pub/sub, notification and tracking code: random commands from three
// connections (odd arguments, binary bytes, any option order) always get a reply.
import fc from 'fast-check';
import { RedisEmulator } from './emulator.ts';

const word = fc.oneof(
  fc.constantFrom('on', 'off', 'ON', 'bcast', 'BCAST', 'prefix', 'PREFIX', 'redirect', 'optin', 'optout', 'noloop', 'yes', 'no', '1', '2', '3', '0', '-1', 'x', '', '*', '[', '\\', 'k', 'user:', 'KEA', 'Ex', 'A', 'q'),
  fc.string({ maxLength: 6 }),
  fc.uint8Array({ maxLength: 6 }).map((bytes) => String.fromCharCode(...bytes)),
);
const command = fc.tuple(
  fc.constantFrom(
    ['SUBSCRIBE'], ['UNSUBSCRIBE'], ['PSUBSCRIBE'], ['PUNSUBSCRIBE'], ['PUBLISH'], ['PUBSUB', 'CHANNELS'], ['PUBSUB', 'NUMSUB'],
    ['PUBSUB', 'NUMPAT'], ['SSUBSCRIBE'], ['SUNSUBSCRIBE'], ['SPUBLISH'], ['PUBSUB', 'SHARDCHANNELS'], ['PUBSUB', 'SHARDNUMSUB'],
    ['CLIENT', 'TRACKING'], ['CLIENT', 'CACHING'], ['CLIENT', 'GETREDIR'], ['CLIENT', 'TRACKINGINFO'],
    ['CLIENT', 'LIST'], ['CONFIG', 'SET', 'notify-keyspace-events'], ['HELLO'], ['RESET'], ['SET'], ['GET'], ['DEL'], ['FLUSHALL'],
    ['MULTI'], ['EXEC'], ['PING'], ['INFO'],
  ),
  fc.array(word, { maxLength: 5 }),
  fc.integer({ min: 0, max: 2 }),
);

test('random pub/sub and tracking commands from three connections always get a reply', () => {
  fc.assert(
    fc.property(fc.array(command, { maxLength: 60 }), (commands) => {
      let now = 1_700_000_000_000;
      const redis = new RedisEmulator({ now: () => now });
      const sessions = [redis.createSession(), redis.createSession(), redis.createSession()];
      const pushed: unknown[] = [];
      for (const session of sessions) session.onOutOfBand((reply) => pushed.push(reply));
      for (const [head, args, who] of commands) {
        now += 7;
        const argv = [...head, ...args.map((a) => (a === '2' || a === '3' ? String(sessions[Number(a) - 2]!.id) : a))];
        const reply = redis.exec(argv, sessions[who]!);
        expect(reply).toHaveProperty('type');
        redis.activeExpireCycle();
      }
      for (const session of sessions) redis.closeSession(session);
      redis.exec(['SET', 'after', 'close']);
    }),
    { numRuns: 300 },
  );
});
