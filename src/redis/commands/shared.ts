// Replies, errors and argument helpers shared by the command families.
import { NIL, OK, type Reply } from '../reply.ts';
import { parseInt64, type Int64 } from '../numbers.ts';
import { globMatch } from '../glob.ts';
import type { Keyspace, StoredValue } from '../keyspace.ts';
import type { Session } from '../session.ts';
import { NOTIFY_GENERIC, NOTIFY_NEW } from '../notify.ts';
import type { RedisEmulator as Engine } from '../emulator.ts';

export { NIL, OK };

/** How a command runs: `db` is the session's selected database. */
export type CommandRun = (engine: Engine, argv: readonly string[], session: Session, db: Keyspace) => Reply;

/** One row of the command table; names and figures follow Redis 7.0's commands.c. */
export interface CommandSpec {
  readonly name: string;
  /** `container|sub` for subcommands, as Redis names them in errors. */
  readonly fullName: string;
  readonly arity: number;
  readonly flags: readonly string[];
  readonly firstKey: number;
  readonly lastKey: number;
  readonly step: number;
  readonly group: string;
  /** ACL categories declared by the command, without the implicit @read/@write/@fast/@slow. */
  readonly acl: readonly string[];
  readonly since: string;
  readonly summary: string;
  readonly complexity: string;
  readonly run: CommandRun | null;
  readonly subcommands: ReadonlyMap<string, CommandSpec> | null;
  /**
   * @internal Which emulator's stats `stat` is (specs are shared by every emulator on a page); a
   * token compare keeps call() cheap. Redis 7.0 also allocates a latency histogram per command on
   * first use (~24 KB of used_memory).
   */
  latencyOwner: object | null;
  /** @internal INFO commandstats of this command in the emulator `latencyOwner` names. */
  stat: CommandStat | null;
}

/** One command's INFO commandstats counters. */
export interface CommandStat {
  calls: number;
  /** Replied with an error (counted in total_error_replies). */
  failed: number;
  /** Refused before running (arity, OOM, subscribed mode, EXECABORT, ...). */
  rejected: number;
}

const frozen = <T extends Reply>(reply: T): T => Object.freeze(reply);

export const errorReply = (message: string): Reply => frozen({ type: 'error', message });
export const WRONGTYPE = errorReply('WRONGTYPE Operation against a key holding the wrong kind of value');
export const SYNTAX = errorReply('ERR syntax error');
export const NOT_INTEGER = errorReply('ERR value is not an integer or out of range');
export const NOT_FLOAT = errorReply('ERR value is not a valid float');
export const NO_SUCH_KEY = errorReply('ERR no such key');
export const OVERFLOW = errorReply('ERR increment or decrement would overflow');
export const EMPTY_BULK: Reply = frozen({ type: 'bulk', value: '' });
export const EMPTY_ARRAY: Reply = frozen({ type: 'array', value: [] });
export const EMPTY_MAP: Reply = frozen({ type: 'map', value: [] });
export const PONG: Reply = frozen({ type: 'status', value: 'PONG' });

const SMALL_INTS: Reply[] = [];
for (let i = 0; i < 1024; i++) SMALL_INTS.push(frozen({ type: 'integer', value: i }));
const MINUS_ONE = frozen<Reply>({ type: 'integer', value: -1 });
const MINUS_TWO = frozen<Reply>({ type: 'integer', value: -2 });

/** An integer reply; small values are shared so hot paths allocate nothing. */
export function intReply(value: Int64): Reply {
  if (typeof value === 'number') {
    if (value >= 0 && value < 1024) return SMALL_INTS[value]!;
    if (value === -1) return MINUS_ONE;
    if (value === -2) return MINUS_TWO;
  }
  return { type: 'integer', value };
}

export const ZERO = intReply(0);
export const ONE = intReply(1);

export function bulkReply(value: string): Reply {
  return value.length === 0 ? EMPTY_BULK : { type: 'bulk', value };
}

export function statusReply(value: string): Reply {
  return { type: 'status', value };
}

export function arrayReply(value: readonly Reply[]): Reply {
  return { type: 'array', value };
}

/** The part of an argument C code sees: everything before the first NUL byte. */
export function cString(arg: string): string {
  const nul = arg.indexOf('\0');
  return nul < 0 ? arg : arg.slice(0, nul);
}

/** `strcasecmp(arg, lowerName) == 0` with C-string semantics. */
export function optionIs(arg: string, lowerName: string): boolean {
  if (arg.length < lowerName.length) return false;
  const text = arg.length === lowerName.length ? arg : cString(arg);
  return text.length === lowerName.length && text.toLowerCase() === lowerName;
}

/** A formatted error with user text: Redis turns CR/LF into spaces so the protocol stays valid. */
export function formattedError(message: string): Reply {
  return errorReply(message.replace(/[\r\n]/g, ' '));
}

export function arityError(fullName: string): Reply {
  return errorReply(`ERR wrong number of arguments for '${fullName}' command`);
}

export type TypeName = 'none' | 'string' | 'hash' | 'list' | 'set' | 'zset' | 'stream';

/** The name TYPE replies with. */
export function typeName(value: StoredValue | undefined): TypeName {
  if (value === undefined) return 'none';
  return typeof value === 'string' ? 'string' : value.type;
}

/**
 * The element part of HSCAN/SSCAN/ZSCAN (scanGenericCommand after the lookup): parses COUNT and
 * MATCH and returns every element in one reply with cursor 0. For listpack and intset encodings
 * Redis does the same; for hashtables it walks buckets, which the emulator does not model (a
 * knowingly different cursor sequence, same elements). `pairs`: elements are [name, value] pairs.
 */
export function scanElements(argv: readonly string[], elements: readonly string[], pairs: boolean): Reply {
  let pattern: string | null = null;
  for (let i = 3; i < argv.length; ) {
    const remaining = argv.length - i;
    const opt = argv[i]!;
    if (optionIs(opt, 'count') && remaining >= 2) {
      const value = parseInt64(argv[i + 1]!);
      if (value === null) return NOT_INTEGER;
      if (value < 1) return SYNTAX;
      i += 2;
    } else if (optionIs(opt, 'match') && remaining >= 2) {
      pattern = argv[i + 1]!;
      if (pattern === '*') pattern = null;
      i += 2;
    } else return SYNTAX;
  }
  const replies: Reply[] = [];
  const step = pairs ? 2 : 1;
  for (let i = 0; i < elements.length; i += step) {
    if (pattern !== null && !globMatch(pattern, elements[i]!)) continue;
    replies.push(bulkReply(elements[i]!));
    if (pairs) replies.push(bulkReply(elements[i + 1]!));
  }
  return arrayReply([bulkReply('0'), arrayReply(replies)]);
}

export const EMPTY_SCAN: Reply = frozen({ type: 'array', value: [frozen({ type: 'bulk', value: '0' }), EMPTY_ARRAY] });

/** Repetitions a negative count may ask for: Redis would stream them all, the emulator refuses. */
export const MAX_RANDOM_REPEATS = 1_000_000;

/**
 * Indexes for SRANDMEMBER/HRANDFIELD/ZRANDMEMBER with a count: distinct when positive (all of
 * them, in order, when it covers the size), with repetitions when negative.
 */
export function randomPicks(size: number, count: Int64, nextRandom: () => number): number[] {
  const picks: number[] = [];
  if (size === 0 || count === 0) return picks;
  if (count < 0) {
    const n = Math.min(Number(-BigInt(count)), MAX_RANDOM_REPEATS);
    for (let i = 0; i < n; i++) picks.push(nextRandom() % size);
    return picks;
  }
  const n = Number(count);
  for (let i = 0; i < size; i++) picks.push(i);
  if (n >= size) return picks;
  // Partial Fisher-Yates: the first n slots become a uniform sample.
  for (let i = 0; i < n; i++) {
    const j = i + (nextRandom() % (size - i));
    const t = picks[i]!;
    picks[i] = picks[j]!;
    picks[j] = t;
  }
  return picks.slice(0, n);
}

const LONG_MAX_BIG = 9223372036854775807n;

/**
 * getRangeLongFromObjectOrReply: an integer within [min, max]. With `message`, Redis uses it for
 * a non-integer as well as for a value out of range.
 */
export function rangeLong(text: string, min: bigint, max: bigint, message: string | null): Int64 | Reply {
  const value = parseInt64(text);
  if (value === null) return message === null ? NOT_INTEGER : errorReply(`ERR ${message}`);
  if (BigInt(value) < min || BigInt(value) > max) {
    return errorReply(`ERR ${message ?? `value is out of range, value must between ${min} and ${max}`}`);
  }
  return value;
}

/** getPositiveLongFromObjectOrReply. */
export function positiveLong(text: string, message: string | null): Int64 | Reply {
  return rangeLong(text, 0n, LONG_MAX_BIG, message ?? 'value is out of range, must be positive');
}

export const isInt = (value: Int64 | Reply): value is Int64 => typeof value !== 'object';

/** dbAdd for a new collection: adds the key and publishes the `new` event. */
export function addKey(engine: Engine, db: Keyspace, key: string, value: StoredValue): void {
  db.add(key, value);
  engine.notifyKeyspaceEvent(NOTIFY_NEW, 'new', key, db.id);
}

/** After a write: signalModifiedKey and the command's keyspace event (`type` is a NOTIFY_* class). */
export function modified(engine: Engine, db: Keyspace, key: string, type: number, event: string): void {
  engine.signalModifiedKey(db, key);
  engine.notifyKeyspaceEvent(type, event, key, db.id);
}

/** An emptied collection is deleted, with the `del` event (the caller signals the key once). */
export function deleteEmptied(engine: Engine, db: Keyspace, key: string): void {
  db.remove(key);
  engine.notifyKeyspaceEvent(NOTIFY_GENERIC, 'del', key, db.id);
}
