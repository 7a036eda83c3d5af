/**
 * What loads after the first paint, once per page, for every emulator on it: the command rows
 * the labs never send (commands/table-types.ts) with what they need (loaded-parts.ts), and the
 * Lua VM. Before that, those commands answer an error saying to call `loadCommands()`.
 */
import { installRows } from './commands/table.ts';

/** The registries and transaction machinery, or null before `loadCommands()` resolved. */
export let loadedParts: typeof import('./loaded-parts.ts') | null = null;
/** The Lua VM module, or null before `loadScripting()` resolved. */
export let luaModule: typeof import('./lua/scripts.ts') | null = null;
/** COMMAND INFO's tips and key specs and COMMAND DOCS's arguments & co., or null before `loadCommandDocs()` resolved. */
export let commandExtras: typeof import('./commands/command-docs-data.ts').COMMAND_EXTRAS | null = null;

/** The loaded parts; only a lazily loaded command can get here, so they are there. */
export function parts(): typeof import('./loaded-parts.ts') {
  if (loadedParts === null) throw new Error('call `await loadCommands()` first: this part of the emulator is not loaded yet');
  return loadedParts;
}

/**
 * Loads the Lua VM module once (a separate chunk in the browser); from then on every emulator,
 * including ones created later (a replayed lab), runs EVAL synchronously.
 *
 * @example
 * await loadScripting();
 */
export async function loadScripting(): Promise<void> {
  if (luaModule !== null) return;
  // A script may call any command.
  await loadCommands();
  await import('./lua/config.ts');
  luaModule = await import('./lua/scripts.ts');
}

/**
 * Loads the commands the labs never send (lists, sets, sorted sets, streams, HSCAN, HRANDFIELD,
 * HINCRBYFLOAT, COPY, transactions, the script commands, pub/sub, CLIENT TRACKING and its kin,
 * CLIENT INFO/LIST, COMMAND and its docs, CONFIG with the eviction pool, INFO, MEMORY, OBJECT), a
 * separate chunk in the browser, into the table every emulator shares; before it they answer an
 * error saying to call this. The console, a link replaying console lines and the RESP server
 * await it; `loadScripting()` includes it.
 *
 * @example
 * await loadCommands();
 */
export async function loadCommands(): Promise<void> {
  if (loadedParts !== null) return;
  const [rows, loaded] = await Promise.all([import('./commands/table-types.ts'), import('./loaded-parts.ts')]);
  if (loadedParts !== null) return;
  installRows({ ...rows.TYPE_ROWS, ...rows.BASIC_ROWS, ...rows.MULTI_SCRIPT_ROWS, ...rows.PUBSUB_ROWS, ...rows.SERVER_ROWS }, rows.TYPE_CONTAINERS, rows.TYPE_SUBCOMMANDS, rows.DOCS);
  loadedParts = loaded;
}

/**
 * Loads the command descriptions COMMAND, COMMAND INFO and COMMAND DOCS reply with beyond the
 * command rows (key specifications, tips, arguments, history, doc flags: ~5 kB gzip generated from
 * Redis's src/commands/*.json, a separate chunk in the browser), and the rows themselves. Before
 * it those three answer an error saying to call this rather than a reply missing fields; COMMAND
 * COUNT, LIST and GETKEYS do not need it. The console (a typed COMMAND line, `loadCommandsFor`)
 * and the RESP server await it.
 *
 * @example
 * await loadCommandDocs();
 */
export async function loadCommandDocs(): Promise<void> {
  if (commandExtras !== null) return;
  const [data] = await Promise.all([import('./commands/command-docs-data.ts'), loadCommands()]);
  commandExtras = data.COMMAND_EXTRAS;
}

// A console line (optionally with redis-cli's repeat count) that runs a script needs the Lua VM
// too, and a COMMAND line the command descriptions.
const SCRIPT_LINE = /^\s*(\d+\s+)?(eval|evalsha|eval_ro|evalsha_ro|script)\b/i;
const COMMAND_LINE = /^\s*(\d+\s+)?command\b/i;

/**
 * Loads what a typed command line can need: the whole command table, the Lua VM when the line
 * runs or loads a script, the command descriptions when it is COMMAND.
 *
 * @example
 * await loadCommandsFor('LPUSH queue job:1');
 */
export async function loadCommandsFor(line: string): Promise<void> {
  await Promise.all([
    SCRIPT_LINE.test(line) ? loadScripting() : loadCommands(),
    COMMAND_LINE.test(line) ? loadCommandDocs() : undefined,
  ]);
}

/** Whether what `loadCommandsFor(line)` loads is already there (then the line answers synchronously). */
export function commandsLoadedFor(line: string): boolean {
  return (
    loadedParts !== null &&
    (luaModule !== null || !SCRIPT_LINE.test(line)) &&
    (commandExtras !== null || !COMMAND_LINE.test(line))
  );
}
