// The string commands beyond GET and SET (t_string.c): MGET, MSET, APPEND, GETRANGE, INCR, ... The
// labs send only GET and SET, so these load with `loadCommands()`, not on first load.
import type { Reply } from '../reply.ts';
import type { Entry, Keyspace } from '../keyspace.ts';
import { addInt64, formatInt, normalizeInt, parseInt64, type Int64 } from '../numbers.ts';
import { incrByFloatText } from '../long-double.ts';
import type { RedisEmulator as Engine } from '../emulator.ts';
import { NOTIFY_GENERIC, NOTIFY_NEW, NOTIFY_STRING } from '../notify.ts';
import { getGeneric, MAX_JS_STRING, MAX_STRING } from './strings.ts';
import { arityError, arrayReply, bulkReply, EMPTY_BULK, errorReply, intReply, NIL, NOT_FLOAT, NOT_INTEGER, OK, ONE, OVERFLOW, WRONGTYPE, ZERO, type CommandRun } from './shared.ts';

export const getdel: CommandRun = (engine, argv, _session, db) => {
  const reply = getGeneric(engine, db, argv[1]!);
  if (reply.type === 'bulk' && reply.value !== null) {
    db.remove(argv[1]!);
    engine.signalModifiedKey(db, argv[1]!);
    engine.notifyKeyspaceEvent(NOTIFY_GENERIC, 'del', argv[1]!, db.id);
  }
  return reply;
};

export const getset: CommandRun = (engine, argv, _session, db) => {
  const key = argv[1]!;
  const reply = getGeneric(engine, db, key);
  if (reply.type === 'error') return reply;
  engine.setKey(db, key, argv[2]!, false, engine.lookupWrite(db, key));
  engine.notifyKeyspaceEvent(NOTIFY_STRING, 'set', key, db.id);
  return reply;
};

export const mget: CommandRun = (engine, argv, _session, db) => {
  const replies: Reply[] = new Array<Reply>(argv.length - 1);
  for (let j = 1; j < argv.length; j++) {
    const value = engine.lookupRead(db, argv[j]!)?.value;
    replies[j - 1] = typeof value === 'string' ? bulkReply(value) : NIL;
  }
  return arrayReply(replies);
};

function msetGeneric(engine: Engine, argv: readonly string[], db: Keyspace, nx: boolean): Reply {
  if (argv.length % 2 === 0) return arityError(nx ? 'msetnx' : 'mset');
  if (nx) {
    for (let j = 1; j < argv.length; j += 2) if (engine.lookupWrite(db, argv[j]!) !== undefined) return ZERO;
  }
  for (let j = 1; j < argv.length; j += 2) {
    engine.setKey(db, argv[j]!, argv[j + 1]!, false, engine.lookupWrite(db, argv[j]!));
    engine.notifyKeyspaceEvent(NOTIFY_STRING, 'set', argv[j]!, db.id);
  }
  return nx ? ONE : OK;
}

export const mset: CommandRun = (engine, argv, _session, db) => msetGeneric(engine, argv, db, false);
export const msetnx: CommandRun = (engine, argv, _session, db) => msetGeneric(engine, argv, db, true);

const TOO_BIG = errorReply('ERR string exceeds maximum allowed size (proto-max-bulk-len)');

export const append: CommandRun = (engine, argv, _session, db) => {
  const key = argv[1]!;
  const suffix = argv[2]!;
  const entry = engine.lookupWrite(db, key);
  let next = suffix;
  if (entry !== undefined) {
    const value = entry.value;
    if (typeof value !== 'string') return WRONGTYPE;
    if (value.length + suffix.length > Math.min(MAX_STRING, MAX_JS_STRING)) return TOO_BIG;
    next = value + suffix;
  }
  storeString(engine, db, key, entry, next, 'append');
  return intReply(next.length);
};

export const strlen: CommandRun = (engine, argv, _session, db) => {
  const value = engine.lookupRead(db, argv[1]!)?.value;
  if (value === undefined) return ZERO;
  if (typeof value !== 'string') return WRONGTYPE;
  return intReply(value.length);
};

export const getrange: CommandRun = (engine, argv, _session, db) => {
  const startArg = parseInt64(argv[2]!);
  if (startArg === null) return NOT_INTEGER;
  const endArg = parseInt64(argv[3]!);
  if (endArg === null) return NOT_INTEGER;
  const value = engine.lookupRead(db, argv[1]!)?.value;
  if (value === undefined) return EMPTY_BULK;
  if (typeof value !== 'string') return WRONGTYPE;
  // BigInt keeps the comparisons exact for arguments near the int64 limits.
  let start = BigInt(startArg);
  let end = BigInt(endArg);
  const length = BigInt(value.length);
  if (start < 0n && end < 0n && start > end) return EMPTY_BULK;
  if (start < 0n) start += length;
  if (end < 0n) end += length;
  if (start < 0n) start = 0n;
  if (end < 0n) end = 0n;
  if (end >= length) end = length - 1n;
  if (start > end || length === 0n) return EMPTY_BULK;
  return bulkReply(value.slice(Number(start), Number(end) + 1));
};

export const setrange: CommandRun = (engine, argv, _session, db) => {
  const key = argv[1]!;
  const patch = argv[3]!;
  const offsetArg = parseInt64(argv[2]!);
  if (offsetArg === null) return NOT_INTEGER;
  if (offsetArg < 0) return errorReply('ERR offset is out of range');
  const entry = engine.lookupWrite(db, key);
  // A missing key is an empty string here, created only when the patch writes something.
  let value = '';
  if (entry !== undefined) {
    if (typeof entry.value !== 'string') return WRONGTYPE;
    value = entry.value;
  }
  if (patch.length === 0) return intReply(value.length);
  if (Number(offsetArg) + patch.length > Math.min(MAX_STRING, MAX_JS_STRING)) return TOO_BIG;
  const offset = Number(offsetArg);
  const padded = value.length < offset ? value + '\0'.repeat(offset - value.length) : value;
  const next = padded.slice(0, offset) + patch + padded.slice(offset + patch.length);
  storeString(engine, db, key, entry, next, 'setrange');
  return intReply(next.length);
};

/**
 * A string command's result: a new key (with Redis's `new` event) or the entry's new value, then
 * signalModifiedKey and the command's own keyspace event.
 */
function storeString(engine: Engine, db: Keyspace, key: string, entry: Entry | undefined, value: string, event: string): void {
  if (entry === undefined) {
    db.add(key, value);
    engine.notifyKeyspaceEvent(NOTIFY_NEW, 'new', key, db.id);
  } else entry.value = value;
  engine.signalModifiedKey(db, key);
  engine.notifyKeyspaceEvent(NOTIFY_STRING, event, key, db.id);
}

function incrDecr(engine: Engine, db: Keyspace, key: string, increment: Int64): Reply {
  const entry = engine.lookupWrite(db, key);
  let current: Int64 = 0;
  if (entry !== undefined) {
    const value = entry.value;
    if (typeof value !== 'string') return WRONGTYPE;
    const parsed = parseInt64(value);
    if (parsed === null) return NOT_INTEGER;
    current = parsed;
  }
  const next = addInt64(current, increment);
  if (next === null) return OVERFLOW;
  storeString(engine, db, key, entry, typeof next === 'number' ? String(next) : formatInt(next), 'incrby');
  return intReply(next);
}

export const incr: CommandRun = (engine, argv, _session, db) => incrDecr(engine, db, argv[1]!, 1);
export const decr: CommandRun = (engine, argv, _session, db) => incrDecr(engine, db, argv[1]!, -1);

export const incrby: CommandRun = (engine, argv, _session, db) => {
  const increment = parseInt64(argv[2]!);
  if (increment === null) return NOT_INTEGER;
  return incrDecr(engine, db, argv[1]!, increment);
};

export const decrby: CommandRun = (engine, argv, _session, db) => {
  const decrement = parseInt64(argv[2]!);
  if (decrement === null) return NOT_INTEGER;
  if (decrement === -9223372036854775808n) return errorReply('ERR decrement would overflow');
  return incrDecr(engine, db, argv[1]!, typeof decrement === 'number' ? -decrement : normalizeInt(-decrement));
};

export const incrbyfloat: CommandRun = (engine, argv, _session, db) => {
  const key = argv[1]!;
  const entry = engine.lookupWrite(db, key);
  const value = entry === undefined ? null : entry.value;
  if (value !== null && typeof value !== 'string') return WRONGTYPE;
  const result = incrByFloatText(value, argv[2]!);
  if (result === 'not-float') return NOT_FLOAT;
  if (result === 'nan-or-inf') return errorReply('ERR increment would produce NaN or Infinity');
  storeString(engine, db, key, entry, result, 'incrbyfloat');
  return bulkReply(result);
};
