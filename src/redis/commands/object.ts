// OBJECT subcommands (object.c). A container, so FREQ/IDLETIME/REFCOUNT can join as rows of table.ts.
import { encodingName } from '../values.ts';
import { arrayReply, NIL, statusReply, bulkReply, type CommandRun } from './shared.ts';

// objectCommandLookup: lookupKeyReadWithFlags(NOTOUCH|NONOTIFY) still counts hits and misses.
export const objectEncoding: CommandRun = (engine, argv, _session, db) => {
  const entry = engine.lookupRead(db, argv[2]!);
  return entry === undefined ? NIL : bulkReply(encodingName(entry.value));
};

const HELP = [
  'OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'ENCODING <key>',
  '    Return the kind of internal representation used in order to store the value',
  '    associated with a <key>.',
  'FREQ <key>',
  '    Return the access frequency index of the <key>. The returned integer is',
  '    proportional to the logarithm of the recent access frequency of the key.',
  'IDLETIME <key>',
  '    Return the idle time of the <key>, that is the approximated number of',
  '    seconds elapsed since the last access to the key.',
  'REFCOUNT <key>',
  '    Return the number of references of the value associated with the specified',
  '    <key>.',
  'HELP',
  '    Prints this help.',
];

export const objectHelp: CommandRun = () => arrayReply(HELP.map(statusReply));
