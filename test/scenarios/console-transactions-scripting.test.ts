// The lab console runs MULTI/EXEC and EVAL on the simulation's emulator and prints what redis-cli
// prints: QUEUED, the EXEC array, the script's reply.
import { createSimulation } from '../../src/scenarios/simulation.ts';
import { consoleResult } from '../../src/components/lab/panels/ConsoleTab.tsx';
import { loadScripting } from '../../src/redis/index.ts';

function printed(sim: ReturnType<typeof createSimulation>, line: string): string {
  sim.consoleExec(line);
  return consoleResult(sim.trace, line).output;
}

test('MULTI queues, EXEC prints every reply, DISCARD and EXEC without MULTI are errors', () => {
  const sim = createSimulation({ scenario: 'read-path', seed: 1 });
  expect(printed(sim, 'MULTI')).toBe('OK');
  expect(printed(sim, 'SET stock 10')).toBe('QUEUED');
  expect(printed(sim, 'DECRBY stock 3')).toBe('QUEUED');
  expect(printed(sim, 'GET stock')).toBe('QUEUED');
  expect(printed(sim, 'EXEC')).toBe('1) OK\n2) (integer) 7\n3) "7"');
  expect(printed(sim, 'EXEC')).toBe('(error) ERR EXEC without MULTI');
  expect(printed(sim, 'DISCARD')).toBe('(error) ERR DISCARD without MULTI');
  expect(printed(sim, 'WATCH stock')).toBe('OK');
  expect(printed(sim, 'SET stock 1')).toBe('OK');
  expect(printed(sim, 'MULTI')).toBe('OK');
  expect(printed(sim, 'INCR stock')).toBe('QUEUED');
  expect(printed(sim, 'EXEC')).toBe('(nil)');
});

test('EVAL runs once the Lua module is loaded, in the console as in redis-cli', async () => {
  await loadScripting();
  const sim = createSimulation({ scenario: 'read-path', seed: 1 });
  expect(printed(sim, 'SET lock:user:1 token-1')).toBe('OK');
  const release = `EVAL "if redis.call('get',KEYS[1])==ARGV[1] then return redis.call('del',KEYS[1]) else return 0 end" 1 lock:user:1`;
  expect(printed(sim, `${release} token-2`)).toBe('(integer) 0');
  expect(printed(sim, `${release} token-1`)).toBe('(integer) 1');
  expect(printed(sim, 'EVAL "return {1, \'two\', {3}}" 0')).toBe('1) (integer) 1\n2) "two"\n3) 1) (integer) 3');
  expect(printed(sim, 'EVAL "return redis.call(\'nosuch\')" 0')).toMatch(/^\(error\) ERR Unknown Redis command called from script script: [0-9a-f]{40}, on @user_script:1\.$/);
  expect(printed(sim, 'SCRIPT LOAD "return 42"')).toBe('"1fa00e76656cc152ad327c13fe365858fd7be306"');
  expect(printed(sim, 'EVALSHA 1fa00e76656cc152ad327c13fe365858fd7be306 0')).toBe('(integer) 42');
});
