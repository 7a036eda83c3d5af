import { COMMAND_HELP, findCommandHelp, helpText } from './help';

test('every command has a syntax starting with its name and a one-line summary', () => {
  for (const entry of COMMAND_HELP) {
    expect(entry.syntax.startsWith(entry.name)).toBe(true);
    expect(entry.summary).not.toContain('\n');
  }
  expect(new Set(COMMAND_HELP.map((entry) => entry.name)).size).toBe(COMMAND_HELP.length);
});

test('HELP <command> is case-insensitive and shows syntax, summary and group', () => {
  expect(helpText(['ttl'])).toBe(`\n  TTL key\n  summary: ${findCommandHelp('TTL')!.summary}\n  group: keys\n`);
});

test('HELP @group lists the group and an unknown topic says so', () => {
  expect(helpText(['@hash'])).toContain('HGETALL key');
  expect(helpText(['@hash'])).not.toContain('GET key\n');
  expect(helpText(['NOPE'])).toBe('No help for NOPE. Type HELP for the list of commands.');
  expect(helpText(['@nope'])).toMatch(/^No commands in group @nope\. Groups: @string/);
});

test('HELP covers exactly the commands the emulator runs', async () => {
  const { COMMANDS } = await import('../../redis/commands/table.ts');
  const emulated = [...new Set([...COMMANDS.values()].map((spec) => spec.name.toUpperCase()))].sort();
  expect(COMMAND_HELP.map((entry) => entry.name).sort()).toEqual(emulated);
});
