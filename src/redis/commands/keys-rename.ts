// RENAME, RENAMENX, RANDOMKEY and COPY (db.c): key commands the labs never send, so they load with
// `loadCommands()` rather than on first load.
import type { Reply } from '../reply.ts';
import { NO_EXPIRY, type Keyspace } from '../keyspace.ts';
import { parseInt64 } from '../numbers.ts';
import { cloneValue } from '../values.ts';
import type { RedisEmulator as Engine } from '../emulator.ts';
import { NOTIFY_GENERIC, NOTIFY_NEW } from '../notify.ts';
import { bulkReply, errorReply, NIL, NO_SUCH_KEY, NOT_INTEGER, OK, ONE, optionIs, SYNTAX, ZERO, type CommandRun } from './shared.ts';

function renameGeneric(engine: Engine, argv: readonly string[], db: Keyspace, nx: boolean): Reply {
  const source = argv[1]!;
  const target = argv[2]!;
  const entry = engine.lookupWrite(db, source);
  if (entry === undefined) return NO_SUCH_KEY;
  if (source === target) return nx ? ZERO : OK;
  if (engine.lookupWrite(db, target) !== undefined) {
    if (nx) return ZERO;
    db.remove(target);
  }
  const moved = db.add(target, entry.value);
  engine.notifyKeyspaceEvent(NOTIFY_NEW, 'new', target, db.id);
  if (entry.expireAt !== NO_EXPIRY) db.setExpire(target, moved, entry.expireAt);
  db.remove(source);
  engine.signalModifiedKey(db, source);
  engine.signalModifiedKey(db, target);
  engine.notifyKeyspaceEvent(NOTIFY_GENERIC, 'rename_from', source, db.id);
  engine.notifyKeyspaceEvent(NOTIFY_GENERIC, 'rename_to', target, db.id);
  return nx ? ONE : OK;
}

export const rename: CommandRun = (engine, argv, _session, db) => renameGeneric(engine, argv, db, false);
export const renamenx: CommandRun = (engine, argv, _session, db) => renameGeneric(engine, argv, db, true);

export const randomkey: CommandRun = (engine, _argv, _session, db) => {
  for (;;) {
    const key = db.randomKey(engine.nextRandom);
    if (key === undefined) return NIL;
    if (engine.expireIfNeeded(db, key)) continue;
    return bulkReply(key);
  }
};

/** COPY source destination [DB destination-db] [REPLACE]: a deep copy with the source's TTL. */
export const copy: CommandRun = (engine, argv, _session, db) => {
  let target = db;
  let replace = false;
  for (let j = 3; j < argv.length; j++) {
    const more = argv.length - j - 1;
    if (optionIs(argv[j]!, 'replace')) replace = true;
    else if (optionIs(argv[j]!, 'db') && more >= 1) {
      const id = parseInt64(argv[++j]!);
      if (id === null || id < -2147483648 || id > 2147483647) return NOT_INTEGER;
      const chosen = engine.dbs[Number(id)];
      if (chosen === undefined) return errorReply('ERR DB index is out of range');
      target = chosen;
    } else return SYNTAX;
  }
  const source = argv[1]!;
  const destination = argv[2]!;
  if (target === db && source === destination) return errorReply('ERR source and destination objects are the same');
  const entry = engine.lookupRead(db, source);
  if (entry === undefined) return ZERO;
  if (engine.lookupWrite(target, destination) !== undefined) {
    if (!replace) return ZERO;
    target.remove(destination);
  }
  const copied = target.add(destination, cloneValue(entry.value));
  engine.notifyKeyspaceEvent(NOTIFY_NEW, 'new', destination, target.id);
  if (entry.expireAt !== NO_EXPIRY) target.setExpire(destination, copied, entry.expireAt);
  engine.signalModifiedKey(target, destination);
  engine.notifyKeyspaceEvent(NOTIFY_GENERIC, 'copy_to', destination, target.id);
  return ONE;
};
