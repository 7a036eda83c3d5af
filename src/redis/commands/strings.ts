// String commands, following t_string.c: option parsing order, lookups and errors as in Redis 7.0.
import type { Reply } from '../reply.ts';
import type { ExpireAt, Keyspace } from '../keyspace.ts';
import { addInt64, formatInt, incrByFloatText, INT64_MAX, normalizeInt, parseInt64, type Int64 } from '../numbers.ts';
import type { RedisEmulator as Engine } from '../emulator.ts';
import { NOTIFY_GENERIC, NOTIFY_NEW, NOTIFY_STRING } from '../notify.ts';
import {
  arityError,
  arrayReply,
  bulkReply,
  EMPTY_BULK,
  errorReply,
  intReply,
  NIL,
  NOT_FLOAT,
  NOT_INTEGER,
  OK,
  ONE,
  OVERFLOW,
  SYNTAX,
  WRONGTYPE,
  ZERO,
  type CommandRun,
} from './shared.ts';

const NX = 1;
const XX = 2;
const EX = 4;
const PX = 8;
const KEEPTTL = 16;
const GET = 32;
const EXAT = 64;
const PXAT = 128;
const PERSIST = 256;
const ANY_EXPIRE = EX | PX | EXAT | PXAT;

/** proto-max-bulk-len: the largest string Redis builds. */
export const MAX_STRING = 512 * 1024 * 1024;
// V8 cannot hold a string of 512 MB: beyond its limit the emulator answers as if over proto-max-bulk-len.
const MAX_JS_STRING = 0x1fffffe8;

interface StringOptions {
  flags: number;
  expire: string | null;
}

// parseExtendedStringArgumentsOrReply: each option is accepted only if no conflicting one came first.
function parseStringOptions(argv: readonly string[], forSet: boolean): StringOptions | Reply {
  let flags = 0;
  let expire: string | null = null;
  for (let j = forSet ? 3 : 2; j < argv.length; j++) {
    const opt = optionName(argv[j]!);
    const hasNext = j < argv.length - 1;
    if (opt === 'nx' && !(flags & XX) && forSet) flags |= NX;
    else if (opt === 'xx' && !(flags & NX) && forSet) flags |= XX;
    else if (opt === 'get' && forSet) flags |= GET;
    else if (opt === 'keepttl' && !(flags & (PERSIST | ANY_EXPIRE)) && forSet) flags |= KEEPTTL;
    else if (opt === 'persist' && !forSet && !(flags & (ANY_EXPIRE | KEEPTTL))) flags |= PERSIST;
    else if (opt === 'ex' && !(flags & (KEEPTTL | PERSIST | EXAT | PX | PXAT)) && hasNext) {
      flags |= EX;
      expire = argv[++j]!;
    } else if (opt === 'px' && !(flags & (KEEPTTL | PERSIST | EX | EXAT | PXAT)) && hasNext) {
      flags |= PX;
      expire = argv[++j]!;
    } else if (opt === 'exat' && !(flags & (KEEPTTL | PERSIST | EX | PX | PXAT)) && hasNext) {
      flags |= EXAT;
      expire = argv[++j]!;
    } else if (opt === 'pxat' && !(flags & (KEEPTTL | PERSIST | EX | EXAT | PX)) && hasNext) {
      flags |= PXAT;
      expire = argv[++j]!;
    } else return SYNTAX;
  }
  return { flags, expire };
}

// Options are compared as C strings (a NUL ends them), case-insensitively; only short ones can match.
function optionName(arg: string): string {
  const nul = arg.indexOf('\0');
  if (nul >= 0) arg = arg.slice(0, nul);
  return arg.length > 7 ? '' : arg.toLowerCase();
}

// EX when the option is exactly "ex" in any case, PX for "px", 0 otherwise (then the full parser decides).
function secondsOrMilliseconds(option: string): number {
  if (option.length !== 2) return 0;
  const second = option.charCodeAt(1) | 0x20;
  if (second !== 0x78) return 0; // 'x'
  const first = option.charCodeAt(0) | 0x20;
  return first === 0x65 ? EX : first === 0x70 ? PX : 0; // 'e', 'p'
}

// Built only on failure: a frozen reply per successful SET EX was a measurable share of its cost.
const invalidExpire = (commandName: string): Reply => errorReply(`ERR invalid expire time in '${commandName}' command`);

/**
 * getExpireMillisecondsOrReply: the absolute expiry in ms for EX/PX/EXAT/PXAT, or an error.
 * `relative` adds the current time (EX, PX, SETEX, PSETEX).
 */
export function expireMilliseconds(
  engine: Engine,
  arg: string,
  seconds: boolean,
  relative: boolean,
  commandName: string,
): ExpireAt | Reply {
  const value = parseInt64(arg);
  if (value === null) return NOT_INTEGER;
  if (value <= 0) return invalidExpire(commandName);
  if (typeof value === 'number' && value < 1e12) {
    // Fast path: the result stays far below 2^53.
    return (seconds ? value * 1000 : value) + (relative ? engine.now : 0);
  }
  let ms = BigInt(value);
  if (seconds && ms > INT64_MAX / 1000n) return invalidExpire(commandName);
  if (seconds) ms *= 1000n;
  if (relative) ms += BigInt(engine.now);
  if (ms > INT64_MAX) return invalidExpire(commandName); // Redis detects the signed wrap-around as a value <= 0
  return normalizeInt(ms);
}

function getGeneric(engine: Engine, db: Keyspace, key: string): Reply {
  const entry = engine.lookupRead(db, key);
  if (entry === undefined) return NIL;
  const value = entry.value;
  if (typeof value !== 'string') return WRONGTYPE;
  return bulkReply(value);
}

export const get: CommandRun = (engine, argv, _session, db) => {
  const entry = engine.lookupRead(db, argv[1]!);
  if (entry === undefined) return NIL;
  const value = entry.value;
  if (typeof value !== 'string') return WRONGTYPE;
  return value.length === 0 ? EMPTY_BULK : { type: 'bulk', value };
};

function setGeneric(
  engine: Engine,
  db: Keyspace,
  key: string,
  value: string,
  flags: number,
  expire: string | null,
  commandName: string,
  okReply: Reply,
  abortReply: Reply,
): Reply {
  let when: ExpireAt | undefined;
  if (expire !== null) {
    const ms = expireMilliseconds(engine, expire, (flags & (EX | EXAT)) !== 0, (flags & (EX | PX)) !== 0, commandName);
    if (typeof ms === 'object') return ms;
    when = ms;
  }
  let previous: Reply = NIL;
  if (flags & GET) {
    previous = getGeneric(engine, db, key);
    if (previous.type === 'error') return previous;
  }
  const entry = engine.lookupWrite(db, key);
  const found = entry !== undefined;
  if ((flags & NX && found) || (flags & XX && !found)) return flags & GET ? previous : abortReply;
  // A new expiry replaces the old one in place (no volatile-set delete and re-add).
  const target = engine.setKey(db, key, value, (flags & KEEPTTL) !== 0 || when !== undefined, entry);
  engine.notifyKeyspaceEvent(NOTIFY_STRING, 'set', key, db.id);
  if (when !== undefined) {
    db.setExpire(key, target, when);
    engine.notifyKeyspaceEvent(NOTIFY_GENERIC, 'expire', key, db.id);
  }
  return flags & GET ? previous : okReply;
}

export const set: CommandRun = (engine, argv, _session, db) => {
  if (argv.length === 3) {
    // The plain SET path: no option parsing, no expiry.
    const key = argv[1]!;
    engine.setKey(db, key, argv[2]!, false, engine.lookupWrite(db, key));
    engine.notifyKeyspaceEvent(NOTIFY_STRING, 'set', key, db.id);
    return OK;
  }
  if (argv.length === 5) {
    // SET key value EX|PX n, the cache's write: no option object, no lowercase copy.
    const unit = secondsOrMilliseconds(argv[3]!);
    if (unit !== 0) {
      const amount = parseInt64(argv[4]!);
      if (typeof amount === 'number' && amount > 0 && amount < 1e12) {
        // The expiry stays a plain double here; through setGeneric's optional it was boxed per call.
        const when = (unit === EX ? amount * 1000 : amount) + engine.now;
        const key = argv[1]!;
        const entry = engine.lookupWrite(db, key);
        if (entry === undefined) {
          db.setExpire(key, db.add(key, argv[2]!), when);
          engine.notifyKeyspaceEvent(NOTIFY_NEW, 'new', key, db.id);
        } else {
          entry.value = argv[2]!;
          db.setExpire(key, entry, when);
        }
        engine.signalModifiedKey(db, key);
        if (engine.notifyKeyspaceEvents !== 0) {
          engine.notifyKeyspaceEvent(NOTIFY_STRING, 'set', key, db.id);
          engine.notifyKeyspaceEvent(NOTIFY_GENERIC, 'expire', key, db.id);
        }
        return OK;
      }
      return setGeneric(engine, db, argv[1]!, argv[2]!, unit, argv[4]!, 'set', OK, NIL);
    }
  }
  const options = parseStringOptions(argv, true);
  if ('type' in options) return options;
  return setGeneric(engine, db, argv[1]!, argv[2]!, options.flags, options.expire, 'set', OK, NIL);
};

export const setnx: CommandRun = (engine, argv, _session, db) =>
  setGeneric(engine, db, argv[1]!, argv[2]!, NX, null, 'setnx', ONE, ZERO);

export const setex: CommandRun = (engine, argv, _session, db) =>
  setGeneric(engine, db, argv[1]!, argv[3]!, EX, argv[2]!, 'setex', OK, NIL);

export const psetex: CommandRun = (engine, argv, _session, db) =>
  setGeneric(engine, db, argv[1]!, argv[3]!, PX, argv[2]!, 'psetex', OK, NIL);

export const getex: CommandRun = (engine, argv, _session, db) => {
  const options = parseStringOptions(argv, false);
  if ('type' in options) return options;
  const key = argv[1]!;
  const entry = engine.lookupRead(db, key);
  if (entry === undefined) return NIL;
  const value = entry.value;
  if (typeof value !== 'string') return WRONGTYPE;
  let when: ExpireAt | undefined;
  if (options.expire !== null) {
    const flags = options.flags;
    const ms = expireMilliseconds(engine, options.expire, (flags & (EX | EXAT)) !== 0, (flags & (EX | PX)) !== 0, 'getex');
    if (typeof ms === 'object') return ms;
    when = ms;
  }
  const reply = bulkReply(value);
  if (options.flags & (EXAT | PXAT) && when !== undefined && when <= engine.now) {
    db.remove(key); // an absolute time already past deletes at once (not counted as expired)
    engine.signalModifiedKey(db, key);
    engine.notifyKeyspaceEvent(NOTIFY_GENERIC, 'del', key, db.id);
  } else if (when !== undefined) {
    db.setExpire(key, entry, when);
    engine.signalModifiedKey(db, key);
    engine.notifyKeyspaceEvent(NOTIFY_GENERIC, 'expire', key, db.id);
  } else if (options.flags & PERSIST) {
    if (db.persist(key, entry)) {
      engine.signalModifiedKey(db, key);
      engine.notifyKeyspaceEvent(NOTIFY_GENERIC, 'persist', key, db.id);
    }
  }
  return reply;
};

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
  if (entry === undefined) {
    db.add(key, suffix);
    engine.notifyKeyspaceEvent(NOTIFY_NEW, 'new', key, db.id);
    engine.signalModifiedKey(db, key);
    engine.notifyKeyspaceEvent(NOTIFY_STRING, 'append', key, db.id);
    return intReply(suffix.length);
  }
  const value = entry.value;
  if (typeof value !== 'string') return WRONGTYPE;
  if (value.length + suffix.length > Math.min(MAX_STRING, MAX_JS_STRING)) return TOO_BIG;
  const next = value + suffix;
  entry.value = next;
  engine.signalModifiedKey(db, key);
  engine.notifyKeyspaceEvent(NOTIFY_STRING, 'append', key, db.id);
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
  if (entry === undefined) {
    if (patch.length === 0) return ZERO;
    if (Number(offsetArg) + patch.length > Math.min(MAX_STRING, MAX_JS_STRING)) return TOO_BIG;
    const offset = Number(offsetArg);
    const created = '\0'.repeat(offset) + patch;
    db.add(key, created);
    engine.notifyKeyspaceEvent(NOTIFY_NEW, 'new', key, db.id);
    engine.signalModifiedKey(db, key);
    engine.notifyKeyspaceEvent(NOTIFY_STRING, 'setrange', key, db.id);
    return intReply(created.length);
  }
  const value = entry.value;
  if (typeof value !== 'string') return WRONGTYPE;
  if (patch.length === 0) return intReply(value.length);
  if (Number(offsetArg) + patch.length > Math.min(MAX_STRING, MAX_JS_STRING)) return TOO_BIG;
  const offset = Number(offsetArg);
  const padded = value.length < offset ? value + '\0'.repeat(offset - value.length) : value;
  const next = padded.slice(0, offset) + patch + padded.slice(offset + patch.length);
  entry.value = next;
  engine.signalModifiedKey(db, key);
  engine.notifyKeyspaceEvent(NOTIFY_STRING, 'setrange', key, db.id);
  return intReply(next.length);
};

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
  const text = typeof next === 'number' ? String(next) : formatInt(next);
  if (entry === undefined) {
    db.add(key, text);
    engine.notifyKeyspaceEvent(NOTIFY_NEW, 'new', key, db.id);
  } else entry.value = text;
  engine.signalModifiedKey(db, key);
  engine.notifyKeyspaceEvent(NOTIFY_STRING, 'incrby', key, db.id);
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
  if (entry === undefined) {
    db.add(key, result);
    engine.notifyKeyspaceEvent(NOTIFY_NEW, 'new', key, db.id);
  } else entry.value = result;
  engine.signalModifiedKey(db, key);
  engine.notifyKeyspaceEvent(NOTIFY_STRING, 'incrbyfloat', key, db.id);
  return bulkReply(result);
};
