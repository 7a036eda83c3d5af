// The console's first line loads the lazy command rows first (fresh modules: nothing loaded yet).
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

test('the first console line loads the list commands before it runs: LPUSH answers, never "unknown command"; a COMMAND line loads the command descriptions', async () => {
  vi.resetModules();
  const { commandsLoadedFor } = await import('../../../redis/index.ts');
  const { LabConsole } = await import('./ConsoleTab.tsx');
  const { createLabStore, LabStoreProvider } = await import('../../../store/index.ts');
  const { defaultEngine } = await import('../../../store/defaultEngine.ts');
  expect(commandsLoadedFor('LPUSH q a')).toBe(false);
  const store = createLabStore({ scenario: 'read-path', engine: defaultEngine });
  const user = userEvent.setup();
  render(
    <LabStoreProvider store={store}>
      <LabConsole />
    </LabStoreProvider>,
  );
  await user.type(screen.getByRole('textbox', { name: 'Redis command' }), 'LPUSH q a{Enter}');
  const log = screen.getByRole('log');
  await screen.findByText('(integer) 1');
  expect(log).not.toHaveTextContent('unknown command');
  expect(log).not.toHaveTextContent('not loaded');
  // A COMMAND line loads the command descriptions (their own chunk) before it runs.
  expect(commandsLoadedFor('COMMAND DOCS get')).toBe(false);
  await user.type(screen.getByRole('textbox', { name: 'Redis command' }), 'COMMAND DOCS get{Enter}');
  await screen.findByText(/key_spec_index/);
  expect(log).not.toHaveTextContent('not loaded');
});
