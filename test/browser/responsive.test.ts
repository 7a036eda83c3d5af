/**
 * Every lesson at 360, 768 and 1366 px, labs loaded: nothing wider than the viewport (outside a
 * scrolling box), no horizontal page scroll, nothing overlapping in the header. With
 * `CAL_SCREENSHOTS=1`, full-page and viewport screenshots go to `.tmp/screenshots/responsive-*.png`
 * for a person to look at (off by default: 144 shots of pages up to ~9,000 px tall cost minutes).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotDir } from './embed-server.ts';
import { browserSuite } from './suite.ts';
import { loadWholeLesson } from './journey-helpers.ts';

const WIDTHS = [360, 768, 1366];
const SCREENSHOTS = process.env['CAL_SCREENSHOTS'] === '1';

// The landing page and every lesson, read from content/ (a11y.test.ts checks the landing page lists them all).
const pagePaths = [
  '',
  ...readdirSync(join(import.meta.dirname, '..', '..', 'content'))
    .filter((name) => /^\d\d-.*\.md$/.test(name))
    .map((name) => `#/lesson/${name.slice(0, -'.md'.length)}`),
];
const suite = browserSuite({ failOnErrors: false });

/**
 * Elements sticking out of the viewport sideways, unless a scrolling or clipping ancestor contains
 * them (a code block that scrolls is fine), plus the page's own horizontal overflow.
 */
function overflowReport(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const problems: string[] = [];
    const scroller = document.scrollingElement!;
    if (scroller.scrollWidth > width) problems.push(`page scrolls sideways: scrollWidth ${scroller.scrollWidth} > ${width}`);
    const clipped = (element: Element): boolean => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : ''}`;
    for (const element of document.body.querySelectorAll('*')) {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const style = getComputedStyle(element);
      if (style.position === 'fixed' && style.visibility === 'hidden') continue;
      if (rect.width > width + 0.5 || rect.right > width + 0.5 || rect.left < -0.5) {
        if (clipped(element)) continue;
        // Off-canvas on purpose: the closed lesson drawer and the skip link wait outside the viewport.
        if (element.closest('.sidebar, .skip-link') && rect.right <= 0.5) continue;
        problems.push(`${describe(element)}: left ${Math.round(rect.left)}, width ${Math.round(rect.width)}`);
      }
    }
    return problems.slice(0, 10);
  });
}

/** Pairs of visible header items whose boxes intersect. */
function headerOverlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const items = [...document.querySelectorAll('.topbar > *, .topbar-end > *')].filter((element) => {
      const rect = element.getBoundingClientRect();
      return rect.width > 0 && rect.height > 0 && !element.classList.contains('topbar-end');
    });
    const overlaps: string[] = [];
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i]!.getBoundingClientRect();
        const b = items[j]!.getBoundingClientRect();
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
          overlaps.push(`${items[i]!.className} × ${items[j]!.className}`);
        }
      }
    }
    return overlaps;
  });
}

for (const width of WIDTHS) {
  describe(`${width} px`, () => {
    test.each(pagePaths.map((path, index) => ({ path, index, name: path ? path.replace(/^#\/lesson\//, '') : 'landing' })))(
      '$name fits: no sideways overflow, no header overlap',
      async ({ path, index, name }) => {
        // Alternate themes so the screenshots cover both at every width.
        const theme = index % 2 === 0 ? 'light' : 'dark';
        const { page, context, errors } = await suite.open(path, { width, height: width < 500 ? 780 : 900, colorScheme: theme });
        if (path) await loadWholeLesson(page);
        else await page.locator('main h1').waitFor();
        if (SCREENSHOTS) {
          const shot = (part: string, fullPage = false) => page.screenshot({ path: join(screenshotDir, `responsive-${name}-${width}-${theme}${part}.png`), fullPage });
          await shot('', true);
          // Viewport-sized views of the top and of the lab, for a person to read at real size.
          await shot('-top');
          const lab = page.locator('.cal-lab').first();
          if ((await lab.count()) > 0) {
            await lab.evaluate((node) => node.scrollIntoView({ block: 'start' }));
            await shot('-lab');
            await page.evaluate(() => window.scrollTo(0, 0));
          }
        }
        const problems = [...(await overflowReport(page)), ...(await headerOverlaps(page)).map((pair) => `header overlap: ${pair}`)];
        expect(problems, `${name} (${theme})`).toEqual([]);
        expect(errors, name).toEqual([]);
        await context.close();
      },
      120_000,
    );
  });
}
