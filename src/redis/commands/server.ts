// Connection and server commands of the first load: PING, HELLO, CLIENT's basics, ... (server.c, networking.c).
// INFO and CLIENT INFO/LIST are in server-info.ts, loaded with `loadCommands()`.
import type { Reply } from '../reply.ts';
import { parseInt64 } from '../numbers.ts';
import type { RedisEmulator as Engine } from '../emulator.ts';
import type { Session } from '../session.ts';
import type { Keyspace } from '../keyspace.ts';
import {
  arityError,
  arrayReply,
  bulkReply,
  cString,
  EMPTY_ARRAY,
  errorReply,
  formattedError,
  intReply,
  NIL,
  NOT_INTEGER,
  OK,
  optionIs,
  PONG,
  statusReply,
  SYNTAX,
  type CommandRun,
  type CommandSpec,
} from './shared.ts';

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
const WRONGPASS = errorReply('WRONGPASS invalid username-password pair or user is disabled.');

function setName(session: Session, name: string): Reply | null {
  if (!validClientName(name)) return BAD_NAME;
  session.name = name.length === 0 ? null : name;
  return null;
}

export const hello: CommandRun = (engine, argv, session) => {
  let version = 0;
  let next = 1;
  if (argv.length >= 2) {
    const parsed = parseInt64(argv[next++]!);
    if (parsed === null) return errorReply('ERR Protocol version is not an integer or out of range');
    if (parsed < 2 || parsed > 3) return errorReply('NOPROTO unsupported protocol version');
    version = Number(parsed);
  }
  for (let j = next; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const opt = argv[j]!;
    if (optionIs(opt, 'auth') && more >= 2) {
      // The default user has no password: any password works for it, no other user exists.
      if (argv[j + 1] !== 'default') return WRONGPASS;
      j += 2;
    } else if (optionIs(opt, 'setname') && more >= 1) {
      const failed = setName(session, argv[j + 1]!);
      if (failed !== null) return failed;
      j++;
    } else {
      return formattedError(`ERR Syntax error in HELLO option '${cString(opt)}'`);
    }
  }
  if (version !== 0) session.protocol = version as 2 | 3;
  return {
    type: 'map',
    value: [
      [bulkReply('server'), bulkReply('redis')],
      [bulkReply('version'), bulkReply(REDIS_VERSION)],
      [bulkReply('proto'), intReply(session.protocol)],
      [bulkReply('id'), intReply(session.id)],
      [bulkReply('mode'), bulkReply('standalone')],
      [bulkReply('role'), bulkReply('master')],
      [bulkReply('modules'), EMPTY_ARRAY],
    ],
  };
};

export const auth: CommandRun = (_engine, argv) => {
  if (argv.length > 3) return SYNTAX;
  if (argv.length === 2) {
    return errorReply(
      'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
    );
  }
  return argv[1] === 'default' ? OK : WRONGPASS;
};

// ---- CLIENT -----------------------------------------------------------------------------

export const clientId: CommandRun = (_engine, _argv, session) => intReply(session.id);

export const clientGetname: CommandRun = (_engine, _argv, session) =>
  session.name === null ? NIL : bulkReply(session.name);

export const clientSetname: CommandRun = (_engine, argv, session) => setName(session, argv[2]!) ?? OK;

export const clientNoEvict: CommandRun = (_engine, argv) =>
  optionIs(argv[2]!, 'on') || optionIs(argv[2]!, 'off') ? OK : SYNTAX;

export const clientHelp: CommandRun = () =>
  arrayReply(
    [
      'CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
      'GETNAME',
      '    Return the name of the current connection.',
      'ID',
      '    Return the ID of the current connection.',
      'INFO',
      '    Return information about the current client connection.',
      'LIST [options ...]',
      '    Return information about client connections.',
      'SETNAME <name>',
      '    Assign the name <name> to the current connection.',
      'HELP',
      '    Print this help.',
    ].map(statusReply),
  );
