// MULTI, EXEC, DISCARD, WATCH, UNWATCH as Redis 7.0's multi.c has them. The emulator queues a
// command instead of running it while `session.multi` is set (see RedisEmulator.exec), and every
// write reaches `touchWatchedKey` through `signalModifiedKey`.
import type { Reply } from '../reply.ts';
import type { Keyspace, WatchedKey } from '../keyspace.ts';
import type { Session } from '../session.ts';
import { arrayReply, errorReply, OK, statusReply, type CommandRun, type CommandSpec } from './shared.ts';

/** Commands that run at once even inside MULTI (processCommand's list); every other one is queued. */
export const RUN_INSIDE_MULTI: ReadonlySet<string> = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);

const QUEUED = statusReply('QUEUED');
const NULL_ARRAY: Reply = Object.freeze({ type: 'array', value: null });
const EXECABORT = errorReply('EXECABORT Transaction discarded because of previous errors.');

/** queueMultiCommand: a transaction already doomed keeps nothing, but still answers QUEUED. */
export function queueCommand(session: Session, spec: CommandSpec, argv: readonly string[]): Reply {
  if (!session.watchTouched && !session.multiRejected) session.multi!.push({ spec, argv });
  return QUEUED;
}

/** execCommandAbort: a rejected EXEC (wrong arity) discards the transaction, with or without MULTI. */
export function execAbort(session: Session, error: Reply): Reply {
  discardTransaction(session);
  const message = error.type === 'error' ? error.message.replace(/^ERR /, '') : '';
  return errorReply(`EXECABORT Transaction discarded because of: ${message}`);
}

function discardTransaction(session: Session): void {
  session.multi = null;
  session.multiRejected = false;
  session.watchTouched = false;
  unwatchAllKeys(session);
}

export const multi: CommandRun = (_engine, _argv, session) => {
  if (session.multi !== null) return errorReply('ERR MULTI calls can not be nested');
  session.multi = [];
  return OK;
};

export const discard: CommandRun = (_engine, _argv, session) => {
  if (session.multi === null) return errorReply('ERR DISCARD without MULTI');
  discardTransaction(session);
  return OK;
};

export const exec: CommandRun = (engine, _argv, session) => {
  const queued = session.multi;
  if (queued === null) return errorReply('ERR EXEC without MULTI');
  if (isWatchedKeyExpired(engine.now, session)) session.watchTouched = true;
  if (session.watchTouched || session.multiRejected) {
    const reply = session.multiRejected ? EXECABORT : NULL_ARRAY;
    discardTransaction(session);
    return reply;
  }
  unwatchAllKeys(session);
  // Blocking commands answer at once inside EXEC (CLIENT_DENY_BLOCKING).
  const denied = session.denyBlocking;
  session.denyBlocking = true;
  const replies: Reply[] = [];
  for (const { spec, argv } of queued) replies.push(engine.call(spec, argv, session));
  session.denyBlocking = denied;
  discardTransaction(session);
  return arrayReply(replies);
};

export const watch: CommandRun = (engine, argv, session, db) => {
  if (session.multi !== null) return errorReply('ERR WATCH inside MULTI is not allowed');
  // No point in watching once a watched key was touched.
  if (session.watchTouched) return OK;
  for (let j = 1; j < argv.length; j++) watchForKey(engine.now, session, db, argv[j]!);
  return OK;
};

export const unwatch: CommandRun = (_engine, _argv, session) => {
  unwatchAllKeys(session);
  session.watchTouched = false;
  return OK;
};

function watchForKey(now: number, session: Session, db: Keyspace, key: string): void {
  for (const wk of session.watched) if (wk.db === db && wk.key === key) return;
  const entry = db.index[key];
  const wk: WatchedKey = { key, db, session, expired: entry !== undefined && now > entry.expireAt };
  const watchers = db.watchedKeys.get(key);
  if (watchers === undefined) db.watchedKeys.set(key, [wk]);
  else watchers.push(wk);
  session.watched.push(wk);
}

/** Forgets every WATCH of the client (UNWATCH, EXEC, DISCARD, a closed connection). */
export function unwatchAllKeys(session: Session): void {
  if (session.watched.length === 0) return;
  for (const wk of session.watched) {
    const watchers = wk.db.watchedKeys.get(wk.key);
    if (watchers === undefined) continue;
    const at = watchers.indexOf(wk);
    if (at >= 0) watchers.splice(at, 1);
    if (watchers.length === 0) wk.db.watchedKeys.delete(wk.key);
  }
  session.watched = [];
}

// A key that was live when WATCHed and is logically expired at EXEC counts as changed.
function isWatchedKeyExpired(now: number, session: Session): boolean {
  for (const wk of session.watched) {
    if (wk.expired) continue;
    const entry = wk.db.index[wk.key];
    if (entry !== undefined && now > entry.expireAt) return true;
  }
  return false;
}

/** touchWatchedKey: marks every client watching `key` in `db` (called from signalModifiedKey). */
export function touchWatchedKey(db: Keyspace, key: string): void {
  const watchers = db.watchedKeys.get(key);
  if (watchers === undefined) return;
  for (const wk of [...watchers]) {
    if (wk.expired) {
      // Deleting a key that was already expired when watched changes nothing logically.
      if (db.index[key] === undefined) {
        wk.expired = false;
        continue;
      }
      // Redis 7.0 leaves the loop here, so later watchers of this key stay clean too.
      break;
    }
    wk.session.watchTouched = true;
    unwatchAllKeys(wk.session);
  }
}

/** touchAllWatchedKeysInDb on FLUSHDB/FLUSHALL: only keys present before the flush count as touched. */
export function touchAllWatchedKeysInDb(db: Keyspace): void {
  if (db.watchedKeys.size === 0) return;
  for (const [key, watchers] of db.watchedKeys) {
    if (db.index[key] === undefined) continue;
    for (const wk of watchers) {
      if (wk.expired) {
        wk.expired = false;
        continue;
      }
      wk.session.watchTouched = true;
    }
  }
}
