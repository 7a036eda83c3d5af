import type { Reply } from './reply.ts';
import { bytesToBinary } from './bytes.ts';
import { formatDouble } from './numbers.ts';

/**
 * A value as it travels in RESP2/RESP3. A superset of `Reply`: the decoder also meets
 * kinds the emulator never produces (booleans, big numbers, pushes from a real server).
 * Every string is a binary string (one char code per byte).
 */
export type RespValue =
  | Exclude<Reply, { type: 'array' | 'map' | 'set' | 'push' }>
  | { readonly type: 'array'; readonly value: readonly RespValue[] | null }
  | { readonly type: 'map'; readonly value: ReadonlyArray<readonly [RespValue, RespValue]> }
  | { readonly type: 'set'; readonly value: readonly RespValue[] }
  | { readonly type: 'push'; readonly value: readonly RespValue[] }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'bignum'; readonly value: string };

export type Protocol = 2 | 3;

const CRLF = '\r\n';
const OK_LINE = '+OK\r\n';
const NIL_BULK = '$-1\r\n';
const NIL_ARRAY = '*-1\r\n';
const NULL3 = '_\r\n';

/**
 * Where `encodeReplyInto` writes: short pieces are joined in `text`; a long value goes to `parts`
 * as its own string, shared with the keyspace rather than copied, so a reply can be larger than
 * V8's longest string (~512 MiB) and a writer can stream it in slices. The bytes, in order, are
 * `parts.join('') + text`.
 */
export interface ReplyOutput {
  text: string;
  readonly parts: string[];
}

/** Values at least this long travel as their own part instead of being copied into `text`. */
export const LONG_VALUE = 64 * 1024;
// `text` is handed over to `parts` past this, so one long array reply is also cut into pieces.
const TEXT_PIECE = 256 * 1024;

function appendBulk(out: ReplyOutput, header: string, value: string): void {
  if (value.length < LONG_VALUE) {
    out.text += header + value + CRLF;
    return;
  }
  out.parts.push(out.text + header);
  out.parts.push(value);
  out.text = CRLF;
}

function appendItems(items: readonly RespValue[], protocol: Protocol, out: ReplyOutput): void {
  for (let i = 0; i < items.length; i++) {
    encodeReplyInto(items[i]!, protocol, out);
    if (out.text.length > TEXT_PIECE) {
      out.parts.push(out.text);
      out.text = '';
    }
  }
}

/**
 * Encodes a reply as RESP2 or RESP3 into `out` (see ReplyOutput); the RESP server's path.
 * @example const out = { text: '', parts: [] }; encodeReplyInto({ type: 'integer', value: 5 }, 2, out); // out.text === ':5\r\n'
 */
export function encodeReplyInto(reply: RespValue, protocol: Protocol, out: ReplyOutput): void {
  switch (reply.type) {
    case 'status':
      out.text += reply.value === 'OK' ? OK_LINE : '+' + reply.value + CRLF;
      return;
    case 'error':
      out.text += '-' + reply.message + CRLF;
      return;
    case 'integer':
      out.text += ':' + String(reply.value) + CRLF;
      return;
    case 'bulk': {
      const v = reply.value;
      if (v === null) out.text += protocol === 3 ? NULL3 : NIL_BULK;
      else appendBulk(out, '$' + v.length + CRLF, v);
      return;
    }
    case 'array': {
      const items = reply.value;
      if (items === null) {
        out.text += protocol === 3 ? NULL3 : NIL_ARRAY;
        return;
      }
      out.text += '*' + items.length + CRLF;
      appendItems(items, protocol, out);
      return;
    }
    case 'map': {
      const pairs = reply.value;
      out.text += protocol === 3 ? '%' + pairs.length + CRLF : '*' + pairs.length * 2 + CRLF;
      for (const [k, v] of pairs) appendItems([k, v], protocol, out);
      return;
    }
    case 'set':
    case 'push': {
      const items = reply.value;
      out.text += (protocol === 3 ? (reply.type === 'set' ? '~' : '>') : '*') + items.length + CRLF;
      appendItems(items, protocol, out);
      return;
    }
    case 'double': {
      const text = formatDouble(reply.value);
      out.text += protocol === 3 ? ',' + text + CRLF : '$' + text.length + CRLF + text + CRLF;
      return;
    }
    case 'verbatim':
      if (protocol === 3) appendBulk(out, '=' + (reply.value.length + 4) + CRLF + reply.format + ':', reply.value);
      else appendBulk(out, '$' + reply.value.length + CRLF, reply.value);
      return;
    case 'null':
      out.text += protocol === 3 ? NULL3 : NIL_BULK;
      return;
    case 'boolean':
      out.text += protocol === 3 ? (reply.value ? '#t\r\n' : '#f\r\n') : reply.value ? ':1\r\n' : ':0\r\n';
      return;
    case 'bignum':
      out.text += protocol === 3 ? '(' + reply.value + CRLF : '$' + reply.value.length + CRLF + reply.value + CRLF;
      return;
  }
}

/**
 * Encodes a reply as RESP2 or RESP3, as one binary string (write it with `latin1`). For replies
 * that may exceed V8's longest string, use `encodeReplyInto` and write the parts one by one.
 * @example encodeReply({ type: 'integer', value: 5 }, 2) === ':5\r\n'
 */
export function encodeReply(reply: RespValue, protocol: Protocol): string {
  const out: ReplyOutput = { text: '', parts: [] };
  encodeReplyInto(reply, protocol, out);
  return out.parts.length === 0 ? out.text : out.parts.join('') + out.text;
}

/**
 * A reply as a client speaking `protocol` decodes it: in RESP2 a map arrives as a flat array, a
 * set as an array and a double as a bulk string (what redis-cli then prints).
 * @example replyAsSeenBy({ type: 'double', value: 1.5 }, 2) // { type: 'bulk', value: '1.5' }
 */
export function replyAsSeenBy(reply: RespValue, protocol: Protocol): RespValue {
  return new ReplyDecoder().feed(encodeReply(reply, protocol))[0]!;
}

/**
 * Encodes a command as a RESP multibulk, as a client sends it (binary string).
 * @example encodeCommand(['GET', 'k']) === '*2\r\n$3\r\nGET\r\n$1\r\nk\r\n'
 */
export function encodeCommand(argv: readonly string[]): string {
  let out = '*' + argv.length + CRLF;
  for (const arg of argv) out += '$' + arg.length + CRLF + arg + CRLF;
  return out;
}

/** Thrown when a reply stream is not valid RESP; the stream cannot be resynchronised. */
export class RespProtocolError extends Error {
  override name = 'RespProtocolError';
}

// Signals "need more bytes": parsing restarts from the value's first byte on the next chunk.
const INCOMPLETE = Symbol('incomplete');

/**
 * Streaming RESP2/RESP3 reply decoder: feed it chunks as they arrive, get complete values.
 * Attributes (`|`) are read and dropped, as most clients do.
 * @example
 * const decoder = new ReplyDecoder();
 * decoder.feed('+O'); // []
 * decoder.feed('K\r\n:1\r\n'); // [{ type: 'status', value: 'OK' }, { type: 'integer', value: 1 }]
 */
export class ReplyDecoder {
  private buffer = '';
  private pos = 0;

  /** Adds bytes (or a binary string) and returns every value now complete, in order. */
  feed(chunk: Uint8Array | string): RespValue[] {
    const text = typeof chunk === 'string' ? chunk : bytesToBinary(chunk);
    this.buffer = this.pos === 0 ? this.buffer + text : this.buffer.slice(this.pos) + text;
    this.pos = 0;
    const out: RespValue[] = [];
    for (;;) {
      const start = this.pos;
      const value = this.parse();
      if (value === INCOMPLETE) {
        this.pos = start;
        break;
      }
      out.push(value);
    }
    return out;
  }

  /** Bytes received but not yet part of a complete value. */
  get pending(): number {
    return this.buffer.length - this.pos;
  }

  private line(): string | typeof INCOMPLETE {
    const end = this.buffer.indexOf(CRLF, this.pos);
    if (end < 0) return INCOMPLETE;
    const text = this.buffer.slice(this.pos, end);
    this.pos = end + 2;
    return text;
  }

  private count(text: string): number {
    if (!/^-?\d+$/.test(text)) throw new RespProtocolError(`invalid length ${JSON.stringify(text)}`);
    return Number(text);
  }

  private blob(length: number): string | typeof INCOMPLETE {
    if (this.buffer.length - this.pos < length + 2) return INCOMPLETE;
    const value = this.buffer.slice(this.pos, this.pos + length);
    if (this.buffer.slice(this.pos + length, this.pos + length + 2) !== CRLF) {
      throw new RespProtocolError('bulk string not terminated by CRLF');
    }
    this.pos += length + 2;
    return value;
  }

  private items(n: number): RespValue[] | typeof INCOMPLETE {
    const items: RespValue[] = [];
    for (let i = 0; i < n; i++) {
      const item = this.parse();
      if (item === INCOMPLETE) return INCOMPLETE;
      items.push(item);
    }
    return items;
  }

  private parse(): RespValue | typeof INCOMPLETE {
    if (this.pos >= this.buffer.length) return INCOMPLETE;
    const kind = this.buffer[this.pos]!;
    this.pos++;
    const head = this.line();
    if (head === INCOMPLETE) return INCOMPLETE;
    switch (kind) {
      case '+':
        return { type: 'status', value: head };
      case '-':
        return { type: 'error', message: head };
      case ':': {
        if (!/^[-+]?\d+$/.test(head)) throw new RespProtocolError(`invalid integer ${JSON.stringify(head)}`);
        const n = Number(head);
        return { type: 'integer', value: Number.isSafeInteger(n) ? n : BigInt(head) };
      }
      case '$':
      case '!':
      case '=': {
        const length = this.count(head);
        if (length < 0) return kind === '$' ? { type: 'bulk', value: null } : { type: 'null' };
        const body = this.blob(length);
        if (body === INCOMPLETE) return INCOMPLETE;
        if (kind === '$') return { type: 'bulk', value: body };
        if (kind === '!') return { type: 'error', message: body };
        return { type: 'verbatim', format: body.slice(0, 3), value: body.slice(4) };
      }
      case '*':
      case '~':
      case '>': {
        const n = this.count(head);
        if (n < 0) return kind === '*' ? { type: 'array', value: null } : { type: 'null' };
        const items = this.items(n);
        if (items === INCOMPLETE) return INCOMPLETE;
        if (kind === '*') return { type: 'array', value: items };
        return kind === '~' ? { type: 'set', value: items } : { type: 'push', value: items };
      }
      case '%':
      case '|': {
        const n = this.count(head);
        const flat = this.items(n * 2);
        if (flat === INCOMPLETE) return INCOMPLETE;
        if (kind === '|') return this.parse(); // the attribute annotates the value that follows
        const pairs: Array<readonly [RespValue, RespValue]> = [];
        for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
        return { type: 'map', value: pairs };
      }
      case ',':
        return { type: 'double', value: parseDouble(head) };
      case '_':
        return { type: 'null' };
      case '#':
        if (head !== 't' && head !== 'f') throw new RespProtocolError(`invalid boolean ${JSON.stringify(head)}`);
        return { type: 'boolean', value: head === 't' };
      case '(':
        return { type: 'bignum', value: head };
      default:
        throw new RespProtocolError(`unknown RESP type byte ${JSON.stringify(kind)}`);
    }
  }
}

function parseDouble(text: string): number {
  const lower = text.toLowerCase();
  if (lower === 'inf' || lower === '+inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  if (lower === 'nan') return NaN;
  const n = Number(text);
  if (Number.isNaN(n)) throw new RespProtocolError(`invalid double ${JSON.stringify(text)}`);
  return n;
}
