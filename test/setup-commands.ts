// The emulator's lazy command rows (lists, sets, ..., COMMAND) load once per worker, as the
// console and the RESP server do before their first line. test/redis/lazy-commands.test.ts
// proves, on fresh modules, what happens before and while they load.
import { loadCommands } from '../src/redis/loading.ts';

await loadCommands();

// Scenarios whose code loads on demand (lesson 15's local caches), as the lab does before it opens them.
import { prepareScenario, scenarios } from '../src/scenarios/registry.ts';

await Promise.all(scenarios.map((scenario) => prepareScenario(scenario.id, loadCommands)));
