// Pops from the first non-empty of several keys (t_list.c's LMPOP/BLMPOP, t_zset.c's ZMPOP/BZMPOP)
// and the blocking sorted-set pops BZPOPMIN/BZPOPMAX, on the same blocking registry as BLPOP.
import type { Reply } from '../reply.ts';
import type { Keyspace } from '../keyspace.ts';
import type { Session } from '../session.ts';
import { BLOCKED } from '../session.ts';
import { ListValue, ZSetValue } from '../values.ts';
import type { RedisEmulator as Engine } from '../emulator.ts';
import { elementsRemoved, NIL_ARRAY, parseTimeout, popRange } from './lists.ts';
import { pairsReply, popZset } from './zsets.ts';
import { arrayReply, bulkReply, isInt, optionIs, rangeLong, SYNTAX, WRONGTYPE, type CommandRun } from './shared.ts';

const LONG_MAX = 9223372036854775807n;

interface MpopArgs {
  readonly keys: readonly string[];
  /** LEFT or MIN. */
  readonly first: boolean;
  readonly count: number;
}

/** lmpopGenericCommand / zmpopGenericCommand's parsing: numkeys, keys, the side, [COUNT n]. */
function parseMpop(argv: readonly string[], numkeysAt: number, sides: readonly [string, string]): MpopArgs | Reply {
  const numkeys = rangeLong(argv[numkeysAt]!, 1n, LONG_MAX, 'numkeys should be greater than 0');
  if (!isInt(numkeys)) return numkeys;
  const whereAt = numkeysAt + Number(numkeys) + 1;
  if (whereAt >= argv.length) return SYNTAX;
  let first: boolean;
  if (optionIs(argv[whereAt]!, sides[0])) first = true;
  else if (optionIs(argv[whereAt]!, sides[1])) first = false;
  else return SYNTAX;
  let count = -1;
  for (let j = whereAt + 1; j < argv.length; j++) {
    if (count === -1 && optionIs(argv[j]!, 'count') && argv.length - 1 - j > 0) {
      const parsed = rangeLong(argv[++j]!, 1n, LONG_MAX, 'count should be greater than 0');
      if (!isInt(parsed)) return parsed;
      count = typeof parsed === 'number' ? parsed : Number.MAX_SAFE_INTEGER;
    } else return SYNTAX;
  }
  return { keys: argv.slice(numkeysAt + 1, whereAt), first, count: count === -1 ? 1 : count };
}

const isArgs = (value: MpopArgs | Reply): value is MpopArgs => 'keys' in value;

/** [key, [elements]] from a non-empty list (listPopRangeAndReplyWithKey). */
function popListReply(engine: Engine, db: Keyspace, key: string, list: ListValue, left: boolean, count: number): Reply {
  const taken = popRange(list, left, count);
  elementsRemoved(engine, db, key, list, left);
  return arrayReply([bulkReply(key), arrayReply(taken.map(bulkReply))]);
}

/** The first key holding a non-empty list, WRONGTYPE on the way, or null. */
function firstList(engine: Engine, db: Keyspace, keys: readonly string[]): [string, ListValue] | Reply | null {
  for (const key of keys) {
    const value = engine.lookupWrite(db, key)?.value;
    if (value === undefined) continue;
    if (!(value instanceof ListValue)) return WRONGTYPE;
    if (value.items.length > 0) return [key, value];
  }
  return null;
}

function firstZset(engine: Engine, db: Keyspace, keys: readonly string[]): [string, ZSetValue] | Reply | null {
  for (const key of keys) {
    const value = engine.lookupWrite(db, key)?.value;
    if (value === undefined) continue;
    if (!(value instanceof ZSetValue)) return WRONGTYPE;
    return [key, value];
  }
  return null;
}

/** Blocks the session on `keys` until `serve` can answer, or until the deadline (a null array). */
function block(engine: Engine, session: Session, db: Keyspace, keys: readonly string[], deadline: number, serve: (key: string) => Reply | null): Reply {
  if (session.denyBlocking) return NIL_ARRAY; // inside EXEC or a script
  engine.blocking.block({ session, db, keys, deadline, timeoutReply: NIL_ARRAY, serve: (_engine, key) => serve(key) });
  return BLOCKED;
}

function lmpopGeneric(engine: Engine, argv: readonly string[], session: Session, db: Keyspace, blocking: boolean): Reply {
  const args = parseMpop(argv, blocking ? 2 : 1, ['left', 'right']);
  if (!isArgs(args)) return args;
  const deadline = blocking ? parseTimeout(engine, argv[1]!) : 0;
  if (typeof deadline !== 'number') return deadline;
  const found = firstList(engine, db, args.keys);
  if (Array.isArray(found)) return popListReply(engine, db, found[0], found[1], args.first, args.count);
  if (found !== null) return found;
  if (!blocking) return NIL_ARRAY;
  return block(engine, session, db, args.keys, deadline, (key) => {
    const list = db.index[key]?.value;
    return list instanceof ListValue && list.items.length > 0 ? popListReply(engine, db, key, list, args.first, args.count) : null;
  });
}

export const lmpop: CommandRun = (engine, argv, session, db) => lmpopGeneric(engine, argv, session, db, false);
export const blmpop: CommandRun = (engine, argv, session, db) => lmpopGeneric(engine, argv, session, db, true);

/** ZMPOP's [key, [[member, score], ...]]. */
function zmpopReply(engine: Engine, db: Keyspace, key: string, zset: ZSetValue, min: boolean, count: number): Reply {
  return arrayReply([bulkReply(key), arrayReply(pairsReply(popZset(engine, db, key, zset, !min, count), true))]);
}

function zmpopGeneric(engine: Engine, argv: readonly string[], session: Session, db: Keyspace, blocking: boolean): Reply {
  const args = parseMpop(argv, blocking ? 2 : 1, ['min', 'max']);
  if (!isArgs(args)) return args;
  const deadline = blocking ? parseTimeout(engine, argv[1]!) : 0;
  if (typeof deadline !== 'number') return deadline;
  const found = firstZset(engine, db, args.keys);
  if (Array.isArray(found)) return zmpopReply(engine, db, found[0], found[1], args.first, args.count);
  if (found !== null) return found;
  if (!blocking) return NIL_ARRAY;
  return block(engine, session, db, args.keys, deadline, (key) => {
    const zset = db.index[key]?.value;
    return zset instanceof ZSetValue ? zmpopReply(engine, db, key, zset, args.first, args.count) : null;
  });
}

export const zmpop: CommandRun = (engine, argv, session, db) => zmpopGeneric(engine, argv, session, db, false);
export const bzmpop: CommandRun = (engine, argv, session, db) => zmpopGeneric(engine, argv, session, db, true);

/** BZPOPMIN/BZPOPMAX key [key ...] timeout: [key, member, score]. */
function bzpopGeneric(engine: Engine, argv: readonly string[], session: Session, db: Keyspace, max: boolean): Reply {
  const deadline = parseTimeout(engine, argv[argv.length - 1]!);
  if (typeof deadline !== 'number') return deadline;
  const keys = argv.slice(1, -1);
  const reply = (key: string, zset: ZSetValue): Reply => arrayReply([bulkReply(key), ...pairsReply(popZset(engine, db, key, zset, max, 1), false)]);
  const found = firstZset(engine, db, keys);
  if (Array.isArray(found)) return reply(found[0], found[1]);
  if (found !== null) return found;
  return block(engine, session, db, keys, deadline, (key) => {
    const zset = db.index[key]?.value;
    return zset instanceof ZSetValue ? reply(key, zset) : null;
  });
}

export const bzpopmin: CommandRun = (engine, argv, session, db) => bzpopGeneric(engine, argv, session, db, false);
export const bzpopmax: CommandRun = (engine, argv, session, db) => bzpopGeneric(engine, argv, session, db, true);
