/**
 * Share links in real Chromium, on the built iframe route: a link taken mid-run reopens at the
 * same cursor with the same state; a tampered link opens with defaults and a visible note.
 */
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildSite, launch, openPage, screenshotDir, serveStatic } from './embed-server.ts';

let browser: Browser;
let closeBrowser: () => Promise<void>;
let server: Server;
let origin: string;

beforeAll(async () => {
  const dir = await buildSite();
  ({ origin, server } = await serveStatic(dir, { '/host.html': '<!doctype html><link rel="icon" href="data:,"><body></body>' }));
  ({ browser, close: closeBrowser } = await launch());
});

afterAll(async () => {
  await closeBrowser?.();
  server?.close();
});

/** Everything a learner sees of the run's state at the cursor. */
async function visibleState(page: Page) {
  const lab = page.locator('.cal-lab');
  return {
    cursor: await lab.locator('input[type=range]').getAttribute('aria-valuetext'),
    time: await lab.locator('.cal-time').textContent(),
    metrics: await lab.locator('.cal-metrics dl').textContent(),
    keyspace: await lab.locator('.cal-keyspace').textContent().catch(() => null),
    narration: await lab.locator('.cal-narration').textContent().catch(() => null),
    playing: await lab.locator('.cal-play').getAttribute('aria-label'),
  };
}

describe('share links', () => {
  it('a link taken mid-run reopens at the same cursor and state', async () => {
    const { page, context, errors } = await openPage(browser, `${origin}/embed/frame.html#/embed/stampede?strategy=plain&burstSize=10&dbLatencyMs=80`);
    const lab = page.locator('.cal-lab');
    await lab.waitFor();
    await lab.locator('button', { hasText: 'Burst of 10' }).click();
    await expect.poll(() => lab.locator('.cal-play').getAttribute('aria-label'), { timeout: 20_000 }).toBe('Play');
    for (let i = 0; i < 7; i++) await lab.getByRole('button', { name: 'Step back one event' }).click();
    const before = await visibleState(page);
    expect(before.metrics).toContain('DB reads');

    await lab.locator('[data-share="link"]').click();
    const url = await lab.locator('.cal-share-url').inputValue();
    // Copied with the Clipboard API (headless Chromium grants it to this context).
    expect(await lab.locator('.cal-share-result').textContent()).toContain('Link copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    expect(url).toMatch(/frame\.html#\/embed\/stampede\?.*strategy=plain.*burstSize=10.*actions=.*event=\d+&time=\d+/);

    const copy = await openPage(browser, url);
    await copy.page.locator('.cal-lab').waitFor();
    // The lab shows at once and then replays the link's actions to its cursor (with a progress line while it does).
    await expect.poll(() => visibleState(copy.page), { timeout: 20_000 }).toEqual(before);
    expect(await copy.page.locator('[data-share-notes]').count()).toBe(0);
    // And it goes on from there like the original.
    await lab.getByRole('button', { name: 'Step forward one event' }).click();
    await copy.page.locator('.cal-lab').getByRole('button', { name: 'Step forward one event' }).click();
    expect(await visibleState(copy.page)).toEqual(await visibleState(page));

    // The Embed button shows the snippets for this same state, and the custom element snippet opens there too.
    await lab.locator('[data-share="embed"]').click();
    const snippet = (await lab.locator('[data-snippet]').textContent()) ?? '';
    expect(snippet).toContain('<cache-aside-lab scenario="stampede" strategy="plain" burst-size="10"');
    const host = await openPage(browser, `${origin}/host.html`);
    await host.page.evaluate((html) => {
      const template = document.createElement('template');
      template.innerHTML = html;
      for (const node of [...template.content.childNodes]) {
        if (node instanceof HTMLScriptElement) {
          const script = document.createElement('script');
          script.type = 'module';
          script.src = node.src;
          document.body.append(script);
        } else document.body.append(node);
      }
    }, snippet);
    await host.page.locator('cache-aside-lab .cal-lab').waitFor();
    const original = await visibleState(page);
    await expect.poll(() => visibleState(host.page), { timeout: 20_000 }).toEqual(original);
    expect(host.errors).toEqual([]);
    await host.context.close();
    await page.screenshot({ path: join(screenshotDir, 'share-embed-snippets.png') });
    expect([...errors, ...copy.errors]).toEqual([]);
    await copy.context.close();
    await context.close();
  });

  it('a tampered link opens with defaults and a visible note, and runs nothing from the URL', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const hash = `#/embed/stampede?strategy=${encodeURIComponent(evil)}&ttlMs=-1&colour=red&burstSize=20&actions=%21%21%21&event=x&time=1&v=9`;
    const { page, context, errors } = await openPage(browser, `${origin}/embed/frame.html${hash}`);
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    const note = page.locator('[data-share-notes]');
    await note.waitFor();
    const text = (await note.textContent()) ?? '';
    for (const field of ['strategy:', 'ttlMs:', 'colour:', 'actions:', 'event/time:', 'v:']) expect(text).toContain(field);
    // The URL's text is shown as text, never parsed as HTML.
    expect(await page.locator('img[src=x]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // The valid field still applies; the rest are defaults.
    await expect.poll(() => page.locator('.cal-lab button', { hasText: /^Burst of/ }).textContent()).toBe('Burst of 20');
    await page.screenshot({ path: join(screenshotDir, 'share-tampered-link.png') });

    // A route that is not an embed route at all opens the default scenario with a note.
    await page.goto(`${origin}/embed/frame.html#/nonsense/%3Cscript%3E`);
    await page.locator('[data-share-notes]').waitFor();
    expect(await page.locator('[data-share-notes]').textContent()).toContain('is not an embed route');
    expect(await page.locator('.cal-lab').getAttribute('data-scenario')).toBe('playground');
    expect(dialogs).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
