// Hash commands, following t_hash.c. A Map keeps insertion order, as a small listpack hash does.
import { HashValue } from '../values.ts';
import type { Reply } from '../reply.ts';
import type { Keyspace } from '../keyspace.ts';
import { addInt64, formatInt, parseInt64 } from '../numbers.ts';
import { addLongDouble, formatLongDoubleHuman, parseLongDouble } from '../long-double.ts';
import { INVALID_CURSOR, parseCursor } from './keys.ts';
import type { RedisEmulator as Engine } from '../emulator.ts';
import { NOTIFY_GENERIC, NOTIFY_HASH, NOTIFY_NEW } from '../notify.ts';
import {
  arityError,
  arrayReply,
  bulkReply,
  EMPTY_ARRAY,
  EMPTY_SCAN,
  NOT_FLOAT,
  optionIs,
  randomPicks,
  rangeLong,
  isInt,
  scanElements,
  SYNTAX,
  EMPTY_MAP,
  errorReply,
  intReply,
  NIL,
  NOT_INTEGER,
  OK,
  ONE,
  OVERFLOW,
  WRONGTYPE,
  ZERO,
  type CommandRun,
} from './shared.ts';

type Hash = HashValue;

// hashTypeLookupWriteOrCreate: a missing key becomes an empty hash, a string is WRONGTYPE.
function lookupWriteOrCreate(engine: Engine, db: Keyspace, key: string): Hash | Reply {
  const entry = engine.lookupWrite(db, key);
  if (entry === undefined) {
    const hash = new HashValue();
    hash.limits = engine.encodingLimits;
    db.add(key, hash);
    engine.notifyKeyspaceEvent(NOTIFY_NEW, 'new', key, db.id);
    return hash;
  }
  const value = entry.value;
  if (!(value instanceof HashValue)) return WRONGTYPE;
  return value;
}

function lookupRead(engine: Engine, db: Keyspace, key: string): Hash | null | Reply {
  const value = engine.lookupRead(db, key)?.value;
  if (value === undefined) return null;
  if (!(value instanceof HashValue)) return WRONGTYPE;
  return value;
}

const isReply = (value: Hash | Reply | null): value is Reply => value !== null && !(value instanceof HashValue);

function hsetGeneric(engine: Engine, argv: readonly string[], db: Keyspace, legacy: boolean): Reply {
  if (argv.length % 2 === 1) return arityError(legacy ? 'hmset' : 'hset');
  const hash = lookupWriteOrCreate(engine, db, argv[1]!);
  if (isReply(hash)) return hash;
  let created = 0;
  for (let i = 2; i < argv.length; i += 2) {
    const field = argv[i]!;
    if (!hash.has(field)) created++;
    hash.set(field, argv[i + 1]!);
    hash.noteWrite(field, argv[i + 1]!);
  }
  engine.signalModifiedKey(db, argv[1]!);
  engine.notifyKeyspaceEvent(NOTIFY_HASH, 'hset', argv[1]!, db.id);
  return legacy ? OK : intReply(created);
}

export const hset: CommandRun = (engine, argv, _session, db) => hsetGeneric(engine, argv, db, false);
export const hmset: CommandRun = (engine, argv, _session, db) => hsetGeneric(engine, argv, db, true);

export const hsetnx: CommandRun = (engine, argv, _session, db) => {
  const hash = lookupWriteOrCreate(engine, db, argv[1]!);
  if (isReply(hash)) return hash;
  if (hash.has(argv[2]!)) return ZERO;
  hash.set(argv[2]!, argv[3]!);
  hash.noteWrite(argv[2]!, argv[3]!);
  engine.signalModifiedKey(db, argv[1]!);
  engine.notifyKeyspaceEvent(NOTIFY_HASH, 'hset', argv[1]!, db.id);
  return ONE;
};

export const hget: CommandRun = (engine, argv, _session, db) => {
  const hash = lookupRead(engine, db, argv[1]!);
  if (hash === null) return NIL;
  if (isReply(hash)) return hash;
  const value = hash.get(argv[2]!);
  return value === undefined ? NIL : bulkReply(value);
};

export const hmget: CommandRun = (engine, argv, _session, db) => {
  const hash = lookupRead(engine, db, argv[1]!);
  if (isReply(hash)) return hash;
  const replies: Reply[] = [];
  for (let i = 2; i < argv.length; i++) {
    const value = hash === null ? undefined : hash.get(argv[i]!);
    replies.push(value === undefined ? NIL : bulkReply(value));
  }
  return arrayReply(replies);
};

export const hgetall: CommandRun = (engine, argv, _session, db) => {
  const hash = lookupRead(engine, db, argv[1]!);
  if (hash === null) return EMPTY_MAP;
  if (isReply(hash)) return hash;
  const pairs: Array<readonly [Reply, Reply]> = [];
  for (const [field, value] of hash) pairs.push([bulkReply(field), bulkReply(value)]);
  return { type: 'map', value: pairs };
};

export const hkeys: CommandRun = (engine, argv, _session, db) => {
  const hash = lookupRead(engine, db, argv[1]!);
  if (hash === null) return EMPTY_ARRAY;
  if (isReply(hash)) return hash;
  const replies: Reply[] = [];
  for (const field of hash.keys()) replies.push(bulkReply(field));
  return arrayReply(replies);
};

export const hvals: CommandRun = (engine, argv, _session, db) => {
  const hash = lookupRead(engine, db, argv[1]!);
  if (hash === null) return EMPTY_ARRAY;
  if (isReply(hash)) return hash;
  const replies: Reply[] = [];
  for (const value of hash.values()) replies.push(bulkReply(value));
  return arrayReply(replies);
};

export const hdel: CommandRun = (engine, argv, _session, db) => {
  const key = argv[1]!;
  const value = engine.lookupWrite(db, key)?.value;
  if (value === undefined) return ZERO;
  if (!(value instanceof HashValue)) return WRONGTYPE;
  let deleted = 0;
  for (let i = 2; i < argv.length; i++) {
    if (value.delete(argv[i]!)) {
      deleted++;
      if (value.size === 0) {
        db.remove(key);
        break;
      }
    }
  }
  if (deleted > 0) {
    engine.signalModifiedKey(db, key);
    engine.notifyKeyspaceEvent(NOTIFY_HASH, 'hdel', key, db.id);
    if (db.index[key] === undefined) engine.notifyKeyspaceEvent(NOTIFY_GENERIC, 'del', key, db.id);
  }
  return intReply(deleted);
};

export const hexists: CommandRun = (engine, argv, _session, db) => {
  const hash = lookupRead(engine, db, argv[1]!);
  if (hash === null) return ZERO;
  if (isReply(hash)) return hash;
  return hash.has(argv[2]!) ? ONE : ZERO;
};

export const hlen: CommandRun = (engine, argv, _session, db) => {
  const hash = lookupRead(engine, db, argv[1]!);
  if (hash === null) return ZERO;
  if (isReply(hash)) return hash;
  return intReply(hash.size);
};

export const hstrlen: CommandRun = (engine, argv, _session, db) => {
  const hash = lookupRead(engine, db, argv[1]!);
  if (hash === null) return ZERO;
  if (isReply(hash)) return hash;
  return intReply(hash.get(argv[2]!)?.length ?? 0);
};

const HASH_NOT_INTEGER = errorReply('ERR hash value is not an integer');

export const hincrby: CommandRun = (engine, argv, _session, db) => {
  const increment = parseInt64(argv[3]!);
  if (increment === null) return NOT_INTEGER;
  const hash = lookupWriteOrCreate(engine, db, argv[1]!);
  if (isReply(hash)) return hash;
  const field = argv[2]!;
  const current = hash.get(field);
  let value = parseInt64(current ?? '0');
  if (value === null) return HASH_NOT_INTEGER;
  const next = addInt64(value, increment);
  if (next === null) return OVERFLOW;
  value = next;
  hash.set(field, formatInt(value));
  hash.noteWrite(field, '');
  engine.signalModifiedKey(db, argv[1]!);
  engine.notifyKeyspaceEvent(NOTIFY_HASH, 'hincrby', argv[1]!, db.id);
  return intReply(value);
};

export const hincrbyfloat: CommandRun = (engine, argv, _session, db) => {
  const increment = parseLongDouble(argv[3]!);
  if (increment === null) return NOT_FLOAT;
  if (increment.kind === 'inf') return errorReply('ERR value is NaN or Infinity');
  const hash = lookupWriteOrCreate(engine, db, argv[1]!);
  if (isReply(hash)) return hash;
  const field = argv[2]!;
  const current = hash.get(field);
  const base = current === undefined ? parseLongDouble('0')! : parseLongDouble(current);
  if (base === null) return errorReply('ERR hash value is not a float');
  const sum = addLongDouble(base, increment);
  if (sum === null || sum.kind === 'inf') return errorReply('ERR increment would produce NaN or Infinity');
  const text = formatLongDoubleHuman(sum);
  hash.set(field, text);
  hash.noteWrite(field, text);
  engine.signalModifiedKey(db, argv[1]!);
  engine.notifyKeyspaceEvent(NOTIFY_HASH, 'hincrbyfloat', argv[1]!, db.id);
  return bulkReply(text);
};

export const hscan: CommandRun = (engine, argv, _session, db) => {
  if (parseCursor(argv[2]!) === null) return INVALID_CURSOR;
  const hash = lookupRead(engine, db, argv[1]!);
  if (hash === null) return EMPTY_SCAN;
  if (isReply(hash)) return hash;
  const flat: string[] = [];
  for (const [field, value] of hash) flat.push(field, value);
  return scanElements(argv, flat, true);
};

const LONG_MAX = 9223372036854775807n;

/** HRANDFIELD key [count [WITHVALUES]]: random picks come from the emulator's seeded generator. */
export const hrandfield: CommandRun = (engine, argv, session, db) => {
  if (argv.length >= 3) {
    const parsed = rangeLong(argv[2]!, -LONG_MAX, LONG_MAX, null);
    if (!isInt(parsed)) return parsed;
    if (argv.length > 4 || (argv.length === 4 && !optionIs(argv[3]!, 'withvalues'))) return SYNTAX;
    const withValues = argv.length === 4;
    if (withValues && (BigInt(parsed) < -LONG_MAX / 2n || BigInt(parsed) > LONG_MAX / 2n)) return errorReply('ERR value is out of range');
    const hash = lookupRead(engine, db, argv[1]!);
    if (hash === null) return EMPTY_ARRAY;
    if (isReply(hash)) return hash;
    const fields = [...hash.keys()];
    const picks = randomPicks(fields.length, parsed, engine.nextRandom);
    const replies: Reply[] = [];
    for (const index of picks) {
      const field = fields[index]!;
      if (!withValues) replies.push(bulkReply(field));
      else if (session.protocol === 3) replies.push(arrayReply([bulkReply(field), bulkReply(hash.get(field)!)]));
      else replies.push(bulkReply(field), bulkReply(hash.get(field)!));
    }
    return arrayReply(replies);
  }
  const hash = lookupRead(engine, db, argv[1]!);
  if (hash === null) return NIL;
  if (isReply(hash)) return hash;
  const fields = [...hash.keys()];
  return bulkReply(fields[engine.nextRandom() % fields.length]!);
};
