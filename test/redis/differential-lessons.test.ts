// What the lessons teach, against a real redis-server 7.0.15: every Redis command a lesson names
// (its inline code, its plain code blocks, its figures' console lines) is one the emulator runs, and
// every complete command line among them gets Redis's reply from the emulator, lesson by lesson,
// on a small keyspace shaped like the labs' (users, products, a ranking, a queue).
// Client-library samples run against both servers in test/content/samples.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DifferentialPair, formatDifference, normalize, sameReply, startRealRedis, type RealRedis } from './differential-harness.ts';
import { parseCliLine } from '../../src/redis/cli/parse.ts';
import { binaryToUtf8 } from '../../src/redis/bytes.ts';
import type { RespValue } from '../../src/redis/resp.ts';

const root = join(import.meta.dirname, '..', '..');
const lessons = readdirSync(join(root, 'content')).filter((file) => /^\d\d-.*\.md$/.test(file)).sort();

/** Inline code and the lines of plain (language-less) code blocks of one lesson. */
function lessonTexts(markdown: string): string[] {
  const texts: string[] = [];
  const prose = markdown.replace(/^```(\w*)[^\n]*\n([\s\S]*?)^```[^\n]*$/gm, (_block, lang: string, body: string) => {
    if (lang === '') texts.push(...body.split('\n'));
    return '';
  });
  for (const match of prose.matchAll(/`([^`\n]+)`/g)) texts.push(match[1]!);
  return texts.map((text) => text.trim()).filter(Boolean);
}

/** Console lines the figures type (the string literals of `type: 'console'` actions and `typed(...)`). */
function figureLines(): string[] {
  const dir = join(root, 'src', 'lessons', 'figures', 'catalog');
  return readdirSync(dir).flatMap((file) =>
    [...readFileSync(join(dir, file), 'utf8').matchAll(/type: 'console', line: '([^']+)'|typed\([^,]+, '([^']+)'\)/g)].map((m) => m[1] ?? m[2]!),
  );
}

// A small keyspace like the labs' (lesson 1's users, lesson 5's per-user keys, lesson 14's products, ranking and queue).
const SEED = [
  ['SET', 'user:1', '{"id":1,"name":"Ada Lovelace"}', 'EX', '3600'],
  ['SET', 'user:3', '{"id":3,"name":"Grace Hopper"}', 'EX', '60'],
  ['SET', 'user:7', '{"id":7,"name":"Alan Turing"}'],
  ['SET', 'user:42:profile', 'p'],
  ['SET', 'user:42:orders', 'o'],
  ['SET', 'user:420:profile', 'q'],
  ['HSET', 'product:1', 'name', 'Lamp', 'price', '90', 'tags', 'sale'],
  ['SET', 'product:2', '{"id":2,"price":12}', 'EX', '300'],
  ['ZADD', 'top:sellers', '5', 'product:1', '3', 'product:7', '1', 'product:2'],
  ['RPUSH', 'queue:product-writes', 'product:1', 'product:2'],
];

// Lines whose reply depends on the server itself (a client id, an address, uptime): compared by shape
// (HELLO: all but its client id).
const BY_SHAPE = new Set(['info', 'client']);
// INFO fields the lessons teach to read: compared by value (the others depend on the server's connections and clock).
const TAUGHT_STATS = new Set(['keyspace_hits', 'keyspace_misses', 'expired_keys', 'evicted_keys', 'maxmemory', 'maxmemory_policy']);
// Lines that change what the rest of the lesson runs in (a transaction) or end the connection.
const NOT_RUN = new Set(['multi', 'exec', 'discard', 'quit', 'reset']);

/** A reply with what the two servers cannot share (stream IDs made of each one's clock; INFO/CLIENT values) taken out. */
function comparable(argv: readonly string[], value: RespValue): unknown {
  const name = argv[0]!.toLowerCase();
  const strip = (reply: RespValue): unknown => {
    if (reply.type === 'bulk' && reply.value !== null && /^\d{13}-\d+$/.test(reply.value)) return '<stream id>';
    if (reply.type === 'array' || reply.type === 'set' || reply.type === 'push') return reply.value === null ? null : reply.value.map(strip);
    if (reply.type === 'map') return reply.value.map(([key, item]) => [strip(key), name === 'hello' && textOf(key) === 'id' ? item.type : strip(item)]);
    return reply;
  };
  if (BY_SHAPE.has(name) && value.type === 'integer') return 'integer';
  if (BY_SHAPE.has(name) && textOf(value) !== null) {
    // INFO: its section headers, field names and the counters the lessons read; CLIENT LIST: each line's field names.
    return textOf(value)!
      .split(/\r?\n/)
      .map((line) => (line.startsWith('#') || TAUGHT_STATS.has(line.split(':')[0]!) ? line : line.replace(/([:=])[^ ]*/g, '$1')));
  }
  return strip(normalize(argv, value));
}
const textOf = (value: RespValue): string | null => (value.type === 'bulk' || value.type === 'verbatim' ? value.value : null);

let real: RealRedis;
let pair: DifferentialPair;
let redisCommands: Set<string>;
beforeAll(async () => {
  real = await startRealRedis();
  pair = await DifferentialPair.open(real.port);
  const [list] = await pair.real.send([['COMMAND', 'LIST']]);
  redisCommands = new Set((list?.type === 'array' ? (list.value ?? []) : []).map((name) => (name.type === 'bulk' ? name.value! : '')));
}, 30_000);
afterAll(async () => {
  pair?.close();
  await real?.stop();
});

/** A text's command: its first word, with the second when the first is a container and the second one of its subcommands. */
function commandOf(argv: readonly string[]): string | undefined {
  const first = argv[0]!.toLowerCase();
  if (!redisCommands.has(first) || argv[0] !== argv[0]!.toUpperCase()) return undefined;
  const sub = `${first}|${(argv[1] ?? '').toLowerCase()}`;
  return redisCommands.has(sub) ? sub : first;
}

test('every command the lessons name is one the emulator runs, and every complete line gets Redis 7.0.15\'s reply', async () => {
  const named = new Map<string, string>(); // command -> where it was first named
  const differences: string[] = [];
  let ran = 0;
  const texts = lessons.map((file) => [file, lessonTexts(readFileSync(join(root, 'content', file), 'utf8'))] as const);
  for (const [file, lines] of [...texts, ['figures', figureLines()] as const]) {
    // Each lesson starts on the same keyspace, in RESP2, without a memory limit.
    for (const argv of [['HELLO', '2'], ['FLUSHALL'], ['CONFIG', 'SET', 'maxmemory', '0'], ...SEED]) {
      await pair.both(argv);
    }
    for (const written of lines) {
      // A value to fill in (`SET lock <random token> NX PX 5000`) gets one, as the learner would type it.
      const text = written.replace(/<[^<>]+>/g, 'filled-in');
      const parsed = parseCliLine(text);
      if (!parsed.ok || parsed.argv.length === 0) continue;
      const argv = parsed.argv;
      const command = commandOf(argv);
      if (command === undefined) continue;
      if (!named.has(command)) named.set(command, `${file}: ${written}`);
      // A mention (`SET ... EX`, `ZRANGE … REV`) or a bare name is not a line to run.
      if (/\.\.\.|…/.test(text) || NOT_RUN.has(argv[0]!.toLowerCase()) || (argv.length === 1 && !['dbsize', 'flushall', 'unwatch', 'ping'].includes(command))) continue;
      // SCAN from cursor 0: the whole walk's keys (Redis's cursors follow its seeded hash); a later cursor only means something in the lesson's own state.
      if (command === 'scan') {
        if (argv[1] !== '0') continue;
        const walk = async (side: 'real' | 'emulated') => {
          const keys: string[] = [];
          let cursor = '0';
          do {
            const step = (await pair.both(['SCAN', cursor, ...argv.slice(2)]))[side];
            if (step.type !== 'array' || step.value === null) return JSON.stringify(step);
            cursor = textOf(step.value[0]!)!;
            const found = step.value[1]!;
            keys.push(...(found.type === 'array' ? (found.value ?? []) : []).map((key) => textOf(key)!));
          } while (cursor !== '0');
          return keys.sort().join(' ');
        };
        const [theirs, mine] = [await walk('real'), await walk('emulated')];
        ran++;
        if (theirs !== mine) differences.push(`${file}: ${written}\n  real: ${theirs}\n  emulated: ${mine}`);
        continue;
      }
      const both = await pair.both(argv);
      ran++;
      // PTTL and its kin may differ by the milliseconds between the two servers' clocks (sameReply's tolerance).
      const equal = sameReply(argv, both.real, both.emulated) || JSON.stringify(comparable(argv, both.real)) === JSON.stringify(comparable(argv, both.emulated));
      if (!equal) {
        differences.push(`${file}: ${formatDifference({ argv: argv.map(binaryToUtf8), ...both })}`);
      }
    }
  }
  const table = pair.emulator.commandTable;
  const missing = [...named].filter(([command]) => {
    const [name, sub] = command.split('|');
    const spec = table.get(name!);
    return spec === undefined || (sub !== undefined && spec.subcommands?.get(sub) === undefined);
  });
  expect(missing.map(([command, where]) => `${command} (${where})`)).toEqual([]);
  expect(differences).toEqual([]);
  console.log(`lessons name ${named.size} commands: ${[...named.keys()].sort().join(' ')}; ${ran} lines compared`);
  expect(named.size).toBeGreaterThan(40);
  expect(ran).toBeGreaterThan(40);
}, 60_000);
