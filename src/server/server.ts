import net from 'node:net';
import type { Reply } from '../redis/reply.ts';
import type { OutOfBandListener } from '../redis/session.ts';
import { encodeReplyInto, type Protocol } from '../redis/resp.ts';
import { RequestParser } from './request-parser.ts';
import { ReplyStream } from './reply-stream.ts';

/**
 * Per-connection state the server reads: the emulator's HELLO sets `protocol`; `onOutOfBand`
 * brings pushes and deferred replies (see Session); while `blocked` the connection's further
 * commands wait until the deferred reply arrives; `queryBuffer` is what CLIENT LIST shows as qbuf.
 */
export interface ServerSession {
  readonly id?: number;
  protocol?: 2 | 3;
  blocked?: boolean;
  queryBuffer?: number;
  onOutOfBand?(listener: OutOfBandListener): () => void;
}

/** What the server needs from the emulator (`RedisEmulator` fits). */
export interface CommandExecutor<Session extends ServerSession> {
  /** `addr` and `laddr` are `ip:port` of the client's and the server's end of the connection. */
  createSession(connection?: { readonly addr: string; readonly laddr: string }): Session;
  closeSession?(session: Session): void;
  exec(argv: string[], session: Session): Reply;
  activeExpireCycle?(budget?: { readonly timeUp: () => boolean }): unknown;
  /** Set to the port the server listens on (INFO tcp_port). */
  tcpPort?: number;
  /** Loads what EVAL needs; the server awaits it before it listens, so every client can EVAL. */
  loadScripting?(): Promise<void>;
  /** Loads what COMMAND INFO and COMMAND DOCS describe (redis-cli asks COMMAND DOCS when it starts); awaited likewise. */
  loadCommandDocs?(): Promise<void>;
}

export interface RespServerOptions {
  port?: number;
  host?: string;
  /** How often per second the active expiry cycle runs (Redis's `hz`, default 10). */
  hz?: number;
  /**
   * Bytes one client may hold in commands not yet complete before it is closed (Redis's
   * `client-query-buffer-limit`, default 1 GiB).
   */
  queryBufferLimit?: number;
  /** The same bound over all clients together (default 2 GiB): the process's heap is shared. */
  totalQueryBufferLimit?: number;
  /** Where unexpected executor failures and closed clients are reported. */
  log?: (message: string) => void;
}

export interface RespServer {
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
}

/** Redis's `client-query-buffer-limit` default. */
export const QUERY_BUFFER_LIMIT = 1024 * 1024 * 1024;
// Replies queued for one client before its next commands wait (they are references to stored
// values, so this bounds copying and latency, not the values' own memory).
const OUTPUT_HIGH_WATER = 4 * 1024 * 1024;
// Redis's active expiry budget: 25% of each 1/hz period (ACTIVE_EXPIRE_CYCLE_SLOW_TIME_PERC).
const EXPIRE_TIME_PERCENT = 25;
const FAST_EXPIRE_MS = 1;

const isQuit = (name: string | undefined): boolean => name !== undefined && name.length === 4 && name.toLowerCase() === 'quit';
const isHello = (name: string | undefined): boolean =>
  name !== undefined && name.length === 5 && name.toLowerCase() === 'hello';

// The bytes a command takes on the wire as a client library sends it (CLIENT INFO's qbuf).
function wireLength(argv: readonly string[]): number {
  let bytes = 3 + String(argv.length).length;
  for (const arg of argv) bytes += 5 + String(arg.length).length + arg.length;
  return bytes;
}

const endpoint = (address: string | undefined, port: number | undefined): string =>
  `${address?.startsWith('::ffff:') ? address.slice(7) : (address ?? '?')}:${port ?? 0}`;

/**
 * Serves an emulator over RESP2/RESP3 on a TCP port. Pipelined requests run in order; replies go
 * out as a stream of buffers with backpressure: a client that does not read its replies stops
 * having its commands run and read, so no reply is ever joined into one string and memory stays
 * bounded by what the client has sent.
 * @example const server = await startRespServer(new RedisEmulator({ now: Date.now }), { port: 7000 });
 */
export function startRespServer<Session extends ServerSession>(
  executor: CommandExecutor<Session>,
  options: RespServerOptions = {},
): Promise<RespServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((message: string) => process.stderr.write(message + '\n'));
  const queryBufferLimit = options.queryBufferLimit ?? QUERY_BUFFER_LIMIT;
  const totalQueryBufferLimit = options.totalQueryBufferLimit ?? 2 * QUERY_BUFFER_LIMIT;
  const sockets = new Set<net.Socket>();
  const buffered = new Map<net.Socket, number>();
  let totalBuffered = 0;

  const server = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    const addr = endpoint(socket.remoteAddress, socket.remotePort);
    const session = executor.createSession({ addr, laddr: endpoint(socket.localAddress, socket.localPort) });
    const parser = new RequestParser();
    const output = new ReplyStream(socket);
    // Used only when the session does not track the protocol itself.
    let helloProtocol: Protocol = 2;
    const protocol = (): Protocol => session.protocol ?? helloProtocol;
    // Commands received and not yet run: waiting for the client to read replies, or behind a
    // blocked command (Redis leaves both in the query buffer). `pendingBytes` counts them all, run
    // or not, until the batch is done.
    let pending: string[][] = [];
    let next = 0;
    let pendingBytes = 0;
    let protocolError: string | undefined;
    let closing = false;
    let running = false;
    // Frames that go after the reply of the command being run (see OutOfBandKind 'after-reply').
    let trailer: Reply[] = [];

    const close = (reason: string) => {
      log(reason);
      closing = true;
      socket.destroy();
    };

    const setBuffered = (bytes: number) => {
      totalBuffered += bytes - (buffered.get(socket) ?? 0);
      buffered.set(socket, bytes);
    };

    // Runs what can run now and streams the replies, until all ran or the socket asks to wait;
    // reads more only once all has run.
    const pump = (): void => {
      if (closing || running) return;
      running = true;
      do {
        while (next < pending.length && !session.blocked && output.queuedBytes < OUTPUT_HIGH_WATER) {
          const argv = pending[next++]!;
          // Redis trims its query buffer only after running what one read brought, so a command
          // sees the bytes of that whole read.
          session.queryBuffer = pendingBytes + parser.unparsedBytes;
          if (isQuit(argv[0])) {
            // Redis answers QUIT itself and ignores whatever was pipelined after it.
            output.queue.text += '+OK\r\n';
            closing = true;
            break;
          }
          let reply: Reply;
          try {
            reply = executor.exec(argv, session);
          } catch (failure) {
            log(`emulator failed on ${JSON.stringify(argv.slice(0, 3).map((a) => a.slice(0, 64)))}: ${(failure as Error).stack ?? failure}`);
            reply = { type: 'error', message: 'ERR internal emulator error' };
          }
          // A blocked command answers later, through the out-of-band channel.
          if (session.blocked) continue;
          // HELLO switches the protocol, and its own reply already uses the new one.
          if (reply.type !== 'error' && isHello(argv[0]) && argv.length > 1) helloProtocol = argv[1] === '3' ? 3 : 2;
          encodeReplyInto(reply, protocol(), output.queue);
          if (trailer.length > 0) {
            for (const frame of trailer) encodeReplyInto(frame, protocol(), output.queue);
            trailer = [];
          }
        }
        if (next === pending.length) {
          pending = [];
          next = 0;
          pendingBytes = 0;
          if (protocolError !== undefined && !closing) {
            // A protocol error closes the connection after the replies before it.
            output.queue.text += '-ERR ' + protocolError + '\r\n';
            closing = true;
          }
        }
        output.flush();
      } while (!closing && !output.waiting && !session.blocked && next < pending.length);
      session.queryBuffer = pending.length === 0 ? parser.unparsedBytes : pendingBytes + parser.unparsedBytes;
      running = false;
      if (closing) {
        output.end();
        return;
      }
      if (next < pending.length) socket.pause();
      else socket.resume();
    };
    output.onDrain = pump;

    const detach = session.onOutOfBand?.((reply, kind) => {
      if (running && kind === 'after-reply') {
        trailer.push(reply);
        return;
      }
      encodeReplyInto(reply, protocol(), output.queue);
      if (!running) output.flush();
      // The unblocked client's held commands run after the command that unblocked it, as Redis's
      // processUnblockedClients does before the next event loop turn.
      if (kind === 'deferred') setImmediate(pump);
    });

    socket.on('data', (chunk: Buffer) => {
      if (closing) return;
      let commands: string[][];
      try {
        const parsed = parser.feed(chunk);
        commands = parsed.commands;
        if (parsed.error !== undefined) protocolError = parsed.error;
      } catch (failure) {
        // Only an argument longer than V8's longest string (~512 MiB) gets here: drop the client.
        close(`Closing client id=${session.id ?? '?'} addr=${addr}: ${(failure as Error).message}`);
        return;
      }
      for (const argv of commands) {
        pending.push(argv);
        pendingBytes += wireLength(argv);
      }
      const unfinished = parser.bufferedBytes;
      setBuffered(unfinished);
      if (unfinished > queryBufferLimit || totalBuffered > totalQueryBufferLimit) {
        const which = unfinished > queryBufferLimit ? `${queryBufferLimit} bytes` : `${totalQueryBufferLimit} bytes over all clients`;
        close(
          `Closing client that reached max query buffer length: id=${session.id ?? '?'} addr=${addr} ` +
            `qbuf=${unfinished} (limit ${which}, as Redis's client-query-buffer-limit)`,
        );
        return;
      }
      pump();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      setBuffered(0);
      buffered.delete(socket);
      detach?.();
      executor.closeSession?.(session);
    });
  });

  // Active expiry as Redis's serverCron and beforeSleep run it: a slow cycle every 1/hz with 25% of
  // the period, and while cycles keep running out of time (a backlog of expired keys), fast cycles
  // of 1 ms at most every 2 ms (ACTIVE_EXPIRE_CYCLE_FAST_DURATION).
  const period = 1000 / (options.hz ?? 10);
  const expireCycle = (budgetMs: number): boolean => {
    const started = performance.now();
    let capped = false;
    executor.activeExpireCycle!({ timeUp: () => (capped = performance.now() - started > budgetMs) });
    return capped;
  };
  let fastTimer: ReturnType<typeof setTimeout> | undefined;
  const fastCycle = () => {
    fastTimer = expireCycle(FAST_EXPIRE_MS) ? setTimeout(fastCycle, 2 * FAST_EXPIRE_MS) : undefined;
  };
  const timer =
    executor.activeExpireCycle === undefined
      ? undefined
      : setInterval(() => {
          if (expireCycle((period * EXPIRE_TIME_PERCENT) / 100) && fastTimer === undefined) {
            fastTimer = setTimeout(fastCycle, 2 * FAST_EXPIRE_MS);
          }
        }, period);
  const stopTimers = () => {
    if (timer) clearInterval(timer);
    if (fastTimer) clearTimeout(fastTimer);
  };

  const loaded = Promise.all([executor.loadScripting?.(), executor.loadCommandDocs?.()]);
  return loaded.then(() => new Promise<RespServer>((resolve, reject) => {
    server.once('error', (failure) => {
      stopTimers();
      reject(failure);
    });
    server.listen(options.port ?? 0, host, () => {
      const address = server.address() as net.AddressInfo;
      executor.tcpPort = address.port;
      resolve({
        port: address.port,
        host,
        close: () =>
          new Promise<void>((done) => {
            stopTimers();
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  }), (failure: unknown) => {
    if (timer) clearInterval(timer);
    throw failure;
  });
}
