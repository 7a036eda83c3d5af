import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { LessonEntry, LessonModule } from '../lessons/types.ts';
import { MemoryStorage } from './memoryStorage.ts';
import { PROGRESS_KEY } from './progress.ts';
import { Shell } from './Shell.tsx';
import { ErrorBoundary } from '../lessons/ErrorBoundary.tsx';

/** The shell inside the app's own error boundary, so a throw shows the error page as it would live. */
function App({ lessons: list }: { lessons: LessonEntry[] }) {
  return (
    <ErrorBoundary what="the tutorial">
      <Shell lessons={list} storage={new MemoryStorage()} />
    </ErrorBoundary>
  );
}
import { THEME_KEY } from './theme.ts';

function entry(slug: string, title: string, blocks: LessonModule['blocks'], load?: () => Promise<LessonModule>): LessonEntry {
  const frontmatter = { title, linkTitle: title.split(' ')[0]!, description: `About ${title}.`, weight: Number(slug.slice(0, 2)), scenario: 'basics', duration: 5 };
  return { slug, ...frontmatter, load: load ?? (async () => ({ slug, frontmatter, headings: [], blocks })) };
}

const lessons: LessonEntry[] = [
  entry('01-first', 'First lesson', [
    { kind: 'html', html: '<p>Hello cache.</p><h2 id="deep-dive" class="heading">Deep dive</h2>' },
    { kind: 'code', tabs: [
      { lang: 'ts', label: 'TypeScript', code: 'redis.get(k)', html: '<pre><code>redis.get(k)</code></pre>' },
      { lang: 'python', label: 'Python', code: 'r.get(k)', html: '<pre><code>r.get(k)</code></pre>' },
    ] },
  ]),
  entry('02-second', 'Second lesson', [{ kind: 'html', html: '<p>More caching.</p>' }]),
  entry('03-third', 'Third lesson', [{ kind: 'lab', id: 'lab-1', lab: { scenario: 'basics', title: 'Try it' } }]),
];

async function go(hash: string) {
  await act(async () => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
}

beforeEach(async () => {
  window.scrollTo = vi.fn();
  await go('');
  localStorage.clear();
});

test('the landing page says what you get and starts the first lesson', async () => {
  render(<Shell lessons={lessons} storage={new MemoryStorage()} />);
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Learn cache-aside by running it');
  expect(document.title).toMatch(/^Cache-Aside Lab/);
  const start = screen.getByRole('link', { name: 'Start the first lesson' });
  expect(start).toHaveAttribute('href', '#/lesson/01-first');
  const list = screen.getByRole('region', { name: 'Lessons' });
  expect(within(list).getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual(['#/lesson/01-first', '#/lesson/02-second', '#/lesson/03-third']);
});

test('a lesson shows a skeleton, then its content, its title in the document title, and previous/next links', async () => {
  let resolve!: (module: LessonModule) => void;
  const slow = entry('01-first', 'First lesson', [], () => new Promise((r) => (resolve = r)));
  render(<Shell lessons={[slow, ...lessons.slice(1)]} storage={new MemoryStorage()} />);
  await go('#/lesson/01-first');
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('First lesson');
  expect(screen.getByLabelText('Loading the lesson')).toBeInTheDocument();
  await act(async () => resolve(await lessons[0]!.load()));
  expect(await screen.findByText('Hello cache.')).toBeInTheDocument();
  expect(screen.queryByLabelText('Loading the lesson')).not.toBeInTheDocument();
  expect(document.title).toBe('First lesson · Cache-Aside Lab');
  expect(screen.getByText('Lesson 1 of 3 · 5 min')).toBeInTheDocument();

  const pager = screen.getByRole('navigation', { name: 'Previous and next lesson' });
  expect(within(pager).getByRole('link', { name: /Next/ })).toHaveAttribute('href', '#/lesson/02-second');
  await go('#/lesson/02-second');
  expect(await screen.findByText('More caching.')).toBeInTheDocument();
  expect(screen.getByRole('navigation', { name: 'Lessons' }).querySelector('[aria-current="page"]')).toHaveAttribute('href', '#/lesson/02-second');
});

test('a heading anchor after the route keeps the lesson and scrolls to the heading', async () => {
  const scrolled: string[] = [];
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolled.push(this.id);
  };
  render(<Shell lessons={lessons} storage={new MemoryStorage()} />);
  await go('#/lesson/01-first#deep-dive');
  expect(await screen.findByText('Hello cache.')).toBeInTheDocument();
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('First lesson');
  expect(scrolled).toContain('deep-dive');
});

test('a malformed anchor (`#%`) keeps the lesson on screen instead of the error page', async () => {
  render(<App lessons={lessons} />);
  await go('#/lesson/01-first#%');
  expect(await screen.findByText('Hello cache.')).toBeInTheDocument();
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('First lesson');
  await go('#/lesson/01-first?lab=lab-1&scenario=basics#%E0%A4%A');
  expect(await screen.findByText('Hello cache.')).toBeInTheDocument();
});

test('a share link for a lab the lesson does not have says so instead of silently showing defaults', async () => {
  render(<Shell lessons={lessons} storage={new MemoryStorage()} />);
  await go('#/lesson/03-third?lab=lab-9&scenario=basics&ttlMs=100');
  expect(await screen.findByRole('note')).toHaveTextContent('lab: this lesson has no lab called "lab-9" (it has lab-1), so the link\'s lab state was ignored.');
  await go('#/lesson/01-first?scenario=basics&ttlMs=100');
  expect(await screen.findByRole('note')).toHaveTextContent('lab: this lesson has no labs');
  await go('#/lesson/01-first#deep-dive');
  expect(screen.queryByRole('note')).not.toBeInTheDocument();
});

test('unknown routes and unknown lessons get a friendly page with a link home', async () => {
  render(<Shell lessons={lessons} storage={new MemoryStorage()} />);
  await go('#/nowhere');
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('We could not find that page');
  expect(screen.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '#/');
  await go('#/lesson/99-missing');
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('We could not find that lesson');
  expect(document.title).toMatch(/^Not found/);
});

test('the theme switch sets data-theme, is remembered, and "system" follows the OS', async () => {
  const storage = new MemoryStorage();
  const user = userEvent.setup();
  const { unmount } = render(<Shell lessons={lessons} storage={storage} />);
  await user.click(screen.getByRole('radio', { name: 'Dark theme' }));
  expect(document.documentElement.dataset.theme).toBe('dark');
  expect(screen.getByRole('radio', { name: 'Dark theme' })).toHaveAttribute('aria-checked', 'true');
  expect(storage.getItem(THEME_KEY)).toBe('dark');
  unmount();

  document.documentElement.dataset.theme = 'light';
  render(<Shell lessons={lessons} storage={storage} />);
  expect(document.documentElement.dataset.theme).toBe('dark');

  window.matchMedia = (() => ({ matches: false, addEventListener() {}, removeEventListener() {} })) as never;
  await user.click(screen.getByRole('radio', { name: 'System theme' }));
  expect(document.documentElement.dataset.theme).toBe('light');
});

test('corrupt saved progress is reset with a visible, dismissible notice instead of a crash', async () => {
  const storage = new MemoryStorage();
  storage.setItem(PROGRESS_KEY, '{"version":1,"completed":');
  const user = userEvent.setup();
  render(<Shell lessons={lessons} storage={storage} />);
  expect(screen.getByRole('status')).toHaveTextContent('Your saved progress could not be read, so it was reset.');
  expect(screen.getByRole('heading', { level: 1 })).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Dismiss' }));
  expect(screen.queryByRole('status')).not.toBeInTheDocument();
  expect(JSON.parse(storage.getItem(PROGRESS_KEY)!)).toEqual({ version: 1, completed: [], checks: [] });
});

test('a save that fails (storage full) shows one notice saying progress lasts only for this page', async () => {
  const storage = new MemoryStorage();
  storage.setItem = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  const user = userEvent.setup();
  render(<Shell lessons={lessons} storage={storage} />);
  await go('#/lesson/02-second');
  expect(screen.queryByRole('status')).not.toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Mark as complete' }));
  expect(screen.getByRole('status')).toHaveTextContent("storage for this site is full");
  expect(screen.getByRole('status')).toHaveTextContent('forgotten when you close or reload it');
  await user.click(screen.getByRole('button', { name: 'Dismiss' }));
  await user.click(screen.getByRole('button', { name: /Mark as (complete|not complete)|Completed/ }));
  expect(screen.queryByRole('status')).not.toBeInTheDocument();
});

test('progress from an older schema version is reset with its own message', () => {
  const storage = new MemoryStorage();
  storage.setItem(PROGRESS_KEY, '{"version":0,"lessons":{"01-first":true}}');
  render(<Shell lessons={lessons} storage={storage} />);
  expect(screen.getByRole('status')).toHaveTextContent('older version of the tutorial');
});

test('"Mark as complete" marks the lesson in the list, is saved, and can be undone', async () => {
  const storage = new MemoryStorage();
  const user = userEvent.setup();
  render(<Shell lessons={lessons} storage={storage} />);
  await go('#/lesson/02-second');
  await user.click(screen.getByRole('button', { name: 'Mark as complete' }));
  const nav = screen.getByRole('navigation', { name: 'Lessons' });
  expect(within(nav).getByRole('link', { name: /Second.*\(completed\)/ })).toBeInTheDocument();
  expect(within(nav).getByText('1 of 3 complete')).toBeInTheDocument();
  expect(JSON.parse(storage.getItem(PROGRESS_KEY)!).completed).toEqual(['02-second']);
  await user.click(screen.getByRole('button', { name: /Completed/ }));
  expect(JSON.parse(storage.getItem(PROGRESS_KEY)!).completed).toEqual([]);
});

test('a lesson that fails to load shows a readable error with a retry, not a blank page', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  let attempts = 0;
  const flaky = entry('01-first', 'First lesson', [], async () => {
    attempts += 1;
    if (attempts === 1) throw new Error('network down');
    return lessons[0]!.load();
  });
  const user = userEvent.setup();
  render(<Shell lessons={[flaky]} storage={new MemoryStorage()} />);
  await go('#/lesson/01-first');
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('Something went wrong showing this lesson.');
  expect(alert).toHaveTextContent('network down');
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('First lesson');
  await user.click(within(alert).getByRole('button', { name: 'Try again' }));
  await act(async () => {});
  expect(await screen.findByText('Hello cache.')).toBeInTheDocument();
});

test('code tabs switch language, share the choice across blocks, and copy the visible code', async () => {
  const user = userEvent.setup();
  const writeText = vi.fn(async () => {});
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  render(<Shell lessons={lessons} storage={new MemoryStorage()} />);
  await go('#/lesson/01-first');
  await screen.findByText('Hello cache.');
  await user.click(screen.getByRole('tab', { name: 'Python' }));
  expect(screen.getByRole('tab', { name: 'Python' })).toHaveAttribute('aria-selected', 'true');
  expect(screen.getByRole('tabpanel')).toHaveTextContent('r.get(k)');
  await user.click(screen.getByRole('button', { name: 'Copy Python code' }));
  expect(writeText).toHaveBeenCalledWith('r.get(k)');
  await user.keyboard('{Shift>}{Tab}{/Shift}');
  await user.click(screen.getByRole('tab', { name: 'TypeScript' }));
  await user.keyboard('{ArrowRight}');
  expect(screen.getByRole('tab', { name: 'Python' })).toHaveFocus();
});

test('a lab block reserves its space with a placeholder card until the lab loads', async () => {
  render(<Shell lessons={lessons} storage={new MemoryStorage()} />);
  await go('#/lesson/03-third');
  // The lab's code is a lazy import, which vitest transforms on first use: seconds on a busy machine.
  const lab = await screen.findByRole('region', { name: 'Try it' }, { timeout: 10_000 });
  expect(lab).toBeInTheDocument();
});

test('the skip link moves focus to the main content without changing the route', async () => {
  const user = userEvent.setup();
  render(<Shell lessons={lessons} storage={new MemoryStorage()} />);
  await go('#/lesson/02-second');
  await user.click(screen.getByRole('link', { name: 'Skip to content' }));
  expect(screen.getByRole('main')).toHaveFocus();
  expect(window.location.hash).toBe('#/lesson/02-second');
});

test('on small screens the lesson list opens as a drawer, takes focus, and closes with Escape or on navigation', async () => {
  const user = userEvent.setup();
  render(<Shell lessons={lessons} storage={new MemoryStorage()} />);
  await go('#/lesson/02-second');
  const toggle = screen.getByRole('button', { name: 'Open the lesson list' });
  await user.click(toggle);
  expect(toggle).toHaveAttribute('aria-expanded', 'true');
  expect(screen.getByRole('navigation', { name: 'Lessons' }).querySelector('[aria-current="page"]')).toHaveFocus();
  await user.keyboard('{Escape}');
  expect(toggle).toHaveAttribute('aria-expanded', 'false');
  expect(toggle).toHaveFocus();
  await user.click(toggle);
  await go('#/lesson/03-third');
  expect(screen.getByRole('button', { name: 'Open the lesson list' })).toHaveAttribute('aria-expanded', 'false');
});

test('progress can be reset from the landing page after a confirmation', async () => {
  const storage = new MemoryStorage();
  storage.setItem(PROGRESS_KEY, JSON.stringify({ version: 1, completed: ['01-first'], checks: ['01-first/lab-1'] }));
  const user = userEvent.setup();
  render(<Shell lessons={lessons} storage={storage} />);
  expect(screen.getByRole('link', { name: 'Continue: Second' })).toHaveAttribute('href', '#/lesson/02-second');
  await user.click(screen.getByRole('button', { name: 'Reset progress' }));
  await user.click(screen.getByRole('button', { name: 'Keep' }));
  expect(JSON.parse(storage.getItem(PROGRESS_KEY)!).completed).toEqual(['01-first']);
  await user.click(screen.getByRole('button', { name: 'Reset progress' }));
  await user.click(screen.getByRole('button', { name: 'Yes, reset' }));
  expect(JSON.parse(storage.getItem(PROGRESS_KEY)!)).toEqual({ version: 1, completed: [], checks: [] });
  expect(screen.getByRole('link', { name: 'Start the first lesson' })).toBeInTheDocument();
});

test('with the "system" theme, a change of the OS preference switches the page live', async () => {
  let listener: (() => void) | undefined;
  const media = { matches: false, addEventListener: (_: string, l: () => void) => (listener = l), removeEventListener: () => (listener = undefined) };
  window.matchMedia = (() => media) as never;
  render(<Shell lessons={lessons} storage={new MemoryStorage()} />);
  expect(document.documentElement.dataset.theme).toBe('light');
  media.matches = true;
  await act(async () => listener?.());
  expect(document.documentElement.dataset.theme).toBe('dark');
});
