import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const css = readFileSync(join(import.meta.dirname, '..', 'theme.css'), 'utf8');

function palette(selector: string): Record<string, string> {
  const start = css.indexOf(selector);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/--(cal-[\w-]+):\s*(#[0-9a-f]{6})/g)].map((m) => [m[1]!, m[2]!]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

const TEXT = ['cal-fg', 'cal-muted', 'cal-accent', 'cal-hit', 'cal-miss', 'cal-db', 'cal-write', 'cal-invalidate', 'cal-error'];
const BACKGROUNDS = ['cal-bg', 'cal-surface', 'cal-surface-2'];
const TONES = ['cal-hit', 'cal-miss', 'cal-db', 'cal-write', 'cal-invalidate', 'cal-error', 'cal-accent'];

describe.each([
  ['light', "[data-theme='light']"],
  ['dark', "[data-theme='dark']"],
])('the %s theme passes WCAG AA', (_name, selector) => {
  const colours = palette(selector);
  test.each(TEXT.flatMap((fg) => BACKGROUNDS.map((bg) => [fg, bg])))('%s text on %s is at least 4.5:1', (fg, bg) => {
    expect(contrast(colours[fg]!, colours[bg]!)).toBeGreaterThanOrEqual(4.5);
  });
  test.each(TONES)('count labels (surface colour) on a %s fill are at least 4.5:1', (tone) => {
    expect(contrast(colours['cal-surface']!, colours[tone]!)).toBeGreaterThanOrEqual(4.5);
  });
  test('button text on the accent is at least 4.5:1, and the focus ring stands out (3:1)', () => {
    expect(contrast(colours['cal-accent-fg']!, colours['cal-accent']!)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colours['cal-focus']!, colours['cal-bg']!)).toBeGreaterThanOrEqual(3);
  });
  // A non-text cue (WCAG 1.4.11): black at a quarter was 1.06:1 on the dark surface, so a phone's sideways scroll said nothing.
  test('the scroll shadow that says there is more to either side stands out from the surface (3:1)', () => {
    expect(contrast(colours['cal-scroll-shadow']!, colours['cal-surface']!)).toBeGreaterThanOrEqual(3);
  });
  test('the default and the media-query palettes match the pinned ones', () => {
    const pinned = palette(selector);
    const implicit = palette(_name === 'light' ? ':root {' : '@media (prefers-color-scheme: dark)');
    expect(implicit).toEqual(pinned);
  });
});
