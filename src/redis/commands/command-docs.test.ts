// The generated command descriptions (command-docs-data.ts) cover exactly the command table: a
// command added without regenerating would answer COMMAND INFO without key specs and COMMAND DOCS
// without arguments. (Their content is proven against redis-server in differential-command-docs.)
import { COMMANDS } from './table.ts';
import { COMMAND_EXTRAS } from './command-docs-data.ts';
import type { ArgDoc } from './command-docs-types.ts';

test('command-docs-data.ts describes every command and subcommand of the table, and nothing else (else rerun scripts/generate-command-docs.ts)', () => {
  const names = [...new Set(COMMANDS.values())].flatMap((spec) => [spec.fullName, ...[...(spec.subcommands?.values() ?? [])].map((sub) => sub.fullName)]);
  expect(Object.keys(COMMAND_EXTRAS).sort()).toEqual(names.sort());
});

test("every argument's key_spec_index names one of its command's key specs", () => {
  const indexes = (args: readonly ArgDoc[]): number[] => args.flatMap((arg) => [...(arg.k === undefined ? [] : [arg.k]), ...indexes(arg.a ?? [])]);
  for (const [name, extras] of Object.entries(COMMAND_EXTRAS)) {
    for (const index of indexes(extras.args ?? [])) expect([name, index < (extras.keySpecs?.length ?? 0)]).toEqual([name, true]);
  }
});
