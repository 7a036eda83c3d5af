import { binaryToUtf8 } from '../../redis/bytes.ts';
import { parseCliLine } from '../../redis/cli/parse.ts';
import { formatReply, printsRaw } from '../../redis/cli/format.ts';
import { replyAsSeenBy } from '../../redis/resp.ts';
import type { Reply } from '../../redis/reply.ts';
import { helpText } from './help';

/** The part of the emulator the console needs: run one command for one connection. */
export interface CommandTarget<S> {
  exec(argv: readonly string[], session: S): Reply;
}

/** What a console line came to: the argv sent (if any), the text to show, whether it failed. */
export interface ConsoleLineResult {
  /** The parsed command (binary strings), absent when the line did not parse or was HELP. */
  readonly argv?: readonly string[];
  /** The reply as redis-cli prints it, decoded for display, without the final newline. */
  readonly output: string;
  readonly isError: boolean;
  /** The session's database after the line (for the `[n]` in the prompt). */
  readonly db?: number;
}

/**
 * Runs one line as redis-cli would: split it, answer HELP locally, send the command (repeated
 * for a `3 INCR n` count) and render each reply as the terminal shows it.
 *
 * @example runConsoleLine(redis, session, 'GET "user:1"') // { argv: ['GET', 'user:1'], output: '(nil)', isError: false, db: 0 }
 */
export function runConsoleLine<S extends { db?: number; protocol?: 2 | 3 }>(target: CommandTarget<NoInfer<S>>, session: S, line: string): ConsoleLineResult {
  const parsed = parseCliLine(line);
  if (!parsed.ok) return { output: parsed.error, isError: true, ...dbOf(session) };
  const { argv, repeat } = parsed;
  if (argv.length === 0) return { argv, output: '', isError: false, ...dbOf(session) };
  if (argv[0]!.toLowerCase() === 'help') {
    return { output: helpText(argv.slice(1).map(binaryToUtf8)), isError: false, ...dbOf(session) };
  }
  let output = '';
  let isError = false;
  for (let i = 0; i < repeat; i += 1) {
    const reply = target.exec(argv, session);
    output += formatReply(replyAsSeenBy(reply, session.protocol ?? 2), { raw: printsRaw(argv) });
    isError ||= reply.type === 'error';
  }
  return { argv, output: binaryToUtf8(output.replace(/\n$/, '')), isError, ...dbOf(session) };
}

function dbOf(session: { db?: number }): { db?: number } {
  return typeof session.db === 'number' ? { db: session.db } : {};
}
