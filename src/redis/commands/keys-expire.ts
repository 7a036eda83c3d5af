// EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, PERSIST and TTL, PTTL, EXPIRETIME, PEXPIRETIME (expire.c):
// the labs set TTLs with SET and read them from the keyspace, so these load with `loadCommands()`.
import type { Reply } from '../reply.ts';
import { NO_EXPIRY, type ExpireAt, type Keyspace } from '../keyspace.ts';
import { INT64_MAX, INT64_MIN, normalizeInt, parseInt64 } from '../numbers.ts';
import type { RedisEmulator as Engine } from '../emulator.ts';
import { NOTIFY_GENERIC } from '../notify.ts';
import { cString, errorReply, formattedError, intReply, NOT_INTEGER, ONE, optionIs, ZERO, type CommandRun } from './shared.ts';

const EXPIRE_NX = 1;
const EXPIRE_XX = 2;
const EXPIRE_GT = 4;
const EXPIRE_LT = 8;

function expireGeneric(
  engine: Engine,
  argv: readonly string[],
  db: Keyspace,
  relative: boolean,
  seconds: boolean,
  commandName: string,
): Reply {
  let flags = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j]!;
    if (optionIs(opt, 'nx')) flags |= EXPIRE_NX;
    else if (optionIs(opt, 'xx')) flags |= EXPIRE_XX;
    else if (optionIs(opt, 'gt')) flags |= EXPIRE_GT;
    else if (optionIs(opt, 'lt')) flags |= EXPIRE_LT;
    else return formattedError(`ERR Unsupported option ${cString(opt)}`);
  }
  if (flags & EXPIRE_NX && flags & (EXPIRE_XX | EXPIRE_GT | EXPIRE_LT)) {
    return errorReply('ERR NX and XX, GT or LT options at the same time are not compatible');
  }
  if (flags & EXPIRE_GT && flags & EXPIRE_LT) {
    return errorReply('ERR GT and LT options at the same time are not compatible');
  }
  const parsed = parseInt64(argv[2]!);
  if (parsed === null) return NOT_INTEGER;
  const base = relative ? engine.now : 0;
  if (flags === 0 && typeof parsed === 'number' && parsed < 1e12 && parsed > -1e12) {
    // No options and a small time: the expiry stays a plain double (the general path boxes it).
    const due = (seconds ? parsed * 1000 : parsed) + base;
    const key = argv[1]!;
    const entry = engine.lookupWrite(db, key);
    if (entry === undefined) return ZERO;
    if (due <= engine.now) db.remove(key); // a time already past deletes now, as a DEL
    else db.setExpire(key, entry, due);
    engine.signalModifiedKey(db, key);
    engine.notifyKeyspaceEvent(NOTIFY_GENERIC, due <= engine.now ? 'del' : 'expire', key, db.id);
    return ONE;
  }
  let when: ExpireAt;
  if (typeof parsed === 'number' && parsed < 1e12 && parsed > -1e12) {
    when = (seconds ? parsed * 1000 : parsed) + base;
  } else {
    let exact = BigInt(parsed);
    const invalid = errorReply(`ERR invalid expire time in '${commandName}' command`);
    if (seconds) {
      if (exact > INT64_MAX / 1000n || exact < INT64_MIN / 1000n) return invalid;
      exact *= 1000n;
    }
    if (exact > INT64_MAX - BigInt(base)) return invalid;
    when = normalizeInt(exact + BigInt(base));
  }
  const key = argv[1]!;
  const entry = engine.lookupWrite(db, key);
  if (entry === undefined) return ZERO;
  if (flags) {
    const current = entry.expireAt;
    const persistent = current === NO_EXPIRY;
    if (flags & EXPIRE_NX && !persistent) return ZERO;
    if (flags & EXPIRE_XX && persistent) return ZERO;
    if (flags & EXPIRE_GT && (persistent || when <= current)) return ZERO;
    if (flags & EXPIRE_LT && !persistent && when >= current) return ZERO;
  }
  if (when <= engine.now) {
    db.remove(key); // a time already past deletes now, as a DEL (not counted in expired_keys)
    engine.signalModifiedKey(db, key);
    engine.notifyKeyspaceEvent(NOTIFY_GENERIC, 'del', key, db.id);
    return ONE;
  }
  db.setExpire(key, entry, when);
  engine.signalModifiedKey(db, key);
  engine.notifyKeyspaceEvent(NOTIFY_GENERIC, 'expire', key, db.id);
  return ONE;
}

export const expire: CommandRun = (engine, argv, _session, db) => expireGeneric(engine, argv, db, true, true, 'expire');
export const pexpire: CommandRun = (engine, argv, _session, db) => expireGeneric(engine, argv, db, true, false, 'pexpire');
export const expireat: CommandRun = (engine, argv, _session, db) => expireGeneric(engine, argv, db, false, true, 'expireat');
export const pexpireat: CommandRun = (engine, argv, _session, db) =>
  expireGeneric(engine, argv, db, false, false, 'pexpireat');

export const persist: CommandRun = (engine, argv, _session, db) => {
  const key = argv[1]!;
  const entry = engine.lookupWrite(db, key);
  if (entry === undefined) return ZERO;
  if (!db.persist(key, entry)) return ZERO;
  engine.signalModifiedKey(db, key);
  engine.notifyKeyspaceEvent(NOTIFY_GENERIC, 'persist', key, db.id);
  return ONE;
};

function ttlGeneric(engine: Engine, argv: readonly string[], db: Keyspace, milliseconds: boolean, absolute: boolean): Reply {
  const key = argv[1]!;
  const entry = engine.lookupRead(db, key);
  if (entry === undefined) return intReply(-2);
  const when = entry.expireAt;
  if (when === NO_EXPIRY) return intReply(-1);
  if (typeof when === 'number') {
    let ttl = absolute ? when : when - engine.now;
    if (ttl < 0) ttl = 0;
    return intReply(milliseconds ? ttl : Math.floor((ttl + 500) / 1000));
  }
  let ttl = absolute ? when : when - BigInt(engine.now);
  if (ttl < 0n) ttl = 0n;
  return intReply(normalizeInt(milliseconds ? ttl : (ttl + 500n) / 1000n));
}

export const ttl: CommandRun = (engine, argv, _session, db) => ttlGeneric(engine, argv, db, false, false);
export const pttl: CommandRun = (engine, argv, _session, db) => ttlGeneric(engine, argv, db, true, false);
export const expiretime: CommandRun = (engine, argv, _session, db) => ttlGeneric(engine, argv, db, false, true);
export const pexpiretime: CommandRun = (engine, argv, _session, db) => ttlGeneric(engine, argv, db, true, true);
