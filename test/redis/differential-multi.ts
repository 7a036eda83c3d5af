// Differential testing with several connections per script: each step runs one command on one
// client, then every client is synchronised with a PING carrying a unique token, and every frame
// each client received before its token (replies and pushes, in order) is compared across
// a real redis-server, the emulator's RESP server and the in-process emulator.
import net from 'node:net';
import { RedisEmulator } from '../../src/redis/emulator.ts';
import type { Session } from '../../src/redis/session.ts';
import { encodeCommand, encodeReply, ReplyDecoder, type RespValue } from '../../src/redis/resp.ts';
import { startRespServer, type RespServer } from '../../src/server/server.ts';
import { loadScripting } from '../../src/redis/loading.ts';
import { bigintSafe, startRealRedis, type RealRedis } from './differential-harness.ts';
import { line } from './differential-scripts.ts';

/** A script step: `'A: SUBSCRIBE news'` (client A..E runs a line, see `line`), or `'sleep 30'`. */
export type Step = string;

/** One side of the comparison: N clients that run a command and return what each received. */
interface Side {
  /** CLIENT ID of each client (scripts write `$A`, `$B`… for them). */
  readonly ids: number[];
  /** `queued`: the client is inside MULTI after this command, so a sync PING would be queued. */
  run(client: number, argv: readonly string[], queued: boolean): Promise<void>;
  /** Frames each client received since the last call, in order (sync replies removed). */
  collect(inMulti: readonly boolean[]): Promise<RespValue[][]>;
  close(): Promise<void>;
}

let tokens = 0;

function isSyncReply(value: RespValue, token: string): boolean {
  if (value.type === 'bulk') return value.value === token;
  // RESP2 subscribed mode: ["pong", token].
  return value.type === 'array' && value.value?.length === 2 && value.value[0]?.type === 'bulk' && value.value[0].value === 'pong' && value.value[1]?.type === 'bulk' && value.value[1].value === token;
}

class WireClient {
  readonly frames: RespValue[] = [];
  closed = false;
  private readonly decoder = new ReplyDecoder();
  private wake: (() => void) | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.frames.push(...this.decoder.feed(new Uint8Array(chunk)));
      this.wake?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.setNoDelay(true);
        resolve(new WireClient(socket));
      });
      socket.once('error', reject);
    });
  }

  send(argv: readonly string[]): void {
    if (!this.closed) this.socket.write(Buffer.from(encodeCommand(argv), 'latin1'));
  }

  /** Waits for `count` frames and returns them. */
  async take(count: number): Promise<RespValue[]> {
    const deadline = Date.now() + 5000;
    while (this.frames.length < count && !this.closed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.frames.splice(0, count);
  }

  /** Waits for the sync reply and returns everything before it. */
  async until(token: string): Promise<RespValue[]> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const at = this.frames.findIndex((frame) => isSyncReply(frame, token));
      if (at >= 0) {
        const before = this.frames.splice(0, at + 1);
        before.pop();
        return before;
      }
      if (this.closed) return this.frames.splice(0);
      if (Date.now() > deadline) throw new Error(`no sync reply ${token}; got ${JSON.stringify(this.frames, bigintSafe)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

class WireSide implements Side {
  private constructor(
    private readonly clients: WireClient[],
    readonly ids: number[],
  ) {}

  static async open(port: number, count: number): Promise<WireSide> {
    const clients: WireClient[] = [];
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const client = await WireClient.open(port);
      client.send(['CLIENT', 'ID']);
      client.send(['PING', 'id']);
      const [id] = await client.until('id');
      ids.push(Number((id as { value: number }).value));
      clients.push(client);
    }
    return new WireSide(clients, ids);
  }

  private pending: RespValue[] = [];
  private acting = -1;

  // Two syncs: the acting client first, then everyone. Redis sends BCAST invalidations before it
  // sleeps, after the replies of that event-loop turn, so they may follow the first sync reply.
  async run(client: number, argv: readonly string[], queued: boolean): Promise<void> {
    const token = `sync-${++tokens}`;
    this.clients[client]!.send(argv);
    if (queued) {
      // Inside MULTI a PING would be queued too: the command answers exactly one frame.
      this.pending = await this.clients[client]!.take(1);
    } else {
      this.clients[client]!.send(['PING', token]);
      this.pending = await this.clients[client]!.until(token);
    }
    this.acting = client;
  }

  async collect(inMulti: readonly boolean[]): Promise<RespValue[][]> {
    const token = `sync-${++tokens}`;
    this.clients.forEach((client, i) => {
      if (!inMulti[i]) client.send(['PING', token]);
    });
    const frames = await Promise.all(this.clients.map((client, i) => (inMulti[i] ? Promise.resolve([]) : client.until(token))));
    if (this.acting >= 0) frames[this.acting] = [...this.pending, ...frames[this.acting]!];
    this.acting = -1;
    return frames;
  }

  async close(): Promise<void> {
    for (const client of this.clients) client.close();
  }
}

/** The emulator in-process: replies and out-of-band frames as a client would decode them. */
class InProcessSide implements Side {
  readonly sessions: Session[] = [];
  readonly ids: number[] = [];
  private readonly received: RespValue[][] = [];
  private readonly trailers: RespValue[][] = [];

  constructor(readonly emulator: RedisEmulator, count: number) {
    for (let i = 0; i < count; i++) {
      const session = emulator.createSession();
      const inbox: RespValue[] = [];
      const trailer: RespValue[] = [];
      session.onOutOfBand((reply, kind) => (kind === 'after-reply' ? trailer : inbox).push(wire(reply, session.protocol)));
      this.sessions.push(session);
      this.ids.push(session.id);
      this.received.push(inbox);
      this.trailers.push(trailer);
    }
  }

  async run(client: number, argv: readonly string[], queued: boolean): Promise<void> {
    const session = this.sessions[client]!;
    if (session.closed) return;
    if (argv[0]!.toLowerCase() === 'quit') {
      this.received[client]!.push({ type: 'status', value: 'OK' });
      this.emulator.closeSession(session);
      return;
    }
    const reply = this.emulator.exec(argv, session);
    this.received[client]!.push(wire(reply, session.protocol), ...this.trailers[client]!.splice(0));
    if (!session.closed && !queued) this.emulator.exec(['PING', `sync-${++tokens}`], session);
  }

  async collect(inMulti: readonly boolean[]): Promise<RespValue[][]> {
    const token = `sync-${++tokens}`;
    return this.sessions.map((session, i) => {
      if (!session.closed && !inMulti[i]) this.emulator.exec(['PING', token], session);
      this.received[i]!.push(...this.trailers[i]!.splice(0));
      return this.received[i]!.splice(0);
    });
  }

  async close(): Promise<void> {
    for (const session of this.sessions) this.emulator.closeSession(session);
  }
}

function wire(reply: Parameters<typeof encodeReply>[0], protocol: 2 | 3): RespValue {
  const [value] = new ReplyDecoder().feed(encodeReply(reply, protocol));
  return value!;
}

export interface MultiDifference {
  readonly step: string;
  readonly client: string;
  readonly real: unknown;
  readonly other: unknown;
  readonly side: 'server' | 'in-process';
}

const NAMES = 'ABCDE';

/**
 * Runs scripts on a real redis-server (at `realPort`), on the emulator's RESP server and on the
 * emulator in-process, with `clients` connections each, and lists every frame that differs.
 */
export class MultiClientDifferential {
  compared = 0;
  private constructor(
    private readonly realPort: number,
    private readonly server: RespServer,
    readonly serverEmulator: RedisEmulator,
  ) {}

  static async start(realPort: number): Promise<MultiClientDifferential> {
    const emulator = new RedisEmulator({ now: () => Date.now() });
    // No active expiry on either side: expiry is observed lazily, at a step the script chooses.
    const executor = {
      createSession: (connection?: { readonly addr: string; readonly laddr: string }) => emulator.createSession(connection),
      closeSession: (session: Session) => emulator.closeSession(session),
      exec: (argv: string[], session: Session) => emulator.exec(argv, session),
    };
    const server = await startRespServer(executor, { port: 0 });
    return new MultiClientDifferential(realPort, server, emulator);
  }

  async run(steps: readonly Step[], clients = 3, normalize: (argv: readonly string[], frames: RespValue[], ids: readonly number[]) => RespValue[] = (_a, f) => f): Promise<MultiDifference[]> {
    const setup = [['FLUSHALL'], ['CONFIG', 'SET', 'notify-keyspace-events', '']];
    // Set up through a connection that closes, so no extra client shows in CLIENT LIST.
    for (const [port, extra] of [[this.realPort, [['DEBUG', 'SET-ACTIVE-EXPIRE', '0']]], [this.server.port, []]] as const) {
      const admin = await WireClient.open(port);
      for (const argv of [...setup, ...extra]) admin.send(argv);
      admin.send(['PING', 'setup']);
      await admin.until('setup');
      admin.close();
    }
    await new Promise((r) => setTimeout(r, 20));
    const inProcess = new RedisEmulator({ now: () => Date.now() });
    const sides: Side[] = [
      await WireSide.open(this.realPort, clients),
      await WireSide.open(this.server.port, clients),
      new InProcessSide(inProcess, clients),
    ];
    const differences: MultiDifference[] = [];
    const inMulti = new Array<boolean>(clients).fill(false);
    try {
      for (const step of steps) {
        const sleep = /^sleep (\d+)$/.exec(step);
        if (sleep !== null) {
          await new Promise((r) => setTimeout(r, Number(sleep[1])));
          continue;
        }
        const match = /^([A-E]): (.*)$/.exec(step);
        if (match === null) throw new Error(`bad step ${step}`);
        const client = NAMES.indexOf(match[1]!);
        const argv = line(match[2]!);
        const argvOf = (side: Side) => argv.map((arg) => arg.replace(/^\$([A-E])$/, (_m, name: string) => String(side.ids[NAMES.indexOf(name)])));
        const command = argv[0]!.toLowerCase();
        if (command === 'multi') inMulti[client] = true;
        else if (command === 'exec' || command === 'discard') inMulti[client] = false;
        for (const side of sides) await side.run(client, argvOf(side), inMulti[client]!);
        const [real, server, local] = await Promise.all(sides.map((side) => side.collect(inMulti)));
        const named = (side: Side, frames: RespValue[]) => normalize(argv, frames.map((frame) => nameIds(argv, frame, side.ids)), side.ids);
        for (let c = 0; c < clients; c++) {
          const expected = JSON.stringify(named(sides[0]!, real![c]!), bigintSafe);
          this.compared += real![c]!.length;
          for (const [side, got, at] of [['server', server![c]!, 1], ['in-process', local![c]!, 2]] as const) {
            if (JSON.stringify(named(sides[at]!, got), bigintSafe) !== expected) {
              differences.push({ step, client: NAMES[c]!, real: real![c], other: got, side });
            }
          }
        }
      }
    } finally {
      for (const side of sides) await side.close();
    }
    return differences;
  }

  async close(): Promise<void> {
    await this.server.close();
  }
}

// Client ids differ between servers: in CLIENT GETREDIR, TRACKINGINFO and tracking-redir-broken
// they are replaced by the client's name.
function nameIds(argv: readonly string[], frame: RespValue, ids: readonly number[]): RespValue {
  const sub = argv[0]?.toLowerCase() === 'client' ? argv[1]?.toLowerCase() : undefined;
  const broken = frame.type === 'push' && frame.value[0]?.type === 'bulk' && frame.value[0].value === 'tracking-redir-broken';
  if (sub !== 'getredir' && sub !== 'trackinginfo' && !broken) return frame;
  const text = JSON.stringify(frame, bigintSafe).replace(/\{"type":"integer","value":(\d+)\}/g, (whole, id: string) => {
    const at = ids.indexOf(Number(id));
    return at < 0 ? whole : `{"type":"bulk","value":"client ${NAMES[at]}"}`;
  });
  return JSON.parse(text) as RespValue;
}

export function formatMultiDifference(d: MultiDifference): string {
  return `${d.step} → client ${d.client} (${d.side})\n  real:  ${JSON.stringify(d.real, bigintSafe)}\n  other: ${JSON.stringify(d.other, bigintSafe)}`;
}

/**
 * A test file's hooks for a three-sided differential: a real redis-server 7.0 and the differential
 * against it, started before the file's tests (the Lua VM loaded first, so every emulator in the
 * process can run EVAL) and stopped after them with a count of the frames compared.
 */
export function multiDifferentialSuite(label: string): { readonly differential: MultiClientDifferential; readonly redis: RealRedis } {
  let redis: RealRedis | undefined;
  let differential: MultiClientDifferential | undefined;
  beforeAll(async () => {
    await loadScripting();
    redis = await startRealRedis();
    differential = await MultiClientDifferential.start(redis.port);
  });
  afterAll(async () => {
    await differential?.close();
    await redis?.stop();
    console.log(`differential (${label}): ${differential?.compared ?? 0} frames compared`);
  });
  return {
    get differential() {
      if (!differential) throw new Error('the differential starts in beforeAll: use it inside a test');
      return differential;
    },
    get redis() {
      if (!redis) throw new Error('the real server starts in beforeAll: use it inside a test');
      return redis;
    },
  };
}
