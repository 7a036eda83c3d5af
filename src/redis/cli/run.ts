/**
 * One typed console line, run as redis-cli runs it: UTF-8 text to bytes, split by
 * `sdssplitargs`, an optional repeat count (`3 INCR n`), each reply printed as the terminal
 * prints it. The lab's console (through the simulation, which records each command) and any
 * standalone console use this one runner; HELP and CLEAR are the terminal's own business.
 *
 * @example
 * runCliLine('SET e 🔑', (argv) => redis.exec(argv, session)); // argv[2] is the key's 4 UTF-8 bytes
 */
import { binaryToUtf8 } from '../bytes.ts';
import type { Reply } from '../reply.ts';
import { replyAsSeenBy, type RespValue } from '../resp.ts';
import { formatReply, printsRaw } from './format.ts';
import { parseCliLine, sendParsedLine, type ParsedLine } from './parse.ts';

/** What a line came to. */
export interface CliLineResult {
  /** The command sent (binary strings); absent when the line did not parse. */
  readonly argv?: readonly string[];
  /** One reply per time the command was sent (the repeat count). */
  readonly replies: readonly Reply[];
  /** The replies as redis-cli prints them, decoded from bytes for display, no final newline. */
  readonly output: string;
  readonly isError: boolean;
}

/**
 * Run `line` (or a line already parsed with `parseCliLine`): `send` runs one command and returns
 * its reply. An empty line sends nothing.
 */
export function runCliLine(line: string | ParsedLine, send: (argv: readonly string[]) => Reply): CliLineResult {
  const parsed = typeof line === 'string' ? parseCliLine(line) : line;
  if (!parsed.ok) return { replies: [], output: parsed.error, isError: true };
  const { argv } = parsed;
  if (argv.length === 0) return { argv, replies: [], output: '', isError: false };
  const replies = sendParsedLine(parsed, send);
  return { argv, replies, ...printReplies(argv, replies) };
}

/**
 * The terminal's text for the frames one typed command got (`argv` decides raw printing), as its
 * connection's protocol shows them (in RESP2 a double is a bulk string, a map a flat array).
 */
export function printReplies(argv: readonly string[], replies: readonly Reply[], protocol: 2 | 3 = 2): { output: string; isError: boolean } {
  let output = '';
  let isError = false;
  const raw = printsRaw(argv);
  for (const reply of replies) {
    output += formatReply(replyAsSeenBy(reply as RespValue, protocol), { raw });
    isError ||= reply.type === 'error';
  }
  return { output: binaryToUtf8(output.replace(/\n$/, '')), isError };
}
