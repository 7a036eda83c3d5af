// Differential testing support: a real redis-server started per suite, a pipelined connection
// to it, and a comparison of its replies with the emulator's, on the wire form of each protocol.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { RedisEmulator } from '../../src/redis/emulator.ts';
import type { Session } from '../../src/redis/session.ts';
import type { Reply } from '../../src/redis/reply.ts';
import { encodeCommand, encodeReply, ReplyDecoder, type Protocol, type RespValue } from '../../src/redis/resp.ts';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RealRedis {
  readonly port: number;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts redis-server on a free loopback port, without persistence, with DEBUG enabled. */
export async function startRealRedis(): Promise<RealRedis> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--enable-debug-command', 'yes'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const probe = await RealConnection.open(port);
      const [pong] = await probe.send([['PING']]);
      probe.close();
      if (pong?.type === 'status') break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`redis-server did not start on ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** One client connection to a real server: commands are pipelined, replies come back in order. */
export class RealConnection {
  private readonly decoder = new ReplyDecoder();
  private readonly received: RespValue[] = [];
  // Sends not yet answered, in order: a caller may send again before the last reply came (a
  // blocked BLPOP, or a slow machine), and each send gets its own replies.
  private readonly waiting: Array<{ count: number; resolve: (values: RespValue[]) => void; reject: (error: Error) => void }> = [];

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received.push(...this.decoder.feed(new Uint8Array(chunk)));
      this.flush();
    });
    socket.on('error', (error) => {
      for (const waiter of this.waiting.splice(0)) waiter.reject(error);
    });
  }

  static open(port: number): Promise<RealConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.setNoDelay(true);
        resolve(new RealConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  send(commands: readonly (readonly string[])[]): Promise<RespValue[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ count: commands.length, resolve, reject });
      this.socket.write(Buffer.from(commands.map(encodeCommand).join(''), 'latin1'));
      this.flush();
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private flush(): void {
    while (this.waiting.length !== 0 && this.received.length >= this.waiting[0]!.count) {
      const { count, resolve } = this.waiting.shift()!;
      resolve(this.received.splice(0, count));
    }
  }
}

/** The emulator's reply as a client would decode it from the wire. */
export function onTheWire(reply: Reply, protocol: Protocol): RespValue {
  const [value] = new ReplyDecoder().feed(encodeReply(reply, protocol));
  return value!;
}

const TIME_TOLERANCE: Record<string, number> = { ttl: 2, expiretime: 2, pttl: 2000, pexpiretime: 2000, 'object|idletime': 1 };

/** Rewrites replies whose order Redis does not define, so equal sets compare equal. */
export function normalize(argv: readonly string[], value: RespValue): RespValue {
  const name = argv[0]!.toLowerCase();
  if (name === 'keys' && value.type === 'array' && value.value !== null) {
    return { type: 'array', value: [...value.value].sort(byJson) };
  }
  if (name === 'scan' && value.type === 'array' && value.value !== null) {
    const [cursor, keys] = value.value;
    if (keys?.type === 'array' && keys.value !== null) {
      return { type: 'array', value: [cursor!, { type: 'array', value: [...keys.value].sort(byJson) }] };
    }
  }
  return value;
}

function byJson(a: RespValue, b: RespValue): number {
  const x = JSON.stringify(a, bigintSafe);
  const y = JSON.stringify(b, bigintSafe);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function bigintSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `${value}n` : value;
}

/**
 * Equal, except TTL-like integers which may differ by the time between the two servers' clocks, and
 * OBJECT IDLETIME, whole seconds of each one's LRU clock: Redis's ticks in its 10 Hz cron, up to
 * 100 ms after the emulator's, so a key set just before a second's boundary reads 1 on one and 0 on
 * the other (measured: 4 of 300 in differential-lessons' shape).
 */
export function sameReply(argv: readonly string[], real: RespValue, emulated: RespValue): boolean {
  const name = argv[0]!.toLowerCase();
  const tolerance = TIME_TOLERANCE[name] ?? (name === 'object' ? TIME_TOLERANCE[`object|${(argv[1] ?? '').toLowerCase()}`] : undefined);
  if (tolerance !== undefined && real.type === 'integer' && emulated.type === 'integer') {
    const a = Number(real.value);
    const b = Number(emulated.value);
    if (a < 0 || b < 0) return a === b;
    return Math.abs(a - b) <= tolerance;
  }
  return JSON.stringify(normalize(argv, real), bigintSafe) === JSON.stringify(normalize(argv, emulated), bigintSafe);
}

export interface Difference {
  readonly argv: readonly string[];
  readonly real: RespValue;
  readonly emulated: RespValue;
}

/** Runs the same commands on both sides (pipelined on the real one) and lists the differences. */
export class DifferentialPair {
  readonly emulator = new RedisEmulator({ now: () => Date.now() });
  readonly session: Session = this.emulator.createSession();
  compared = 0;

  private constructor(readonly real: RealConnection) {}

  static async open(port: number): Promise<DifferentialPair> {
    const pair = new DifferentialPair(await RealConnection.open(port));
    // Only lazy expiry on the real server, like an emulator whose active cycle is not driven.
    await pair.real.send([['DEBUG', 'SET-ACTIVE-EXPIRE', '0']]);
    return pair;
  }

  async run(commands: readonly (readonly string[])[]): Promise<Difference[]> {
    const emulated = commands.map((argv) => onTheWire(this.emulator.exec(argv, this.session), this.session.protocol));
    const real = await this.real.send(commands);
    const differences: Difference[] = [];
    commands.forEach((argv, i) => {
      this.compared++;
      if (!sameReply(argv, real[i]!, emulated[i]!)) differences.push({ argv, real: real[i]!, emulated: emulated[i]! });
    });
    return differences;
  }

  /** Both sides' replies without comparing them (for commands compared some other way). */
  async both(argv: readonly string[]): Promise<{ real: RespValue; emulated: RespValue }> {
    const emulated = onTheWire(this.emulator.exec(argv, this.session), this.session.protocol);
    const [real] = await this.real.send([argv]);
    return { real: real!, emulated };
  }

  close(): void {
    this.real.close();
  }
}

/** INFO fields that both sides count the same way. */
export const COMPARED_STATS = ['keyspace_hits', 'keyspace_misses', 'expired_keys', 'total_commands_processed', 'total_error_replies'];

export function infoFields(value: RespValue): Map<string, string> {
  const text = value.type === 'bulk' || value.type === 'verbatim' ? (value.value ?? '') : '';
  const fields = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#')) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

export function formatDifference(difference: Difference): string {
  return `${JSON.stringify(difference.argv)}\n  real:     ${JSON.stringify(difference.real, bigintSafe)}\n  emulated: ${JSON.stringify(difference.emulated, bigintSafe)}`;
}

/**
 * mulberry32: a seeded generator of floats in [0, 1) for workloads both servers must see alike.
 * @example const random = mulberry32(42); random(); // the same first draw on every run
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
