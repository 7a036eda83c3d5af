// Generic key commands, following db.c. EXPIRE, TTL and their kin are in
// keys-expire.ts, RENAME, RANDOMKEY and COPY in keys-rename.ts (both load with `loadCommands()`).
import type { Reply } from '../reply.ts';
import { parseInt64 } from '../numbers.ts';
import { globMatch } from '../glob.ts';
import { NOTIFY_GENERIC } from '../notify.ts';
import { arrayReply, bulkReply, cString, errorReply, intReply, NOT_INTEGER, optionIs, statusReply, SYNTAX, typeName, type CommandRun } from './shared.ts';

export const del: CommandRun = (engine, argv, _session, db) => {
  let deleted = 0;
  for (let j = 1; j < argv.length; j++) {
    const key = argv[j]!;
    engine.expireIfNeeded(db, key);
    if (db.remove(key)) {
      engine.signalModifiedKey(db, key);
      engine.notifyKeyspaceEvent(NOTIFY_GENERIC, 'del', key, db.id);
      deleted++;
    }
  }
  return intReply(deleted);
};

export const exists: CommandRun = (engine, argv, _session, db) => {
  let count = 0;
  for (let j = 1; j < argv.length; j++) if (engine.lookupRead(db, argv[j]!) !== undefined) count++;
  return intReply(count);
};

export const touch = exists;

const TYPE_REPLIES: Record<string, Reply> = Object.fromEntries(
  ['none', 'string', 'hash', 'list', 'set', 'zset', 'stream'].map((name) => [name, Object.freeze<Reply>({ type: 'status', value: name })]),
);

export const type: CommandRun = (engine, argv, _session, db) =>
  TYPE_REPLIES[typeName(engine.lookupRead(db, argv[1]!)?.value)]!;

export const keys: CommandRun = (engine, argv, _session, db) => {
  const pattern = argv[1]!;
  const all = pattern === '*';
  const found: Reply[] = [];
  // Logically expired keys are skipped but not removed, as keyIsExpired does.
  for (const [key, entry] of db.entries) {
    if ((all || globMatch(pattern, key)) && !(engine.now > entry.expireAt)) found.push(bulkReply(key));
  }
  return arrayReply(found);
};

export const INVALID_CURSOR = errorReply('ERR invalid cursor');
const ULONG_MAX = 18446744073709551615n;

// strtoul(base 10) as parseScanCursorOrReply uses it: optional sign, wraps negatives, "" is 0.
export function parseCursor(text: string): bigint | null {
  if (text.length > 0 && /^[ \t\n\v\f\r]/.test(text)) return null;
  const match = /^([+-]?)(\d*)$/.exec(text);
  if (match === null) return null;
  const digits = match[2]!;
  if (digits === '') return match[1] === '' ? 0n : null;
  const magnitude = BigInt(digits);
  if (magnitude > ULONG_MAX) return null;
  return match[1] === '-' ? (ULONG_MAX + 1n - magnitude) & ULONG_MAX : magnitude;
}

export const scan: CommandRun = (engine, argv, _session, db) => {
  const cursorArg = parseCursor(argv[1]!);
  if (cursorArg === null) return INVALID_CURSOR;
  let count = 10;
  let pattern: string | null = null;
  let typeFilter: string | null = null;
  for (let i = 2; i < argv.length; ) {
    const remaining = argv.length - i;
    const opt = argv[i]!;
    if (optionIs(opt, 'count') && remaining >= 2) {
      const value = parseInt64(argv[i + 1]!);
      if (value === null) return NOT_INTEGER;
      if (value < 1) return SYNTAX;
      count = Number(value);
      i += 2;
    } else if (optionIs(opt, 'match') && remaining >= 2) {
      pattern = argv[i + 1]!;
      if (pattern === '*') pattern = null;
      i += 2;
    } else if (optionIs(opt, 'type') && remaining >= 2) {
      typeFilter = cString(argv[i + 1]!).toLowerCase();
      i += 2;
    } else return SYNTAX;
  }
  // Only the bits under the table mask matter; the low 32 bits cover any table we can hold.
  let cursor = Number(cursorArg & 0xffffffffn);
  const batch: string[] = [];
  let iterations = count * 10;
  do {
    cursor = db.scanStep(cursor, batch);
  } while (cursor !== 0 && iterations-- > 0 && batch.length < count);
  const replies: Reply[] = [];
  for (const key of batch) {
    if (pattern !== null && !globMatch(pattern, key)) continue;
    if (typeFilter !== null && typeName(engine.lookupRead(db, key)?.value) !== typeFilter) continue;
    if (engine.expireIfNeeded(db, key)) continue;
    replies.push(bulkReply(key));
  }
  return arrayReply([bulkReply(String(cursor)), arrayReply(replies)]);
};

export { statusReply };
