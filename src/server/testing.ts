// Test support for the server suites: real redis-server processes and a minimal RESP client.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { ReplyDecoder, encodeCommand, type RespValue } from '../redis/resp.ts';

/** A free loopback TCP port (the OS picks it; the race until it is used is acceptable in tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on the port. */
export async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface RunningProcess {
  readonly port: number;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/** Starts a real redis-server without persistence on a free port. */
export async function startRealRedis(extraArgs: string[] = []): Promise<RunningProcess> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no', ...extraArgs], {
    stdio: 'ignore',
  });
  await waitForPort(port);
  return { port, process: child, stop: stopper(child) };
}

/** Starts `src/server/main.ts` (the `npm run emulator` entry point) in a child process. */
export async function startEmulatorProcess(): Promise<RunningProcess & { output: () => string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${output}`)), 20_000);
    const check = () => {
      if (output.includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${output}`)));
  });
  return { port, process: child, stop: stopper(child), output: () => output };
}

/** A bare RESP connection: send raw bytes or commands, collect decoded replies or raw bytes. */
export class RespConnection {
  private readonly decoder = new ReplyDecoder();
  private readonly replies: RespValue[] = [];
  private raw = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.raw = Buffer.concat([this.raw, chunk]);
      this.replies.push(...this.decoder.feed(chunk.toString('latin1')));
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<RespConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new RespConnection(socket)));
      socket.once('error', reject);
    });
  }

  private wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private async until(done: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  write(bytes: string | Buffer): void {
    this.socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  /** Sends a command and resolves with its decoded reply. */
  async call(...argv: string[]): Promise<RespValue> {
    this.write(encodeCommand(argv));
    await this.until(() => this.replies.length > 0 || this.closed, 5000);
    const reply = this.replies.shift();
    if (reply === undefined) throw new Error(`no reply to ${argv.join(' ')}`);
    this.raw = Buffer.alloc(0);
    return reply;
  }

  /**
   * Sends bytes and returns everything received until `quietMs` pass in silence or the peer closes.
   * With `atLeast`, first waits (up to 10 s) for that many bytes, so a slow peer is not cut short;
   * with `firstByteMs`, waits that long for a first byte (a loaded machine's redis-server may take
   * longer than `quietMs` to answer at all).
   */
  async exchange(bytes: string | Buffer, quietMs = 150, atLeast = 0, firstByteMs = 0): Promise<{ bytes: string; closed: boolean }> {
    this.raw = Buffer.alloc(0);
    this.replies.length = 0;
    this.write(bytes);
    if (atLeast > 0) await this.until(() => this.closed || this.raw.length >= atLeast, 10_000);
    if (firstByteMs > 0) await this.until(() => this.closed || this.raw.length > 0, firstByteMs);
    let seen = -1;
    while (!this.closed && seen !== this.raw.length) {
      seen = this.raw.length;
      await this.until(() => this.closed || this.raw.length !== seen, quietMs);
    }
    const out = this.raw.toString('latin1');
    this.raw = Buffer.alloc(0);
    this.replies.length = 0;
    return { bytes: out, closed: this.closed };
  }

  /** Sends bytes and waits (up to `timeoutMs`) until at least `length` bytes came back. */
  async receiveAtLeast(bytes: string | Buffer, length: number, timeoutMs = 10_000): Promise<string> {
    this.raw = Buffer.alloc(0);
    this.replies.length = 0;
    this.write(bytes);
    await this.until(() => this.closed || this.raw.length >= length, timeoutMs);
    const out = this.raw.toString('latin1');
    this.raw = Buffer.alloc(0);
    this.replies.length = 0;
    return out;
  }

  close(): void {
    this.socket.destroy();
  }
}
