// COMMAND INFO's tips and key specifications and COMMAND DOCS's fields beyond the command rows,
// built from the generated descriptions (command-docs-data.ts, loaded by loadCommandDocs) as
// server.c's addReplyCommandTips, addReplyCommandKeySpecs, addReplyCommandHistory and
// addReplyCommandArgList write them.
import type { Reply } from '../reply.ts';
import { arrayReply, bulkReply, intReply, statusReply } from './shared.ts';
import { ARG_FLAGS, ARG_TYPES, DOC_FLAGS, KEY_FLAGS, type ArgDoc, type CommandExtras, type KeySpec } from './command-docs-types.ts';

type Field = readonly [Reply, Reply];

const field = (name: string, value: Reply): Field => [bulkReply(name), value];
const map = (fields: readonly Field[]): Reply => ({ type: 'map', value: fields });
const set = (value: readonly Reply[]): Reply => ({ type: 'set', value });

/** addReplyCommandFlags: the names of the set bits, in the list's order, as a set of statuses. */
function flagSet(order: readonly string[], mask: number): Reply {
  return set(order.filter((_, i) => (mask & (1 << i)) !== 0).map(statusReply));
}

/** A key's flags (KEY_FLAGS bits) as COMMAND INFO and GETKEYSANDFLAGS write them. */
export function keyFlagsReply(flags: number): Reply {
  return flagSet(KEY_FLAGS, flags);
}

export function tipsReply(extras: CommandExtras | undefined): Reply {
  return set((extras?.tips ?? []).map(bulkReply));
}

function keySpecReply([notes, flags, begin, find]: KeySpec): Reply {
  const fields: Field[] = [];
  if (notes !== '') fields.push(field('notes', bulkReply(notes)));
  fields.push(field('flags', keyFlagsReply(flags)));
  const beginSearch =
    begin === null
      ? [field('type', bulkReply('unknown')), field('spec', map([]))]
      : typeof begin === 'number'
        ? [field('type', bulkReply('index')), field('spec', map([field('index', intReply(begin))]))]
        : [field('type', bulkReply('keyword')), field('spec', map([field('keyword', bulkReply(begin[0])), field('startfrom', intReply(begin[1]))]))];
  fields.push(field('begin_search', map(beginSearch)));
  const names = find === null ? [] : find[0] === 0 ? ['lastkey', 'keystep', 'limit'] : ['keynumidx', 'firstkey', 'keystep'];
  const findKeys =
    find === null
      ? [field('type', bulkReply('unknown')), field('spec', map([]))]
      : [field('type', bulkReply(find[0] === 0 ? 'range' : 'keynum')), field('spec', map(names.map((name, i) => field(name, intReply(find[i + 1]!)))))];
  fields.push(field('find_keys', map(findKeys)));
  return map(fields);
}

export function keySpecsReply(extras: CommandExtras | undefined): Reply {
  return set((extras?.keySpecs ?? []).map(keySpecReply));
}

function argsReply(args: readonly ArgDoc[]): Reply {
  return arrayReply(
    args.map((arg) => {
      const fields: Field[] = [field('name', bulkReply(arg.n)), field('type', bulkReply(ARG_TYPES[arg.t]!))];
      if (arg.k !== undefined) fields.push(field('key_spec_index', intReply(arg.k)));
      if (arg.o !== undefined) fields.push(field('token', bulkReply(arg.o)));
      if (arg.s !== undefined) fields.push(field('summary', bulkReply(arg.s)));
      if (arg.v !== undefined) fields.push(field('since', bulkReply(arg.v)));
      if (arg.d !== undefined) fields.push(field('deprecated_since', bulkReply(arg.d)));
      if (arg.f !== undefined) fields.push(field('flags', flagSet(ARG_FLAGS, arg.f)));
      if (arg.a !== undefined) fields.push(field('arguments', argsReply(arg.a)));
      return map(fields);
    }),
  );
}

/** addReplyCommandDocs's fields after complexity: doc_flags, deprecated_since, replaced_by, history, arguments. */
export function docsFields(extras: CommandExtras | undefined): Field[] {
  const fields: Field[] = [];
  if (extras === undefined) return fields;
  if (extras.docFlags !== undefined) fields.push(field('doc_flags', flagSet(DOC_FLAGS, extras.docFlags)));
  if (extras.deprecatedSince !== undefined) fields.push(field('deprecated_since', bulkReply(extras.deprecatedSince)));
  if (extras.replacedBy !== undefined) fields.push(field('replaced_by', bulkReply(extras.replacedBy)));
  if (extras.history !== undefined) {
    fields.push(field('history', set(extras.history.map(([since, changes]) => arrayReply([bulkReply(since), bulkReply(changes)])))));
  }
  if (extras.args !== undefined) fields.push(field('arguments', argsReply(extras.args)));
  return fields;
}
