// Replies, errors and argument helpers shared by the command families.
import { NIL, OK, type Reply } from '../reply.ts';
import type { Int64 } from '../numbers.ts';
import type { Keyspace, StoredValue } from '../keyspace.ts';
import type { Session } from '../session.ts';
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

export function typeName(value: StoredValue | undefined): string {
  if (value === undefined) return 'none';
  return typeof value === 'string' ? 'string' : 'hash';
}
