// Connection and server commands of the first load: PING, SELECT, CLIENT ID/SETNAME, ... (server.c, networking.c).
// INFO, HELLO, AUTH and CLIENT INFO/LIST/NO-EVICT/HELP are in server-info.ts, loaded with `loadCommands()`.
import type { Reply } from '../reply.ts';
import { parseInt64 } from '../numbers.ts';
import type { Session } from '../session.ts';
import { arityError, arrayReply, bulkReply, errorReply, intReply, NIL, NOT_INTEGER, OK, optionIs, PONG, SYNTAX, type CommandRun } from './shared.ts';

export const REDIS_VERSION = '7.0.15';

export const ping: CommandRun = (_engine, argv, session) => {
  if (argv.length > 2) return arityError('ping');
  // RESP2 subscribed mode answers in the shape of a message: ["pong", argument or ""].
  if (session.pubsub !== null && session.protocol === 2) {
    return arrayReply([bulkReply('pong'), argv.length === 1 ? bulkReply('') : bulkReply(argv[1]!)]);
  }
  return argv.length === 1 ? PONG : bulkReply(argv[1]!);
};

export const echo: CommandRun = (_engine, argv) => bulkReply(argv[1]!);

export const select: CommandRun = (engine, argv, session) => {
  const id = parseInt64(argv[1]!);
  if (id === null) return NOT_INTEGER;
  if (id < -2147483648 || id > 2147483647) {
    return errorReply('ERR value is out of range, value must between -2147483648 and 2147483647');
  }
  if (id < 0 || id >= engine.dbs.length) return errorReply('ERR DB index is out of range');
  session.db = Number(id);
  return OK;
};

export const dbsize: CommandRun = (_engine, _argv, _session, db) => intReply(db.size);

function flushOptionsValid(argv: readonly string[]): boolean {
  if (argv.length === 1) return true;
  return argv.length === 2 && (optionIs(argv[1]!, 'sync') || optionIs(argv[1]!, 'async'));
}

export const flushdb: CommandRun = (engine, argv, _session, db) => {
  if (!flushOptionsValid(argv)) return SYNTAX;
  engine.flush(db);
  return OK;
};

export const flushall: CommandRun = (engine, argv) => {
  if (!flushOptionsValid(argv)) return SYNTAX;
  engine.flush('all');
  return OK;
};

export const time: CommandRun = (engine) => {
  const seconds = Math.floor(engine.now / 1000);
  const micros = (engine.now - seconds * 1000) * 1000;
  return arrayReply([bulkReply(String(seconds)), bulkReply(String(micros))]);
};

export const quit: CommandRun = (_engine, _argv, session) => {
  session.closed = true;
  return OK;
};

// clientSetName: printable ASCII without spaces; an empty name clears it.
function validClientName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 33 || c > 126) return false;
  }
  return true;
}

const BAD_NAME = errorReply('ERR Client names cannot contain spaces, newlines or special characters.');

export function setName(session: Session, name: string): Reply | null {
  if (!validClientName(name)) return BAD_NAME;
  session.name = name.length === 0 ? null : name;
  return null;
}

// ---- CLIENT -----------------------------------------------------------------------------

export const clientId: CommandRun = (_engine, _argv, session) => intReply(session.id);

export const clientGetname: CommandRun = (_engine, _argv, session) =>
  session.name === null ? NIL : bulkReply(session.name);

export const clientSetname: CommandRun = (_engine, argv, session) => setName(session, argv[2]!) ?? OK;
