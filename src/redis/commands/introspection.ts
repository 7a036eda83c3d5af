// COMMAND and its subcommands (COUNT, DOCS, INFO, LIST, GETKEYS, GETKEYSANDFLAGS, HELP): introspection of the command
// table, loaded with the lazy rows (table-types.ts) since only a console or a client asks for it.
import type { Reply } from '../reply.ts';
import type { RedisEmulator as Engine } from '../emulator.ts';
import { globMatch } from '../glob.ts';
import { arrayReply, bulkReply, errorReply, intReply, NIL, statusReply, SYNTAX, type CommandRun, type CommandSpec } from './shared.ts';
import { commandExtras } from '../loading.ts';
import { docsFields, keyFlagsReply, keySpecsReply, tipsReply } from './command-docs.ts';
import { commandKeys, hasKeys } from './command-getkeys.ts';
import type { CommandExtras } from './command-docs-types.ts';

// Redis lists ACL categories and flags in a fixed order; `sentinel` flags are not shown.
const CATEGORY_ORDER = [
  'keyspace', 'read', 'write', 'set', 'sortedset', 'list', 'hash', 'string', 'bitmap', 'hyperloglog', 'geo',
  'stream', 'pubsub', 'admin', 'fast', 'slow', 'blocking', 'dangerous', 'connection', 'transaction', 'scripting',
];

/** A command's ACL categories: its own and those its flags imply (setImplicitACLCategories). */
function aclCategories(spec: CommandSpec): Set<string> {
  const categories = new Set<string>(spec.acl);
  if (spec.flags.includes('write')) categories.add('write');
  // setImplicitACLCategories: read-only scripting commands (EVAL_RO) are not @read.
  if (spec.flags.includes('readonly') && !spec.acl.includes('scripting')) categories.add('read');
  if (spec.flags.includes('admin')) {
    categories.add('admin');
    categories.add('dangerous');
  }
  categories.add(spec.flags.includes('fast') ? 'fast' : 'slow');
  return categories;
}

/**
 * COMMAND, COMMAND INFO and COMMAND DOCS reply with the generated descriptions, a chunk of its own
 * (loadCommandDocs): until it is there they refuse, rather than answer without key specs or arguments.
 */
function notLoaded(name: string): Reply {
  return errorReply(`ERR ${name} needs the command descriptions, not loaded in this emulator yet: call \`await loadCommandDocs()\` (or \`await redis.loadCommandDocs()\`) first`);
}

function commandInfo(spec: CommandSpec, extras: Readonly<Record<string, CommandExtras>>): Reply {
  const categories = aclCategories(spec);
  const ordered = CATEGORY_ORDER.filter((name) => categories.has(name)).map((name) => statusReply('@' + name));
  return arrayReply([
    bulkReply(spec.fullName),
    intReply(spec.arity),
    { type: 'set', value: spec.flags.filter((flag) => flag !== 'sentinel' && flag !== 'may_replicate').map(statusReply) },
    intReply(spec.firstKey),
    intReply(spec.lastKey),
    intReply(spec.step),
    { type: 'set', value: ordered },
    tipsReply(extras[spec.fullName]),
    keySpecsReply(extras[spec.fullName]),
    // addReplyCommandSubCommands: an empty set when there are none, else an array.
    spec.subcommands === null ? { type: 'set', value: [] } : arrayReply([...spec.subcommands.values()].map((sub) => commandInfo(sub, extras))),
  ]);
}

function uniqueSpecs(engine: Engine): CommandSpec[] {
  return [...new Set(engine.commandTable.values())];
}

function findSpec(engine: Engine, name: string): CommandSpec | undefined {
  const [base, sub] = name.toLowerCase().split('|');
  const spec = engine.commandTable.get(base!);
  if (spec === undefined || sub === undefined) return spec;
  return spec.subcommands?.get(sub);
}

export const command: CommandRun = (engine) => {
  const extras = commandExtras;
  return extras === null ? notLoaded('COMMAND') : arrayReply(uniqueSpecs(engine).map((spec) => commandInfo(spec, extras)));
};

export const commandCount: CommandRun = (engine) => intReply(uniqueSpecs(engine).length);

/**
 * COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN glob] (commandListCommand): every
 * command and subcommand by full name, or those the filter keeps; FILTERBY must be the last three
 * arguments. No command comes from a module; an unknown category keeps none; the glob ignores case.
 */
export const commandList: CommandRun = (engine, argv) => {
  let keep: (spec: CommandSpec) => boolean = () => true;
  for (let i = 2; i < argv.length; i++) {
    if (argv[i]!.toLowerCase() !== 'filterby' || argv.length - 1 - i !== 2) return SYNTAX;
    const type = argv[i + 1]!.toLowerCase();
    const arg = argv[i + 2]!;
    if (type === 'module') keep = () => false;
    else if (type === 'aclcat') {
      const category = arg.toLowerCase();
      keep = CATEGORY_ORDER.includes(category) ? (spec) => aclCategories(spec).has(category) : () => false;
    } else if (type === 'pattern') keep = (spec) => globMatch(arg, spec.fullName, true);
    else return SYNTAX;
    i += 2;
  }
  const names: Reply[] = [];
  const visit = (spec: CommandSpec): void => {
    if (keep(spec)) names.push(bulkReply(spec.fullName));
    if (spec.subcommands !== null) for (const sub of spec.subcommands.values()) visit(sub);
  };
  for (const spec of uniqueSpecs(engine)) visit(spec);
  return arrayReply(names);
};

export const commandInfoRun: CommandRun = (engine, argv) => {
  const extras = commandExtras;
  if (extras === null) return notLoaded('COMMAND INFO');
  const specs = argv.length === 2 ? uniqueSpecs(engine) : argv.slice(2).map((name) => findSpec(engine, name));
  return arrayReply(specs.map((spec) => (spec === undefined ? NIL : commandInfo(spec, extras))));
};

function commandDoc(spec: CommandSpec, extras: Readonly<Record<string, CommandExtras>>): Reply {
  const fields: Array<readonly [Reply, Reply]> = [
    [bulkReply('summary'), bulkReply(spec.summary)],
    [bulkReply('since'), bulkReply(spec.since)],
    [bulkReply('group'), bulkReply(spec.group)],
    [bulkReply('complexity'), bulkReply(spec.complexity)],
    ...docsFields(extras[spec.fullName]),
  ];
  if (spec.subcommands !== null) {
    fields.push([
      bulkReply('subcommands'),
      {
        type: 'map',
        value: [...spec.subcommands.values()].map((sub) => [bulkReply(sub.fullName), commandDoc(sub, extras)] as const),
      },
    ]);
  }
  return { type: 'map', value: fields };
}

/**
 * COMMAND DOCS's reply for these commands. redis-cli builds its HELP from this reply, and so does
 * the console's (cli/help.ts), so the two cannot disagree.
 */
export function docsReply(specs: readonly CommandSpec[]): Reply {
  const extras = commandExtras;
  if (extras === null) return notLoaded('COMMAND DOCS');
  return { type: 'map', value: specs.map((spec) => [bulkReply(spec.fullName), commandDoc(spec, extras)] as const) };
}

export const commandDocs: CommandRun = (engine, argv) =>
  docsReply(argv.length === 2 ? uniqueSpecs(engine) : argv.slice(2).flatMap((name) => findSpec(engine, name) ?? []));

/** lookupCommand: a container with a second argument means its subcommand (unknown: none). */
function lookupCommand(engine: Engine, args: readonly string[]): CommandSpec | undefined {
  const base = engine.commandTable.get(args[0]!.toLowerCase());
  if (base?.subcommands == null || args.length === 1) return base;
  return base.subcommands.get(args[1]!.toLowerCase());
}

/** getKeysSubcommandImpl: COMMAND GETKEYS (names) and GETKEYSANDFLAGS (names and flags). */
function getKeys(engine: Engine, argv: readonly string[], withFlags: boolean): Reply {
  const extras = commandExtras;
  if (extras === null) return notLoaded(withFlags ? 'COMMAND GETKEYSANDFLAGS' : 'COMMAND GETKEYS');
  const args = argv.slice(2);
  const spec = lookupCommand(engine, args);
  if (spec === undefined) return errorReply('ERR Invalid command specified');
  if (!hasKeys(spec, extras[spec.fullName])) return errorReply('ERR The command has no key arguments');
  if ((spec.arity > 0 && spec.arity !== args.length) || args.length < -spec.arity) {
    return errorReply('ERR Invalid number of arguments specified for command');
  }
  const keys = commandKeys(spec, extras[spec.fullName], args);
  if (keys.length === 0) {
    return spec.flags.includes('no_mandatory_keys') ? arrayReply([]) : errorReply('ERR Invalid arguments specified for command');
  }
  return arrayReply(keys.map(({ pos, flags }) => (withFlags ? arrayReply([bulkReply(args[pos]!), keyFlagsReply(flags)]) : bulkReply(args[pos]!))));
}

export const commandGetkeys: CommandRun = (engine, argv) => getKeys(engine, argv, false);
export const commandGetkeysandflags: CommandRun = (engine, argv) => getKeys(engine, argv, true);

const HELP = [
  'COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  '(no subcommand)',
  '    Return details about all Redis commands.',
  'COUNT',
  '    Return the total number of commands in this Redis server.',
  'LIST',
  '    Return a list of all commands in this Redis server.',
  'INFO [<command-name> ...]',
  '    Return details about multiple Redis commands.',
  '    If no command names are given, documentation details for all',
  '    commands are returned.',
  'DOCS [<command-name> ...]',
  '    Return documentation details about multiple Redis commands.',
  '    If no command names are given, documentation details for all',
  '    commands are returned.',
  'GETKEYS <full-command>',
  '    Return the keys from a full Redis command.',
  'GETKEYSANDFLAGS <full-command>',
  '    Return the keys and the access flags from a full Redis command.',
  'HELP',
  '    Prints this help.',
];

export const commandHelp: CommandRun = () => arrayReply(HELP.map(statusReply));
