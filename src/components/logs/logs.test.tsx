import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { CommandLog, monitorLine } from './CommandLog';
import { QueryLog, queryOutcome } from './QueryLog';
import { commandLogEntries, queryLogEntries } from './entries';
import { manyGets, stamp } from './fixtures';

test('a row reads like MONITOR, in virtual seconds', () => {
  const [entry] = commandLogEntries(manyGets(1));
  expect(monitorLine({ ...entry!, at: 1712004 })).toBe('1712.004 [0 app-1] "GET" "user:0"');
});

test('only rows before the cursor are shown, and the latest is the selected one', () => {
  render(<CommandLog trace={manyGets(10)} cursorIndex={3} />);
  const list = screen.getByRole('listbox', { name: 'Redis command log' });
  const options = within(list).getAllByRole('option');
  expect(options).toHaveLength(3);
  expect(options[2]).toHaveAttribute('aria-selected', 'true');
  expect(options[2]).toHaveClass('cal-log__row--current');
  expect(options[0]).toHaveAttribute('aria-selected', 'false');
  expect(list).toHaveTextContent('"GET" "user:1"');
  expect(list).not.toHaveTextContent('user:3');
});

test('reply and hit/miss badge are shown', () => {
  render(<CommandLog trace={manyGets(2)} cursorIndex={2} />);
  const [miss, hit] = screen.getAllByRole('option');
  expect(miss).toHaveTextContent('(nil)');
  expect(within(miss!).getByText('miss')).toHaveClass('cal-log__badge--miss');
  expect(within(hit!).getByText('hit')).toHaveClass('cal-log__badge--hit');
});

test('clicking a row selects it by its trace index', async () => {
  const user = userEvent.setup();
  const onSelect = vi.fn();
  render(<CommandLog trace={manyGets(5)} cursorIndex={5} onSelect={onSelect} />);
  await user.click(screen.getAllByRole('option')[1]!);
  expect(onSelect).toHaveBeenCalledWith(1);
});

test('the keyboard moves through rows and Enter selects', async () => {
  const user = userEvent.setup();
  const onSelect = vi.fn();
  render(<CommandLog trace={manyGets(5)} cursorIndex={5} onSelect={onSelect} />);
  await user.tab();
  const list = screen.getByRole('listbox');
  expect(list).toHaveFocus();
  await user.keyboard('{ArrowUp}{ArrowUp}{Enter}');
  expect(onSelect).toHaveBeenLastCalledWith(2);
  expect(list.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[2]!.id);
  await user.keyboard('{Home}{Enter}');
  expect(onSelect).toHaveBeenLastCalledWith(0);
  await user.keyboard('{End} ');
  expect(onSelect).toHaveBeenLastCalledWith(4);
});

test('100,000 rows render only a window of them, and scrubbing stays cheap', () => {
  const entries = commandLogEntries(manyGets(100_000));
  const started = performance.now();
  const { rerender } = render(<CommandLog entries={entries} cursorIndex={100_000} height={240} />);
  for (let cursor = 90_040; cursor < 90_050; cursor += 1) rerender(<CommandLog entries={entries} cursorIndex={cursor} height={240} />);
  const elapsed = performance.now() - started;
  const options = screen.getAllByRole('option');
  expect(options.length).toBeLessThan(40);
  expect(options.at(-1)).toHaveTextContent('user:90048');
  expect(options.at(-1)).toHaveAttribute('aria-posinset', '90049');
  // Generous: jsdom on a shared machine is slow, but rendering every row would take minutes.
  expect(elapsed).toBeLessThan(10_000);
}, 30_000);

describe('QueryLog', () => {
  const base = { queryId: 1, requestId: 1, instance: 0, op: 'read', table: 'users', id: '42' } as const;
  const trace = stamp([
    { ...base, type: 'db.queued', at: 0, queueLength: 2 },
    { ...base, type: 'db.started', at: 30, waitMs: 30, finishesAt: 80, active: 1 },
    { ...base, type: 'db.finished', at: 80, version: 3, waitMs: 30, latencyMs: 50, ok: true, active: 0 },
  ]);

  test('shows the query, its queue wait, then its duration and version once finished', () => {
    const { rerender } = render(<QueryLog trace={trace} cursorIndex={2} />);
    const row = screen.getByRole('option');
    expect(row).toHaveTextContent('SELECT * FROM users WHERE id = 42');
    expect(row).toHaveTextContent('wait 30 ms');
    expect(row).toHaveTextContent('running…');
    rerender(<QueryLog trace={trace} cursorIndex={3} />);
    expect(screen.getByRole('option')).toHaveTextContent('took 50 ms · v3');
  });

  test('before the query started there is no row', () => {
    render(<QueryLog trace={trace} cursorIndex={1} />);
    expect(screen.queryByRole('option')).toBeNull();
    expect(screen.getByText('No queries yet.')).toBeInTheDocument();
  });

  test('writes show the version they wrote, failures say so', () => {
    const [entry] = queryLogEntries(trace);
    expect(queryOutcome({ ...entry!, op: 'write', finish: { ...entry!.finish!, version: 4 } }, 9).text).toBe('took 50 ms · → v4');
    expect(queryOutcome({ ...entry!, finish: { ...entry!.finish!, ok: false } }, 9)).toEqual({ text: 'failed · 50 ms', state: 'error' });
  });
});
