import { act, render, screen, waitFor } from '@testing-library/react';
import { vi } from 'vitest';

// jsdom cannot lay out SVG, so the render is mocked; real rendering is tested in Chromium.
const render$ = vi.fn(async (_id: string, code: string) => {
  if (code.includes('oops')) throw new Error('Parse error on line 2: unexpected token');
  return { svg: `<svg data-testid="svg"><text>${code.length}</text></svg>` };
});
const initialize = vi.fn();
vi.mock('mermaid', () => ({ default: { initialize, render: render$, parse: vi.fn() } }));

const { MermaidDiagram } = await import('./MermaidDiagram');

afterEach(() => {
  document.documentElement.removeAttribute('data-theme');
  vi.clearAllMocks();
});

test('shows a placeholder of the reserved height, then the SVG', async () => {
  render(<MermaidDiagram code={'sequenceDiagram\n A->>B: hi'} title="Hello" reserveHeight={240} />);
  const figure = screen.getByRole('figure', { name: 'Hello' });
  expect(figure).toHaveAttribute('aria-busy', 'true');
  expect(figure.style.getPropertyValue('--cal-diagram-reserve')).toBe('240px');
  expect(screen.getByText('Loading diagram…')).toBeInTheDocument();
  expect(await screen.findByTestId('svg')).toBeInTheDocument();
  expect(figure).toHaveAttribute('aria-busy', 'false');
  expect(screen.getByRole('img', { name: 'Hello' })).toBeInTheDocument();
  expect(initialize).toHaveBeenCalledWith(expect.objectContaining({ securityLevel: 'strict', theme: 'base' }));
});

test('a broken diagram shows a readable message and its source', async () => {
  render(<MermaidDiagram code={'flowchart LR\n oops -->'} />);
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('This diagram could not be drawn.');
  expect(alert).toHaveTextContent('Parse error on line 2');
  expect(alert).toHaveTextContent('oops -->');
});

test('follows data-theme: switching to dark renders again with the dark palette', async () => {
  render(<MermaidDiagram code={'flowchart LR\n a --> b'} />);
  await screen.findByTestId('svg');
  expect(initialize).toHaveBeenLastCalledWith(
    expect.objectContaining({ themeVariables: expect.objectContaining({ darkMode: false }) }),
  );
  act(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await waitFor(() =>
    expect(initialize).toHaveBeenLastCalledWith(
      expect.objectContaining({ themeVariables: expect.objectContaining({ darkMode: true }) }),
    ),
  );
  expect(render$).toHaveBeenCalledTimes(2);
});
