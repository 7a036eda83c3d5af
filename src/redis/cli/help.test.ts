// HELP is built from COMMAND DOCS: for every command and subcommand the emulator runs, what HELP
// shows must be what the emulator's COMMAND DOCS replies (test/redis/differential-help.test.ts
// compares the text with real redis-cli's HELP against real Redis 7.0.15).
import { RedisEmulator } from '../emulator.ts';
import type { Reply } from '../reply.ts';
import { consoleHelp } from './help.ts';

const redis = new RedisEmulator({ now: () => 0 });
const session = redis.createSession();
const fullNames = [...new Set(redis.commandTable.values())].flatMap((spec) => [spec.fullName, ...[...(spec.subcommands?.values() ?? [])].map((sub) => sub.fullName)]);

const text = (reply: Reply | undefined): string => (reply?.type === 'bulk' || reply?.type === 'status' ? (reply.value ?? '') : '');
const fields = (reply: Reply | undefined): Map<string, Reply> =>
  new Map(reply?.type === 'map' ? reply.value.map(([name, value]) => [text(name), value] as const) : []);
/** Every argument's name (when it is not a pure token) and token, depth first, from COMMAND DOCS's `arguments`. */
function argumentWords(reply: Reply | undefined): string[] {
  const args = reply?.type === 'array' ? (reply.value ?? []) : [];
  return args.flatMap((arg) => {
    const doc = fields(arg);
    return [...(doc.has('token') ? [text(doc.get('token'))] : []), ...(text(doc.get('type')) === 'pure-token' || doc.has('arguments') ? [] : [text(doc.get('name'))]), ...argumentWords(doc.get('arguments'))];
  });
}

test("for every command and subcommand, HELP <name> shows COMMAND DOCS's summary, since, group and complexity, and a syntax made of its arguments", async () => {
  expect(fullNames.length).toBeGreaterThan(200);
  for (const fullName of fullNames) {
    const reply = redis.exec(['COMMAND', 'DOCS', fullName], session);
    const doc = fields(reply.type === 'map' ? reply.value[0]![1] : undefined);
    const words = fullName.toUpperCase().split('|');
    const help = await consoleHelp(words);
    // HELP CLIENT also shows CLIENT's subcommands: its own block comes first (sorted by name).
    const block = help.replace(/^\n/, '').split('\n\n')[0]!.replace(/\n$/, '').split('\n');
    const [syntax, ...rest] = block;
    expect([fullName, rest]).toEqual([
      fullName,
      [`  summary: ${text(doc.get('summary'))}`, `  since: ${text(doc.get('since'))}`, `  group: ${text(doc.get('group'))}`, `  complexity: ${text(doc.get('complexity'))}`],
    ]);
    expect(syntax!.startsWith(`  ${words.join(' ')}`), fullName).toBe(true);
    // Every name and token of the arguments appears in the syntax, in order.
    let at = 2 + words.join(' ').length;
    for (const word of argumentWords(doc.get('arguments'))) {
      const found = syntax!.indexOf(word, at);
      expect([fullName, word, found >= 0]).toEqual([fullName, word, true]);
      at = found + word.length;
    }
  }
});

test("HELP <command> writes the arguments as redis-cli 7.0.15 does (its HELP against redis-server 7.0.15)", async () => {
  const syntax = async (...words: string[]) => (await consoleHelp(words)).split('\n')[1];
  expect(await syntax('set')).toBe('  SET key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]');
  expect(await syntax('XADD')).toBe('  XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value ...]');
  expect(await syntax('client', 'tracking')).toBe('  CLIENT TRACKING ON|OFF [REDIRECT client-id] [PREFIX prefix [PREFIX prefix ...]] [BCAST] [OPTIN] [OPTOUT] [NOLOOP]');
  expect(await syntax('MULTI')).toBe('  MULTI');
});

test('HELP <command> is case-insensitive, HELP <container> shows it and its subcommands, HELP @group lists the group without the group line', async () => {
  expect(await consoleHelp(['ttl'])).toBe(await consoleHelp(['TTL']));
  expect(await consoleHelp(['TTL'])).toMatch(/^\n {2}TTL key\n {2}summary: .+\n {2}since: 1\.0\.0\n {2}group: generic\n {2}complexity: O\(1\)\n$/);
  const client = await consoleHelp(['client']);
  expect(client.match(/^ {2}CLIENT\b.*$/gm)!.map((line) => line.split(' ')[3] ?? '')).toEqual(
    fullNames.filter((name) => name.startsWith('client')).map((name) => name.split('|')[1]?.toUpperCase() ?? '').sort(),
  );
  const hash = await consoleHelp(['@hash']);
  expect(hash).toContain('\n  HGETALL key\n');
  expect(hash).not.toContain('GET key\n');
  expect(hash).not.toContain('group:');
  expect(hash.match(/^ {2}(?!summary:|since:)\S+/gm)).toHaveLength(fullNames.filter((name) => redis.commandTable.get(name)?.group === 'hash').length);
});

test('an unknown command or group gets a clear message', async () => {
  expect(await consoleHelp(['NOPE'])).toBe('No help for NOPE. Type HELP for the list of commands, HELP @<group> for a group.');
  expect(await consoleHelp(['client', 'nope'])).toMatch(/^No help for client nope\./);
  expect(await consoleHelp(['@nope'])).toMatch(/^No commands in group @nope\. Groups: @string, @generic, @hash, /);
});

test('a bare HELP lists every command once, a group a line', async () => {
  const lines = (await consoleHelp([])).split('\n');
  const listed = lines.filter((line) => line.startsWith('@')).flatMap((line) => line.split(' ').slice(1));
  const commands = fullNames.filter((name) => !name.includes('|')).map((name) => name.toUpperCase());
  expect(listed.sort()).toEqual(commands.sort());
  expect(lines).toContain('@transactions: DISCARD EXEC MULTI UNWATCH WATCH');
  expect(lines.filter((line) => line.startsWith('@'))[0]).toMatch(/^@string: APPEND DECR DECRBY GET /);
});
