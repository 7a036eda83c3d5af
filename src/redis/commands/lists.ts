// List commands, following t_list.c (a quicklist in 7.0, whatever the size) and the blocking
// forms of blocked.c. An emptied list is deleted, as listElementsRemoved does.
// Over 400 lines on purpose: one file per command family, as Redis has one t_list.c, so a command
// is found by its type; the blocking pops share this file's helpers.
import type { Reply } from '../reply.ts';
import type { Keyspace } from '../keyspace.ts';
import { parseInt64, type Int64 } from '../numbers.ts';
import { parseLongDouble } from '../long-double.ts';
import { BLOCKED } from '../session.ts';
import { ListValue } from '../values.ts';
import { NOTIFY_LIST } from '../notify.ts';
import type { RedisEmulator as Engine } from '../emulator.ts';
import {
  arityError,
  arrayReply,
  bulkReply,
  EMPTY_ARRAY,
  errorReply,
  addKey,
  deleteEmptied,
  intReply,
  isInt,
  modified,
  NIL,
  positiveLong,
  NO_SUCH_KEY,
  NOT_INTEGER,
  OK,
  optionIs,
  SYNTAX,
  WRONGTYPE,
  ZERO,
  type CommandRun,
} from './shared.ts';

export const NIL_ARRAY: Reply = Object.freeze({ type: 'array', value: null });
const OUT_OF_RANGE = errorReply('ERR index out of range');
const LONG_MIN = -9223372036854775808n;

/** The list at key for reading: null when missing, a Reply on WRONGTYPE. */
function readList(engine: Engine, db: Keyspace, key: string): ListValue | null | Reply {
  const value = engine.lookupRead(db, key)?.value;
  if (value === undefined) return null;
  return value instanceof ListValue ? value : WRONGTYPE;
}

export function writeList(engine: Engine, db: Keyspace, key: string): ListValue | null | Reply {
  const value = engine.lookupWrite(db, key)?.value;
  if (value === undefined) return null;
  return value instanceof ListValue ? value : WRONGTYPE;
}

const isReply = (value: unknown): value is Reply => value !== null && !(value instanceof ListValue);

/** listElementsRemoved: the pop event, and an emptied list is deleted. */
export function elementsRemoved(engine: Engine, db: Keyspace, key: string, list: ListValue, left: boolean): void {
  engine.notifyKeyspaceEvent(NOTIFY_LIST, left ? 'lpop' : 'rpop', key, db.id);
  if (list.items.length === 0) deleteEmptied(engine, db, key);
  engine.signalModifiedKey(db, key);
}

function pushGeneric(engine: Engine, argv: readonly string[], db: Keyspace, left: boolean, onlyExisting: boolean): Reply {
  const key = argv[1]!;
  let list = writeList(engine, db, key);
  if (isReply(list)) return list;
  if (list === null) {
    if (onlyExisting) return ZERO;
    list = new ListValue();
    addKey(engine, db, key, list);
  }
  if (left) {
    // One copy for the whole batch: elements pushed left one by one end up reversed.
    const pushed = argv.slice(2).reverse();
    list.items = list.items.length === 0 ? pushed : pushed.concat(list.items);
  } else for (let j = 2; j < argv.length; j++) list.items.push(argv[j]!);
  modified(engine, db, key, NOTIFY_LIST, left ? 'lpush' : 'rpush');
  return intReply(list.items.length);
}

export const lpush: CommandRun = (engine, argv, _s, db) => pushGeneric(engine, argv, db, true, false);
export const rpush: CommandRun = (engine, argv, _s, db) => pushGeneric(engine, argv, db, false, false);
export const lpushx: CommandRun = (engine, argv, _s, db) => pushGeneric(engine, argv, db, true, true);
export const rpushx: CommandRun = (engine, argv, _s, db) => pushGeneric(engine, argv, db, false, true);

/** Elements [start, end] after Redis's index normalisation, or null when the range is empty. */
function normalizeRange(start: number, end: number, length: number): [number, number] | null {
  if (start < 0) start = length + start;
  if (end < 0) end = length + end;
  if (start < 0) start = 0;
  if (start > end || start >= length) return null;
  if (end >= length) end = length - 1;
  return [start, end];
}

/** A long argument clamped to what index arithmetic needs (beyond ±2^53 only the sign matters). */
function indexArg(value: Int64): number {
  return typeof value === 'number' ? value : value < 0n ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
}

function popGeneric(engine: Engine, argv: readonly string[], db: Keyspace, left: boolean): Reply {
  if (argv.length > 3) return arityError(left ? 'lpop' : 'rpop');
  const hasCount = argv.length === 3;
  let count = 0;
  if (hasCount) {
    const parsed = positiveLong(argv[2]!, null);
    if (!isInt(parsed)) return parsed;
    count = indexArg(parsed);
  }
  const key = argv[1]!;
  const list = writeList(engine, db, key);
  if (list === null) return hasCount ? NIL_ARRAY : NIL;
  if (isReply(list)) return list;
  if (hasCount && count === 0) return EMPTY_ARRAY;
  if (!hasCount) {
    const value = left ? list.items.shift()! : list.items.pop()!;
    elementsRemoved(engine, db, key, list, left);
    return bulkReply(value);
  }
  const taken = popRange(list, left, count);
  elementsRemoved(engine, db, key, list, left);
  return arrayReply(taken.map(bulkReply));
}

/** Removes up to `count` elements from one end, in pop order. */
export function popRange(list: ListValue, left: boolean, count: number): string[] {
  const n = Math.min(count, list.items.length);
  if (left) return list.items.splice(0, n);
  return list.items.splice(list.items.length - n, n).reverse();
}

export const lpop: CommandRun = (engine, argv, _s, db) => popGeneric(engine, argv, db, true);
export const rpop: CommandRun = (engine, argv, _s, db) => popGeneric(engine, argv, db, false);

export const llen: CommandRun = (engine, argv, _s, db) => {
  const list = readList(engine, db, argv[1]!);
  if (list === null) return ZERO;
  if (isReply(list)) return list;
  return intReply(list.items.length);
};

export const lrange: CommandRun = (engine, argv, _s, db) => {
  const start = parseInt64(argv[2]!);
  const end = parseInt64(argv[3]!);
  if (start === null || end === null) return NOT_INTEGER;
  const list = readList(engine, db, argv[1]!);
  if (list === null) return EMPTY_ARRAY;
  if (isReply(list)) return list;
  const range = normalizeRange(indexArg(start), indexArg(end), list.items.length);
  if (range === null) return EMPTY_ARRAY;
  return arrayReply(list.items.slice(range[0], range[1] + 1).map(bulkReply));
};

export const ltrim: CommandRun = (engine, argv, _s, db) => {
  const start = parseInt64(argv[2]!);
  const end = parseInt64(argv[3]!);
  if (start === null || end === null) return NOT_INTEGER;
  const key = argv[1]!;
  const list = writeList(engine, db, key);
  if (list === null) return OK;
  if (isReply(list)) return list;
  const range = normalizeRange(indexArg(start), indexArg(end), list.items.length);
  list.items = range === null ? [] : list.items.slice(range[0], range[1] + 1);
  engine.notifyKeyspaceEvent(NOTIFY_LIST, 'ltrim', key, db.id);
  if (list.items.length === 0) deleteEmptied(engine, db, key);
  engine.signalModifiedKey(db, key);
  return OK;
};

export const lindex: CommandRun = (engine, argv, _s, db) => {
  const list = readList(engine, db, argv[1]!);
  if (list === null) return NIL;
  if (isReply(list)) return list;
  const parsed = parseInt64(argv[2]!);
  if (parsed === null) return NOT_INTEGER;
  let index = indexArg(parsed);
  if (index < 0) index += list.items.length;
  const value = list.items[index];
  return index < 0 || value === undefined ? NIL : bulkReply(value);
};

export const lset: CommandRun = (engine, argv, _s, db) => {
  const list = writeList(engine, db, argv[1]!);
  if (list === null) return NO_SUCH_KEY;
  if (isReply(list)) return list;
  const parsed = parseInt64(argv[2]!);
  if (parsed === null) return NOT_INTEGER;
  let index = indexArg(parsed);
  if (index < 0) index += list.items.length;
  if (index < 0 || index >= list.items.length) return OUT_OF_RANGE;
  list.items[index] = argv[3]!;
  modified(engine, db, argv[1]!, NOTIFY_LIST, 'lset');
  return OK;
};

export const linsert: CommandRun = (engine, argv, _s, db) => {
  let after: boolean;
  if (optionIs(argv[2]!, 'after')) after = true;
  else if (optionIs(argv[2]!, 'before')) after = false;
  else return SYNTAX;
  const list = writeList(engine, db, argv[1]!);
  if (list === null) return ZERO;
  if (isReply(list)) return list;
  const at = list.items.indexOf(argv[3]!);
  if (at < 0) return intReply(-1);
  list.items.splice(after ? at + 1 : at, 0, argv[4]!);
  modified(engine, db, argv[1]!, NOTIFY_LIST, 'linsert');
  return intReply(list.items.length);
};

export const lrem: CommandRun = (engine, argv, _s, db) => {
  const parsed = parseInt64(argv[2]!);
  if (parsed === null) return NOT_INTEGER;
  const key = argv[1]!;
  const list = writeList(engine, db, key);
  if (list === null) return ZERO;
  if (isReply(list)) return list;
  const element = argv[3]!;
  // LONG_MIN negated overflows in C and stays negative: it then removes every match.
  const fromTail = parsed < 0;
  let limit = parsed === 0 || BigInt(parsed) === LONG_MIN ? Infinity : Math.abs(indexArg(parsed));
  const items = list.items;
  let removed = 0;
  if (fromTail) {
    // Mark from the tail, then copy once (a splice per match is quadratic on long lists).
    let cut = items.length;
    for (let i = items.length - 1; i >= 0 && limit > 0; i--) {
      if (items[i] === element) {
        removed++;
        limit--;
        cut = i;
      }
    }
    if (removed > 0) {
      let skip = removed;
      const kept: string[] = items.slice(0, cut);
      for (let i = cut; i < items.length; i++) {
        if (items[i] === element && skip > 0) skip--;
        else kept.push(items[i]!);
      }
      list.items = kept;
    }
  } else {
    const kept: string[] = [];
    for (const item of items) {
      if (item === element && limit > 0) {
        removed++;
        limit--;
      } else kept.push(item);
    }
    list.items = kept;
  }
  if (removed) modified(engine, db, key, NOTIFY_LIST, 'lrem');
  if (list.items.length === 0) deleteEmptied(engine, db, key);
  return intReply(removed);
};

function whereArg(arg: string): 'left' | 'right' | null {
  if (optionIs(arg, 'left')) return 'left';
  if (optionIs(arg, 'right')) return 'right';
  return null;
}

/** lmoveGenericCommand once the source is known to hold a non-empty list. */
function moveOne(engine: Engine, db: Keyspace, source: string, list: ListValue, destination: string, from: 'left' | 'right', to: 'left' | 'right'): Reply {
  const existing = engine.lookupWrite(db, destination)?.value;
  if (existing !== undefined && !(existing instanceof ListValue)) return WRONGTYPE;
  const value = from === 'left' ? list.items.shift()! : list.items.pop()!;
  let target = existing;
  if (target === undefined) {
    target = new ListValue();
    addKey(engine, db, destination, target);
  }
  if (to === 'left') target.items.unshift(value);
  else target.items.push(value);
  modified(engine, db, destination, NOTIFY_LIST, to === 'left' ? 'lpush' : 'rpush');
  engine.notifyKeyspaceEvent(NOTIFY_LIST, from === 'left' ? 'lpop' : 'rpop', source, db.id);
  if (list.items.length === 0 && db.index[source]?.value === list) deleteEmptied(engine, db, source);
  engine.signalModifiedKey(db, source);
  return bulkReply(value);
}

function lmoveGeneric(engine: Engine, db: Keyspace, source: string, destination: string, from: 'left' | 'right', to: 'left' | 'right'): Reply {
  const list = writeList(engine, db, source);
  if (list === null) return NIL;
  if (isReply(list)) return list;
  return moveOne(engine, db, source, list, destination, from, to);
}

export const lmove: CommandRun = (engine, argv, _s, db) => {
  const from = whereArg(argv[3]!);
  const to = whereArg(argv[4]!);
  if (from === null || to === null) return SYNTAX;
  return lmoveGeneric(engine, db, argv[1]!, argv[2]!, from, to);
};

export const rpoplpush: CommandRun = (engine, argv, _s, db) => lmoveGeneric(engine, db, argv[1]!, argv[2]!, 'right', 'left');

export const lpos: CommandRun = (engine, argv, _s, db) => {
  let rank = 1;
  let count = -1;
  let maxlen = 0;
  for (let j = 3; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const opt = argv[j]!;
    if (optionIs(opt, 'rank') && more) {
      const parsed = parseInt64(argv[++j]!);
      if (parsed === null) return NOT_INTEGER;
      if (parsed === 0) {
        return errorReply("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list");
      }
      // -LONG_MIN overflows in C and stays negative: every match counts, from the tail.
      rank = BigInt(parsed) === LONG_MIN ? -1 : indexArg(parsed);
    } else if (optionIs(opt, 'count') && more) {
      const parsed = positiveLong(argv[++j]!, "COUNT can't be negative");
      if (!isInt(parsed)) return parsed;
      count = indexArg(parsed);
    } else if (optionIs(opt, 'maxlen') && more) {
      const parsed = positiveLong(argv[++j]!, "MAXLEN can't be negative");
      if (!isInt(parsed)) return parsed;
      maxlen = indexArg(parsed);
    } else return SYNTAX;
  }
  const fromTail = rank < 0;
  if (fromTail) rank = -rank;
  const list = readList(engine, db, argv[1]!);
  if (list === null) return count !== -1 ? EMPTY_ARRAY : NIL;
  if (isReply(list)) return list;
  const items = list.items;
  const element = argv[2]!;
  const found: Reply[] = [];
  let matches = 0;
  for (let n = 0; n < items.length && (maxlen === 0 || n < maxlen); n++) {
    const index = fromTail ? items.length - 1 - n : n;
    if (items[index] !== element) continue;
    matches++;
    if (matches < rank) continue;
    if (count === -1) return intReply(index);
    found.push(intReply(index));
    if (count !== 0 && found.length >= count) break;
  }
  return count === -1 ? NIL : arrayReply(found);
};

// ---- blocking forms ------------------------------------------------------------------------

/** getTimeoutFromObjectOrReply in seconds: absolute virtual ms, 0 for none, or an error. */
export function parseTimeout(engine: Engine, text: string): number | Reply {
  const parsed = parseLongDouble(text);
  if (parsed === null) return errorReply('ERR timeout is not a float or out of range');
  const seconds = parsed.kind === 'inf' ? (parsed.neg ? -Infinity : Infinity) : Number(text);
  const ms = Math.ceil(seconds * 1000);
  // Beyond the long long range the C cast gives LLONG_MIN: negative.
  if (ms < 0 || Number.isNaN(ms) || ms >= 2 ** 63) return errorReply('ERR timeout is negative');
  return ms > 0 ? ms + engine.now : 0;
}

function blockingPop(engine: Engine, argv: readonly string[], session: Parameters<CommandRun>[2], db: Keyspace, left: boolean): Reply {
  const deadline = parseTimeout(engine, argv[argv.length - 1]!);
  if (typeof deadline !== 'number') return deadline;
  const keys = argv.slice(1, -1);
  for (const key of keys) {
    const list = writeList(engine, db, key);
    if (list === null) continue;
    if (isReply(list)) return list;
    const value = left ? list.items.shift()! : list.items.pop()!;
    elementsRemoved(engine, db, key, list, left);
    return arrayReply([bulkReply(key), bulkReply(value)]);
  }
  if (session.denyBlocking) return NIL_ARRAY; // inside EXEC or a script
  engine.blocking.block({
    session,
    db,
    keys,
    deadline,
    timeoutReply: NIL_ARRAY,
    serve: (served, key) => {
      const list = db.index[key]?.value;
      if (!(list instanceof ListValue) || list.items.length === 0) return null;
      const value = left ? list.items.shift()! : list.items.pop()!;
      elementsRemoved(served, db, key, list, left);
      return arrayReply([bulkReply(key), bulkReply(value)]);
    },
  });
  return BLOCKED;
}

export const blpop: CommandRun = (engine, argv, session, db) => blockingPop(engine, argv, session, db, true);
export const brpop: CommandRun = (engine, argv, session, db) => blockingPop(engine, argv, session, db, false);

function blockingMove(
  engine: Engine,
  session: Parameters<CommandRun>[2],
  db: Keyspace,
  source: string,
  destination: string,
  from: 'left' | 'right',
  to: 'left' | 'right',
  timeout: string,
): Reply {
  const deadline = parseTimeout(engine, timeout);
  if (typeof deadline !== 'number') return deadline;
  const list = writeList(engine, db, source);
  if (isReply(list)) return list;
  if (list !== null) return moveOne(engine, db, source, list, destination, from, to);
  if (session.denyBlocking) return NIL;
  engine.blocking.block({
    session,
    db,
    keys: [source],
    deadline,
    timeoutReply: NIL_ARRAY,
    serve: (served, key) => {
      const value = db.index[key]?.value;
      if (!(value instanceof ListValue) || value.items.length === 0) return null;
      return moveOne(served, db, key, value, destination, from, to);
    },
  });
  return BLOCKED;
}

export const blmove: CommandRun = (engine, argv, session, db) => {
  const from = whereArg(argv[3]!);
  const to = whereArg(argv[4]!);
  if (from === null || to === null) return SYNTAX;
  return blockingMove(engine, session, db, argv[1]!, argv[2]!, from, to, argv[5]!);
};

export const brpoplpush: CommandRun = (engine, argv, session, db) =>
  blockingMove(engine, session, db, argv[1]!, argv[2]!, 'right', 'left', argv[3]!);
