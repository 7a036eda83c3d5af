/**
 * D2's panels in real Chromium: mermaid really renders (jsdom cannot lay out SVG), the lazy chunk
 * is only fetched when a diagram is on screen, and the console runs commands end to end.
 */
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { screenshotDir, startHarness, type Harness } from './harness';

/** Console errors, minus the browser's own favicon probe (the test page has no icon). */
function realErrors(errors: string[], missing: string[]): string[] {
  return missing.every((url) => url.endsWith('/favicon.ico')) ? errors.filter((error) => !error.includes('404 (Not Found)')) : errors;
}

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

test('mermaid renders a flowchart and a sequence diagram to SVG, one after the other, without errors', async () => {
  const { page, errors, close } = await harness.open('/test/browser/pages/diagrams.html', { width: 1280, height: 1400 });
  const missing: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  try {
    await page.waitForSelector('.cal-diagram__svg svg', { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll('.cal-diagram__svg svg').length === 2, null, { timeout: 30_000 });
    const flowchart = page.getByRole('img', { name: 'Cache-aside read path' });
    await expect(flowchart.locator('svg').getAttribute('aria-roledescription')).resolves.toBe('flowchart-v2');
    const sequence = page.locator('figure', { hasText: '' }).last().locator('svg');
    await expect(sequence.getAttribute('aria-roledescription')).resolves.toBe('sequence');
    // Real layout happened: the SVG has a size and the messages are drawn as text.
    const box = await sequence.boundingBox();
    expect(box!.height).toBeGreaterThan(100);
    const text = await sequence.textContent();
    expect(text).toContain('GET user:2');
    expect(text).toContain('lock lock:user:2 acquired');
    // No scratch containers left behind by the renders.
    expect(await page.locator('body > [id^="dcal-mermaid-"]').count()).toBe(0);
    expect(realErrors(errors, missing)).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, 'd2-panels-light.png'), fullPage: true });
  } finally {
    await close();
  }
});

test('the diagram follows the dark theme with the dark palette', async () => {
  const { page, errors, close } = await harness.open('/test/browser/pages/diagrams.html?theme=dark', { width: 1280, height: 1400, colorScheme: 'dark' });
  try {
    await page.waitForFunction(() => document.querySelectorAll('.cal-diagram__svg svg').length === 2, null, { timeout: 30_000 });
    const actorFill = await page.locator('.cal-diagram__svg svg rect.actor').first().evaluate((rect) => getComputedStyle(rect).fill);
    expect(actorFill).toBe('rgb(30, 42, 69)'); // #1e2a45, the dark actor colour
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, 'd2-panels-dark.png'), fullPage: true });
  } finally {
    await close();
  }
});

test('the console runs a command on the emulator and walks its history with the keyboard', async () => {
  const { page, close } = await harness.open('/test/browser/pages/diagrams.html');
  try {
    const input = page.getByRole('textbox', { name: 'Redis command' });
    await input.fill('SET user:1 "Ada Lovelace" EX 60');
    await input.press('Enter');
    await input.fill('GET user:1');
    await input.press('Enter');
    const log = page.getByRole('log');
    // The reply is written once the command (and, the first time, its command family's code) has run: poll.
    await expect.poll(() => log.textContent()).toContain('"Ada Lovelace"');
    await input.fill('SET "unbalanced');
    await input.press('Enter');
    await page.getByText('Invalid argument(s)').waitFor();
    await input.press('ArrowUp');
    await input.press('ArrowUp');
    await expect.poll(() => input.inputValue()).toBe('GET user:1');
    await input.fill('HELP TTL');
    await input.press('Enter');
    await page.locator('.cal-console').screenshot({ path: join(screenshotDir, 'd2-console.png') });
  } finally {
    await close();
  }
});

test('mermaid is not fetched until a diagram is near the viewport', async () => {
  const { page, close } = await harness.open('/test/browser/pages/diagrams.html', { width: 1280, height: 300 });
  try {
    // The diagrams are far below a 300 px viewport (and its one-screen margin): nothing loads.
    await page.waitForSelector('[data-testid="diagram-placeholder"]');
    await page.waitForTimeout(500);
    expect(await page.locator('.cal-diagram__svg svg').count()).toBe(0);
    const heights = () => page.locator('.cal-diagram').evaluateAll((figures) => figures.map((figure) => figure.getBoundingClientRect().height));
    const reserved = await heights();
    await page.locator('.cal-diagram').last().scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelectorAll('.cal-diagram__svg svg').length === 2, null, { timeout: 30_000 });
    // The placeholders held about the final space: the page barely moves when the SVGs arrive.
    const rendered = await heights();
    rendered.forEach((height, index) => expect(Math.abs(height - reserved[index]!) / height).toBeLessThan(0.15));
  } finally {
    await close();
  }
});

test.each(['light', 'dark'] as const)('the panels pass axe in the %s theme', async (theme) => {
  const { page, close } = await harness.open(`/test/browser/pages/diagrams.html?theme=${theme}`, { width: 1280, height: 1400, colorScheme: theme });
  try {
    await page.waitForFunction(() => document.querySelectorAll('.cal-diagram__svg svg').length === 2, null, { timeout: 30_000 });
    await page.getByRole('textbox', { name: 'Redis command' }).fill('HELP GET');
    await page.getByRole('textbox', { name: 'Redis command' }).press('Enter');
    const results = await new AxeBuilder({ page }).analyze();
    const violations = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    expect(violations).toEqual([]);
  } finally {
    await close();
  }
});
