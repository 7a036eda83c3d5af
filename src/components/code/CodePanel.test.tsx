import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { CodePanel, type CodeSources } from './CodePanel';

const sources: CodeSources = {
  ts: [
    { text: 'async function getUser(id: string) {' },
    { text: '  const cached = await redis.get(key);', id: 'get' },
    { text: '  if (cached !== null) return JSON.parse(cached); // hit', id: 'hit' },
    { text: '}' },
  ],
  python: [
    { text: 'def get_user(user_id):' },
    { text: '    cached = r.get(key)', id: 'get' },
    { text: '    if cached is not None:', id: 'hit' },
    { text: '        return json.loads(cached)' },
  ],
};

test('TypeScript and Python are ARIA tabs, TypeScript first', () => {
  render(<CodePanel sources={sources} />);
  const [ts, py] = screen.getAllByRole('tab');
  expect(ts).toHaveAccessibleName('TypeScript');
  expect(ts).toHaveAttribute('aria-selected', 'true');
  expect(py).toHaveAttribute('aria-selected', 'false');
  expect(py).toHaveAttribute('tabindex', '-1');
  expect(screen.getByRole('tabpanel', { name: 'TypeScript' })).toHaveTextContent('async function getUser');
});

test('arrow keys, Home and End move between the tabs and show that language', async () => {
  const user = userEvent.setup();
  const onLanguageChange = vi.fn();
  render(<CodePanel sources={sources} onLanguageChange={onLanguageChange} />);
  await user.tab();
  expect(screen.getByRole('tab', { name: 'TypeScript' })).toHaveFocus();
  await user.keyboard('{ArrowRight}');
  const python = screen.getByRole('tab', { name: 'Python' });
  expect(python).toHaveFocus();
  expect(python).toHaveAttribute('aria-selected', 'true');
  expect(screen.getByRole('tabpanel')).toHaveTextContent('def get_user');
  expect(onLanguageChange).toHaveBeenLastCalledWith('python');
  await user.keyboard('{ArrowRight}');
  expect(screen.getByRole('tab', { name: 'TypeScript' })).toHaveFocus();
  await user.keyboard('{End}');
  expect(python).toHaveFocus();
  await user.keyboard('{Home}');
  expect(screen.getByRole('tab', { name: 'TypeScript' })).toHaveAttribute('aria-selected', 'true');
});

test('the active line is marked aria-current and highlighted, in either language', async () => {
  const user = userEvent.setup();
  const { rerender } = render(<CodePanel sources={sources} activeLineId="get" />);
  let current = document.querySelector('[aria-current="step"]');
  expect(current).toHaveTextContent('const cached = await redis.get(key);');
  expect(current).toHaveClass('cal-code__line--active');
  rerender(<CodePanel sources={sources} activeLineId="hit" />);
  expect(document.querySelectorAll('[aria-current="step"]')).toHaveLength(1);
  await user.click(screen.getByRole('tab', { name: 'Python' }));
  current = document.querySelector('[aria-current="step"]');
  expect(current).toHaveTextContent('if cached is not None:');
  rerender(<CodePanel sources={sources} activeLineId={null} />);
  expect(document.querySelector('[aria-current]')).toBeNull();
});

test('lines the same step ran before the active one are marked lighter, not current', () => {
  render(<CodePanel sources={sources} activeLineId="hit" ranLineIds={['get']} />);
  expect(document.querySelector('.cal-code__line--ran')).toHaveTextContent('const cached = await redis.get(key);');
  expect(document.querySelectorAll('[aria-current="step"]')).toHaveLength(1);
  expect(document.querySelector('[aria-current="step"]')).toHaveClass('cal-code__line--active');
});

test('following the active line scrolls the panel by what an IntersectionObserver saw, never moves focus', () => {
  // jsdom has no layout: an observer stand-in hands the panel the line's box, as Chromium would after its layout.
  const observers: { callback: IntersectionObserverCallback; target: Element | null }[] = [];
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      entry: { callback: IntersectionObserverCallback; target: Element | null };
      constructor(callback: IntersectionObserverCallback) {
        this.entry = { callback, target: null };
        observers.push(this.entry);
      }
      observe(target: Element) {
        this.entry.target = target;
      }
      disconnect() {}
    },
  );
  try {
    const { rerender } = render(
      <>
        <input aria-label="elsewhere" />
        <CodePanel sources={sources} activeLineId="get" />
      </>,
    );
    const elsewhere = screen.getByRole('textbox', { name: 'elsewhere' });
    elsewhere.focus();
    const scroller = screen.getByRole('tabpanel');
    scroller.scrollBy = ((options: ScrollToOptions) => (scroller.scrollTop += options.top ?? 0)) as typeof scroller.scrollBy;
    rerender(
      <>
        <input aria-label="elsewhere" />
        <CodePanel sources={sources} activeLineId="hit" />
      </>,
    );
    const { callback, target } = observers.at(-1)!;
    expect(target).toHaveAttribute('aria-current', 'step');
    // The line (20 px) lies below a 40 px view: it scrolls into view with a line of margin.
    act(() => callback([{ target, rootBounds: { top: 0, bottom: 40 }, boundingClientRect: { top: 200, bottom: 220, height: 20 } } as unknown as IntersectionObserverEntry], {} as IntersectionObserver));
    expect(scroller.scrollTop).toBe(200);
    expect(elsewhere).toHaveFocus();
  } finally {
    vi.unstubAllGlobals();
  }
});

test('keywords, strings and comments are coloured', () => {
  render(<CodePanel sources={sources} />);
  expect(screen.getByText('async')).toHaveClass('cal-tok-keyword');
  expect(screen.getByText('// hit')).toHaveClass('cal-tok-comment');
});

test('the copy button copies the shown language and says so', async () => {
  const user = userEvent.setup();
  render(<CodePanel sources={sources} defaultLanguage="python" />);
  await user.click(screen.getByRole('button', { name: 'Copy' }));
  expect(await navigator.clipboard.readText()).toBe(sources.python.map((line) => line.text).join('\n') + '\n');
  expect(screen.getByRole('status')).toHaveTextContent('Code copied to the clipboard');
  expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument();
});
