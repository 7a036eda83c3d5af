import { vi } from 'vitest';

// Each render waits for the test to release it, so overlapping renders would be visible.
const calls: string[] = [];
const releases: Array<() => void> = [];
vi.mock('mermaid', () => ({
  default: {
    initialize: vi.fn((config: { theme: string; securityLevel: string; themeVariables: { darkMode: boolean } }) => {
      calls.push(`init ${config.theme} ${config.securityLevel} dark=${config.themeVariables.darkMode}`);
    }),
    render: vi.fn(
      (id: string, code: string) =>
        new Promise((resolve, reject) => {
          calls.push(`start ${code}`);
          releases.push(() => {
            calls.push(`end ${code}`);
            if (code === 'bad') reject(new Error('Parse error on line 1'));
            else resolve({ svg: `<svg id="${id}">${code}</svg>` });
          });
        }),
    ),
    parse: vi.fn(async () => ({ diagramType: 'sequence' })),
  },
}));

const { renderDiagram } = await import('./queue');
const { loadMermaid } = await import('./load');

/** Waits until `n` renders have started (the dynamic import takes a few ticks). */
async function started(n: number) {
  await vi.waitFor(() => expect(releases.length).toBe(n));
  // Give a would-be overlapping render the chance to start too.
  await new Promise((resolve) => setTimeout(resolve, 20));
}

test('renders one diagram at a time, initializing mermaid before each', async () => {
  const first = renderDiagram('one', 'light');
  const second = renderDiagram('bad', 'dark');
  const third = renderDiagram('three', 'light');
  await started(1);
  expect(calls).toEqual(['init base strict dark=false', 'start one']);
  releases.shift()!();
  await expect(first).resolves.toMatchObject({ ok: true, svg: expect.stringContaining('one') });
  await started(1);
  expect(calls.slice(2)).toEqual(['end one', 'init base strict dark=true', 'start bad']);
  releases.shift()!();
  // A failure is reported, and does not block the queue.
  await expect(second).resolves.toEqual({ ok: false, message: 'Parse error on line 1' });
  await started(1);
  releases.shift()!();
  await expect(third).resolves.toMatchObject({ ok: true });
});

test('loadMermaid imports once and returns the same module', async () => {
  const [a, b] = await Promise.all([loadMermaid(), loadMermaid()]);
  expect(a).toBe(b);
});

test('a render cancelled while waiting its turn never reaches mermaid', async () => {
  calls.length = 0;
  const first = renderDiagram('busy', 'light');
  const controller = new AbortController();
  const skipped = renderDiagram('skipped', 'light', controller.signal);
  await started(1);
  controller.abort();
  releases.shift()!();
  await first;
  await expect(skipped).resolves.toEqual({ ok: false, message: 'The render was cancelled.' });
  expect(calls.filter((call) => call.startsWith('start'))).toEqual(['start busy']);
});
