// Writes src/redis/commands/command-docs-data.ts: what COMMAND INFO (tips, key specifications) and
// COMMAND DOCS (doc_flags, deprecated_since, replaced_by, history, arguments) say about each
// command the emulator implements, taken from Redis's own command descriptions (src/commands/*.json,
// which Redis's utils/generate-command-code.py turns into commands.c). Summary, since, group and
// complexity stay in the command rows (commands/table*.ts); this module holds only the rest.
//
//   npx tsx scripts/generate-command-docs.ts --redis-git-dir <redis bare repo> [--tag 7.0.15]
//   npx tsx scripts/generate-command-docs.ts --redis-src <redis checkout>
//
// Redis's files are read, never copied into the repository.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCommands } from '../src/redis/loading.ts';
import { COMMANDS } from '../src/redis/commands/table.ts';
import type { CommandSpec } from '../src/redis/commands/shared.ts';
import { ARG_FLAGS, ARG_TYPES, DOC_FLAGS, KEY_FLAGS, type ArgDoc, type CommandExtras, type KeySpec } from '../src/redis/commands/command-docs-types.ts';

const OUTPUT = 'src/redis/commands/command-docs-data.ts';

const { values } = parseArgs({
  options: {
    'redis-git-dir': { type: 'string' },
    'redis-src': { type: 'string' },
    tag: { type: 'string', default: '7.0.15' },
  },
});

interface JsonArg {
  name: string;
  type: string;
  key_spec_index?: number;
  token?: string;
  summary?: string;
  since?: string;
  deprecated_since?: string;
  optional?: boolean;
  multiple?: boolean;
  multiple_token?: boolean;
  arguments?: JsonArg[];
}

interface JsonKeySpec {
  notes?: string;
  flags?: string[];
  begin_search: { index?: { pos: number }; keyword?: { keyword: string; startfrom: number }; unknown?: null };
  find_keys: {
    range?: { lastkey: number; step: number; limit: number };
    keynum?: { keynumidx: number; firstkey: number; step: number };
    unknown?: null;
  };
}

interface JsonCommand {
  container?: string;
  summary?: string;
  since?: string;
  group: string;
  complexity?: string;
  arity: number;
  doc_flags?: string[];
  deprecated_since?: string;
  replaced_by?: string;
  history?: Array<[string, string]>;
  command_tips?: string[];
  key_specs?: JsonKeySpec[];
  arguments?: JsonArg[];
}

/** Every `src/commands/*.json` of the chosen Redis source, as text. */
function readDescriptions(): string[] {
  if (values['redis-src'] !== undefined) {
    const dir = path.join(values['redis-src'], 'src/commands');
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => readFileSync(path.join(dir, name), 'utf8'));
  }
  const gitDir = values['redis-git-dir'];
  if (gitDir === undefined) {
    console.error('usage: generate-command-docs.ts --redis-git-dir <dir> [--tag 7.0.15] | --redis-src <dir>');
    process.exit(2);
  }
  const git = (...args: string[]) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const names = git('ls-tree', '--name-only', `${values.tag}:src/commands`).split('\n').filter((name) => name.endsWith('.json'));
  return names.map((name) => git('show', `${values.tag}:src/commands/${name}`));
}

/** Flag names to the bit mask of their index in `order` (the order Redis replies them in). */
function bits(order: readonly string[], names: readonly string[] | undefined, what: string): number {
  let mask = 0;
  for (const name of names ?? []) {
    // Key spec flags are RO/RW/OW/RM in capitals, the rest in lower case, as Redis replies them.
    const index = Math.max(order.indexOf(name), order.indexOf(name.toLowerCase()));
    if (index < 0) throw new Error(`unknown ${what} flag ${name}`);
    mask |= 1 << index;
  }
  return mask;
}

// As generate-command-code.py: names lowercased, tokens uppercased, empty strings absent.
function argDoc(arg: JsonArg): ArgDoc {
  const type = (ARG_TYPES as readonly string[]).indexOf(arg.type);
  if (type < 0) throw new Error(`unknown argument type ${arg.type}`);
  const doc: ArgDoc = { n: arg.name.toLowerCase(), t: type };
  if (arg.key_spec_index !== undefined) doc.k = arg.key_spec_index;
  if (arg.token) doc.o = arg.token.toUpperCase();
  if (arg.summary) doc.s = arg.summary;
  if (arg.since) doc.v = arg.since;
  if (arg.deprecated_since) doc.d = arg.deprecated_since;
  const flags = bits(ARG_FLAGS, [arg.optional && 'optional', arg.multiple && 'multiple', arg.multiple_token && 'multiple_token'].filter((flag): flag is string => typeof flag === 'string'), 'argument');
  if (flags !== 0) doc.f = flags;
  if (arg.type === 'oneof' || arg.type === 'block') doc.a = (arg.arguments ?? []).map(argDoc);
  return doc;
}

function keySpec(spec: JsonKeySpec): KeySpec {
  const { index, keyword } = spec.begin_search;
  const begin: KeySpec[2] = index ? index.pos : keyword ? [keyword.keyword, keyword.startfrom] : null;
  const { range, keynum } = spec.find_keys;
  const find: KeySpec[3] = range ? [0, range.lastkey, range.step, range.limit] : keynum ? [1, keynum.keynumidx, keynum.firstkey, keynum.step] : null;
  return [spec.notes ?? '', bits(KEY_FLAGS, spec.flags, 'key spec'), begin, find];
}

function extras(desc: JsonCommand): CommandExtras {
  const out: CommandExtras = {};
  if (desc.command_tips?.length) out.tips = desc.command_tips.map((tip) => tip.toLowerCase());
  if (desc.key_specs?.length) out.keySpecs = desc.key_specs.map(keySpec);
  const docFlags = bits(DOC_FLAGS, desc.doc_flags, 'doc');
  if (docFlags !== 0) out.docFlags = docFlags;
  if (desc.deprecated_since) out.deprecatedSince = desc.deprecated_since;
  if (desc.replaced_by) out.replacedBy = desc.replaced_by;
  if (desc.history?.length) out.history = desc.history;
  if (desc.arguments?.length) out.args = desc.arguments.map(argDoc);
  return out;
}

await loadCommands();
const implemented = new Map<string, CommandSpec>();
for (const spec of new Set(COMMANDS.values())) {
  implemented.set(spec.fullName, spec);
  for (const sub of spec.subcommands?.values() ?? []) implemented.set(sub.fullName, sub);
}

// The rows keep summary, since, group, complexity and arity: say where they differ from Redis's.
const rowDifferences: string[] = [];
function checkRow(spec: CommandSpec, desc: JsonCommand, group: string): void {
  const expected = { summary: desc.summary ?? '', since: desc.since ?? '', group: group.replace('_', '-'), complexity: desc.complexity ?? '', arity: desc.arity };
  for (const [field, value] of Object.entries(expected)) {
    const actual = spec[field as keyof typeof expected];
    if (actual !== value) rowDifferences.push(`${spec.fullName} ${field}: row ${JSON.stringify(actual)}, Redis ${JSON.stringify(value)}`);
  }
}

const found = new Map<string, CommandExtras>();
const descriptions = new Map<string, JsonCommand>();
for (const text of readDescriptions()) {
  for (const [name, desc] of Object.entries(JSON.parse(text) as Record<string, JsonCommand>)) {
    const fullName = (desc.container === undefined ? name : `${desc.container}|${name}`).toLowerCase();
    descriptions.set(fullName, desc);
    if (implemented.has(fullName)) found.set(fullName, extras(desc));
  }
}
const missing = [...implemented.keys()].filter((name) => !found.has(name));
if (missing.length > 0) throw new Error(`no description for ${missing.join(', ')}`);
for (const [fullName, spec] of implemented) {
  const desc = descriptions.get(fullName)!;
  // A subcommand takes its container's group (generate-command-code.py).
  checkRow(spec, desc, desc.container === undefined ? desc.group : descriptions.get(desc.container.toLowerCase())!.group);
}
if (rowDifferences.length > 0) {
  console.error(`The command rows (src/redis/commands/table*.ts) differ from Redis's:\n${rowDifferences.join('\n')}`);
  process.exitCode = 1;
}

const names = [...found.keys()].sort();
const source = `// Generated by scripts/generate-command-docs.ts from Redis ${values['redis-src'] === undefined ? values.tag : 'source'}'s src/commands/*.json
// (BSD-3-Clause, Copyright Redis Ltd.) for the ${names.length} commands and subcommands the emulator implements. Do not edit.
// A lazily loaded chunk: see loadCommandDocs in loading.ts.
import type { CommandExtras } from './command-docs-types.ts';

export const COMMAND_EXTRAS: Readonly<Record<string, CommandExtras>> = {
${names.map((name) => `${JSON.stringify(name)}: ${JSON.stringify(found.get(name))},`).join('\n')}
};
`;
writeFileSync(OUTPUT, source);
console.log(`${OUTPUT}: ${names.length} commands, ${source.length} bytes`);
