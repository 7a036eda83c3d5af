// Temporary (not committed): screenshots for the report, and the compare labs' heights.
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildSite, launch, openPage, screenshotDir, serveStatic } from './embed-server.ts';
import { lessonLab } from './journey-helpers.ts';

let server: Server; let origin: string; let browser: Browser; let closeBrowser: () => Promise<void>;
beforeAll(async () => { ({ origin, server } = await serveStatic(await buildSite())); ({ browser, close: closeBrowser } = await launch()); });
afterAll(async () => { await closeBrowser?.(); await new Promise((r) => server?.close(r)); });

test('writer shots', async () => {
  for (const lesson of ['01-what-is-cache-aside', '04-invalidation', '12-playground']) {
    for (const [w, h] of [[1366, 900], [390, 844]] as const) {
      const { page, context } = await openPage(browser, `${origin}/#/lesson/${lesson}`, { width: w, height: h, isMobile: w < 500 });
      const lab = await lessonLab(page);
      await lab.evaluate((el) => { const hd = document.querySelector('.topbar')?.getBoundingClientRect().height ?? 0; window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - hd); });
      if (lesson === '12-playground') await lab.getByRole('button', { name: 'Pause' }).first().click().catch(() => {});
      await lab.getByRole('button', { name: 'Update the row' }).click();
      await page.waitForTimeout(700);
      await lab.getByRole('button', { name: /^Pause/ }).first().click().catch(() => {});
      await lab.locator('.cal-flow').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(screenshotDir, `writer-${lesson}-${w}.png`) });
      await context.close();
    }
  }
}, 300_000);

test('compare heights', async () => {
  const out: string[] = [];
  for (const lesson of ['04-invalidation', '10-cache-stampede', '11-null-caching']) {
    for (const w of [1366, 768, 390]) {
      const { page, context } = await openPage(browser, `${origin}/#/lesson/${lesson}`, { width: w, height: 900 });
      await page.locator('.lesson-body').waitFor();
      const slot = page.locator('.lab-slot[data-kind="compare"]').first();
      await slot.scrollIntoViewIfNeeded();
      await slot.locator('.cal-compare').waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1500);
      out.push(`${lesson} ${w}: ${await slot.locator('.cal-compare').evaluate((n) => n.getBoundingClientRect().height)}`);
      await context.close();
    }
  }
  console.log('HEIGHTS\n' + out.join('\n'));
}, 300_000);
