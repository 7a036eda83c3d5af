import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { RedisConsole, consolePrompt, type RedisConsoleProps } from './RedisConsole';

function setup(onSubmit: RedisConsoleProps['onSubmit'] = vi.fn((line: string) => ({ output: `echo ${line}` }))) {
  const user = userEvent.setup();
  render(<RedisConsole onSubmit={onSubmit} />);
  const input = screen.getByRole('textbox', { name: 'Redis command' });
  const log = screen.getByRole('log');
  return { user, input, log, onSubmit };
}

test('the output is a polite live log and the input is labelled', () => {
  const { log, input } = setup();
  expect(log).toHaveAttribute('aria-live', 'polite');
  expect(input).toHaveAccessibleName('Redis command');
  expect(screen.getByText('127.0.0.1:6379>')).toBeInTheDocument();
});

test('Enter submits the line and appends the reply under the echoed prompt', async () => {
  const { user, input, log, onSubmit } = setup();
  await user.type(input, 'GET user:1{Enter}');
  expect(onSubmit).toHaveBeenCalledWith('GET user:1');
  expect(log).toHaveTextContent('127.0.0.1:6379> GET user:1');
  expect(await within(log).findByText('echo GET user:1')).toBeInTheDocument();
  expect(input).toHaveValue('');
});

test('errors are styled apart from replies', async () => {
  const { user, input } = setup(vi.fn(() => ({ output: 'Invalid argument(s)', isError: true })));
  await user.type(input, 'GET "unbalanced{Enter}');
  expect(await screen.findByText('Invalid argument(s)')).toHaveClass('cal-console__error');
});

test('Up and Down walk the history and restore the line being typed', async () => {
  const { user, input } = setup();
  await user.type(input, 'SET a 1{Enter}');
  await user.type(input, 'GET a{Enter}');
  await user.type(input, 'DEL');
  await user.keyboard('{ArrowUp}');
  expect(input).toHaveValue('GET a');
  await user.keyboard('{ArrowUp}');
  expect(input).toHaveValue('SET a 1');
  await user.keyboard('{ArrowUp}');
  expect(input).toHaveValue('SET a 1');
  await user.keyboard('{ArrowDown}{ArrowDown}');
  expect(input).toHaveValue('DEL');
});

test('each console keeps its own history', async () => {
  const user = userEvent.setup();
  render(
    <>
      <RedisConsole onSubmit={() => undefined} label="First" />
      <RedisConsole onSubmit={() => undefined} label="Second" />
    </>,
  );
  const [first, second] = screen.getAllByRole('textbox');
  await user.type(first!, 'PING{Enter}');
  await user.click(second!);
  await user.keyboard('{ArrowUp}');
  expect(second).toHaveValue('');
});

test('Ctrl+L and CLEAR clear the screen without reaching the server', async () => {
  const { user, input, log, onSubmit } = setup();
  await user.type(input, 'PING{Enter}');
  expect(log).toHaveTextContent('PING');
  await user.keyboard('{Control>}l{/Control}');
  expect(log).toBeEmptyDOMElement();
  await user.type(input, 'PING{Enter}');
  await user.type(input, 'clear{Enter}');
  expect(log).toBeEmptyDOMElement();
  expect(onSubmit).toHaveBeenCalledTimes(2);
});

test('HELP lists the commands by group and HELP <command> shows its syntax from COMMAND DOCS, answered locally', async () => {
  const { user, input, log, onSubmit } = setup();
  await user.type(input, 'HELP{Enter}');
  await waitFor(() => expect(log).toHaveTextContent('@string: APPEND DECR DECRBY GET'));
  await user.type(input, 'help set{Enter}');
  await waitFor(() => expect(log).toHaveTextContent('SET key value [NX|XX] [GET]'));
  expect(log).toHaveTextContent('summary: Set the string value of a key since: 1.0.0 group: string complexity: O(1)');
  expect(onSubmit).not.toHaveBeenCalled();
});

test('the prompt shows the selected database like redis-cli', async () => {
  const { user, input } = setup(vi.fn(() => ({ output: 'OK', db: 3 })));
  await user.type(input, 'SELECT 3{Enter}');
  expect(await screen.findByText('127.0.0.1:6379[3]>', { selector: 'span' })).toBeInTheDocument();
  expect(consolePrompt('127.0.0.1:6379', 0)).toBe('127.0.0.1:6379>');
});

test('the prompt shows (TX) between MULTI and EXEC or DISCARD, as redis-cli does', async () => {
  const replies: Record<string, { output: string; isError?: boolean }> = {
    MULTI: { output: 'OK' },
    'SET a 1': { output: 'QUEUED' },
    EXEC: { output: '1) OK' },
    DISCARD: { output: 'OK' },
  };
  const { user, input } = setup(vi.fn((line: string) => replies[line] ?? { output: '(error) ERR', isError: true }));
  await user.type(input, 'MULTI{Enter}');
  expect(await screen.findByText('127.0.0.1:6379(TX)>', { selector: 'label span' })).toBeInTheDocument();
  await user.type(input, 'SET a 1{Enter}');
  await user.type(input, 'EXEC{Enter}');
  expect(await screen.findByText('127.0.0.1:6379>', { selector: 'label span' })).toBeInTheDocument();
  await user.type(input, 'MULTI{Enter}');
  await user.type(input, 'DISCARD{Enter}');
  expect(await screen.findByText('127.0.0.1:6379>', { selector: 'label span' })).toBeInTheDocument();
  expect(consolePrompt('127.0.0.1:6379', 2, true)).toBe('127.0.0.1:6379[2](TX)>');
});

test('a failing onSubmit is shown as an error, not thrown', async () => {
  const { user, input } = setup(vi.fn(() => Promise.reject(new Error('Could not connect to Redis'))));
  await user.type(input, 'PING{Enter}');
  expect(await screen.findByText('Could not connect to Redis')).toHaveClass('cal-console__error');
});

test('a long session keeps only the tail of the transcript', async () => {
  let n = 0;
  render(<RedisConsole onSubmit={() => ({ output: `reply ${++n}` })} transcriptLimit={20} />);
  const input = screen.getByRole('textbox', { name: 'Redis command' });
  for (let i = 0; i < 30; i += 1) {
    fireEvent.change(input, { target: { value: 'PING' } });
    fireEvent.keyDown(input, { key: 'Enter' });
  }
  const log = screen.getByRole('log');
  await waitFor(() => expect(log).toHaveTextContent('reply 30'));
  // 30 lines and 30 replies, of which the last 20 entries stay: lines 21..30 with their replies.
  expect(log.children).toHaveLength(20);
  expect(log).toHaveTextContent('reply 21');
  expect(log).not.toHaveTextContent(/reply 20\b/);
});

test("the lab's own words (greeting, HELP, its notes, a failure) are marked apart from Redis's replies and the learner's lines", async () => {
  const user = userEvent.setup();
  const onSubmit = vi.fn((line: string) => (line === 'GET down' ? { output: '(error) Redis is down', isError: true, note: true } : line === 'BOOM' ? Promise.reject(new Error('could not load')) : { output: '(nil)' }));
  render(<RedisConsole onSubmit={onSubmit} greeting="Type a command." />);
  const input = screen.getByRole('textbox', { name: 'Redis command' });
  const log = screen.getByRole('log');
  expect(screen.getByText('Type a command.')).toHaveClass('cal-console__note');
  for (const line of ['GET user:1', 'GET down', 'BOOM', 'HELP GET']) await user.type(input, `${line}{Enter}`);
  await screen.findByText('could not load');
  await within(log).findByText(/summary: Get the value of a key/);
  const notes = [...log.querySelectorAll('.cal-console__note')].map((node) => node.textContent?.trim().split('\n')[0]);
  expect(notes).toEqual(['(error) Redis is down', 'could not load', 'GET key']);
  expect(screen.getByText('(nil)')).not.toHaveClass('cal-console__note');
});
