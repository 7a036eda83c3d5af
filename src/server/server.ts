import net from 'node:net';
import type { Reply } from '../redis/reply.ts';
import type { OutOfBandListener } from '../redis/session.ts';
import { encodeReply, type Protocol } from '../redis/resp.ts';
import { RequestParser, type ParseResult } from './request-parser.ts';

/**
 * Per-connection state the server reads: the emulator's HELLO sets `protocol`; `onOutOfBand`
 * brings pushes and deferred replies (see Session); while `blocked` the connection's further
 * commands wait until the deferred reply arrives.
 */
export interface ServerSession {
  protocol?: 2 | 3;
  blocked?: boolean;
  onOutOfBand?(listener: OutOfBandListener): () => void;
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
    // The replies of the chunk being executed; out-of-band frames for this connection join it
    // in order, and go straight to the socket when the connection is idle.
    let batch: string | null = null;
    // Frames that go after the reply of the command being run (see OutOfBandKind 'after-reply').
    let trailer = '';
    // Commands received while a blocking command waits (Redis leaves them in the query buffer).
    let held: string[][] = [];

    const write = (out: string) => {
      if (out.length === 0 || socket.destroyed) return;
      // Backpressure: stop reading from a client that does not read its replies.
      if (!socket.write(out, 'latin1')) {
        socket.pause();
        socket.once('drain', () => socket.resume());
      }
    };
    const protocol = (): Protocol => session.protocol ?? helloProtocol;

    // Runs commands in order until one blocks; the rest wait in `held`.
    const run = (commands: string[][]): void => {
      batch = '';
      let i = 0;
      for (; i < commands.length && !session.blocked; i++) {
        const argv = commands[i]!;
        if (isQuit(argv[0])) {
          // Redis answers QUIT itself and ignores whatever was pipelined after it.
          batch += '+OK\r\n';
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
        // A blocked command answers later, through the out-of-band channel.
        if (session.blocked) continue;
        // HELLO switches the protocol, and its own reply already uses the new one.
        if (reply.type !== 'error' && isHello(argv[0]) && argv.length > 1) helloProtocol = argv[1] === '3' ? 3 : 2;
        batch += encodeReply(reply, protocol());
        if (trailer.length > 0) {
          batch += trailer;
          trailer = '';
        }
      }
      if (!closing && i < commands.length) held = held.concat(commands.slice(i));
      const out = batch;
      batch = null;
      write(out);
    };

    const detach = session.onOutOfBand?.((reply, kind) => {
      const text = encodeReply(reply, protocol());
      if (batch === null) write(text);
      else if (kind === 'after-reply') trailer += text;
      else batch += text;
      // The unblocked client's held commands run after the command that unblocked it, as Redis's
      // processUnblockedClients does before the next event loop turn.
      if (kind === 'deferred' && held.length > 0) {
        setImmediate(() => {
          if (closing || session.blocked || held.length === 0) return;
          const commands = held;
          held = [];
          run(commands);
          if (closing) socket.end(() => socket.destroy());
        });
      }
    });

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
      if (session.blocked || held.length > 0) held = held.concat(commands);
      else run(commands);
      if (error !== undefined && !closing) {
        // A protocol error closes the connection after the replies before it.
        write('-ERR ' + error + '\r\n');
        closing = true;
      }
      if (closing) socket.end(() => socket.destroy());
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      detach?.();
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
