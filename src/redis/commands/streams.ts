// Stream commands without consumer groups, following t_stream.c: XADD (with trimming), XLEN,
// XRANGE, XREVRANGE, XREAD (with BLOCK), XTRIM, XDEL. An emptied stream stays a key, as in Redis.
import type { Reply } from '../reply.ts';
import type { Keyspace } from '../keyspace.ts';
import type { Session } from '../session.ts';
import { BLOCKED } from '../session.ts';
import { parseInt64 } from '../numbers.ts';
import { compareIds, formatId, StreamValue, type StreamEntry, type StreamId } from '../values.ts';
import type { RedisEmulator as Engine } from '../emulator.ts';
import { NOTIFY_STREAM } from '../notify.ts';
import { addKey, modified, arityError, arrayReply, bulkReply, errorReply, intReply, NIL, NOT_INTEGER, optionIs, SYNTAX, WRONGTYPE, ZERO, EMPTY_ARRAY, type CommandRun } from './shared.ts';

const U64_MAX = 18446744073709551615n;
const MAX_ID: StreamId = { ms: U64_MAX, seq: U64_MAX };
const INVALID_ID = errorReply('ERR Invalid stream ID specified as stream command argument');
const NIL_ARRAY: Reply = Object.freeze({ type: 'array', value: null });

function readStream(engine: Engine, db: Keyspace, key: string): StreamValue | null | Reply {
  const value = engine.lookupRead(db, key)?.value;
  if (value === undefined) return null;
  return value instanceof StreamValue ? value : WRONGTYPE;
}

function writeStream(engine: Engine, db: Keyspace, key: string): StreamValue | null | Reply {
  const value = engine.lookupWrite(db, key)?.value;
  if (value === undefined) return null;
  return value instanceof StreamValue ? value : WRONGTYPE;
}

const isReply = (value: unknown): value is Reply => value !== null && !(value instanceof StreamValue);

/** string2ull: string2ll when it fits (negatives rejected), else strtoull (spaces, '+', leading zeros). */
function parseU64(text: string): bigint | null {
  const ll = parseInt64(text);
  if (ll !== null) return ll < 0 ? null : BigInt(ll);
  const match = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/.exec(text);
  if (match === null) return null;
  const magnitude = BigInt(match[2]!);
  if (magnitude > U64_MAX) return null;
  return match[1] === '-' ? (U64_MAX + 1n - magnitude) & U64_MAX : magnitude;
}

/**
 * streamGenericParseIDOrReply: '-' and '+' (unless strict), "ms" (seq = missingSeq) or "ms-seq",
 * and for XADD "ms-*". Returns the ID and whether the sequence was given.
 */
function parseId(text: string, missingSeq: bigint, strict: boolean, allowStarSeq: boolean): { id: StreamId; seqGiven: boolean } | null {
  if (text.length > 127) return null;
  const body = text.indexOf('\0') >= 0 ? text.slice(0, text.indexOf('\0')) : text;
  if (body === '-' || body === '+') {
    if (strict) return null;
    return { id: body === '-' ? { ms: 0n, seq: 0n } : MAX_ID, seqGiven: true };
  }
  const dash = body.indexOf('-');
  const ms = parseU64(dash < 0 ? body : body.slice(0, dash));
  if (ms === null) return null;
  if (dash < 0) return { id: { ms, seq: missingSeq }, seqGiven: true };
  const seqText = body.slice(dash + 1);
  if (allowStarSeq && seqText === '*') return { id: { ms, seq: 0n }, seqGiven: false };
  const seq = parseU64(seqText);
  return seq === null ? null : { id: { ms, seq }, seqGiven: true };
}

interface TrimArgs {
  maxlen: number | null;
  minId: StreamId | null;
  approx: boolean;
  limit: number;
}

/** streamParseAddOrTrimArgsOrReply: returns the trim options and the index of the ID (XADD). */
function parseTrimArgs(argv: readonly string[], xadd: boolean): { trim: TrimArgs; at: number; noMkstream: boolean; id: { id: StreamId; seqGiven: boolean } | null } | Reply {
  const trim: TrimArgs = { maxlen: null, minId: null, approx: false, limit: 0 };
  let strategy = false;
  let limitGiven = false;
  let noMkstream = false;
  let id: { id: StreamId; seqGiven: boolean } | null = null;
  let i = 2;
  for (; i < argv.length; i++) {
    const more = argv.length - 1 - i;
    const opt = argv[i]!;
    if (xadd && opt[0] === '*' && (opt.length === 1 || opt[1] === '\0')) break;
    if ((optionIs(opt, 'maxlen') || optionIs(opt, 'minid')) && more) {
      if (strategy) return errorReply('ERR syntax error, MAXLEN and MINID options at the same time are not compatible');
      trim.approx = false;
      const next = argv[i + 1]!;
      if (more >= 2 && next === '~') {
        trim.approx = true;
        i++;
      } else if (more >= 2 && next === '=') i++;
      if (optionIs(opt, 'maxlen')) {
        const value = parseInt64(argv[i + 1]!);
        if (value === null) return NOT_INTEGER;
        if (value < 0) return errorReply('ERR The MAXLEN argument must be >= 0.');
        trim.maxlen = Number(value);
      } else {
        const parsed = parseId(argv[i + 1]!, 0n, true, false);
        if (parsed === null) return INVALID_ID;
        trim.minId = parsed.id;
      }
      i++;
      strategy = true;
    } else if (optionIs(opt, 'limit') && more) {
      const value = parseInt64(argv[i + 1]!);
      if (value === null) return NOT_INTEGER;
      if (value < 0) return errorReply('ERR The LIMIT argument must be >= 0.');
      trim.limit = Number(value);
      limitGiven = true;
      i++;
    } else if (xadd && optionIs(opt, 'nomkstream')) noMkstream = true;
    else if (xadd) {
      id = parseId(opt, 0n, true, true);
      if (id === null) return INVALID_ID;
      break;
    } else return SYNTAX;
  }
  if (trim.limit && !strategy) return errorReply('ERR syntax error, LIMIT cannot be used without specifying a trimming strategy');
  if (!xadd && !strategy) return errorReply('ERR syntax error, XTRIM must be called with a trimming strategy');
  if (limitGiven) {
    if (!trim.approx) return errorReply('ERR syntax error, LIMIT cannot be used without the special ~ option');
  } else trim.limit = trim.approx ? 10_000 : 0;
  return { trim, at: i, noMkstream, id };
}

const hasStrategy = (trim: TrimArgs) => trim.maxlen !== null || trim.minId !== null;

export const xadd: CommandRun = (engine, argv, _s, db) => {
  const parsed = parseTrimArgs(argv, true);
  if ('type' in parsed) return parsed;
  const fieldAt = parsed.at + 1;
  const pairs = argv.length - fieldAt;
  if (pairs < 2 || pairs % 2 === 1) return arityError('xadd');
  const given = parsed.id;
  if (given !== null && given.seqGiven && given.id.ms === 0n && given.id.seq === 0n) {
    return errorReply('ERR The ID specified in XADD must be greater than 0-0');
  }
  const key = argv[1]!;
  let stream = writeStream(engine, db, key);
  if (isReply(stream)) return stream;
  if (stream === null) {
    if (parsed.noMkstream) return NIL;
    stream = new StreamValue();
    stream.limits = engine.encodingLimits;
    addKey(engine, db, key, stream);
  }
  const last = stream.lastId;
  if (last.ms === U64_MAX && last.seq === U64_MAX) {
    return errorReply('ERR The stream has exhausted the last possible ID, unable to add more items');
  }
  let id: StreamId;
  if (given === null) {
    const now = BigInt(engine.now);
    id = now > last.ms ? { ms: now, seq: 0n } : last.seq === U64_MAX ? { ms: last.ms + 1n, seq: 0n } : { ms: last.ms, seq: last.seq + 1n };
  } else if (given.seqGiven) id = given.id;
  else if (given.id.ms === last.ms) {
    if (last.seq === U64_MAX) return errorReply('ERR The ID specified in XADD is equal or smaller than the target stream top item');
    id = { ms: last.ms, seq: last.seq + 1n };
  } else id = given.id;
  if (compareIds(id, last) <= 0) return errorReply('ERR The ID specified in XADD is equal or smaller than the target stream top item');
  stream.append({ id, fields: argv.slice(fieldAt) });
  modified(engine, db, key, NOTIFY_STREAM, 'xadd');
  if (hasStrategy(parsed.trim)) {
    const { maxlen, minId, approx, limit } = parsed.trim;
    if (stream.trim(maxlen, minId, approx, limit) > 0) engine.notifyKeyspaceEvent(NOTIFY_STREAM, 'xtrim', key, db.id);
  }
  return bulkReply(formatId(id));
};

export const xtrim: CommandRun = (engine, argv, _s, db) => {
  const parsed = parseTrimArgs(argv, false);
  if ('type' in parsed) return parsed;
  const stream = writeStream(engine, db, argv[1]!);
  if (stream === null) return ZERO;
  if (isReply(stream)) return stream;
  const { maxlen, minId, approx, limit } = parsed.trim;
  const deleted = stream.trim(maxlen, minId, approx, limit);
  if (deleted > 0) modified(engine, db, argv[1]!, NOTIFY_STREAM, 'xtrim');
  return intReply(deleted);
};

export const xlen: CommandRun = (engine, argv, _s, db) => {
  const stream = readStream(engine, db, argv[1]!);
  if (stream === null) return ZERO;
  if (isReply(stream)) return stream;
  return intReply(stream.length);
};

export const xdel: CommandRun = (engine, argv, _s, db) => {
  const stream = writeStream(engine, db, argv[1]!);
  if (stream === null) return ZERO;
  if (isReply(stream)) return stream;
  const ids: StreamId[] = [];
  for (let j = 2; j < argv.length; j++) {
    const parsed = parseId(argv[j]!, 0n, true, false);
    if (parsed === null) return INVALID_ID;
    ids.push(parsed.id);
  }
  let deleted = 0;
  for (const id of ids) {
    const at = stream.lowerBound(id);
    if (at < stream.length && compareIds(stream.entries[at]!.id, id) === 0) {
      stream.deleteAt(at);
      deleted++;
    }
  }
  if (deleted > 0) modified(engine, db, argv[1]!, NOTIFY_STREAM, 'xdel');
  return intReply(deleted);
};

function entryReply(entry: StreamEntry): Reply {
  return arrayReply([bulkReply(formatId(entry.id)), arrayReply(entry.fields.map(bulkReply))]);
}

/** Entries with start <= ID <= end, at most `count` (0: all), forward or reverse. */
function rangeReply(stream: StreamValue, start: StreamId, end: StreamId, count: number, rev: boolean): Reply {
  const replies: Reply[] = [];
  if (compareIds(start, end) > 0) return EMPTY_ARRAY;
  const first = stream.lowerBound(start);
  let last = stream.lowerBound(end);
  if (last < stream.length && compareIds(stream.entries[last]!.id, end) === 0) last++;
  if (!rev) for (let i = first; i < last && (count === 0 || replies.length < count); i++) replies.push(entryReply(stream.entries[i]!));
  else for (let i = last - 1; i >= first && (count === 0 || replies.length < count); i--) replies.push(entryReply(stream.entries[i]!));
  return arrayReply(replies);
}

function incrId(id: StreamId): StreamId | null {
  if (id.seq === U64_MAX) return id.ms === U64_MAX ? null : { ms: id.ms + 1n, seq: 0n };
  return { ms: id.ms, seq: id.seq + 1n };
}

function decrId(id: StreamId): StreamId | null {
  if (id.seq === 0n) return id.ms === 0n ? null : { ms: id.ms - 1n, seq: U64_MAX };
  return { ms: id.ms, seq: id.seq - 1n };
}

/** streamParseIntervalIDOrReply: '(' makes the bound exclusive (and the ID strict). */
function intervalId(text: string, missingSeq: bigint): { id: StreamId; exclusive: boolean } | null {
  const exclusive = text.length > 1 && text[0] === '(';
  const parsed = parseId(exclusive ? text.slice(1) : text, missingSeq, exclusive, false);
  return parsed === null ? null : { id: parsed.id, exclusive };
}

function xrangeGeneric(engine: Engine, argv: readonly string[], db: Keyspace, rev: boolean): Reply {
  const startArg = rev ? argv[3]! : argv[2]!;
  const endArg = rev ? argv[2]! : argv[3]!;
  const start = intervalId(startArg, 0n);
  if (start === null) return INVALID_ID;
  let startId: StreamId | null = start.id;
  if (start.exclusive && (startId = incrId(startId)) === null) return errorReply('ERR invalid start ID for the interval');
  const end = intervalId(endArg, U64_MAX);
  if (end === null) return INVALID_ID;
  let endId: StreamId | null = end.id;
  if (end.exclusive && (endId = decrId(endId)) === null) return errorReply('ERR invalid end ID for the interval');
  let count = -1;
  for (let j = 4; j < argv.length; j++) {
    if (argv[j]!.toLowerCase() === 'count' && argv.length - j - 1 >= 1) {
      const value = parseInt64(argv[++j]!);
      if (value === null) return NOT_INTEGER;
      count = value < 0 ? 0 : Number(value);
    } else return SYNTAX;
  }
  const stream = readStream(engine, db, argv[1]!);
  if (stream === null) return EMPTY_ARRAY;
  if (isReply(stream)) return stream;
  if (count === 0) return NIL_ARRAY;
  return rangeReply(stream, startId, endId, count === -1 ? 0 : count, rev);
}

export const xrange: CommandRun = (engine, argv, _s, db) => xrangeGeneric(engine, argv, db, false);
export const xrevrange: CommandRun = (engine, argv, _s, db) => xrangeGeneric(engine, argv, db, true);

/** One stream's part of an XREAD reply: [key, entries] in RESP2, a map entry in RESP3. */
function readReply(session: Session, parts: ReadonlyArray<readonly [string, Reply]>): Reply {
  if (session.protocol === 3) return { type: 'map', value: parts.map(([key, entries]) => [bulkReply(key), entries] as const) };
  return arrayReply(parts.map(([key, entries]) => arrayReply([bulkReply(key), entries])));
}

/** Entries after `after`, at most `count` (0: all); null when there are none. */
function entriesAfter(stream: StreamValue, after: StreamId, count: number): Reply | null {
  if (stream.length === 0 || compareIds(stream.entries[stream.length - 1]!.id, after) <= 0) return null;
  const start = incrId(after);
  return start === null ? null : rangeReply(stream, start, MAX_ID, count, false);
}

export const xread: CommandRun = (engine, argv, session, db) => {
  let deadline = -1;
  let count = 0;
  let streamsAt = 0;
  for (let i = 1; i < argv.length; i++) {
    const more = argv.length - i - 1;
    const opt = argv[i]!;
    if (optionIs(opt, 'block') && more) {
      if (session.scriptCaller !== null) return errorReply(`ERR ${argv[0]} command is not allowed with BLOCK option from scripts`);
      const value = parseInt64(argv[++i]!);
      if (value === null) return errorReply('ERR timeout is not an integer or out of range');
      if (value < 0) return errorReply('ERR timeout is negative');
      deadline = value > 0 ? Number(value) + engine.now : 0;
    } else if (optionIs(opt, 'count') && more) {
      const value = parseInt64(argv[++i]!);
      if (value === null) return NOT_INTEGER;
      count = value < 0 ? 0 : Number(value);
    } else if (optionIs(opt, 'streams') && more) {
      streamsAt = i + 1;
      if ((argv.length - streamsAt) % 2 !== 0) {
        return errorReply("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.");
      }
      break;
    } else if (optionIs(opt, 'group') && more >= 2) {
      return errorReply('ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.');
    } else if (optionIs(opt, 'noack')) {
      return errorReply('ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.');
    } else return SYNTAX;
  }
  if (streamsAt === 0) return SYNTAX;
  const n = (argv.length - streamsAt) / 2;
  const keys = argv.slice(streamsAt, streamsAt + n);
  const ids: StreamId[] = [];
  for (let i = 0; i < n; i++) {
    const stream = readStream(engine, db, keys[i]!);
    if (isReply(stream)) return stream;
    const text = argv[streamsAt + n + i]!;
    if (text === '$') {
      ids.push(stream === null ? { ms: 0n, seq: 0n } : stream.lastId);
      continue;
    }
    if (text === '>') return errorReply('ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.');
    const parsed = parseId(text, 0n, true, false);
    if (parsed === null) return INVALID_ID;
    ids.push(parsed.id);
  }
  const parts: Array<readonly [string, Reply]> = [];
  for (let i = 0; i < n; i++) {
    const stream = readStream(engine, db, keys[i]!);
    if (stream === null || isReply(stream)) continue;
    const entries = entriesAfter(stream, ids[i]!, count);
    if (entries !== null) parts.push([keys[i]!, entries]);
  }
  if (parts.length > 0) return readReply(session, parts);
  if (deadline === -1 || session.denyBlocking) return NIL_ARRAY;
  engine.blocking.block({
    session,
    db,
    keys,
    deadline,
    timeoutReply: NIL_ARRAY,
    serve: (_engine, key) => {
      const stream = db.index[key]?.value;
      if (!(stream instanceof StreamValue)) return null;
      const entries = entriesAfter(stream, ids[keys.indexOf(key)]!, count || 1000);
      return entries === null ? null : readReply(session, [[key, entries]]);
    },
  });
  return BLOCKED;
};
