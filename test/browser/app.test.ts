/**
 * The built tutorial, served from a subfolder by a plain static server (no rewrites), in real
 * Chromium: landing → every lesson via "Next" → overview, with no console errors.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildSite, serveStatic } from './embed-server.ts';
import { pressFromKeyboard } from './journey-helpers.ts';

const root = join(import.meta.dirname, '..', '..');
const screenshotDir = join(root, '.tmp', 'screenshots');
const BASE = '/some/base/';

let server: Server;
let browser: Browser;
let origin: string;

async function openPage(options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {}) {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1366, height: options.height ?? 860 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('requestfailed', (request) => {
    // Leaving a page cancels its pending chunk loads; that is not a failure.
    if (!request.failure()?.errorText.includes('ERR_ABORTED')) errors.push(`request failed: ${request.url()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { page, context, errors };
}

/** axe violations in the shell and the lesson text (the lab has its own accessibility tests). */
async function accessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).exclude('.lab-slot').analyze();
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

async function lessonTitle(page: Page): Promise<string> {
  const heading = page.locator('main h1');
  await heading.waitFor();
  return (await heading.textContent()) ?? '';
}

/** Waits until the lesson's content module has replaced the skeleton. */
async function waitForLessonBody(page: Page): Promise<void> {
  await page.locator('.lesson-body').waitFor();
}

beforeAll(async () => {
  // Served under BASE only, like a static host's subfolder; anything else is a 404.
  ({ origin, server } = await serveStatic(await buildSite(), {}, { base: BASE }));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  mkdirSync(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

test('from a subfolder, the landing page leads through every lesson via Next without a console error', async () => {
  const { page, context, errors } = await openPage();
  await page.goto(`${origin}${BASE}`);
  await expect(page.locator('main h1').textContent()).resolves.toMatch(/cache-aside/i);
  const titles = await page.locator('.lesson-list-detailed .lesson-link-title').allTextContents();
  expect(titles.length).toBeGreaterThanOrEqual(2);

  await page.getByRole('link', { name: 'Start the first lesson' }).click();
  // The landing page's h1 is there until the route change renders the lesson: poll, not read once.
  await expect.poll(() => lessonTitle(page)).toBe(titles[0]);
  await waitForLessonBody(page);
  expect(await page.title()).toContain(titles[0]);

  for (const expected of titles.slice(1)) {
    // From the keyboard: the lesson's figures and labs arrive into their boxes while the pager is aimed at, and a
    // pointer click once missed (the page stayed on its lesson for 30 s in a full run).
    await page.locator('a[rel="next"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((title) => document.querySelector('main h1')?.textContent === title, expected);
    await waitForLessonBody(page);
    expect(page.url()).toContain(`${BASE}#/lesson/`);
  }
  await page.getByRole('link', { name: /Back to the overview/ }).click();
  await page.getByRole('link', { name: 'Start the first lesson' }).waitFor();

  expect(errors).toEqual([]);
  await context.close();
});

test('a lesson URL opened directly, a heading anchor, reload and an unknown route all work', async () => {
  const { page, context, errors } = await openPage({ height: 700 });
  await page.goto(`${origin}${BASE}`);
  const firstHref = await page.locator('.lesson-list-detailed a').first().getAttribute('href');
  await page.goto(`${origin}${BASE}${firstHref}`);
  await waitForLessonBody(page);

  const anchor = page.locator('.lesson-body .heading-anchor').nth(1);
  const headingId = await anchor.evaluate((node) => node.parentElement!.id);
  // From the keyboard: figures and labs above the anchor arrive while the page loads and can move it under a pointer.
  await anchor.focus();
  await anchor.press('Enter');
  // The heading lands just under the sticky header.
  await page.waitForFunction((id) => {
    const top = document.getElementById(id)!.getBoundingClientRect().top;
    return top >= 40 && top < 160;
  }, headingId);
  expect(page.url()).toContain(`#/lesson/`);
  expect(page.url()).toContain(`#${headingId}`);

  await pressFromKeyboard(page.getByRole('button', { name: 'Mark as complete' }));
  await expect.poll(() => page.getByRole('button', { name: /Completed/ }).getAttribute('aria-pressed')).toBe('true');
  await page.reload();
  await waitForLessonBody(page);
  await expect(page.getByRole('button', { name: /Completed/ }).getAttribute('aria-pressed')).resolves.toBe('true');

  await page.goto(`${origin}${BASE}#/no/such/page`);
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await page.getByRole('link', { name: /Continue|Start/ }).waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

// One test per width and theme, each with its own time limit: four pages of axe in one test outran 60 s under load.
const LOOKS = [360, 1366].flatMap((width) => (['light', 'dark'] as const).map((theme) => ({ width, theme })));

test.each(LOOKS)('landing and a lesson pass axe and fit at $width px, $theme (with screenshots)', async ({ width, theme }) => {
  const { page, context, errors } = await openPage({ width, height: width < 500 ? 780 : 860, colorScheme: theme });
  await page.goto(`${origin}${BASE}`);
  await page.locator('main h1').waitFor();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
  await page.screenshot({ path: join(screenshotDir, `app-landing-${theme}-${width}.png`) });
  expect(await accessibilityViolations(page)).toEqual([]);
  const href = await page.locator('.lesson-list-detailed a').nth(2).getAttribute('href');
  await page.goto(`${origin}${BASE}${href}`);
  await waitForLessonBody(page);
  await page.screenshot({ path: join(screenshotDir, `app-lesson-${theme}-${width}.png`) });
  expect(await accessibilityViolations(page)).toEqual([]);
  for (const part of ['.code-tabs', '.callout', '.lab-slot']) {
    const element = page.locator(`.lesson-body ${part}`).first();
    if ((await element.count()) === 0) continue;
    await element.evaluate((node) => node.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(screenshotDir, `app-lesson-${part.slice(1)}-${theme}-${width}.png`) });
  }
  if (width < 1024) {
    await page.evaluate(() => window.scrollTo(0, 0));
    const toggle = page.getByRole('button', { name: 'Open the lesson list' });
    await toggle.click();
    // The drawer opens on React's next render: wait for it rather than reading it at once.
    await page.getByRole('navigation', { name: 'Lessons', exact: true }).waitFor({ state: 'visible' });
    await page.waitForTimeout(250); // the drawer's slide-in, for the screenshot only
    await page.screenshot({ path: join(screenshotDir, `app-lesson-nav-open-${theme}-${width}.png`) });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('button', { name: 'Open the lesson list' }).getAttribute('aria-expanded')).toBe('false');
  }
  // No horizontal scrolling of the page itself on any width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  expect(errors).toEqual([]);
  await context.close();
});
