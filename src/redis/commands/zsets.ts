// Sorted-set commands, following t_zset.c. Scores are doubles replied with addReplyDouble
// (a bulk string in RESP2, a double in RESP3); WITHSCORES pairs nest in RESP3.
// Over 400 lines on purpose: one file per command family, as Redis has one t_zset.c (the range
// commands already live in zset-ranges.ts).
import type { Reply } from '../reply.ts';
import type { Keyspace } from '../keyspace.ts';
import type { Session } from '../session.ts';
import { ZSetValue, type ZEntry } from '../values.ts';
import { NOTIFY_ZSET } from '../notify.ts';
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
  NOT_FLOAT,
  NOT_INTEGER,
  optionIs,
  positiveLong,
  randomPicks,
  rangeLong,
  scanElements,
  SYNTAX,
  WRONGTYPE,
  ZERO,
  type CommandRun,
} from './shared.ts';
import { formatDouble, parseInt64, type Int64 } from '../numbers.ts';
import { parseLexRange, parseScore, parseScoreRange, rankRange, scoreText, selectRange, type Selector } from './zset-ranges.ts';

const LONG_MAX = 9223372036854775807n;
const NOT_FLOAT_RANGE = errorReply('ERR min or max is not a float');
const NOT_LEX_RANGE = errorReply('ERR min or max not valid string range item');

function readZset(engine: Engine, db: Keyspace, key: string): ZSetValue | null | Reply {
  const value = engine.lookupRead(db, key)?.value;
  if (value === undefined) return null;
  return value instanceof ZSetValue ? value : WRONGTYPE;
}

export function writeZset(engine: Engine, db: Keyspace, key: string): ZSetValue | null | Reply {
  const value = engine.lookupWrite(db, key)?.value;
  if (value === undefined) return null;
  return value instanceof ZSetValue ? value : WRONGTYPE;
}

const isReply = (value: unknown): value is Reply => value !== null && !(value instanceof ZSetValue);

export const double = (value: number): Reply => ({ type: 'double', value });

/** A long argument narrowed for index arithmetic (beyond ±2^53 only the sign matters). */
const narrow = (value: Int64): number =>
  typeof value === 'number' ? value : value < 0n ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;

/** member, score pairs: flat in RESP2, nested in RESP3. */
function withScores(session: Session, entries: ReadonlyArray<{ member: string; score: number }>, scores: boolean): Reply {
  const replies: Reply[] = [];
  for (const { member, score } of entries) {
    if (!scores) replies.push(bulkReply(member));
    else if (session.protocol === 3) replies.push(arrayReply([bulkReply(member), double(score)]));
    else replies.push(bulkReply(member), double(score));
  }
  return arrayReply(replies);
}

function zaddGeneric(engine: Engine, argv: readonly string[], db: Keyspace, incrOnly: boolean): Reply {
  let nx = false, xx = false, ch = false, incr = incrOnly, gt = false, lt = false;
  let at = 2;
  if (!incrOnly) {
    for (; at < argv.length; at++) {
      const opt = argv[at]!;
      if (optionIs(opt, 'nx')) nx = true;
      else if (optionIs(opt, 'xx')) xx = true;
      else if (optionIs(opt, 'ch')) ch = true;
      else if (optionIs(opt, 'incr')) incr = true;
      else if (optionIs(opt, 'gt')) gt = true;
      else if (optionIs(opt, 'lt')) lt = true;
      else break;
    }
  }
  const elements = argv.length - at;
  if (elements % 2 || !elements) return SYNTAX;
  if (nx && xx) return errorReply('ERR XX and NX options at the same time are not compatible');
  if ((gt && nx) || (lt && nx) || (gt && lt)) return errorReply('ERR GT, LT, and/or NX options at the same time are not compatible');
  if (incr && elements > 2) return errorReply('ERR INCR option supports a single increment-element pair');
  const scores: number[] = [];
  for (let j = at; j < argv.length; j += 2) {
    const score = parseScore(argv[j]!);
    if (score === null) return NOT_FLOAT;
    scores.push(score);
  }
  const key = argv[1]!;
  let zset = writeZset(engine, db, key);
  if (isReply(zset)) return zset;
  let added = 0;
  let updated = 0;
  let processed = 0;
  let last = 0;
  if (zset === null) {
    if (xx) return incr ? NIL : ZERO;
    zset = new ZSetValue();
    zset.limits = engine.encodingLimits;
    addKey(engine, db, key, zset);
  }
  // Many members: collect the new scores and sort once (inserting one by one is quadratic).
  const pending = scores.length > 64 ? new Map<string, number>() : null;
  for (let i = 0; i < scores.length; i++) {
    let score = scores[i]!;
    const member = argv[at + 1 + i * 2]!;
    const current = pending?.get(member) ?? zset.scores.get(member);
    if (current !== undefined) {
      if (nx) continue;
      if (incr) {
        score += current;
        if (Number.isNaN(score)) {
          if (pending !== null && pending.size > 0) zset.setMany([...pending]);
          if (added || updated) modified(engine, db, key, NOTIFY_ZSET, incr ? 'zincr' : 'zadd');
          return errorReply('ERR resulting score is not a number (NaN)');
        }
      }
      if ((lt && score >= current) || (gt && score <= current)) continue;
      if (score !== current) {
        if (pending !== null) pending.set(member, score);
        else zset.set(member, score);
        updated++;
      }
    } else {
      if (xx) continue;
      if (pending !== null) pending.set(member, score);
      else zset.set(member, score);
      added++;
    }
    processed++;
    last = score;
  }
  if (pending !== null && pending.size > 0) zset.setMany([...pending]);
  if (added || updated) modified(engine, db, key, NOTIFY_ZSET, incr ? 'zincr' : 'zadd');
  if (incr) return processed ? double(last) : NIL;
  return intReply(ch ? added + updated : added);
}

export const zadd: CommandRun = (engine, argv, _s, db) => zaddGeneric(engine, argv, db, false);
export const zincrby: CommandRun = (engine, argv, _s, db) =>
  zaddGeneric(engine, [argv[0]!, argv[1]!, argv[2]!, argv[3]!], db, true);

export const zrem: CommandRun = (engine, argv, _s, db) => {
  const key = argv[1]!;
  const zset = writeZset(engine, db, key);
  if (zset === null) return ZERO;
  if (isReply(zset)) return zset;
  const removed = zset.deleteMany(argv.slice(2));
  if (removed) {
    engine.notifyKeyspaceEvent(NOTIFY_ZSET, 'zrem', key, db.id);
    if (zset.size === 0) deleteEmptied(engine, db, key);
    engine.signalModifiedKey(db, key);
  }
  return intReply(removed);
};

export const zcard: CommandRun = (engine, argv, _s, db) => {
  const zset = readZset(engine, db, argv[1]!);
  if (zset === null) return ZERO;
  if (isReply(zset)) return zset;
  return intReply(zset.size);
};

export const zscore: CommandRun = (engine, argv, _s, db) => {
  const zset = readZset(engine, db, argv[1]!);
  if (zset === null) return NIL;
  if (isReply(zset)) return zset;
  const score = zset.scores.get(argv[2]!);
  return score === undefined ? NIL : double(score);
};

export const zmscore: CommandRun = (engine, argv, _s, db) => {
  const zset = readZset(engine, db, argv[1]!);
  if (isReply(zset)) return zset;
  const replies: Reply[] = [];
  for (let j = 2; j < argv.length; j++) {
    const score = zset?.scores.get(argv[j]!);
    replies.push(score === undefined ? NIL : double(score));
  }
  return arrayReply(replies);
};

function rankGeneric(engine: Engine, argv: readonly string[], db: Keyspace, reverse: boolean): Reply {
  const zset = readZset(engine, db, argv[1]!);
  if (zset === null) return NIL;
  if (isReply(zset)) return zset;
  const rank = zset.rank(argv[2]!);
  if (rank < 0) return NIL;
  return intReply(reverse ? zset.size - 1 - rank : rank);
}

export const zrank: CommandRun = (engine, argv, _s, db) => rankGeneric(engine, argv, db, false);
export const zrevrank: CommandRun = (engine, argv, _s, db) => rankGeneric(engine, argv, db, true);

function countGeneric(engine: Engine, argv: readonly string[], db: Keyspace, lex: boolean): Reply {
  const selector = parseSelector(argv[2]!, argv[3]!, lex);
  if (!('kind' in selector)) return selector;
  const zset = readZset(engine, db, argv[1]!);
  if (zset === null) return ZERO;
  if (isReply(zset)) return zset;
  return intReply(selectRange(zset, selector, false, 0, -1).length);
}

function parseSelector(min: string, max: string, lex: boolean): Selector | Reply {
  if (lex) {
    const range = parseLexRange(min, max);
    return range === null ? NOT_LEX_RANGE : { kind: 'lex', range };
  }
  const range = parseScoreRange(min, max);
  return range === null ? NOT_FLOAT_RANGE : { kind: 'score', range };
}

export const zcount: CommandRun = (engine, argv, _s, db) => countGeneric(engine, argv, db, false);
export const zlexcount: CommandRun = (engine, argv, _s, db) => countGeneric(engine, argv, db, true);

type RangeType = 'auto' | 'rank' | 'score' | 'lex';

/** zrangeGenericCommand: every ZRANGE family member, and ZRANGESTORE when `store`. */
function zrangeGeneric(engine: Engine, argv: readonly string[], session: Session, db: Keyspace, start: number, store: boolean, type: RangeType, reverse: boolean | null): Reply {
  let withscores = false;
  let offset = 0;
  let limit = -1;
  let limitGiven = false;
  for (let j = start + 3; j < argv.length; j++) {
    const left = argv.length - j - 1;
    const opt = argv[j]!;
    if (!store && optionIs(opt, 'withscores')) withscores = true;
    else if (optionIs(opt, 'limit') && left >= 2) {
      const o = parseInt64(argv[j + 1]!);
      if (o === null) return NOT_INTEGER;
      const l = parseInt64(argv[j + 2]!);
      if (l === null) return NOT_INTEGER;
      offset = narrow(o);
      limit = narrow(l);
      limitGiven = true;
      j += 2;
    } else if (reverse === null && optionIs(opt, 'rev')) reverse = true;
    else if (type === 'auto' && optionIs(opt, 'bylex')) type = 'lex';
    else if (type === 'auto' && optionIs(opt, 'byscore')) type = 'score';
    else return SYNTAX;
  }
  const rev = reverse ?? false;
  if (type === 'auto') type = 'rank';
  if (limitGiven && limit !== -1 && type === 'rank') {
    return errorReply('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX');
  }
  if (withscores && type === 'lex') return errorReply('ERR syntax error, WITHSCORES not supported in combination with BYLEX');
  let minArg = argv[start + 1]!;
  let maxArg = argv[start + 2]!;
  if (rev && type !== 'rank') [minArg, maxArg] = [maxArg, minArg];
  let rankStart = 0;
  let rankEnd = 0;
  let selector: Selector | null = null;
  if (type === 'rank') {
    const a = parseInt64(minArg);
    const b = parseInt64(maxArg);
    if (a === null || b === null) return NOT_INTEGER;
    rankStart = narrow(a);
    rankEnd = narrow(b);
  } else {
    const parsed = parseSelector(minArg, maxArg, type === 'lex');
    if (!('kind' in parsed)) return parsed;
    selector = parsed;
  }
  const zset = readZset(engine, db, argv[start]!);
  if (isReply(zset)) return zset;
  let picked: number[] = [];
  if (zset !== null) {
    if (selector === null) {
      const range = rankRange(rankStart, rankEnd, zset.size);
      if (range !== null) {
        for (let r = range[0]; r <= range[1]; r++) picked.push(rev ? zset.size - 1 - r : r);
      }
    } else picked = selectRange(zset, selector, rev, offset, limit);
  }
  const entries = zset === null ? [] : picked.map((i) => zset.sorted[i]!);
  if (!store) return zset === null ? EMPTY_ARRAY : withScores(session, entries, withscores);
  const destination = argv[1]!;
  const existing = engine.lookupWrite(db, destination);
  if (entries.length === 0) {
    if (existing !== undefined) {
      deleteEmptied(engine, db, destination);
      engine.signalModifiedKey(db, destination);
    }
    return ZERO;
  }
  const result = new ZSetValue();
  result.limits = engine.encodingLimits;
  for (const { member, score } of entries) result.set(member, score);
  engine.setKey(db, destination, result, false, existing);
  engine.notifyKeyspaceEvent(NOTIFY_ZSET, 'zrangestore', destination, db.id);
  return intReply(entries.length);
}

export const zrange: CommandRun = (e, argv, s, db) => zrangeGeneric(e, argv, s, db, 1, false, 'auto', null);
export const zrangestore: CommandRun = (e, argv, s, db) => zrangeGeneric(e, argv, s, db, 2, true, 'auto', null);
export const zrevrange: CommandRun = (e, argv, s, db) => zrangeGeneric(e, argv, s, db, 1, false, 'rank', true);
export const zrangebyscore: CommandRun = (e, argv, s, db) => zrangeGeneric(e, argv, s, db, 1, false, 'score', false);
export const zrevrangebyscore: CommandRun = (e, argv, s, db) => zrangeGeneric(e, argv, s, db, 1, false, 'score', true);
export const zrangebylex: CommandRun = (e, argv, s, db) => zrangeGeneric(e, argv, s, db, 1, false, 'lex', false);
export const zrevrangebylex: CommandRun = (e, argv, s, db) => zrangeGeneric(e, argv, s, db, 1, false, 'lex', true);

/** Removes up to `count` lowest (or highest) members, with the events; returns them in pop order. */
export function popZset(engine: Engine, db: Keyspace, key: string, zset: ZSetValue, max: boolean, count: number): ZEntry[] {
  const n = Math.min(count, zset.size);
  const taken = max ? zset.sorted.slice(zset.size - n).reverse() : zset.sorted.slice(0, n);
  zset.deleteMany(taken.map((entry) => entry.member));
  engine.notifyKeyspaceEvent(NOTIFY_ZSET, max ? 'zpopmax' : 'zpopmin', key, db.id);
  if (zset.size === 0) deleteEmptied(engine, db, key);
  engine.signalModifiedKey(db, key);
  return taken;
}

/** member, score pairs: nested arrays, or flat. */
export function pairsReply(entries: readonly ZEntry[], nested: boolean): Reply[] {
  const replies: Reply[] = [];
  for (const { member, score } of entries) {
    if (nested) replies.push(arrayReply([bulkReply(member), double(score)]));
    else replies.push(bulkReply(member), double(score));
  }
  return replies;
}

function popGeneric(engine: Engine, argv: readonly string[], session: Session, db: Keyspace, max: boolean): Reply {
  if (argv.length > 3) return SYNTAX;
  let count = -1;
  if (argv.length === 3) {
    const parsed = positiveLong(argv[2]!, null);
    if (!isInt(parsed)) return parsed;
    count = narrow(parsed);
  }
  const key = argv[1]!;
  const zset = writeZset(engine, db, key);
  if (zset === null) return EMPTY_ARRAY;
  if (isReply(zset)) return zset;
  if (count === 0) return EMPTY_ARRAY;
  const taken = popZset(engine, db, key, zset, max, count === -1 ? 1 : count);
  return arrayReply(pairsReply(taken, session.protocol === 3 && count !== -1));
}

export const zpopmin: CommandRun = (engine, argv, session, db) => popGeneric(engine, argv, session, db, false);
export const zpopmax: CommandRun = (engine, argv, session, db) => popGeneric(engine, argv, session, db, true);

function zremrangeGeneric(engine: Engine, argv: readonly string[], db: Keyspace, type: 'rank' | 'score' | 'lex'): Reply {
  let selector: Selector | null = null;
  let start = 0;
  let end = 0;
  if (type === 'rank') {
    const a = parseInt64(argv[2]!);
    const b = parseInt64(argv[3]!);
    if (a === null || b === null) return NOT_INTEGER;
    start = narrow(a);
    end = narrow(b);
  } else {
    const parsed = parseSelector(argv[2]!, argv[3]!, type === 'lex');
    if (!('kind' in parsed)) return parsed;
    selector = parsed;
  }
  const key = argv[1]!;
  const zset = writeZset(engine, db, key);
  if (zset === null) return ZERO;
  if (isReply(zset)) return zset;
  let doomed: number[];
  if (selector === null) {
    const range = rankRange(start, end, zset.size);
    if (range === null) return ZERO;
    doomed = [];
    for (let r = range[0]; r <= range[1]; r++) doomed.push(r);
  } else doomed = selectRange(zset, selector, false, 0, -1);
  const members = doomed.map((i) => zset.sorted[i]!.member);
  zset.deleteMany(members);
  if (members.length > 0) {
    engine.notifyKeyspaceEvent(NOTIFY_ZSET, `zremrangeby${type}`, key, db.id);
    if (zset.size === 0) deleteEmptied(engine, db, key);
    engine.signalModifiedKey(db, key);
  }
  return intReply(members.length);
}

export const zremrangebyrank: CommandRun = (engine, argv, _s, db) => zremrangeGeneric(engine, argv, db, 'rank');
export const zremrangebyscore: CommandRun = (engine, argv, _s, db) => zremrangeGeneric(engine, argv, db, 'score');
export const zremrangebylex: CommandRun = (engine, argv, _s, db) => zremrangeGeneric(engine, argv, db, 'lex');

export const zscan: CommandRun = (engine, argv, _s, db) => {
  if (parseCursor(argv[2]!) === null) return INVALID_CURSOR;
  const zset = readZset(engine, db, argv[1]!);
  if (zset === null) return EMPTY_SCAN;
  if (isReply(zset)) return zset;
  const flat: string[] = [];
  for (const { member, score } of zset.sorted) flat.push(member, zset.listpack ? scoreText(score, formatDouble) : formatDouble(score));
  return scanElements(argv, flat, true);
};

export const zrandmember: CommandRun = (engine, argv, session, db) => {
  if (argv.length >= 3) {
    const parsed = rangeLong(argv[2]!, -LONG_MAX, LONG_MAX, null);
    if (!isInt(parsed)) return parsed;
    if (argv.length > 4 || (argv.length === 4 && !optionIs(argv[3]!, 'withscores'))) return SYNTAX;
    const scores = argv.length === 4;
    if (scores && (BigInt(parsed) < -LONG_MAX / 2n || BigInt(parsed) > LONG_MAX / 2n)) return errorReply('ERR value is out of range');
    const zset = readZset(engine, db, argv[1]!);
    if (zset === null) return EMPTY_ARRAY;
    if (isReply(zset)) return zset;
    const picks = randomPicks(zset.size, parsed, engine.nextRandom);
    return withScores(session, picks.map((i) => zset.sorted[i]!), scores);
  }
  const zset = readZset(engine, db, argv[1]!);
  if (zset === null) return NIL;
  if (isReply(zset)) return zset;
  return bulkReply(zset.sorted[engine.nextRandom() % zset.size]!.member);
};
