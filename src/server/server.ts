import net from 'node:net';
import type { Reply } from '../redis/reply.ts';
import { encodeReply, type Protocol } from '../redis/resp.ts';
import { RequestParser, type ParseResult } from './request-parser.ts';

/** Per-connection state the server reads: the emulator's HELLO sets `protocol`. */
export interface ServerSession {
  protocol?: 2 | 3;
}

/** What the server needs from the emulator (`RedisEmulator` fits). */
export interface CommandExecutor<Session extends ServerSession> {
  createSession(address?: string): Session;
  closeSession?(session: Session): void;
  exec(argv: string[], session: Session): Reply;
  activeExpireCycle?(): void;
}

export interface RespServerOptions {
  port?: number;
  host?: string;
  /** How often per second the active expiry cycle runs (Redis's `hz`, default 10). */
  hz?: number;
  /** Where unexpected executor failures are reported. */
  log?: (message: string) => void;
}

export interface RespServer {
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
}

const isQuit = (name: string | undefined): boolean => name !== undefined && name.length === 4 && name.toLowerCase() === 'quit';
const isHello = (name: string | undefined): boolean =>
  name !== undefined && name.length === 5 && name.toLowerCase() === 'hello';

/**
 * Serves an emulator over RESP2/RESP3 on a TCP port: pipelined requests are executed in order
 * and their replies written in one write per chunk received.
 * @example const server = await startRespServer(new RedisEmulator({ now: Date.now }), { port: 7000 });
 */
export function startRespServer<Session extends ServerSession>(
  executor: CommandExecutor<Session>,
  options: RespServerOptions = {},
): Promise<RespServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((message: string) => process.stderr.write(message + '\n'));
  const sockets = new Set<net.Socket>();

  const server = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    const session = executor.createSession(socket.remoteAddress);
    const parser = new RequestParser();
    // Used only when the session does not track the protocol itself.
    let helloProtocol: Protocol = 2;
    let closing = false;

    socket.on('data', (chunk: Buffer) => {
      if (closing) return;
      let parsed: ParseResult;
      try {
        parsed = parser.feed(chunk);
      } catch (failure) {
        // Only an argument longer than V8's longest string (~512 MiB) gets here: drop the client.
        log(`dropping a client: ${(failure as Error).message}`);
        closing = true;
        socket.destroy();
        return;
      }
      const { commands, error } = parsed;
      let out = '';
      for (const argv of commands) {
        if (isQuit(argv[0])) {
          // Redis answers QUIT itself and ignores whatever was pipelined after it.
          out += '+OK\r\n';
          closing = true;
          break;
        }
        let reply: Reply;
        try {
          reply = executor.exec(argv, session);
        } catch (failure) {
          log(`emulator failed on ${JSON.stringify(argv.slice(0, 3))}: ${(failure as Error).stack ?? failure}`);
          reply = { type: 'error', message: 'ERR internal emulator error' };
        }
        // HELLO switches the protocol, and its own reply already uses the new one.
        if (reply.type !== 'error' && isHello(argv[0]) && argv.length > 1) helloProtocol = argv[1] === '3' ? 3 : 2;
        out += encodeReply(reply, session.protocol ?? helloProtocol);
      }
      if (error !== undefined && !closing) {
        out += '-ERR ' + error + '\r\n';
        closing = true;
      }
      if (out.length > 0 && !socket.destroyed) {
        // Backpressure: stop reading from a client that does not read its replies.
        if (!socket.write(out, 'latin1')) {
          socket.pause();
          socket.once('drain', () => socket.resume());
        }
      }
      if (closing) socket.end(() => socket.destroy());
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      executor.closeSession?.(session);
    });
  });

  const timer =
    executor.activeExpireCycle === undefined
      ? undefined
      : setInterval(() => executor.activeExpireCycle!(), 1000 / (options.hz ?? 10));

  return new Promise((resolve, reject) => {
    server.once('error', (failure) => {
      if (timer) clearInterval(timer);
      reject(failure);
    });
    server.listen(options.port ?? 0, host, () => {
      const address = server.address() as net.AddressInfo;
      resolve({
        port: address.port,
        host,
        close: () =>
          new Promise<void>((done) => {
            if (timer) clearInterval(timer);
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
