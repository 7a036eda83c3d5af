/** Short one-line labels for commands, replies and queries, shared by the diagrams and the logs. */
import type { Reply } from '../redis/reply.ts';

const MAX_ARG = 28;

/** One command as a short line: `SET user:42 "{\"name\"…" EX 60`. */
export function commandLine(argv: readonly string[]): string {
  return argv.map((arg, index) => (index === 0 ? arg.toUpperCase() : shortArg(arg))).join(' ');
}

function shortArg(arg: string): string {
  const clipped = arg.length > MAX_ARG ? `${arg.slice(0, MAX_ARG - 1)}…` : arg;
  return /^[!-~]+$/.test(arg) && !/["'\\]/.test(arg) ? clipped : JSON.stringify(clipped);
}

/** A reply on one line, as a label: `OK`, `(nil)`, `(integer) 1`, `"value…"`, `[3 items]`. */
export function replySummary(reply: Reply): string {
  switch (reply.type) {
    case 'status':
      return reply.value;
    case 'error':
      return `(error) ${reply.message}`;
    case 'integer':
      return `(integer) ${reply.value}`;
    case 'double':
      return `(double) ${reply.value}`;
    case 'bulk':
      return reply.value === null ? '(nil)' : shortArg(reply.value).startsWith('"') ? shortArg(reply.value) : `"${shortArg(reply.value)}"`;
    case 'verbatim':
      return `"${shortArg(reply.value)}"`;
    case 'null':
      return '(nil)';
    case 'array':
      return reply.value === null ? '(nil)' : ((reply.value.length > 0 ? inlineArray(reply.value) : null) ?? count(reply.value.length));
    case 'set':
    case 'push':
      return count(reply.value.length);
    case 'map':
      return count(reply.value.length, 'pair');
  }
}

/** Longest array written out item by item; longer ones are counted. */
const MAX_INLINE = 72;

/**
 * A short array of strings and integers (and such arrays) written out, as a SCAN reply's cursor and
 * keys: `["14", ["user:42:a", "user:42:b"]]`, `["0", []]`. Null when it would not fit on a line.
 */
function inlineArray(items: readonly Reply[], depth = 0): string | null {
  const parts: string[] = [];
  for (const item of items) {
    if (item.type === 'bulk' && item.value !== null) parts.push(JSON.stringify(item.value.length > MAX_ARG ? `${item.value.slice(0, MAX_ARG - 1)}…` : item.value));
    else if (item.type === 'integer') parts.push(String(item.value));
    else if (item.type === 'array' && item.value !== null && depth === 0) {
      const inner = inlineArray(item.value, 1);
      if (inner === null) return null;
      parts.push(inner);
    } else return null;
  }
  const text = `[${parts.join(', ')}]`;
  return text.length <= MAX_INLINE ? text : null;
}

function count(n: number, noun = 'item'): string {
  return n === 0 ? '(empty array)' : `[${n} ${noun}${n === 1 ? '' : 's'}]`;
}

export function queryText(op: 'read' | 'write', table: string, id: string): string {
  return op === 'read' ? `SELECT * FROM ${table} WHERE id = ${id}` : `UPDATE ${table} SET … WHERE id = ${id}`;
}

export function queryResult(op: 'read' | 'write', ok: boolean, version: number | null, latencyMs: number): string {
  if (!ok) return `error after ${latencyMs} ms`;
  if (op === 'write') return `updated to v${version ?? '?'} (${latencyMs} ms)`;
  return version === null ? `no row (${latencyMs} ms)` : `row v${version} (${latencyMs} ms)`;
}

