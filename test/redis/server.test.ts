// The RESP server around the emulator: robustness, pipelining, protocol switching, active expiry.
import fc from 'fast-check';
import { RedisEmulator } from '../../src/redis/emulator.ts';
import type { Session } from '../../src/redis/session.ts';
import { encodeCommand } from '../../src/redis/resp.ts';
import { startRespServer, type RespServer } from '../../src/server/server.ts';
import { RespConnection } from '../../src/server/testing.ts';

let server: RespServer;
const failures: string[] = [];

beforeAll(async () => {
  server = await startRespServer<Session>(new RedisEmulator({ now: () => Date.now() }), {
    port: 0,
    hz: 20,
    log: (message) => failures.push(message),
  });
});

afterAll(async () => {
  await server?.close();
});

describe('RESP server', () => {
  test('10,000 pipelined commands in one write get 10,000 replies, in order', async () => {
    const connection = await RespConnection.open(server.port);
    const wire = Array.from({ length: 10_000 }, () => encodeCommand(['INCR', 'pipelined'])).join('');
    const expected = Array.from({ length: 10_000 }, (_, i) => `:${i + 1}\r\n`).join('');
    expect(await connection.receiveAtLeast(wire, expected.length)).toBe(expected);
    connection.close();
  });

  test('HELLO 3 switches this connection to RESP3 only', async () => {
    const [a, b] = await Promise.all([RespConnection.open(server.port), RespConnection.open(server.port)]);
    await a.call('HSET', 'proto:h', 'f', 'v');
    await a.call('HELLO', '3');
    expect(await a.call('HGETALL', 'proto:h')).toEqual({
      type: 'map',
      value: [[{ type: 'bulk', value: 'f' }, { type: 'bulk', value: 'v' }]],
    });
    expect(await a.call('GET', 'proto:none')).toEqual({ type: 'null' });
    expect(await b.call('GET', 'proto:none')).toEqual({ type: 'bulk', value: null });
    a.close();
    b.close();
  });

  test('keys expire on the wall clock without being touched (active expiry timer)', async () => {
    const connection = await RespConnection.open(server.port);
    await connection.call('SELECT', '9');
    await connection.call('SET', 'soon', '1', 'PX', '30');
    expect(await connection.call('DBSIZE')).toEqual({ type: 'integer', value: 1 });
    await new Promise((r) => setTimeout(r, 250));
    expect(await connection.call('DBSIZE')).toEqual({ type: 'integer', value: 0 });
    connection.close();
  });

  test('random garbage never crashes the server; each connection is answered or closed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 300 }),
          fc
            .array(fc.constantFrom('*', '$', '\r\n', '\r', '\n', '-1', '3', 'PING', '"', "'", ' ', '\\x4', '0', '99999999999'), { maxLength: 40 })
            .map((parts) => Buffer.from(parts.join(''), 'latin1')),
        ),
        async (bytes) => {
          const connection = await RespConnection.open(server.port);
          await connection.exchange(Buffer.from(bytes), 20);
          connection.close();
        },
      ),
      { numRuns: 60 },
    );
    const probe = await RespConnection.open(server.port);
    expect(await probe.call('PING')).toEqual({ type: 'status', value: 'PONG' });
    probe.close();
    expect(failures).toEqual([]);
  });
});
