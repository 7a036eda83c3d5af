/**
 * Figures in the text, in Chromium on the production build: a figure starts when scrolled into
 * view, a keyboard user pauses it, it arrives in a box of its placeholder's size (no layout shift),
 * reduced motion keeps it still at its end, lessons 13 to 15's figures show their runs' numbers,
 * and the figures have no axe violations in light and dark.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { browserSuite } from './suite.ts';

const suite = browserSuite();
const LESSON = '#/lesson/01-what-is-cache-aside';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Layout shift the page has had, buffered from its start (what CLS adds up): in all, and in the
 * shifts that moved anything inside a figure (the lesson page's own pager settling is not theirs).
 */
const layoutShift = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ total: number; figures: number }>((resolve) => {
        const sum = { total: 0, figures: 0 };
        type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] };
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Shift[]) {
            if (entry.hadRecentInput) continue;
            sum.total += entry.value;
            const inFigure = (entry.sources ?? []).some((source) => {
              const node = source.node;
              const element = node instanceof Element ? node : node?.parentElement;
              return element?.closest('.lesson-figure') != null;
            });
            if (inFigure) sum.figures += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(sum), 200);
      }),
  );

/**
 * Every figure the lesson's markdown declares, once the lesson has rendered them all (the page
 * renders after its content arrives, so an immediate `.all()` can find none).
 */
async function allFigures(page: Page, slug: string): Promise<Locator[]> {
  const declared = (readFileSync(`content/${slug}.md`, 'utf8').match(/^```figure$/gm) ?? []).length;
  const figures = page.locator('.lesson-figure');
  await expect.poll(() => figures.count(), { timeout: 30_000 }).toBe(declared);
  return figures.all();
}

const stageHeight = (figure: Locator) => figure.locator('.lesson-figure-stage').evaluate((el) => el.getBoundingClientRect().height);

test('scrolled into view a figure starts; a keyboard user pauses it; it arrives without moving the page', async () => {
  const { page } = await suite.open(LESSON, { width: 1366, height: 900 });
  const figure = page.locator('.lesson-figure').first();
  await figure.waitFor();
  // Far below the fold it is still the placeholder: the figure's code has not been fetched.
  expect(await figure.locator('.lesson-figure-placeholder').count()).toBe(1);
  const placeholderHeight = await stageHeight(figure);
  await figure.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const body = figure.locator('.figure-body[data-state]');
  await body.waitFor({ timeout: 30_000 });
  await expect.poll(() => body.getAttribute('data-state'), { timeout: 15_000 }).toBe('playing');
  expect(await stageHeight(figure)).toBe(placeholderHeight);

  // Its progress moves while it plays.
  const progress = figure.locator('.figure-progress-text');
  const first = await progress.textContent();
  await expect.poll(() => progress.textContent(), { timeout: 10_000 }).not.toBe(first);

  // Keyboard: the Pause button is in the tab order and shows its focus; Space presses it.
  const pause = figure.getByRole('button', { name: 'Pause the figure' });
  expect(await pause.evaluate((el) => el.tabIndex)).toBe(0);
  await pause.focus();
  expect(await pause.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Space');
  await expect.poll(() => body.getAttribute('data-state')).toBe('paused');
  const paused = await progress.textContent();
  await page.waitForTimeout(800);
  expect(await progress.textContent()).toBe(paused);
  // The sentence under it now announces each step politely.
  expect(await figure.locator('.figure-narration').getAttribute('aria-live')).toBe('polite');

  // Every figure on the page loaded in its placeholder's box: no layout shift to speak of.
  for (const other of await allFigures(page, LESSON.replace('#/lesson/', ''))) {
    await other.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await other.locator('.figure-body[data-state]').waitFor({ timeout: 30_000 });
  }
  const shift = await layoutShift(page);
  expect(shift.figures).toBeLessThan(0.001);
  expect(shift.total).toBeLessThan(0.1);
}, 120_000);

test('with reduced motion a figure stays still at its end state, with its step controls', async () => {
  const { page } = await suite.open(LESSON, { width: 390, height: 844, reducedMotion: true });
  const figure = page.locator('.lesson-figure').first();
  await figure.waitFor();
  await figure.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const body = figure.locator('.figure-body[data-state]');
  await body.waitFor({ timeout: 30_000 });
  await expect.poll(() => body.getAttribute('data-state')).toBe('ended');
  // ...and stays there: nothing starts to play.
  await page.waitForTimeout(1_000);
  expect(await body.getAttribute('data-state')).toBe('ended');
  expect(await figure.locator('.figure-facts').textContent()).toContain('cache hits1');
  await figure.getByRole('button', { name: 'Step back' }).click();
  expect(await body.getAttribute('data-state')).toBe('paused');
}, 60_000);

test("lessons 13 to 15, light and dark: each figure reaches its end state with its run's numbers, the LRU experiment draws its three panels, and axe finds nothing", async () => {
  // Reduced motion shows each figure's end at once: the whole run, simulated in the browser.
  const expected: Record<string, RegExp> = {
    'eviction-fills': /keys evicted38/,
    'lfu-keeps-hot': /keys evicted230.*keys evicted214/,
    'tag-set-vs-scan': /Redis commands3.*Redis commands14/,
    'stale-local-copy': /stale local reads2/,
    'pubsub-drops-copies': /stale local reads0/,
    'lost-message': /stale local reads1/,
  };
  const facts: Record<string, string> = {};
  const failures: Record<string, string[]> = {};
  for (const theme of ['light', 'dark'] as const) {
    // Lesson 14 draws only views lessons 1 and 6 check below: its numbers are read once, in light.
    for (const slug of ['13-when-the-cache-is-full', ...(theme === 'light' ? ['14-data-types'] : []), '15-many-caches-in-sync']) {
      const { page, errors } = await suite.open(`#/lesson/${slug}`, { width: 1366, height: 900, reducedMotion: true, colorScheme: theme });
      for (const figure of await allFigures(page, slug)) {
        await figure.evaluate((el) => el.scrollIntoView({ block: 'center' }));
        const body = figure.locator('.figure-body[data-state]');
        await body.waitFor({ timeout: 30_000 });
        await expect.poll(() => body.getAttribute('data-state')).toBe('ended');
        facts[(await figure.getAttribute('data-figure'))!] = (await figure.locator('.figure-facts').allTextContents()).join(' ');
        // The grids' cells name their keys: LFU's hot user:1 reads "1" in its cell, not only in the numbers.
        if ((await figure.getAttribute('data-figure')) === 'lfu-keeps-hot') {
          const user1 = figure.locator('.figure-run').nth(1).locator('[data-cell="user:1"] .cal-cell-name');
          expect(await user1.isVisible()).toBe(true);
          expect(await user1.textContent()).toBe('1');
        }
      }
      if (slug.startsWith('13')) {
        const lru = page.locator('[data-figure="lru-approximation"]');
        await expect.poll(() => lru.locator('.cal-lru-panel').count()).toBe(3);
        expect(await lru.locator('.cal-lru-panel').first().locator('.cal-lru-dot').count()).toBe(450);
        expect(await lru.locator('[data-samples="exact"] [role="img"]').getAttribute('aria-label')).toMatch(/True LRU: kept 150 of 300 old keys, evicted 0/);
      }
      // Only the views no other lesson draws, lesson 13's LRU experiment and lesson 15's local caches
      // (lesson 14's keys and flow views are checked in lessons 1 and 6 below): axe is slow.
      if (slug !== '14-data-types') {
        const result = await new AxeBuilder({ page }).include('.lesson-figure[data-view="lru"]').include('.lesson-figure[data-view="local"]').withTags(TAGS).analyze();
        const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        if (found.length > 0) failures[`${slug} ${theme}`] = found;
      }
      expect(errors).toEqual([]);
    }
  }
  for (const [name, pattern] of Object.entries(expected)) expect(facts[name], name).toMatch(pattern);
  expect(failures).toEqual({});
}, 150_000);

// Lesson 1 (request flows), 5 (SCAN buckets) and 6 (keyspace grids), playing; lessons 13 to 15 are checked above, at their end states.
const AXE_LESSONS = ['01-what-is-cache-aside', '05-pattern-invalidation', '06-ttls'];

for (const theme of ['light', 'dark'] as const) {
  test(`lessons with their figures playing have no axe violations (${theme})`, async () => {
    const failures: Record<string, string[]> = {};
    for (const slug of AXE_LESSONS) {
      const { page } = await suite.open(`#/lesson/${slug}`, { width: 1366, height: 900, colorScheme: theme });
      for (const figure of await allFigures(page, slug)) {
        await figure.evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await figure.locator('.figure-body[data-state]').waitFor({ timeout: 30_000 });
      }
      const result = await new AxeBuilder({ page }).include('.lesson-figure').withTags(TAGS).analyze();
      const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      if (found.length > 0) failures[slug] = found;
    }
    expect(failures).toEqual({});
  }, 180_000);
}
