import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LabConsole, consoleResult } from './ConsoleTab.tsx';
import { createLabStore, LabStoreProvider } from '../../../store/index.ts';
import { defaultEngine } from '../../../store/defaultEngine.ts';
import { createSimulation } from '../../../scenarios/simulation.ts';

test('a subscribed console prints "Reading messages..." and then each message as the cursor reaches it', async () => {
  const store = createLabStore({ scenario: 'read-path', engine: defaultEngine });
  const user = userEvent.setup();
  render(
    <LabStoreProvider store={store}>
      <LabConsole />
    </LabStoreProvider>,
  );
  const input = screen.getByRole('textbox', { name: 'Redis command' });
  const log = screen.getByRole('log');
  await user.type(input, 'CONFIG SET notify-keyspace-events E${Enter}');
  await user.type(input, 'PSUBSCRIBE __keyevent@0__:*{Enter}');
  expect(log).toHaveTextContent('Reading messages... (press Ctrl-C to quit)');
  expect(log).toHaveTextContent('1) "psubscribe" 2) "__keyevent@0__:*" 3) (integer) 1');
  expect(log).not.toHaveTextContent('pmessage');
  // The app's cache fill (SET ... EX on a miss) is published when the cursor passes it.
  act(() => store.getState().act({ type: 'read', key: 'user:1' }));
  act(() => store.getState().advance(10_000));
  const message = await within(log).findByText(/"__keyevent@0__:set"/);
  expect(message.textContent).toBe('1) "pmessage"\n2) "__keyevent@0__:*"\n3) "__keyevent@0__:set"\n4) "user:1"');
});

test('Ctrl+C leaves subscribed mode as quitting redis-cli would: the next command runs', async () => {
  const store = createLabStore({ scenario: 'read-path', engine: defaultEngine });
  const user = userEvent.setup();
  render(
    <LabStoreProvider store={store}>
      <LabConsole />
    </LabStoreProvider>,
  );
  const input = screen.getByRole('textbox', { name: 'Redis command' });
  const log = screen.getByRole('log');
  await user.type(input, 'SUBSCRIBE news{Enter}');
  await user.type(input, 'GET user:1{Enter}');
  expect(log).toHaveTextContent("Can't execute 'get'");
  await user.keyboard('{Control>}c{/Control}');
  expect(log).toHaveTextContent('127.0.0.1:6379> ^C');
  await user.type(input, 'PUBSUB NUMSUB news{Enter}');
  expect(log).toHaveTextContent('1) "news" 2) (integer) 0');
});

describe('the lab console', () => {
  test('typed text goes to Redis as UTF-8 bytes, and a repeat prefix prints every reply', () => {
    const sim = createSimulation({ scenario: 'basics' });
    const run = (line: string) => {
      sim.apply({ type: 'console', line });
      return consoleResult(sim.trace, line);
    };
    expect(run('SET e 🔑')).toEqual({ output: 'OK', isError: false });
    expect(run('STRLEN e')).toEqual({ output: '(integer) 4', isError: false });
    expect(run('GET e')).toEqual({ output: '"\\xf0\\x9f\\x94\\x91"', isError: false });
    expect(run('2 INCR n')).toEqual({ output: '(integer) 1\n(integer) 2', isError: false });
    expect(run('SET "oops')).toEqual({ output: '(error) Invalid argument(s)', isError: true });
    sim.apply({ type: 'redisDown' });
    expect(run('GET e')).toMatchObject({ output: expect.stringMatching(/^\(error\) Could not connect/), isError: true });
  });
});

test("with Redis down the console's answer is the lab's own note; a reply from Redis is not", () => {
  const sim = createSimulation({ scenario: 'basics' });
  sim.apply({ type: 'console', line: 'GET user:1' });
  expect(consoleResult(sim.trace, 'GET user:1')).toEqual({ output: '(nil)', isError: false });
  sim.apply({ type: 'redisDown' });
  sim.apply({ type: 'console', line: 'GET user:2' });
  expect(consoleResult(sim.trace, 'GET user:2')).toMatchObject({ output: '(error) Could not connect to Redis: the server is down', isError: true, note: true });
});
