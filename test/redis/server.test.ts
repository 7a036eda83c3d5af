// The RESP server around the emulator: robustness, pipelining, protocol switching, active expiry.
import fc from 'fast-check';
import { RedisEmulator } from '../../src/redis/emulator.ts';
import type { Session } from '../../src/redis/session.ts';
import { encodeCommand } from '../../src/redis/resp.ts';
import { startRespServer, type RespServer } from '../../src/server/server.ts';
import { RespConnection, startRealRedis } from '../../src/server/testing.ts';

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
    // 300 ms, so that a busy machine still reads DBSIZE before it is due (30 ms was not always enough).
    await connection.call('SET', 'soon', '1', 'PX', '300');
    expect(await connection.call('DBSIZE')).toEqual({ type: 'integer', value: 1 });
    // The 20 Hz cycle removes it within a tick or two once due (polled: the machine may be busy).
    let size: unknown;
    for (let waited = 0; waited < 3000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      size = await connection.call('DBSIZE');
      if ((size as { value: number }).value === 0) break;
    }
    expect(size).toEqual({ type: 'integer', value: 0 });
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

  test('a client whose unfinished command outgrows the query buffer limit is closed with a log line; others are served', async () => {
    const logged: string[] = [];
    const small = await startRespServer<Session>(new RedisEmulator({ now: () => Date.now() }), {
      port: 0,
      queryBufferLimit: 1024 * 1024,
      log: (message) => logged.push(message),
    });
    const [greedy, other] = await Promise.all([RespConnection.open(small.port), RespConnection.open(small.port)]);
    const argument = '$65536\r\n' + 'a'.repeat(65536) + '\r\n';
    greedy.write('*2147483647\r\n');
    for (let i = 0; i < 15; i++) greedy.write(argument);
    expect(await other.call('PING')).toEqual({ type: 'status', value: 'PONG' });
    expect(greedy.closed).toBe(false);
    const { closed } = await greedy.exchange(argument.repeat(2), 300);
    expect(closed).toBe(true);
    expect(logged).toEqual([expect.stringMatching(/^Closing client that reached max query buffer length: id=\d+ addr=127\.0\.0\.1:\d+ qbuf=\d+/)]);
    expect(await other.call('PING')).toEqual({ type: 'status', value: 'PONG' });
    other.close();
    await small.close();
  });
});

describe('CLIENT LIST, CLIENT INFO and INFO server tell the truth about connections', () => {
  const field = (text: string, name: string) => new RegExp(`(?:^|[ \r\n])${name}[=:]([^ \r\n]*)`).exec(text)?.[1];
  const text = (reply: unknown) => (reply as { value: string }).value;

  test('CLIENT LIST shows exactly the open connections with their real addresses; INFO shows the real port', async () => {
    const fresh = await startRespServer<Session>(new RedisEmulator({ now: () => Date.now() }), { port: 0 });
    const [a, b] = await Promise.all([RespConnection.open(fresh.port), RespConnection.open(fresh.port)]);
    const lines = text(await a.call('CLIENT', 'LIST')).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(field(line, 'laddr')).toBe(`127.0.0.1:${fresh.port}`);
      expect(field(line, 'addr')).toMatch(/^127\.0\.0\.1:\d+$/);
    }
    const ports = lines.map((line) => Number(field(line, 'addr')!.split(':')[1])).sort();
    expect(ports.every((port) => port > 0 && port !== fresh.port)).toBe(true);
    expect(field(text(await b.call('INFO', 'server')), 'tcp_port')).toBe(String(fresh.port));
    expect(await b.call('CONFIG', 'GET', 'port')).toEqual({
      type: 'array',
      value: [{ type: 'bulk', value: 'port' }, { type: 'bulk', value: String(fresh.port) }],
    });
    a.close();
    b.close();
    await fresh.close();
  });

  test('CLIENT INFO and CLIENT LIST report qbuf as redis-server 7.0 does', async () => {
    const real = await startRealRedis();
    // A server of its own: the shared one may still hold an earlier test's closing connection.
    const fresh = await startRespServer<Session>(new RedisEmulator({ now: () => Date.now() }), { port: 0 });
    const qbufs = async (port: number) => {
      const [own, other] = await Promise.all([RespConnection.open(port), RespConnection.open(port)]);
      const info = field(text(await own.call('CLIENT', 'INFO')), 'qbuf');
      // A command still arriving sits in the other client's query buffer.
      other.write('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100\r\n' + 'v'.repeat(40));
      let list = '';
      for (let waited = 0; waited < 3000 && !/qbuf=40 /.test(list); waited += 50) {
        await new Promise((r) => setTimeout(r, 50));
        list = text(await own.call('CLIENT', 'LIST'));
      }
      own.close();
      other.close();
      return { info, list: list.trimEnd().split('\n').map((line) => field(line, 'qbuf')).sort() };
    };
    const emulated = await qbufs(fresh.port);
    const expected = await qbufs(real.port);
    await real.stop();
    await fresh.close();
    expect(emulated.info).toBe(expected.info);
    expect(emulated.list).toEqual(expected.list);
  });
});

