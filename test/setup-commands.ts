// The emulator's lazy command rows (lists, sets, ..., COMMAND) load once per worker, as the
// console and the RESP server do before their first line. test/redis/lazy-commands.test.ts
// proves, on fresh modules, what happens before and while they load.
import { loadCommands } from '../src/redis/loading.ts';

await loadCommands();
