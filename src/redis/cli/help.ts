/**
 * HELP as redis-cli 7.0 answers it: its help entries are built from the server's COMMAND DOCS
 * reply (redis-cli.c cliInitHelp, cliAddArgument) and printed as cliOutputHelp prints them. The
 * console builds them from the emulator's own COMMAND DOCS reply, so help and COMMAND DOCS are
 * one definition (Redis 7.0.15's descriptions, scripts/generate-command-docs.ts).
 *
 * Where the console differs, for a learner: `HELP <command>` adds the command's complexity (from
 * the same reply); a bare `HELP` lists the commands by group instead of redis-cli's notes about
 * tab completion; an unknown topic or group says so instead of printing a blank line.
 *
 * @example
 * await consoleHelp(['set']);
 * // '\n  SET key value [NX|XX] [GET] [EX seconds|...|KEEPTTL]\n  summary: Set the string value of a key\n  since: 1.0.0\n  group: string\n  complexity: O(1)\n'
 */
import type { Reply } from '../reply.ts';
import { loadCommandDocs } from '../loading.ts';
import { COMMANDS } from '../commands/table.ts';
import { docsReply } from '../commands/introspection.ts';

/** One command or subcommand, as redis-cli's help table holds it. */
export interface HelpEntry {
  /** The name's words in capitals: `['CLIENT', 'TRACKING']`. */
  readonly words: readonly string[];
  /** The arguments, as redis-cli writes them: `key [NX|XX]`. */
  readonly params: string;
  readonly summary: string;
  readonly since: string | undefined;
  readonly group: string;
  readonly complexity: string | undefined;
}

const text = (reply: Reply | undefined): string => (reply?.type === 'bulk' || reply?.type === 'status' ? (reply.value ?? '') : '');
const items = (reply: Reply | undefined): readonly Reply[] =>
  reply?.type === 'array' || reply?.type === 'set' ? (reply.value ?? []) : [];
const fields = (reply: Reply | undefined): Map<string, Reply> =>
  new Map(reply?.type === 'map' ? reply.value.map(([name, value]) => [text(name), value] as const) : []);
// sdscat_orempty: an empty name or token shows as "".
const orEmpty = (value: string): string => (value === '' ? '""' : value);

/** cliAddArgument: one argument of COMMAND DOCS's `arguments`, as redis-cli's help writes it. */
function argument(reply: Reply): string {
  const arg = fields(reply);
  const type = text(arg.get('type'));
  const flags = new Set(items(arg.get('flags')).map(text));
  let token = arg.has('token') ? orEmpty(text(arg.get('token'))) : '';
  const repeat =
    type === 'oneof' ? argumentList(arg.get('arguments'), '|') : type === 'block' ? argumentList(arg.get('arguments'), ' ') : type === 'pure-token' ? '' : orEmpty(text(arg.get('name')));
  if (token !== '' && type !== 'pure-token') token += ' ';
  let params = token + repeat;
  if (flags.has('multiple')) params += ` [${flags.has('multiple_token') ? token : ''}${repeat} ...]`;
  return flags.has('optional') ? `[${params}]` : params;
}

function argumentList(args: Reply | undefined, separator: string): string {
  return items(args).map(argument).join(separator);
}

/**
 * cliInitHelp: every command and subcommand of a COMMAND DOCS reply (RESP3 maps, as the emulator
 * builds them), sorted by full name as redis-cli sorts them.
 */
export function helpEntries(docs: Reply): HelpEntry[] {
  const entries: HelpEntry[] = [];
  const add = (fullName: string, reply: Reply): void => {
    const doc = fields(reply);
    entries.push({
      words: fullName.toUpperCase().split('|'),
      params: argumentList(doc.get('arguments'), ' '),
      summary: text(doc.get('summary')),
      since: doc.has('since') ? text(doc.get('since')) : undefined,
      group: text(doc.get('group')),
      complexity: doc.has('complexity') ? text(doc.get('complexity')) : undefined,
    });
    for (const [name, sub] of fields(doc.get('subcommands'))) add(name, sub);
  };
  if (docs.type === 'map') for (const [name, reply] of docs.value) add(text(name), reply);
  const full = (entry: HelpEntry) => entry.words.join(' ');
  return entries.sort((a, b) => (full(a) < full(b) ? -1 : full(a) > full(b) ? 1 : 0));
}

/** cliOutputCommandHelp's block (a trailing space after a command without arguments dropped; redis-cli's closing blank line too). */
function describe(entry: HelpEntry, withGroup: boolean): string {
  const lines = [`  ${[...entry.words, entry.params].join(' ').trimEnd()}`, `  summary: ${entry.summary}`];
  if (entry.since !== undefined) lines.push(`  since: ${entry.since}`);
  if (withGroup) lines.push(`  group: ${entry.group}`);
  if (withGroup && entry.complexity !== undefined) lines.push(`  complexity: ${entry.complexity}`);
  return `\n${lines.join('\n')}\n`;
}

// The bare HELP's order: the data types first, as a learner meets them; a group not named here goes last.
const GROUP_ORDER = ['string', 'generic', 'hash', 'list', 'set', 'sorted-set', 'stream', 'transactions', 'scripting', 'pubsub', 'connection', 'server'];

function groups(entries: readonly HelpEntry[]): string[] {
  const rank = (group: string) => (GROUP_ORDER.includes(group) ? GROUP_ORDER.indexOf(group) : GROUP_ORDER.length);
  return [...new Set(entries.map((entry) => entry.group))].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
}

/**
 * Each group and its commands' names (not subcommands: `HELP CLIENT` lists those), a group a line:
 * the console wraps them to its width, a phone's as well as a desktop's.
 */
function overview(entries: readonly HelpEntry[]): string {
  const lines = groups(entries).map((group) => {
    const names = entries.filter((entry) => entry.group === group && entry.words.length === 1).map((entry) => entry.words[0]);
    return `@${group}: ${names.join(' ')}`;
  });
  return [
    'Commands this console understands, by group. HELP <command> shows its syntax, summary and complexity; HELP @<group> lists a group with syntax and summaries.',
    '',
    ...lines,
    '',
    'Console keys: Up/Down walk the history, Ctrl+L or CLEAR clears the screen.',
  ].join('\n');
}

/**
 * The text `HELP <topic...>` prints (cliOutputHelp): with no topic, the commands by group; with
 * `@group`, that group's commands; otherwise every command whose name starts with the topic's
 * words (`HELP CLIENT` shows CLIENT and its subcommands), case-insensitively.
 */
export function helpText(topic: readonly string[], entries: readonly HelpEntry[]): string {
  if (topic.length === 0) return overview(entries);
  const first = topic[0]!;
  if (first.startsWith('@')) {
    const group = first.slice(1).toLowerCase();
    const members = entries.filter((entry) => entry.group === group);
    if (members.length === 0) return `No commands in group @${group}. Groups: ${groups(entries).map((g) => `@${g}`).join(', ')}`;
    return members.map((entry) => describe(entry, false)).join('');
  }
  const words = topic.map((word) => word.toUpperCase());
  const matches = entries.filter((entry) => words.length <= entry.words.length && words.every((word, i) => entry.words[i] === word));
  if (matches.length === 0) return `No help for ${topic.join(' ')}. Type HELP for the list of commands, HELP @<group> for a group.`;
  return matches.map((entry) => describe(entry, true)).join('');
}

let loaded: readonly HelpEntry[] | null = null;

/**
 * HELP for the console: loads the command descriptions (a chunk of their own, `loadCommandDocs`)
 * the first time, then answers from the emulator's COMMAND DOCS reply for every command.
 */
export async function consoleHelp(topic: readonly string[]): Promise<string> {
  if (loaded === null) {
    await loadCommandDocs();
    loaded = helpEntries(docsReply([...new Set(COMMANDS.values())]));
  }
  return helpText(topic, loaded);
}
