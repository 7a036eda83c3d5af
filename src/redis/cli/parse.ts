import { utf8ToBinary } from '../bytes.ts';
import type { Reply } from '../reply.ts';

const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);
// C isspace() in the "C" locale: where a token may start and what may follow a closing quote.
const isSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';

/**
 * Splits a line into arguments with the rules of Redis's `sdssplitargs` (used by redis-cli for
 * typed lines and by the server for inline commands). Works on binary strings; returns `null`
 * for unbalanced quotes or a closing quote followed by something other than a space.
 * @example splitArgs('SET k "a b\\x41"') // ['SET', 'k', 'a bA']
 */
export function splitArgs(line: string): string[] | null {
  // The C function stops at the first NUL byte, as a C string would.
  const nul = line.indexOf('\0');
  const text = nul < 0 ? line : line.slice(0, nul);
  const args: string[] = [];
  let p = 0;
  for (;;) {
    while (p < text.length && isSpace(text[p])) p++;
    if (p >= text.length) return args;
    let current = '';
    let inDouble = false;
    let inSingle = false;
    for (let done = false; !done; ) {
      const c = text[p];
      if (inDouble) {
        if (c === '\\' && text[p + 1] === 'x' && isHex(text[p + 2]) && isHex(text[p + 3])) {
          current += String.fromCharCode(parseInt(text.slice(p + 2, p + 4), 16));
          p += 3;
        } else if (c === '\\' && p + 1 < text.length) {
          p++;
          const e = text[p]!;
          current += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === 'b' ? '\b' : e === 'a' ? '\x07' : e;
        } else if (c === '"') {
          if (p + 1 < text.length && !isSpace(text[p + 1])) return null;
          done = true;
        } else if (c === undefined) {
          return null;
        } else {
          current += c;
        }
      } else if (inSingle) {
        if (c === '\\' && text[p + 1] === "'") {
          p++;
          current += "'";
        } else if (c === "'") {
          if (p + 1 < text.length && !isSpace(text[p + 1])) return null;
          done = true;
        } else if (c === undefined) {
          return null;
        } else {
          current += c;
        }
      } else if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === undefined) {
        done = true;
      } else if (c === '"') {
        inDouble = true;
      } else if (c === "'") {
        inSingle = true;
      } else {
        current += c;
      }
      if (p < text.length) p++;
    }
    args.push(current);
  }
}

export type ParsedLine =
  | { readonly ok: true; readonly argv: string[]; readonly repeat: number }
  | { readonly ok: false; readonly error: string };

/**
 * Parses a line typed in the console exactly as redis-cli's prompt does: UTF-8 bytes split by
 * `sdssplitargs`, an optional leading repeat count (`3 INCR n`). An empty line gives an empty argv.
 * @example parseCliLine('GET "caf\\xc3\\xa9"') // { ok: true, argv: ['GET', 'caf\xc3\xa9'], repeat: 1 }
 */
export function parseCliLine(line: string): ParsedLine {
  const argv = splitArgs(utf8ToBinary(line));
  if (argv === null) return { ok: false, error: 'Invalid argument(s)' };
  // redis-cli treats a leading integer as a repeat count when a command follows it.
  // (strtol semantics: leading blanks allowed, and an empty first word reads as 0).
  if (argv.length > 1 && (argv[0] === '' || /^[ \t\n\v\f\r]*[-+]?\d+$/.test(argv[0]!))) {
    const repeat = argv[0] === '' ? 0 : Number(argv[0]!.trim());
    if (!Number.isSafeInteger(repeat) || repeat <= 0) {
      return { ok: false, error: 'Invalid redis-cli repeat command option value.' };
    }
    return { ok: true, argv: argv.slice(1), repeat };
  }
  return { ok: true, argv, repeat: 1 };
}

/**
 * Sends a parsed line's command `repeat` times (what the console does before printing); an empty
 * line or one that did not parse sends nothing. Printing is `printReplies` (run.ts), loaded apart.
 * @example sendParsedLine(parseCliLine('2 INCR n'), (argv) => redis.exec(argv)) // two replies
 */
export function sendParsedLine(parsed: ParsedLine, send: (argv: readonly string[]) => Reply): Reply[] {
  const replies: Reply[] = [];
  if (!parsed.ok || parsed.argv.length === 0) return replies;
  for (let i = 0; i < parsed.repeat; i++) replies.push(send(parsed.argv));
  return replies;
}
