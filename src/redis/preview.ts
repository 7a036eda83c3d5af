// One line of text per stored value, for the keyspace view (snapshot/inspect): readable, bounded.
import type { StoredValue } from './keyspace.ts';
import { formatDouble } from './numbers.ts';
import { typeName, type TypeName } from './commands/shared.ts';


/** String length in bytes, or the number of fields, elements, members or entries. */
export function valueSize(value: StoredValue): number {
  if (typeof value === 'string') return value.length;
  if (value.type === 'list') return value.items.length;
  return value.type === 'stream' ? value.length : value.size;
}

export function valueType(value: StoredValue): Exclude<TypeName, 'none'> {
  return typeName(value) as Exclude<TypeName, 'none'>;
}

/**
 * `Ada` for a string, `name=Ada age=36` for a hash, `[a, b, c]` for a list, `{a, b}` for a set,
 * `a:1 b:2.5` for a sorted set (ascending), `1-0 {f=v}, 2-0 {f=w}` for a stream; cut to `limit` chars.
 */
export function previewValue(value: StoredValue, limit: number): string {
  if (typeof value === 'string') return cut(value, limit);
  const parts: string[] = [];
  let length = 0;
  const push = (part: string): boolean => {
    parts.push(part);
    length += part.length + 2;
    return length <= limit;
  };
  let open = '';
  let close = '';
  let separator = ', ';
  if (value.type === 'hash') {
    separator = ' ';
    for (const [field, v] of value) if (!push(`${field}=${v}`)) break;
  } else if (value.type === 'list') {
    [open, close] = ['[', ']'];
    for (const item of value.items) if (!push(item)) break;
  } else if (value.type === 'set') {
    [open, close] = ['{', '}'];
    for (const member of value.ordered()) if (!push(member)) break;
  } else if (value.type === 'zset') {
    separator = ' ';
    for (const { member, score } of value.sorted) if (!push(`${member}:${formatDouble(score)}`)) break;
  } else {
    for (const entry of value.entries) {
      const fields: string[] = [];
      for (let i = 0; i < entry.fields.length; i += 2) fields.push(`${entry.fields[i]}=${entry.fields[i + 1]}`);
      // formatId's text (values.ts, which stays off the first load).
      if (!push(`${entry.id.ms}-${entry.id.seq} {${fields.join(' ')}}`)) break;
    }
  }
  return cut(open + parts.join(separator) + close, limit);
}

function cut(text: string, limit: number): string {
  return text.length > limit ? text.slice(0, limit - 1) + '…' : text;
}
