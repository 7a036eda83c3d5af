import type net from 'node:net';
import type { ReplyOutput } from '../redis/resp.ts';

// The most bytes converted to one Buffer at a time: a 512 MB value goes out as 512 such writes,
// so the process holds one slice of it outside the keyspace, never a copy of the whole reply.
const SLICE = 1024 * 1024;

/**
 * One connection's replies on their way out: encoders append to `queue` (see ReplyOutput), and
 * `flush` writes them as buffers of at most 1 MiB, waiting for 'drain' whenever the socket's
 * buffer is full (then `onDrain` lets the server run the client's next commands).
 */
export class ReplyStream {
  readonly queue: ReplyOutput = { text: '', parts: [] };
  /** Called after the socket drained and the queue was written further. */
  onDrain: () => void = () => undefined;
  private partIndex = 0;
  private offset = 0;
  /** True while the socket's buffer is full and 'drain' has not come yet. */
  waiting = false;
  private ending = false;
  private ended = false;

  constructor(private readonly socket: net.Socket) {}

  /** Bytes queued and not yet handed to the socket. */
  get queuedBytes(): number {
    let bytes = this.queue.text.length - this.offset;
    const parts = this.queue.parts;
    // `offset` is into parts[partIndex], which is counted whole below.
    for (let i = this.partIndex; i < parts.length; i++) bytes += parts[i]!.length;
    return bytes;
  }

  /** Writes what is queued until the socket asks to wait. */
  flush(): void {
    const socket = this.socket;
    const queue = this.queue;
    while (!this.waiting && !socket.destroyed) {
      if (this.partIndex === queue.parts.length) {
        queue.parts.length = 0;
        this.partIndex = 0;
        if (queue.text.length === 0) break;
        queue.parts.push(queue.text);
        queue.text = '';
      }
      const part = queue.parts[this.partIndex]!;
      const end = Math.min(part.length, this.offset + SLICE);
      const bytes = Buffer.from(this.offset === 0 && end === part.length ? part : part.slice(this.offset, end), 'latin1');
      if (end === part.length) {
        // Drop the reference now: a written value may be deleted from the keyspace meanwhile.
        queue.parts[this.partIndex++] = '';
        this.offset = 0;
      } else {
        this.offset = end;
      }
      if (!socket.write(bytes)) {
        this.waiting = true;
        socket.once('drain', () => {
          this.waiting = false;
          this.flush();
          this.onDrain();
        });
      }
    }
    if (this.ending && !this.ended && !this.waiting && this.queuedBytes === 0 && !socket.destroyed) {
      this.ended = true;
      socket.end(() => socket.destroy());
    }
  }

  /** Closes the connection once everything queued is written. */
  end(): void {
    this.ending = true;
    this.flush();
  }
}
