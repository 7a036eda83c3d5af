/**
 * axe-core on every page of the production build, labs included, and on both embeds (custom element
 * page, iframe page), in one theme: zero violations of WCAG 2.0/2.1/2.2 A and AA and best practice.
 * One file per theme (a11y.test.ts light, a11y-dark.test.ts dark) so the two halves run on two browser
 * workers: together in one file they were the suite's last file to finish by minutes.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { browserSuite, type BrowserSuite } from './suite.ts';
import { lessonLab, loadWholeLesson, openTab, predict, setSpeed } from './journey-helpers.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

// One test per lesson (a fresh page with every lab loaded), read from content/ so each has its own time limit.
export const lessonPaths = readdirSync(join(import.meta.dirname, '..', '..', 'content'))
  .filter((name) => /^\d\d-.*\.md$/.test(name))
  .map((name) => `#/lesson/${name.slice(0, -'.md'.length)}`);

// The custom element as a docs page would host it: one element in a section of the main content (its panels are h3s).
const host = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs page with a lab</title><link rel="icon" href="data:,"><script type="module" src="/embed/cache-aside-lab.js"></script></head><body><main><h1>Caching guide</h1><h2>Stampedes</h2><cache-aside-lab scenario="stampede" strategy="lock"></cache-aside-lab></main></body></html>';

/** Every violation as `rule: targets`, so a failure names what to fix. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** Registers the file's browser suite and every axe check in `theme`; returns the suite for the file's own tests. */
export function a11yChecks(theme: 'light' | 'dark'): BrowserSuite {
  const suite = browserSuite({ pages: { '/docs-host.html': host }, failOnErrors: false });

  describe(`${theme} theme`, () => {
    test('landing and not-found pages have no axe violations', async () => {
      for (const path of ['', '#/no/such/page']) {
        const { page, context, errors } = await suite.open(`${path}`, { colorScheme: theme });
        await page.locator('main h1').waitFor();
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        expect(await violations(page), path || 'landing').toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      }
    });

    test.each(lessonPaths)('%s, with its labs loaded, has no axe violations', async (path) => {
      const { page, context, errors } = await suite.open(path, { colorScheme: theme });
      await loadWholeLesson(page);
      expect(await violations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
      // A lesson with all its labs and figures loaded, on a shared 2-core machine.
    }, 180_000);

    test('a lab after a run (verdict, keys, metrics, log) has no axe violations', async () => {
      const { page, context, errors } = await suite.open('#/lesson/01-what-is-cache-aside', { colorScheme: theme });
      const lab = await lessonLab(page);
      await setSpeed(lab, '64');
      await lab.getByRole('button', { name: 'Request user:1' }).click();
      await predict(lab, 'Yes, it is a miss');
      await openTab(lab, 'Log');
      expect(await violations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  });

  describe('embeds', () => {
    test(`the custom element pages (docs host, example) and the iframe page have no axe violations (${theme})`, async () => {
      for (const path of ['docs-host.html', 'examples/index.html', 'embed/frame.html#/embed/stampede?strategy=lock']) {
        const { page, context, errors } = await suite.open(`${path}`, { colorScheme: theme });
        // Each custom element renders into its shadow root; axe looks inside open shadow roots.
        await expect.poll(() => page.evaluate(() => {
          const hosts = [...document.querySelectorAll('cache-aside-lab')];
          const inShadow = hosts.filter((host) => host.shadowRoot?.querySelector('.cal-lab')).length;
          return inShadow === hosts.length && (hosts.length > 0 || document.querySelector('.cal-lab') !== null);
        }), { timeout: 30_000 }).toBe(true);
        expect(await violations(page), path).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      }
    }, 120_000);
  });

  return suite;
}
