// String commands, following t_string.c: option parsing order, lookups and errors as in Redis 7.0.
import type { Reply } from '../reply.ts';
import type { ExpireAt, Keyspace } from '../keyspace.ts';
import { INT64_MAX, normalizeInt, parseInt64 } from '../numbers.ts';
import type { RedisEmulator as Engine } from '../emulator.ts';
import { NOTIFY_GENERIC, NOTIFY_NEW, NOTIFY_STRING } from '../notify.ts';
import { bulkReply, EMPTY_BULK, errorReply, NIL, NOT_INTEGER, OK, ONE, SYNTAX, WRONGTYPE, ZERO, type CommandRun } from './shared.ts';

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
export const MAX_JS_STRING = 0x1fffffe8;

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

export function getGeneric(engine: Engine, db: Keyspace, key: string): Reply {
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
