// The lab console subscribes as redis-cli does: "Reading messages...", the subscribe frames, and
// then each message as the simulation publishes it (keyspace notifications of the app's writes).
import { createSimulation } from '../../src/scenarios/simulation.ts';
import { consolePushes, consoleResult } from '../../src/components/lab/panels/ConsoleTab.tsx';

function printed(sim: ReturnType<typeof createSimulation>, line: string): string {
  sim.consoleExec(line);
  return consoleResult(sim.trace, line).output;
}

test('SUBSCRIBE prints "Reading messages..." and one frame per channel; RESP2 subscribed mode refuses GET', () => {
  const sim = createSimulation({ scenario: 'read-path', seed: 1 });
  expect(printed(sim, 'SUBSCRIBE news sport')).toBe(
    'Reading messages... (press Ctrl-C to quit)\n1) "subscribe"\n2) "news"\n3) (integer) 1\n1) "subscribe"\n2) "sport"\n3) (integer) 2',
  );
  expect(printed(sim, 'GET user:1')).toBe(
    "(error) ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context",
  );
  expect(printed(sim, 'PING')).toBe('1) "pong"\n2) ""');
  expect(printed(sim, 'UNSUBSCRIBE news')).toBe('1) "unsubscribe"\n2) "news"\n3) (integer) 1');
});

test('keyspace notifications of the app reach the subscribed console as the simulation runs', () => {
  const sim = createSimulation({ scenario: 'read-path', seed: 1 });
  expect(printed(sim, 'CONFIG SET notify-keyspace-events E$g')).toBe('OK');
  expect(printed(sim, 'PSUBSCRIBE __keyevent@0__:*')).toBe(
    'Reading messages... (press Ctrl-C to quit)\n1) "psubscribe"\n2) "__keyevent@0__:*"\n3) (integer) 1',
  );
  const from = sim.trace.length;
  sim.apply({ type: 'read', key: 'user:1' });
  sim.runUntilIdle();
  const { texts, next } = consolePushes(sim.trace, from, Number.MAX_SAFE_INTEGER);
  // The miss fills the cache with SET ... EX: Redis publishes `set`, then `expire`.
  expect(texts.slice(0, 2)).toEqual([
    '1) "pmessage"\n2) "__keyevent@0__:*"\n3) "__keyevent@0__:set"\n4) "user:1"',
    '1) "pmessage"\n2) "__keyevent@0__:*"\n3) "__keyevent@0__:expire"\n4) "user:1"',
  ]);
  expect(next).toBe(sim.trace.length);
  // Nothing is shown before the cursor reaches it.
  expect(consolePushes(sim.trace, from, 0).texts).toEqual([]);
});

test('a tracking console (RESP3) sees its own invalidation after the reply, as redis-cli -3 would', () => {
  const sim = createSimulation({ scenario: 'read-path', seed: 1 });
  printed(sim, 'HELLO 3');
  expect(printed(sim, 'CLIENT TRACKING ON')).toBe('OK');
  printed(sim, 'GET k');
  expect(printed(sim, 'SET k v')).toBe('OK\n1) "invalidate"\n2) 1) "k"');
});
