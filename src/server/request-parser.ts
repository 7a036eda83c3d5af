import { splitArgs } from '../redis/cli/parse.ts';

/** Redis's PROTO_INLINE_MAX_SIZE: the longest inline command or count line. */
export const INLINE_MAX = 64 * 1024;
/** Redis 7.0 accepts any multibulk count up to INT_MAX (it allocates argv lazily). */
export const MULTIBULK_MAX = 2 ** 31 - 1;
/** Redis's default `proto-max-bulk-len`. */
export const BULK_MAX = 512 * 1024 * 1024;

export interface ParseResult {
  /** Every complete command, in order (empty inline lines and `*0` are skipped, as Redis does). */
  readonly commands: string[][];
  /** Set when the stream broke the protocol: reply `-ERR <error>` after the commands, then close. */
  readonly error?: string;
}

const CR = 13;
const LF = 10;
const DOLLAR = 36;
const STAR = 42;
const MINUS = 45;
const ZERO = 48;
const EMPTY = Buffer.alloc(0);

// Redis's string2ll over bytes: optional '-', no '+', no leading zeros, no blanks, within int64.
function strictInteger(buf: Buffer, start: number, end: number): number | null {
  let p = start;
  if (p === end) return null;
  if (end - p === 1 && buf[p] === ZERO) return 0;
  const negative = buf[p] === MINUS;
  if (negative && ++p === end) return null;
  const first = buf[p]! - ZERO;
  if (first < 1 || first > 9 || end - p > 19) return null;
  let n = first;
  for (p++; p < end; p++) {
    const d = buf[p]! - ZERO;
    if (d < 0 || d > 9) return null;
    n = n * 10 + d;
  }
  // Beyond 2^53 precision is lost, but such counts are out of every range we accept anyway.
  return negative ? -n : n;
}

/**
 * Incremental parser for what clients send a Redis server: RESP multibulk commands and inline
 * commands, pipelined in any chunking, with the errors and limits of Redis 7.0's networking.c.
 * Arguments come out as binary strings (one char per byte).
 * @example
 * const parser = new RequestParser();
 * parser.feed(Buffer.from('*1\r\n$4\r\nPING\r\nPING\r\n')); // { commands: [['PING'], ['PING']] }
 */
export class RequestParser {
  private buffer: Buffer = EMPTY;
  private pos = 0;
  private mode: 'unknown' | 'inline' | 'multibulk' = 'unknown';
  private argsLeft = 0;
  private bulkLength = -1;
  private args: string[] = [];
  // A bulk argument longer than what has arrived is collected chunk by chunk (no quadratic copying,
  // and memory grows with the bytes received, not with the length a client announces).
  private bigArgParts: Buffer[] | null = null;
  private bigArgFilled = 0;
  private broken = false;
  // Bytes of the arguments already collected for the command still arriving.
  private argBytes = 0;

  /**
   * Bytes held for commands not yet complete: the unparsed input plus the arguments collected so
   * far (Redis counts the first in `client-query-buffer-limit`; we count both, as both use memory).
   */
  get bufferedBytes(): number {
    return this.unparsedBytes + this.argBytes;
  }

  /** Bytes received and not yet parsed into arguments (Redis's query buffer, CLIENT LIST qbuf). */
  get unparsedBytes(): number {
    return this.buffer.length - this.pos + (this.bigArgParts === null ? 0 : this.bigArgFilled);
  }

  feed(chunk: Buffer): ParseResult {
    const commands: string[][] = [];
    if (this.broken) return { commands };
    if (this.bigArgParts !== null) {
      const taken = Math.min(this.bulkLength + 2 - this.bigArgFilled, chunk.length);
      this.bigArgParts.push(taken === chunk.length ? chunk : chunk.subarray(0, taken));
      this.bigArgFilled += taken;
      if (this.bigArgFilled < this.bulkLength + 2) return { commands };
      this.args.push(Buffer.concat(this.bigArgParts, this.bigArgFilled).toString('latin1', 0, this.bulkLength));
      this.argBytes += this.bulkLength;
      this.bigArgParts = null;
      this.bulkLength = -1;
      this.argsLeft--;
      this.buffer = chunk.subarray(taken);
      this.pos = 0;
      if (this.argsLeft === 0) {
        commands.push(this.args);
        this.args = [];
        this.argBytes = 0;
        this.mode = 'unknown';
      }
    } else if (this.pos >= this.buffer.length) {
      this.buffer = chunk;
      this.pos = 0;
    } else {
      this.buffer = Buffer.concat([this.buffer.subarray(this.pos), chunk]);
      this.pos = 0;
    }
    for (;;) {
      if (this.mode === 'unknown') {
        if (this.pos >= this.buffer.length) break;
        this.mode = this.buffer[this.pos] === STAR ? 'multibulk' : 'inline';
      }
      const outcome = this.mode === 'inline' ? this.inline() : this.multibulk();
      if (outcome === null) break;
      if (typeof outcome === 'string') {
        this.broken = true;
        this.buffer = EMPTY;
        return { commands, error: outcome };
      }
      this.mode = 'unknown';
      if (outcome.length > 0) commands.push(outcome);
    }
    return { commands };
  }

  /** Returns a command, `null` when more bytes are needed, or a protocol error message. */
  private inline(): string[] | string | null {
    const buffer = this.buffer;
    let newline = buffer.indexOf(LF, this.pos);
    // Redis finds the newline with strchr, which stops at a NUL: a NUL before the newline means
    // "no newline yet", so the command waits for more data (until the inline limit).
    if (newline >= 0 && buffer.subarray(this.pos, newline).indexOf(0) >= 0) newline = -1;
    if (newline < 0) {
      return buffer.length - this.pos > INLINE_MAX ? 'Protocol error: too big inline request' : null;
    }
    const next = newline + 1;
    if (newline > this.pos && buffer[newline - 1] === CR) newline--;
    const argv = splitArgs(buffer.toString('latin1', this.pos, newline));
    if (argv === null) return 'Protocol error: unbalanced quotes in request';
    this.pos = next;
    return argv;
  }

  private multibulk(): string[] | string | null {
    const buffer = this.buffer;
    if (this.argsLeft === 0) {
      const cr = buffer.indexOf(CR, this.pos);
      if (cr < 0) {
        return buffer.length - this.pos > INLINE_MAX ? 'Protocol error: too big mbulk count string' : null;
      }
      // Redis needs one byte after the '\r' (it skips it without looking at it).
      if (cr + 1 >= buffer.length) return null;
      const count = strictInteger(buffer, this.pos + 1, cr);
      if (count === null || count > MULTIBULK_MAX) return 'Protocol error: invalid multibulk length';
      this.pos = cr + 2;
      if (count <= 0) return [];
      this.argsLeft = count;
      this.args = [];
    }
    while (this.argsLeft > 0) {
      if (this.bulkLength < 0) {
        const cr = buffer.indexOf(CR, this.pos);
        if (cr < 0) {
          return buffer.length - this.pos > INLINE_MAX ? 'Protocol error: too big bulk count string' : null;
        }
        if (cr + 1 >= buffer.length) return null;
        if (buffer[this.pos] !== DOLLAR) {
          // Redis prints the byte with %c, and its error sanitiser turns CR and LF into spaces.
          const byte = buffer[this.pos]!;
          const got = byte === CR || byte === LF ? ' ' : String.fromCharCode(byte);
          return `Protocol error: expected '$', got '${got}'`;
        }
        const length = strictInteger(buffer, this.pos + 1, cr);
        if (length === null || length < 0 || length > BULK_MAX) return 'Protocol error: invalid bulk length';
        this.pos = cr + 2;
        this.bulkLength = length;
      }
      const available = buffer.length - this.pos;
      if (available < this.bulkLength + 2) {
        // The argument plus its trailing two bytes (skipped unchecked, as Redis does) is still arriving.
        this.bigArgParts = [buffer.subarray(this.pos)];
        this.bigArgFilled = available;
        this.pos = buffer.length;
        return null;
      }
      this.args.push(buffer.toString('latin1', this.pos, this.pos + this.bulkLength));
      this.argBytes += this.bulkLength;
      this.pos += this.bulkLength + 2;
      this.bulkLength = -1;
      this.argsLeft--;
    }
    const argv = this.args;
    this.args = [];
    this.argBytes = 0;
    return argv;
  }
}
