// Set commands, following t_set.c. A set is an intset (sorted integers) until a non-integer or
// its 513th member arrives, then a hashtable; the emulator keeps insertion order for those.
import type { Reply } from '../reply.ts';
import type { Keyspace } from '../keyspace.ts';
import { SetValue } from '../values.ts';
import { NOTIFY_SET } from '../notify.ts';
import type { RedisEmulator as Engine } from '../emulator.ts';
import { INVALID_CURSOR, parseCursor } from './keys.ts';
import {
  addKey,
  arrayReply,
  bulkReply,
  deleteEmptied,
  modified,
  EMPTY_ARRAY,
  EMPTY_SCAN,
  errorReply,
  intReply,
  isInt,
  NIL,
  ONE,
  positiveLong,
  randomPicks,
  rangeLong,
  scanElements,
  SYNTAX,
  WRONGTYPE,
  ZERO,
  type CommandRun,
} from './shared.ts';

const LONG_MAX = 9223372036854775807n;
const EMPTY_SET: Reply = Object.freeze({ type: 'set', value: [] });

function readSet(engine: Engine, db: Keyspace, key: string): SetValue | null | Reply {
  const value = engine.lookupRead(db, key)?.value;
  if (value === undefined) return null;
  return value instanceof SetValue ? value : WRONGTYPE;
}

function writeSet(engine: Engine, db: Keyspace, key: string): SetValue | null | Reply {
  const value = engine.lookupWrite(db, key)?.value;
  if (value === undefined) return null;
  return value instanceof SetValue ? value : WRONGTYPE;
}

const isReply = (value: unknown): value is Reply => value !== null && !(value instanceof SetValue);

/** A RESP3 set reply (an array in RESP2). */
function setReply(members: readonly string[]): Reply {
  return members.length === 0 ? EMPTY_SET : { type: 'set', value: members.map(bulkReply) };
}

export const sadd: CommandRun = (engine, argv, _s, db) => {
  const key = argv[1]!;
  let set = writeSet(engine, db, key);
  if (isReply(set)) return set;
  if (set === null) {
    set = new SetValue();
    set.limits = engine.encodingLimits;
    addKey(engine, db, key, set);
  }
  let added = 0;
  for (let j = 2; j < argv.length; j++) if (set.addMember(argv[j]!)) added++;
  if (added) modified(engine, db, key, NOTIFY_SET, 'sadd');
  return intReply(added);
};

export const srem: CommandRun = (engine, argv, _s, db) => {
  const key = argv[1]!;
  const set = writeSet(engine, db, key);
  if (set === null) return ZERO;
  if (isReply(set)) return set;
  let removed = 0;
  for (let j = 2; j < argv.length; j++) {
    if (set.delete(argv[j]!)) {
      removed++;
      if (set.size === 0) break;
    }
  }
  if (removed) {
    engine.notifyKeyspaceEvent(NOTIFY_SET, 'srem', key, db.id);
    if (set.size === 0) deleteEmptied(engine, db, key);
    engine.signalModifiedKey(db, key);
  }
  return intReply(removed);
};

export const sismember: CommandRun = (engine, argv, _s, db) => {
  const set = readSet(engine, db, argv[1]!);
  if (set === null) return ZERO;
  if (isReply(set)) return set;
  return set.has(argv[2]!) ? ONE : ZERO;
};

export const smismember: CommandRun = (engine, argv, _s, db) => {
  const set = readSet(engine, db, argv[1]!);
  if (isReply(set)) return set;
  const replies: Reply[] = [];
  for (let j = 2; j < argv.length; j++) replies.push(set !== null && set.has(argv[j]!) ? ONE : ZERO);
  return arrayReply(replies);
};

export const scard: CommandRun = (engine, argv, _s, db) => {
  const set = readSet(engine, db, argv[1]!);
  if (set === null) return ZERO;
  if (isReply(set)) return set;
  return intReply(set.size);
};

/** Every source looked up in order (each counts a hit or miss); WRONGTYPE as soon as one is wrong. */
function readSources(engine: Engine, db: Keyspace, keys: readonly string[]): Array<SetValue | null> | Reply {
  const sets: Array<SetValue | null> = [];
  for (const key of keys) {
    const set = readSet(engine, db, key);
    if (isReply(set)) return set;
    sets.push(set);
  }
  return sets;
}

function intersect(sets: ReadonlyArray<SetValue | null>, limit = 0): string[] {
  if (sets.some((set) => set === null)) return [];
  const sorted = [...(sets as SetValue[])].sort((a, b) => a.size - b.size);
  const result: string[] = [];
  for (const member of sorted[0]!.ordered()) {
    if (sorted.every((set) => set.has(member))) {
      result.push(member);
      if (limit && result.length >= limit) break;
    }
  }
  return result;
}

function unionOrDiff(sets: ReadonlyArray<SetValue | null>, diff: boolean): string[] {
  if (!diff) {
    const result = new Set<string>();
    for (const set of sets) if (set !== null) for (const member of set.ordered()) result.add(member);
    return [...result];
  }
  const first = sets[0];
  if (first === null || first === undefined) return [];
  return first.ordered().filter((member) => !sets.some((set, i) => i > 0 && set !== null && set.has(member)));
}

/** The STORE forms: the result replaces the destination (dropping its TTL), or deletes it when empty. */
function store(engine: Engine, db: Keyspace, destination: string, members: readonly string[], event: string): Reply {
  const existing = engine.lookupWrite(db, destination);
  if (members.length === 0) {
    if (existing !== undefined) {
      deleteEmptied(engine, db, destination);
      engine.signalModifiedKey(db, destination);
    }
    return ZERO;
  }
  const set = new SetValue();
  set.limits = engine.encodingLimits;
  for (const member of members) set.addMember(member);
  engine.setKey(db, destination, set, false, existing);
  engine.notifyKeyspaceEvent(NOTIFY_SET, event, destination, db.id);
  return intReply(set.size);
}

export const sinter: CommandRun = (engine, argv, _s, db) => {
  const sets = readSources(engine, db, argv.slice(1));
  if (!Array.isArray(sets)) return sets;
  return setReply(intersect(sets));
};

export const smembers = sinter;

export const sinterstore: CommandRun = (engine, argv, _s, db) => {
  const sets = readSources(engine, db, argv.slice(2));
  if (!Array.isArray(sets)) return sets;
  return store(engine, db, argv[1]!, intersect(sets), 'sinterstore');
};

export const sunion: CommandRun = (engine, argv, _s, db) => {
  const sets = readSources(engine, db, argv.slice(1));
  if (!Array.isArray(sets)) return sets;
  return setReply(unionOrDiff(sets, false));
};

export const sunionstore: CommandRun = (engine, argv, _s, db) => {
  const sets = readSources(engine, db, argv.slice(2));
  if (!Array.isArray(sets)) return sets;
  return store(engine, db, argv[1]!, unionOrDiff(sets, false), 'sunionstore');
};

export const sdiff: CommandRun = (engine, argv, _s, db) => {
  const sets = readSources(engine, db, argv.slice(1));
  if (!Array.isArray(sets)) return sets;
  return setReply(unionOrDiff(sets, true));
};

export const sdiffstore: CommandRun = (engine, argv, _s, db) => {
  const sets = readSources(engine, db, argv.slice(2));
  if (!Array.isArray(sets)) return sets;
  return store(engine, db, argv[1]!, unionOrDiff(sets, true), 'sdiffstore');
};

export const sintercard: CommandRun = (engine, argv, _s, db) => {
  const numkeys = rangeLong(argv[1]!, 1n, LONG_MAX, 'numkeys should be greater than 0');
  if (!isInt(numkeys)) return numkeys;
  if (numkeys > argv.length - 2) return errorReply("ERR Number of keys can't be greater than number of args");
  const n = Number(numkeys);
  let limit = 0;
  for (let j = 2 + n; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    if (argv[j]!.toLowerCase() === 'limit' && more) {
      const parsed = positiveLong(argv[++j]!, "LIMIT can't be negative");
      if (!isInt(parsed)) return parsed;
      limit = Number(parsed);
    } else return SYNTAX;
  }
  const sets = readSources(engine, db, argv.slice(2, 2 + n));
  if (!Array.isArray(sets)) return sets;
  return intReply(intersect(sets, limit).length);
};

export const spop: CommandRun = (engine, argv, _s, db) => {
  if (argv.length > 3) return SYNTAX;
  const key = argv[1]!;
  if (argv.length === 2) {
    const set = writeSet(engine, db, key);
    if (set === null) return NIL;
    if (isReply(set)) return set;
    const members = [...set];
    const member = members[engine.nextRandom() % members.length]!;
    set.delete(member);
    engine.notifyKeyspaceEvent(NOTIFY_SET, 'spop', key, db.id);
    if (set.size === 0) deleteEmptied(engine, db, key);
    engine.signalModifiedKey(db, key);
    return bulkReply(member);
  }
  const parsed = positiveLong(argv[2]!, null);
  if (!isInt(parsed)) return parsed;
  const set = writeSet(engine, db, key);
  if (set === null) return EMPTY_SET;
  if (isReply(set)) return set;
  if (parsed === 0) return EMPTY_SET;
  if (parsed >= set.size) {
    engine.lookupRead(db, key); // the whole-set case replies through SUNION, which counts a hit
    const all = set.ordered();
    engine.notifyKeyspaceEvent(NOTIFY_SET, 'spop', key, db.id);
    deleteEmptied(engine, db, key);
    engine.signalModifiedKey(db, key);
    return setReply(all);
  }
  const members = [...set];
  const picked = randomPicks(members.length, parsed, engine.nextRandom).map((i) => members[i]!);
  for (const member of picked) set.delete(member);
  modified(engine, db, key, NOTIFY_SET, 'spop');
  return setReply(picked);
};

export const srandmember: CommandRun = (engine, argv, _s, db) => {
  if (argv.length > 3) return SYNTAX;
  if (argv.length === 2) {
    const set = readSet(engine, db, argv[1]!);
    if (set === null) return NIL;
    if (isReply(set)) return set;
    const members = [...set];
    return bulkReply(members[engine.nextRandom() % members.length]!);
  }
  const parsed = rangeLong(argv[2]!, -LONG_MAX, LONG_MAX, null);
  if (!isInt(parsed)) return parsed;
  const set = readSet(engine, db, argv[1]!);
  if (set === null) return EMPTY_ARRAY;
  if (isReply(set)) return set;
  const members = set.ordered();
  return arrayReply(randomPicks(members.length, parsed, engine.nextRandom).map((i) => bulkReply(members[i]!)));
};

export const smove: CommandRun = (engine, argv, _s, db) => {
  const [source, destination, member] = [argv[1]!, argv[2]!, argv[3]!];
  const from = writeSet(engine, db, source);
  const to = writeSet(engine, db, destination);
  if (from === null) return ZERO;
  if (isReply(from)) return from;
  if (isReply(to)) return to;
  if (from === to) return from.has(member) ? ONE : ZERO;
  if (!from.delete(member)) return ZERO;
  engine.notifyKeyspaceEvent(NOTIFY_SET, 'srem', source, db.id);
  if (from.size === 0) deleteEmptied(engine, db, source);
  let target = to;
  if (target === null) {
    target = new SetValue();
    target.limits = engine.encodingLimits;
    addKey(engine, db, destination, target);
  }
  engine.signalModifiedKey(db, source);
  if (target.addMember(member)) modified(engine, db, destination, NOTIFY_SET, 'sadd');
  return ONE;
};

export const sscan: CommandRun = (engine, argv, _s, db) => {
  if (parseCursor(argv[2]!) === null) return INVALID_CURSOR;
  const set = readSet(engine, db, argv[1]!);
  if (set === null) return EMPTY_SCAN;
  if (isReply(set)) return set;
  return scanElements(argv, set.ordered(), false);
};
