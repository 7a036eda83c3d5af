/**
 * Lesson 13 in Chromium, through the UI: the second lab's prediction (noeviction refuses the SET),
 * and the side-by-side pair of policies played to its pause (the LRU experiment is a figure in the
 * text: test/browser/figures.test.ts).
 */
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { buildSite, launch, openPage, serveStatic } from './embed-server.ts';
import { predict, setSpeed } from './journey-helpers.ts';

let server: Server;
let origin: string;
let browser: Browser;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  ({ origin, server } = await serveStatic(await buildSite()));
  ({ browser, close: closeBrowser } = await launch());
}, 240_000);

afterAll(async () => {
  await closeBrowser?.();
  await new Promise((resolve) => server?.close(resolve));
});

test('the noeviction lab: the prediction runs and the verdict says Redis refused the write', async () => {
  const { page, context, errors } = await openPage(browser, `${origin}/#/lesson/13-when-the-cache-is-full`);
  const slot = page.locator('.lesson-body .lab-slot:not([data-kind="compare"])').nth(1);
  await slot.scrollIntoViewIfNeeded();
  const lab = slot.locator('.cal-lab').first();
  await lab.waitFor({ timeout: 30_000 });
  await setSpeed(lab, '64');
  expect(await predict(lab, 'Redis refuses the SET with an out-of-memory error, and evicts nothing')).toBe('Right.');
  await expect.poll(() => lab.locator('.cal-verdict').textContent(), { timeout: 20_000 }).toMatch(/Redis refused \d+ writes? with an out-of-memory error/);
  expect(await lab.locator('.cal-verdict').textContent()).toMatch(/keys evicted: 0\./);
  expect(errors).toEqual([]);
  await context.close();
}, 120_000);

test('the pair: LRU beside LFU on the same reads, paused at two minutes with the numbers the lesson states', async () => {
  const { page, context, errors } = await openPage(browser, `${origin}/#/lesson/13-when-the-cache-is-full`);
  const slot = page.locator('.lesson-body .lab-slot[data-kind="compare"]').first();
  await slot.scrollIntoViewIfNeeded();
  const pair = slot.locator('.cal-compare');
  await pair.waitFor({ timeout: 30_000 });
  await setSpeed(pair, '64');
  await pair.getByRole('button', { name: 'Play both' }).click();
  // A steady workload plays on; the block's pauseAt stops both sides at two minutes. (The clock first, then
  // 'Play both': that button also shows in the moment before the click has started the run.)
  await expect.poll(() => pair.locator('output.cal-time').textContent(), { timeout: 90_000 }).toBe('2 min');
  await expect.poll(() => pair.getByRole('button', { name: 'Play both' }).count(), { timeout: 30_000 }).toBe(1);
  expect(await pair.locator('output.cal-time').textContent()).toBe('2 min');
  // The lesson's figures (test/content/eviction-numbers.test.ts pins them to the same runs).
  const line = (metric: string) => pair.locator(`[data-testid="compare-summary"] [data-metric="${metric}"]`).textContent();
  expect(await line('hitRatio')).toBe('Hit ratio: 62.1% vs 66.1% (allkeys-lru 62.1%, allkeys-lfu 66.1%)');
  expect(await line('keysEvicted')).toMatch(/^Keys evicted: 896 vs 800 /);
  // Each keyspace says what its policy compares: idle time on the left, the LFU counter on the right.
  const cells = (side: string) => pair.locator(`.cal-compare-column[role="group"]`).nth(side === 'left' ? 0 : 1).locator('.cal-keygrid [role="listitem"]');
  expect(await cells('left').first().getAttribute('aria-label')).toMatch(/idle \d+ s/);
  expect(await cells('right').first().getAttribute('aria-label')).toMatch(/freq \d+/);

  expect(errors).toEqual([]);
  await context.close();
}, 180_000);
