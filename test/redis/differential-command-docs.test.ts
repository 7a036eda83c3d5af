// COMMAND, COMMAND INFO and COMMAND DOCS against a real redis-server 7.0.15: every field (tips, key
// specifications, arguments, history, doc flags...) for every command the emulator implements, in
// RESP2 and RESP3, in-process and over the RESP server, and redis-cli's printout; COMMAND GETKEYS
// and GETKEYSANDFLAGS for a sample line of every command and edge cases. Redis has more
// commands and subcommands than the emulator, and lists them in its dicts' order (seeded at random
// each start), so a whole-table reply (and a container's subcommands) is compared restricted to the
// emulator's commands and ordered by name; everything else must be equal as it is.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bigintSafe, DifferentialPair, formatDifference, RealConnection, startRealRedis, type RealRedis } from './differential-harness.ts';
import { RedisEmulator } from '../../src/redis/emulator.ts';
import type { Session } from '../../src/redis/session.ts';
import type { RespValue } from '../../src/redis/resp.ts';
import { startRespServer, type RespServer } from '../../src/server/server.ts';
import { COMMAND_EXTRAS } from '../../src/redis/commands/command-docs-data.ts';
import { ARG_TYPES, type ArgDoc, type CommandExtras } from '../../src/redis/commands/command-docs-types.ts';

let real: RealRedis;
let server: RespServer;
beforeAll(async () => {
  [real, server] = await Promise.all([startRealRedis(), startRespServer<Session>(new RedisEmulator({ now: () => Date.now() }), { port: 0 })]);
}, 30_000);
afterAll(async () => {
  await Promise.all([real?.stop(), server?.close()]);
});

const text = (value: RespValue | undefined): string => (value !== undefined && (value.type === 'bulk' || value.type === 'status') ? (value.value ?? '') : '');
const items = (value: RespValue | undefined): readonly RespValue[] => (value !== undefined && (value.type === 'array' || value.type === 'set') && value.value !== null ? value.value : []);
/** A map's [name, value] pairs, whether RESP3 sent a map or RESP2 a flat array. */
function pairs(value: RespValue | undefined): Array<[string, RespValue]> {
  if (value?.type === 'map') return value.value.map(([name, item]) => [text(name), item]);
  const flat = items(value);
  return Array.from({ length: flat.length >> 1 }, (_, i) => [text(flat[2 * i]), flat[2 * i + 1]!]);
}
const byName = <T,>(entries: Array<[string, T]>) => entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Every command and subcommand the emulator implements, by full name. */
const names = [...new Set(new RedisEmulator({ now: () => 0 }).commandTable.values())].flatMap((spec) => [spec.fullName, ...[...(spec.subcommands?.values() ?? [])].map((sub) => sub.fullName)]);
const implemented: ReadonlySet<string> = new Set(names);

/** One COMMAND INFO entry with its subcommands kept to the emulator's, ordered by name. */
function info(entry: RespValue): RespValue {
  if (entry.type !== 'array' || entry.value === null || entry.value.length !== 10) return entry;
  const subs = entry.value[9]!;
  if (subs.type !== 'array' || subs.value === null) return entry;
  const kept = byName(subs.value.filter((sub) => implemented.has(text(items(sub)[0]))).map((sub) => [text(items(sub)[0]), info(sub)] as [string, RespValue]));
  return { type: 'array', value: [...entry.value.slice(0, 9), { type: 'array', value: kept.map(([, sub]) => sub) }] };
}

/** A COMMAND DOCS reply as [name, fields] pairs kept to the emulator's commands, subcommands likewise. */
function docs(reply: RespValue): unknown {
  if (reply.type === 'error') return reply;
  return byName(pairs(reply).filter(([name]) => implemented.has(name))).map(([name, fields]) => [
    name,
    pairs(fields).map(([field, value]) => [field, field === 'subcommands' ? docs(value) : value]),
  ]);
}

function same(what: string, theirs: unknown, mine: unknown): string[] {
  const a = JSON.stringify(theirs, bigintSafe);
  const b = JSON.stringify(mine, bigintSafe);
  if (a === b) return [];
  let at = 0;
  while (a[at] === b[at]) at++;
  const near = (json: string) => json.slice(Math.max(0, at - 300), at + 200);
  return [`${what}, from character ${at}\n  real:     …${near(a)}\n  emulated: …${near(b)}`];
}

/** Either side, one command at a time: the in-process emulator (with the real server) or two connections. */
interface Sides {
  both(argv: readonly string[]): Promise<{ real: RespValue; emulated: RespValue }>;
}

async function compareAll(sides: Sides, names: readonly string[]): Promise<{ compared: number; differences: string[] }> {
  const differences: string[] = [];
  let compared = 0;
  // Every command and subcommand by full name, one reply each, then all of them in one COMMAND INFO.
  const each = await sides.both(['COMMAND', 'INFO', ...names]);
  items(each.real).forEach((entry, i) => {
    compared++;
    differences.push(...same(`COMMAND INFO ${names[i]}`, info(entry), info(items(each.emulated)[i]!)));
  });
  differences.push(...same('COMMAND INFO (count)', names.length, items(each.emulated).length));
  differences.push(...same('COMMAND INFO (count)', names.length, items(each.real).length));
  for (const argv of [['COMMAND'], ['COMMAND', 'INFO']]) {
    const { real: theirs, emulated } = await sides.both(argv);
    const table = (reply: RespValue) => byName(items(reply).filter((entry) => implemented.has(text(items(entry)[0]))).map((entry) => [text(items(entry)[0]), info(entry)] as [string, RespValue]));
    compared++;
    differences.push(...same(argv.join(' '), table(theirs), table(emulated)));
  }
  // COMMAND DOCS for all, for each by name, and for a few named ones at once (unknown names skipped).
  const lists = [[], names, ['get', 'set', 'config', 'config|get', 'xadd', 'nosuch', 'client|tracking', 'zadd', 'GETSET', 'Eval', 'get|x'], ['nosuch']];
  for (const list of lists) {
    const { real: theirs, emulated } = await sides.both(['COMMAND', 'DOCS', ...list]);
    compared++;
    differences.push(...same(`COMMAND DOCS ${list.length > 20 ? `(${list.length} names)` : list.join(' ')}`, docs(theirs), docs(emulated)));
  }
  return { compared, differences };
}

// Errors and edge cases, compared exactly.
const BAD = [
  ['COMMAND', 'BOGUS'],
  ['COMMAND', 'INFO', 'nosuch', 'get|x', 'config|nosuch', 'nosuch|get', ''],
  ['COMMAND', 'DOCS', 'nosuch', 'get|x', ''],
  ['COMMAND', 'COUNT', 'extra'],
  ['COMMAND', 'GETKEYS'],
  ['COMMAND', 'GETKEYS', 'nosuch'],
  ['COMMAND', 'GETKEYS', 'get'],
  ['COMMAND', 'GETKEYS', 'ping'],
  ['command', 'docs', 'GET'],
  ['command', 'info', 'GET', 'Config|Get'],
];

let compared = 0;

describe.each([2, 3] as const)('RESP%i', (protocol) => {
  test('in-process: COMMAND INFO and COMMAND DOCS for every implemented command equal Redis 7.0.15, errors too', async () => {
    const pair = await DifferentialPair.open(real.port);
    try {
      if (protocol === 3) await pair.both(['HELLO', '3']);
      const result = await compareAll(pair, names);
      const errors = await pair.run(BAD);
      compared += result.compared + BAD.length;
      expect([...result.differences, ...errors.map(formatDifference)]).toEqual([]);
      expect(result.compared).toBeGreaterThan(200);
    } finally {
      pair.close();
    }
  }, 30_000);

  test('over the RESP server: the same decoded replies, errors too', async () => {
    const [theirs, mine] = await Promise.all([RealConnection.open(real.port), RealConnection.open(server.port)]);
    try {
      const sides: Sides = {
        async both(argv) {
          const [[r], [e]] = await Promise.all([theirs.send([argv]), mine.send([argv])]);
          return { real: r!, emulated: e! };
        },
      };
      if (protocol === 3) await sides.both(['HELLO', '3']);
      const result = await compareAll(sides, names);
      const errors: string[] = [];
      for (const argv of BAD) {
        const { real: r, emulated: e } = await sides.both(argv);
        errors.push(...same(argv.join(' '), r, e));
      }
      compared += result.compared + BAD.length;
      expect([...result.differences, ...errors]).toEqual([]);
    } finally {
      theirs.close();
      mine.close();
    }
  }, 30_000);
});

/** A plausible command line for a command, from its documented arguments (every optional one given, a multiple one twice). */
function sampleLine(fullName: string, extras: CommandExtras | undefined): string[] {
  let keys = 0;
  const values: Record<string, () => string> = { key: () => `k${++keys}`, integer: () => '1', double: () => '1.5', 'unix-time': () => '100', pattern: () => '*', string: () => 'v' };
  const render = (arg: ArgDoc): string[] => {
    const one = (): string[] => {
      const token = arg.o === undefined ? [] : [arg.o];
      const type = ARG_TYPES[arg.t]!;
      if (type === 'pure-token') return token;
      if (type === 'oneof') return [...token, ...render(arg.a![0]!)];
      if (type === 'block') return [...token, ...arg.a!.flatMap(render)];
      return [...token, values[type]!()];
    };
    return (arg.f ?? 0) & 2 ? [...one(), ...one()] : one();
  };
  return [...fullName.split('|'), ...(extras?.args ?? []).flatMap(render)];
}

test('COMMAND GETKEYS and GETKEYSANDFLAGS find the keys Redis finds, for every command and for hand-picked edge cases', async () => {
  const pair = await DifferentialPair.open(real.port);
  const lines = names.filter((name) => !name.startsWith('command')).map((name) => sampleLine(name, COMMAND_EXTRAS[name]));
  const edges = [
    'eval s 0', 'eval s -1', 'eval s abc', 'eval s 3 a b', 'eval s 2147483648 a', 'eval s 4294967297 a b', 'eval s " 1" a', 'evalsha_ro x 1 a b',
    'sintercard 0 a', 'sintercard 2 a b LIMIT 1', 'sintercard x a', 'lmpop 2 a b LEFT', 'lmpop 0 a LEFT', 'blmpop 0 2 a b RIGHT COUNT 2', 'zmpop 1 z MIN', 'bzmpop 1 -1 z MAX',
    'xread STREAMS a 0', 'xread COUNT 1 BLOCK 0 STREAMS a b 0 0', 'xread STREAMS a b 0', 'xread streams streams 0', 'xread FOO STREAMS a 0', 'xread COUNT STREAMS a 0',
    'set k v', 'set k v get', 'set k v EX 1 GET', 'set k v gets', 'mset a 1 b 2', 'mset a 1 b', 'memory usage k', 'memory usage k SAMPLES 5', 'memory', 'memory nosuch k',
    'config get maxmemory', 'object freq k', 'lmove a b LEFT RIGHT', 'blmove a b LEFT RIGHT 0', 'rpoplpush a b', 'copy a b', 'rename a b', 'zrangestore d s 0 1',
    'sinterstore d a b', 'del a b c', 'brpop a b 0', 'xadd s * f v', 'subscribe c', 'spublish c m', 'ssubscribe a b', 'publish c m', 'ping', 'nosuch a', 'get', 'get a b',
  ].map((line) => line.split(' ').map((arg) => arg.replaceAll('"', '')));
  const commands = [...lines, ...edges].flatMap((line) => [['COMMAND', 'GETKEYS', ...line], ['COMMAND', 'GETKEYSANDFLAGS', ...line]]);
  const differences = await pair.run([...commands, ['COMMAND', 'HELP'], ['COMMAND', 'GETKEYS', 'set', 'k', 'v', 'get\0x']]);
  compared += commands.length + 2;
  pair.close();
  expect(differences.map(formatDifference)).toEqual([]);
  expect(lines.length).toBeGreaterThan(150);
}, 30_000);

test('redis-cli prints the same COMMAND DOCS and COMMAND INFO from both servers', async () => {
  const run = promisify(execFile);
  const cli = async (port: number, args: string[]) => (await run('redis-cli', ['-p', String(port), ...args])).stdout;
  for (const args of [['COMMAND', 'DOCS', 'get'], ['COMMAND', 'DOCS', 'set', 'config|get'], ['COMMAND', 'INFO', 'get', 'xread'], ['-3', 'COMMAND', 'DOCS', 'get']]) {
    const [theirs, mine] = await Promise.all([cli(real.port, args), cli(server.port, args)]);
    expect([args.join(' '), mine]).toEqual([args.join(' '), theirs]);
    expect(theirs).toContain(args.includes('INFO') ? 'begin_search' : 'arguments');
  }
}, 30_000);

test('interactive redis-cli shows the same hints (built from COMMAND DOCS arguments) for both servers', async () => {
  const run = promisify(execFile);
  // Typing ZADD, clearing the line (Ctrl-U), GETEX k, clearing, quit.
  const session = async (port: number) =>
    (await run('/usr/bin/python3', ['test/fixtures/redis-cli/interactive.py', String(port), 'ZADD \x15GETEX k \x15quit\r'])).stdout.replaceAll(String(port), 'PORT');
  const [theirs, mine] = await Promise.all([session(real.port), session(server.port)]);
  expect(theirs).toContain('key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]');
  expect(theirs).toContain('[EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|PERSIST]');
  expect(mine).toBe(theirs);
}, 30_000);

test('the comparisons ran', () => {
  expect(compared).toBeGreaterThan(800);
});
