// The emulator's lazy command rows (lists, sets, ..., COMMAND) load once per worker, as the
// console and the RESP server do before their first line; so does each scenario's own code. test/redis/lazy-commands.test.ts
// proves, on fresh modules, what happens before and while they load.
import { loadCommands } from '../src/redis/loading.ts';
import { scenarios } from '../src/scenarios/registry.ts';
import { prepareScenario } from '../src/scenarios/prepare.ts';

await loadCommands();
// What a scenario loads before its first run (the eviction lab's memory-limit code), as the lab does.
for (const scenario of scenarios) await prepareScenario(scenario.id);
