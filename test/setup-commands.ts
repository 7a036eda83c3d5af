// The emulator's lazy command rows (lists, sets, ..., COMMAND) and COMMAND's descriptions, lesson 14's app tasks that send
// them, the Lua VM (EVAL: the lab's lock strategy releases with it) and the scenarios whose code
// loads on demand (lesson 15's local caches) load once per worker, as the console, the RESP server
// and the lab do before they need them. test/redis/lazy-commands.test.ts and
// src/store/prepare.test.ts prove, on fresh modules, what happens before and while they load.
import { loadCommandDocs, loadCommands, loadScripting } from '../src/redis/loading.ts';
import { prepareRedis } from '../src/scenarios/redis-needs.ts';
import { prepareScenario, scenarios } from '../src/scenarios/registry.ts';

await loadScripting();
await loadCommandDocs();
await prepareRedis('commands');
await Promise.all(scenarios.map((scenario) => prepareScenario(scenario.id, loadCommands)));
