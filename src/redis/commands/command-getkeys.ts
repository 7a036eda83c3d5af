// COMMAND GETKEYS and GETKEYSANDFLAGS: a command's keys found as Redis 7.0 finds them
// (db.c getKeysFromCommandWithSpecs): through its key specifications when they are reliable, else
// through the command's own key finder (the get_keys_function of its description), which the few
// commands the emulator has with one are ported here.
import type { CommandSpec } from './shared.ts';
import type { CommandExtras, KeySpec } from './command-docs-types.ts';
import { KEY_FLAGS } from './command-docs-types.ts';
import { cString } from './shared.ts';
import { parseInt64 } from '../numbers.ts';

/** A key found in a command: its position in the command's arguments and the flags (KEY_FLAGS bits) of its spec. */
export interface KeyReference {
  readonly pos: number;
  readonly flags: number;
}

const flag = (name: (typeof KEY_FLAGS)[number]) => 1 << KEY_FLAGS.indexOf(name);
const NOT_KEY = flag('not_key');
const INCOMPLETE = flag('incomplete');
const VARIABLE_FLAGS = flag('variable_flags');

const strcasecmp = (arg: string, lowerName: string) => cString(arg).toLowerCase() === lowerName;

/** C's atoi (via strtol): leading blanks and sign, the digits, clamped to a long, then cut to an int. */
function atoi(arg: string): number {
  const match = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(cString(arg));
  if (match === null) return 0;
  let value = BigInt(match[1]!);
  const max = (1n << 63n) - 1n;
  if (value > max) value = max;
  if (value < -max - 1n) value = -max - 1n;
  return Number(BigInt.asIntN(32, value));
}

/** getKeysUsingKeySpecs with no search flags: the keys, or null when a spec does not fit the arguments. */
function keysUsingKeySpecs(specs: readonly KeySpec[], args: readonly string[]): KeyReference[] | null {
  const argc = args.length;
  const keys: KeyReference[] = [];
  for (const [, flags, begin, find] of specs) {
    if ((flags & NOT_KEY) !== 0) continue;
    let first = 0;
    if (typeof begin === 'number') first = begin;
    else if (begin !== null) {
      const [keyword, startfrom] = begin;
      const start = startfrom > 0 ? startfrom : argc + startfrom;
      const end = startfrom > 0 ? argc - 1 : 1;
      for (let i = start; i !== end; i = start <= end ? i + 1 : i - 1) {
        if (i >= argc || i < 1) break;
        if (strcasecmp(args[i]!, keyword.toLowerCase())) {
          first = i + 1;
          break;
        }
      }
      if (first === 0) continue;
    } else return null;
    if (find === null) return null;
    let last: number;
    let step: number;
    if (find[0] === 0) {
      const [, lastKey, keyStep, limit] = find;
      step = keyStep;
      if (lastKey >= 0) last = first + lastKey;
      else if (limit === 0) last = argc + lastKey;
      else last = first + (Math.trunc((argc - first) / limit) + lastKey);
    } else {
      const [, keynumIndex, firstKey, keyStep] = find;
      step = keyStep;
      if (keynumIndex >= argc || first + keynumIndex >= argc) return null;
      const numkeys = parseInt64(args[first + keynumIndex]!);
      if (numkeys === null || numkeys < 0) return null;
      first += firstKey;
      last = first + Number(BigInt.asIntN(32, BigInt(numkeys))) - 1;
    }
    if (last >= argc || last < first || first >= argc) return null;
    for (let i = first; i <= last; i += step) keys.push({ pos: i, flags });
    if ((flags & INCOMPLETE) !== 0) return null;
  }
  return keys;
}

/** genericGetKeys: `num` keys from `firstKey`, none when the count does not fit. */
function genericKeys(countAt: number, firstKey: number, args: readonly string[]): KeyReference[] {
  const num = atoi(args[countAt]!);
  if (num < 1 || num > Math.trunc(args.length - firstKey)) return [];
  return Array.from({ length: num }, (_, i) => ({ pos: firstKey + i, flags: 0 }));
}

/** xreadGetKeys: the keys after STREAMS, half of what follows it. */
function xreadKeys(args: readonly string[]): KeyReference[] {
  let streamsAt = -1;
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!;
    if (strcasecmp(arg, 'block') || strcasecmp(arg, 'count')) i++;
    else if (strcasecmp(arg, 'group')) i += 2;
    else if (strcasecmp(arg, 'noack')) continue;
    else if (strcasecmp(arg, 'streams')) {
      streamsAt = i;
      break;
    } else break;
  }
  const num = streamsAt === -1 ? 0 : args.length - streamsAt - 1;
  if (num === 0 || num % 2 !== 0) return [];
  return Array.from({ length: num / 2 }, (_, i) => ({ pos: streamsAt + 1 + i, flags: 0 }));
}

/** setGetKeys: the key reads too when GET is given. */
function setKeys(args: readonly string[]): KeyReference[] {
  const get = args.slice(3).some((arg) => strcasecmp(arg, 'get'));
  return [{ pos: 1, flags: get ? flag('RW') | flag('access') | flag('update') : flag('OW') | flag('update') }];
}

/** The get_keys_function of the emulator's commands that have one (Redis 7.0.15's src/commands/*.json). */
const KEY_FINDERS: Readonly<Record<string, (args: readonly string[]) => KeyReference[]>> = {
  set: setKeys,
  sintercard: (args) => genericKeys(1, 2, args),
  eval: (args) => genericKeys(2, 3, args),
  evalsha: (args) => genericKeys(2, 3, args),
  eval_ro: (args) => genericKeys(2, 3, args),
  evalsha_ro: (args) => genericKeys(2, 3, args),
  lmpop: (args) => genericKeys(1, 2, args),
  zmpop: (args) => genericKeys(1, 2, args),
  blmpop: (args) => genericKeys(2, 3, args),
  bzmpop: (args) => genericKeys(2, 3, args),
  xread: xreadKeys,
};

/** doesCommandHaveKeys: a key finder, or a key spec that is not `not_key`. */
export function hasKeys(spec: CommandSpec, extras: CommandExtras | undefined): boolean {
  return KEY_FINDERS[spec.fullName] !== undefined || (extras?.keySpecs ?? []).some(([, flags]) => (flags & NOT_KEY) === 0);
}

/** getKeysFromCommandWithSpecs: `args` is the whole command, its name first. */
export function commandKeys(spec: CommandSpec, extras: CommandExtras | undefined, args: readonly string[]): KeyReference[] {
  const specs = extras?.keySpecs ?? [];
  const reliable = specs.some(([, flags]) => (flags & NOT_KEY) === 0) && !specs.some(([, flags]) => (flags & VARIABLE_FLAGS) !== 0);
  if (reliable) {
    const keys = keysUsingKeySpecs(specs, args);
    if (keys !== null) return keys;
  }
  return KEY_FINDERS[spec.fullName]?.(args) ?? [];
}
