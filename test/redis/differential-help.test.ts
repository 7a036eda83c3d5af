// The console's HELP against redis-cli 7.0.15's HELP, which builds its help from a real
// redis-server 7.0.15's COMMAND DOCS: every group's listing, restricted to the commands the
// emulator runs, must be the same text, and so must a command's own block (the console adds one
// line, the complexity). Colours and carriage returns are redis-cli's terminal dress, dropped.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startRealRedis, type RealRedis } from './differential-harness.ts';
import { RedisEmulator } from '../../src/redis/emulator.ts';
import { consoleHelp } from '../../src/redis/cli/help.ts';

const run = promisify(execFile);
let real: RealRedis;
beforeAll(async () => {
  real = await startRealRedis();
}, 30_000);
afterAll(async () => {
  await real?.stop();
});

const cli = async (...args: string[]) => (await run('redis-cli', ['-p', String(real.port), ...args])).stdout;
// redis-cli colours the name and labels and ends lines with \r\n; a command without arguments keeps a trailing space.
const plain = (output: string) => output.replace(/\x1b\[[0-9;]*m/g, '').replace(/\r/g, '').replace(/ +\n/g, '\n');

const specs = [...new Set(new RedisEmulator({ now: () => 0 }).commandTable.values())];
const implemented = new Set(specs.flatMap((spec) => [spec.fullName, ...[...(spec.subcommands?.values() ?? [])].map((sub) => sub.fullName)]).map((name) => name.toUpperCase().replace('|', ' ')));

/** A HELP printout's blocks (blank-line separated), keeping those of `names`: a block's name is the longest of `all` its first line starts with. */
function blocks(output: string, all: ReadonlySet<string>, names: ReadonlySet<string>): string[] {
  return plain(output)
    .split('\n\n')
    .map((block) => block.replace(/^\n+|\n+$/g, ''))
    .filter((block) => {
      const first = block.split('\n')[0]!.trim();
      const words = first.split(' ');
      const name = [words.slice(0, 2).join(' '), words[0]!].find((candidate) => all.has(candidate));
      return name !== undefined && names.has(name);
    });
}

test("every group's HELP @group is redis-cli's for the emulator's commands, and HELP <command> is redis-cli's plus the complexity", async () => {
  const all = new Set((await cli('COMMAND', 'LIST')).trim().split('\n').map((name) => name.toUpperCase().replace('|', ' ')));
  for (const name of implemented) expect([name, all.has(name)]).toEqual([name, true]);
  const groups = [...new Set(specs.map((spec) => spec.group))];
  expect(groups.length).toBeGreaterThanOrEqual(10);
  let compared = 0;
  const listings = await Promise.all(groups.map((group) => Promise.all([cli('HELP', `@${group}`), consoleHelp([`@${group}`])])));
  for (const [i, [theirs, mine]] of listings.entries()) {
    const expected = blocks(theirs, all, implemented);
    expect([groups[i], blocks(mine, all, implemented)]).toEqual([groups[i], expected]);
    expect(blocks(mine, all, all)).toHaveLength(expected.length);
    compared += expected.length;
  }
  expect(compared).toBe(implemented.size);

  for (const topic of [['set'], ['CLIENT', 'TRACKING'], ['xadd'], ['MULTI'], ['script']]) {
    const [theirs, mine] = await Promise.all([cli('HELP', ...topic), consoleHelp(topic)]);
    const withoutComplexity = mine.replace(/\n {2}complexity: .*/g, '');
    expect(blocks(withoutComplexity, all, implemented)).toEqual(blocks(theirs, all, implemented));
    expect(mine).toMatch(/\n {2}complexity: /);
  }
}, 30_000);
