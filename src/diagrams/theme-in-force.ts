/**
 * The theme in force for an element, and the one observer that follows it. Kept apart from the
 * mermaid palettes in theme.ts so the embed's small loader (src/embed/element.ts) can use it.
 */
import type { DiagramTheme } from './theme.ts';

/**
 * The theme in force for an element: the nearest `data-theme="light|dark"` ancestor, else the
 * OS preference. The lab shell sets `data-theme` when the learner overrides the OS.
 */
export function themeOf(element: Element | null): DiagramTheme {
  const marked = element?.closest('[data-theme]')?.getAttribute('data-theme');
  if (marked === 'dark' || marked === 'light') return marked;
  if (typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches) return 'dark';
  return 'light';
}

export interface FollowThemeOptions {
  /** Attributes that carry a theme; `data-theme` unless a host page uses others. */
  readonly attributes?: readonly string[];
  /**
   * true: any element of the page may carry the theme (a lab's wrapper does); false: only <html>
   * and <body> do (a host docs site), so class changes elsewhere on the page cost nothing.
   */
  readonly subtree?: boolean;
}

/**
 * Calls `onChange` now and whenever the theme in force for `element` may have changed: a theme
 * attribute on the page or in the element's shadow root, or the OS preference. Returns the stop.
 *
 * @example const stop = followTheme(canvas, () => painter.setColours(readColours(canvas)));
 */
export function followTheme(element: Element | null, onChange: () => void, { attributes = ['data-theme'], subtree = true }: FollowThemeOptions = {}): () => void {
  onChange();
  const stops: (() => void)[] = [];
  if (typeof MutationObserver === 'function') {
    const observer = new MutationObserver(onChange);
    const options = { attributes: true, attributeFilter: [...attributes], subtree };
    observer.observe(document.documentElement, options);
    if (!subtree && document.body) observer.observe(document.body, options);
    const root = element?.getRootNode();
    if (root instanceof ShadowRoot) observer.observe(root, options);
    stops.push(() => observer.disconnect());
  }
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  if (media?.addEventListener) {
    media.addEventListener('change', onChange);
    stops.push(() => media.removeEventListener('change', onChange));
  }
  return () => stops.forEach((stop) => stop());
}
