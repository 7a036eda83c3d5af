// The RESP server's out-of-band path: pushes reach the right socket in order, before the reply of
// the command that caused them, and a blocked connection holds its pipelined commands until its
// deferred reply arrives.
import { Session } from '../../src/redis/session.ts';
import { BLOCKED } from '../../src/redis/session.ts';
import type { Reply } from '../../src/redis/reply.ts';
import { startRespServer, type RespServer } from '../../src/server/server.ts';
import { RespConnection } from '../../src/server/testing.ts';
import { encodeCommand } from '../../src/redis/resp.ts';

// A tiny executor: TELL <id> <text> pushes to another connection (and to itself when id matches),
// WAIT blocks, WAKE <id> <text> resumes a blocked connection, anything else echoes its name.
const sessions = new Map<number, Session>();
let nextId = 1;
const executor = {
  createSession(): Session {
    const session = new Session(nextId++, 0, '127.0.0.1:1');
    sessions.set(session.id, session);
    return session;
  },
  exec(argv: string[], session: Session): Reply {
    const [name, id, text] = argv;
    if (name === 'TELL') {
      sessions.get(Number(id))!.deliver({ type: 'push', value: [{ type: 'bulk', value: text! }] });
      return { type: 'status', value: 'TOLD' };
    }
    if (name === 'WAIT') {
      session.block();
      return BLOCKED;
    }
    if (name === 'WAKE') {
      sessions.get(Number(id))!.resume({ type: 'bulk', value: text! });
      return { type: 'status', value: 'WOKE' };
    }
    if (name === 'ID') return { type: 'integer', value: session.id };
    return { type: 'status', value: name! };
  },
};

let server: RespServer;
beforeAll(async () => {
  server = await startRespServer(executor, { port: 0 });
});
afterAll(async () => {
  await server?.close();
});

const id = async (c: RespConnection) => Number(((await c.call('ID')) as { value: number }).value);

test('a push to another connection reaches its socket; a push to itself comes before the reply', async () => {
  const [a, b] = await Promise.all([RespConnection.open(server.port), RespConnection.open(server.port)]);
  const [idA, idB] = [await id(a), await id(b)];
  const received = b.receiveAtLeast('', '*1\r\n$5\r\nhello\r\n'.length);
  await a.call('TELL', String(idB), 'hello');
  expect(await received).toBe('*1\r\n$5\r\nhello\r\n');
  const self = await a.exchange(encodeCommand(['ONE']) + encodeCommand(['TELL', String(idA), 'me']) + encodeCommand(['TWO']));
  expect(self.bytes).toBe('+ONE\r\n*1\r\n$2\r\nme\r\n+TOLD\r\n+TWO\r\n');
  a.close();
  b.close();
});

test('a push in RESP3 is a > frame', async () => {
  const a = await RespConnection.open(server.port);
  const idA = await id(a);
  sessions.get(idA)!.protocol = 3;
  expect((await a.exchange(encodeCommand(['TELL', String(idA), 'x']))).bytes).toBe('>1\r\n$1\r\nx\r\n+TOLD\r\n');
  a.close();
});

test('a blocked connection answers later and only then runs what was pipelined after', async () => {
  const [a, b] = await Promise.all([RespConnection.open(server.port), RespConnection.open(server.port)]);
  const idA = await id(a);
  const waiting = await a.exchange(encodeCommand(['WAIT']) + encodeCommand(['AFTER']), 100);
  expect(waiting.bytes).toBe('');
  const later = a.receiveAtLeast(encodeCommand(['LATER']), '$4\r\ndone\r\n+AFTER\r\n+LATER\r\n'.length);
  await b.call('WAKE', String(idA), 'done');
  expect(await later).toBe('$4\r\ndone\r\n+AFTER\r\n+LATER\r\n');
  a.close();
  b.close();
});

test('deliveries before a listener is attached wait and arrive in order', () => {
  const session = new Session(99, 0, 'x');
  session.deliver({ type: 'bulk', value: '1' });
  session.deliver({ type: 'bulk', value: '2' });
  const seen: string[] = [];
  session.onOutOfBand((reply, kind) => seen.push(`${kind}:${(reply as { value: string }).value}`));
  session.resume({ type: 'bulk', value: '3' });
  expect(seen).toEqual(['push:1', 'push:2', 'deferred:3']);
});
