import { followTheme, themeOf } from './theme-in-force.ts';

// MutationObserver callbacks run as microtasks.
const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));

afterEach(() => {
  document.body.replaceChildren();
  document.documentElement.removeAttribute('data-theme');
  document.documentElement.removeAttribute('class');
});

test('themeOf reads the nearest data-theme, else the OS preference', () => {
  const outer = document.createElement('div');
  outer.setAttribute('data-theme', 'dark');
  const inner = document.createElement('span');
  outer.append(inner);
  document.body.append(outer);
  expect(themeOf(inner)).toBe('dark');
  outer.setAttribute('data-theme', 'light');
  expect(themeOf(inner)).toBe('light');
  expect(themeOf(null)).toBe('light');
});

test('followTheme calls now, on a data-theme change anywhere on the page, and not after stop', async () => {
  const wrapper = document.createElement('div');
  const element = document.createElement('canvas');
  wrapper.append(element);
  document.body.append(wrapper);
  const onChange = vi.fn();
  const stop = followTheme(element, onChange);
  expect(onChange).toHaveBeenCalledTimes(1);
  wrapper.setAttribute('data-theme', 'dark');
  await settle();
  expect(onChange).toHaveBeenCalledTimes(2);
  wrapper.setAttribute('title', 'not a theme');
  await settle();
  expect(onChange).toHaveBeenCalledTimes(2);
  stop();
  wrapper.setAttribute('data-theme', 'light');
  await settle();
  expect(onChange).toHaveBeenCalledTimes(2);
});

test("followTheme sees a theme set inside the element's shadow root (an embedded lab)", async () => {
  const host = document.createElement('div');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const container = document.createElement('div');
  const element = document.createElement('canvas');
  container.append(element);
  shadow.append(container);
  const onChange = vi.fn();
  const stop = followTheme(element, onChange);
  container.setAttribute('data-theme', 'dark');
  await settle();
  expect(onChange).toHaveBeenCalledTimes(2);
  stop();
});

test('followTheme without subtree watches only <html> and <body>, with the attributes given', async () => {
  const element = document.createElement('div');
  document.body.append(element);
  const onChange = vi.fn();
  const stop = followTheme(element, onChange, { attributes: ['class', 'data-md-color-scheme'], subtree: false });
  element.setAttribute('class', 'busy');
  await settle();
  expect(onChange).toHaveBeenCalledTimes(1);
  document.documentElement.setAttribute('class', 'dark');
  await settle();
  expect(onChange).toHaveBeenCalledTimes(2);
  document.body.setAttribute('data-md-color-scheme', 'slate');
  await settle();
  expect(onChange).toHaveBeenCalledTimes(3);
  stop();
});

test('followTheme follows the OS preference and stops listening on stop', () => {
  const listeners = new Set<() => void>();
  const query = { matches: false, addEventListener: (_: string, f: () => void) => listeners.add(f), removeEventListener: (_: string, f: () => void) => listeners.delete(f) };
  vi.stubGlobal('matchMedia', () => query);
  try {
    const onChange = vi.fn();
    const stop = followTheme(null, onChange);
    for (const listener of listeners) listener();
    expect(onChange).toHaveBeenCalledTimes(2);
    stop();
    expect(listeners.size).toBe(0);
  } finally {
    vi.unstubAllGlobals();
  }
});
