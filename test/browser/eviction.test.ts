/**
 * Lesson 13 in Chromium, through the UI: the second lab's prediction (noeviction refuses the SET),
 * and the policy comparison a learner runs below the lab (the LRU experiment is a figure:
 * test/browser/figures.test.ts).
 */
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { buildSite, launch, openPage, serveStatic } from './embed-server.ts';
import { lessonLab, predict, setSpeed } from './journey-helpers.ts';

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
  const slot = page.locator('.lesson-body .lab-slot').nth(1);
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

test('below the first lab: every policy side by side', async () => {
  const { page, context, errors } = await openPage(browser, `${origin}/#/lesson/13-when-the-cache-is-full`);
  await lessonLab(page); // the lab, and with it the panel, loads when scrolled near
  const panel = page.locator('.cal-eviction').first();
  await panel.waitFor({ timeout: 30_000 });
  await panel.scrollIntoViewIfNeeded();
  await panel.getByRole('button', { name: 'Run every policy' }).click();
  const rows = panel.locator('tbody tr');
  await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(8);
  // The lesson's figures (test/content/eviction-numbers.test.ts pins them to the same runs).
  expect(await panel.locator('tr[data-policy="allkeys-lru"] td').first().textContent()).toBe('62.1%');
  expect(await panel.locator('tr[data-policy="allkeys-lfu"] td').first().textContent()).toBe('66.1%');
  expect(await panel.locator('tr.is-current th').textContent()).toMatch(/^Least recently used, any key \(allkeys-lru\)/);
  expect(errors).toEqual([]);
  await context.close();
}, 180_000);
