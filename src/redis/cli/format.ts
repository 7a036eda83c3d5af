import { formatDouble } from '../numbers.ts';
import type { RespValue } from '../resp.ts';

/**
 * Quotes a binary string the way redis-cli shows a bulk string (Redis's `sdscatrepr`):
 * printable ASCII as is, `\n \r \t \a \b \\ \"` escaped, every other byte as `\xHH`.
 * @example quoteBytes('\xe2\x82\xac') === '"\\xe2\\x82\\xac"'
 */
export function quoteBytes(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x5c || c === 0x22) out += '\\' + value[i];
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x07) out += '\\a';
    else if (c === 0x08) out += '\\b';
    else if (c >= 0x20 && c <= 0x7e) out += value[i];
    else out += '\\x' + (c & 0xff).toString(16).padStart(2, '0');
  }
  return out + '"';
}

function formatTty(reply: RespValue, prefix: string): string {
  switch (reply.type) {
    case 'error':
      return `(error) ${reply.message}\n`;
    case 'status':
      return reply.value + '\n';
    case 'integer':
      return `(integer) ${reply.value}\n`;
    case 'double':
      return `(double) ${formatDouble(reply.value)}\n`;
    case 'bignum':
      return `(big number) ${reply.value}\n`;
    case 'bulk':
      return reply.value === null ? '(nil)\n' : quoteBytes(reply.value) + '\n';
    case 'verbatim':
      // redis-cli prints verbatim text unquoted, without its format prefix.
      return reply.value + '\n';
    case 'null':
      return '(nil)\n';
    case 'boolean':
      return reply.value ? '(true)\n' : '(false)\n';
    case 'array':
    case 'set':
    case 'push': {
      if (reply.value === null) return '(nil)\n';
      const items = reply.value;
      if (items.length === 0) {
        return reply.type === 'array' ? '(empty array)\n' : reply.type === 'set' ? '(empty set)\n' : '(empty push)\n';
      }
      const marker = reply.type === 'set' ? '~' : ')';
      return formatAggregate(items.length, marker, prefix, (i, childPrefix) => formatTty(items[i]!, childPrefix));
    }
    case 'map': {
      const pairs = reply.value;
      if (pairs.length === 0) return '(empty hash)\n';
      return formatAggregate(pairs.length, '#', prefix, (i, childPrefix) => {
        const [key, value] = pairs[i]!;
        // A value spanning several lines starts on its own line, aligned with its siblings.
        const gap = isMultiline(value) ? ' => \n' + childPrefix : ' => ';
        return formatTty(key, childPrefix).slice(0, -1) + gap + formatTty(value, childPrefix);
      });
    }
  }
}

function isMultiline(reply: RespValue): boolean {
  switch (reply.type) {
    case 'array':
    case 'set':
    case 'push': {
      const items = reply.value ?? [];
      return items.length > 1 || (items.length === 1 && isMultiline(items[0]!));
    }
    case 'map':
      return reply.value.length > 1 || (reply.value.length === 1 && isMultiline(reply.value[0]![1]));
    default:
      return false;
  }
}

// Entries are numbered from 1, right-aligned to the widest index; nested entries indent past it.
function formatAggregate(
  count: number,
  marker: string,
  prefix: string,
  entry: (index: number, childPrefix: string) => string,
): string {
  const width = String(count).length;
  const childPrefix = prefix + ' '.repeat(width + 2);
  let out = '';
  for (let i = 0; i < count; i++) {
    // The first entry follows whatever the parent already printed on this line.
    out += (i === 0 ? '' : prefix) + String(i + 1).padStart(width, ' ') + marker + ' ';
    out += entry(i, childPrefix);
  }
  return out;
}

function formatRaw(reply: RespValue): string {
  switch (reply.type) {
    case 'error':
      return reply.message + '\n';
    case 'status':
    case 'verbatim':
      return reply.value;
    case 'bulk':
      return reply.value ?? '';
    case 'null':
      return '';
    case 'integer':
      return String(reply.value);
    case 'double':
      return formatDouble(reply.value);
    case 'bignum':
      return reply.value;
    case 'boolean':
      return reply.value ? '(true)' : '(false)';
    case 'array':
    case 'set':
    case 'push':
      return (reply.value ?? []).map(formatRaw).join('\n');
    case 'map':
      return reply.value.map(([k, v]) => formatRaw(k) + ' ' + formatRaw(v)).join('\n');
  }
}

export interface FormatOptions {
  /** Print as redis-cli prints INFO and a few others even in a terminal (see `printsRaw`). */
  raw?: boolean;
}

/**
 * Renders a reply exactly as redis-cli prints it in a terminal, final newline included.
 * The result is a binary string (bulk strings are escaped, statuses and errors pass through).
 * @example formatReply({ type: 'array', value: [{ type: 'bulk', value: 'a' }] }) === '1) "a"\n'
 */
export function formatReply(reply: RespValue, options: FormatOptions = {}): string {
  // redis-cli adds no newline of its own after a raw-printed reply (INFO text ends with CRLF).
  return options.raw ? formatRaw(reply) : formatTty(reply, '');
}

const lower = (s: string | undefined) => (s ?? '').toLowerCase();

/** Whether redis-cli prints this command's reply raw even in a terminal (INFO, CLIENT LIST, ...). */
export function printsRaw(argv: readonly string[]): boolean {
  const name = lower(argv[0]);
  const sub = lower(argv[1]);
  const n = argv.length;
  return (
    name === 'info' ||
    name === 'lolwut' ||
    (n >= 2 && name === 'debug' && (sub === 'htstats' || sub === 'htstats-key' || sub === 'client-eviction')) ||
    (n >= 2 && name === 'memory' && (sub === 'malloc-stats' || sub === 'doctor')) ||
    (n === 2 && name === 'cluster' && (sub === 'nodes' || sub === 'info')) ||
    (n >= 2 && name === 'client' && (sub === 'list' || sub === 'info')) ||
    (n === 3 && name === 'latency' && sub === 'graph') ||
    (n === 2 && name === 'latency' && sub === 'doctor') ||
    (n >= 2 && name === 'proxy' && sub === 'info')
  );
}
