import type { Page } from 'playwright-core';
import { labUrl, screenshotDir } from './harness.ts';
import { browserSuite, type OpenOptions } from './suite.ts';
import { openTab, skipToEnd } from './journey-helpers.ts';

const suite = browserSuite({ serve: 'lab-page', defaults: { width: 1366, height: 900 } });

async function openLab(params: Parameters<typeof labUrl>[0], options?: OpenOptions) {
  const page = await suite.open(labUrl(params), options);
  await page.page.waitForSelector('.cal-lab');
  return page.page;
}

const narration = (page: Page) => page.getByTestId('narration');
const metric = (page: Page, label: string) => page.locator(`[data-metric="${label}"] .cal-metric-value`);
const key = (page: Page, name: string) => page.locator(`.cal-key[data-key="${name}"]`);

async function fast(page: Page) {
  await page.getByLabel('Playback speed').first().selectOption('64');
}

describe('the lab in Chromium', () => {
  test('a miss loads the database and caches the key; the next read is a hit', async () => {
    const page = await openLab({ scenario: 'basics' });
    await fast(page);
    await page.getByRole('button', { name: 'Request user:1' }).click();
    await expect.poll(() => narration(page).textContent()).toMatch(/answers user:1 from the database/);
    await expect.poll(() => key(page, 'user:1').count()).toBe(1);
    expect(await metric(page, 'DB reads').textContent()).toBe('1');
    await page.getByRole('button', { name: 'Request user:1' }).click();
    await expect.poll(() => narration(page).textContent()).toMatch(/answers user:1 from the cache/);
    expect(await metric(page, 'Hit ratio').textContent()).toBe('50%');
    expect(await metric(page, 'DB reads').textContent()).toBe('1');
    // The sequence tab draws the latest request (the hit) with mermaid, loaded on demand.
    await openTab(page.locator('.cal-lab').first(), 'Sequence');
    await expect.poll(() => page.locator('[role=tabpanel] svg').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.locator('[role=tabpanel] svg').first().textContent()).toMatch(/GET user:1/);
  });

  test('fast-forward to expiry: the key is gone and the next read misses', async () => {
    const page = await openLab({ scenario: 'read-path' });
    await fast(page);
    await page.getByRole('button', { name: 'Request user:1' }).click();
    await expect.poll(() => key(page, 'user:1').count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Play' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Fast-forward to expiry' }).click();
    await expect.poll(() => page.locator('.cal-key:not(.is-gone)').count()).toBe(0);
    await page.getByRole('button', { name: 'Request user:1' }).click();
    await expect.poll(() => narration(page).textContent()).toMatch(/from the database/);
    expect(await metric(page, 'DB reads').textContent()).toBe('2');
    expect(await metric(page, 'Hit ratio').textContent()).toBe('0%');
  });

  // One test per strategy, each with its own time limit: both labs in one test outran 60 s at load 40.
  test.each([
    ['plain', '50'],
    ['lock', '1'],
  ] as const)('a stampede, %s strategy: fifty readers, database reads %s', async (strategy, reads) => {
    const page = await openLab({ scenario: 'stampede', options: { strategy } });
    await fast(page);
    await page.getByRole('button', { name: 'Burst of 50' }).click();
    // To the end of the run (the scrubber's End), not played out: with the lock, the waiting readers' paced
    // retries take over a minute of wall time when a loaded machine slows the frames.
    await skipToEnd(page.locator('.cal-lab').first());
    expect(await metric(page, 'DB reads').textContent()).toBe(reads);
    if (strategy === 'lock') expect(await page.locator('.cal-key-lock').count()).toBeLessThanOrEqual(1);
  });

  test('null caching: the second request for a missing user is answered by the sentinel', async () => {
    const page = await openLab({ scenario: 'null-caching', options: { nullTtlMs: 5000 } });
    // At 1×, not 64×: one long frame at 64× covers the sentinel's whole 5 s life, and the lab then plays on to its expiry.
    await page.getByLabel('Playback speed').first().selectOption('1');
    await page.getByRole('button', { name: 'Request a missing key' }).click();
    await expect.poll(() => page.locator('.cal-key-null').count()).toBe(1);
    expect(await page.locator('.cal-key-null').getByText('null sentinel').count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Play' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Request a missing key' }).click();
    await expect.poll(() => narration(page).textContent()).toMatch(/from the cache/);
    expect(await metric(page, 'DB reads').textContent()).toBe('1');
  });

  test('an outage: Redis shows down, the read falls back to the database', async () => {
    const page = await openLab({ scenario: 'outage' });
    await fast(page);
    await page.getByRole('button', { name: 'Take Redis down' }).click();
    await expect.poll(() => page.locator('.cal-node-redis.is-down').count()).toBe(1);
    await page.getByRole('button', { name: 'Request user:1' }).click();
    await expect.poll(() => narration(page).textContent()).toMatch(/Redis failed, so app 1 answered user:1 straight from the database/);
    await expect.poll(() => page.locator('.cal-metric-extras').textContent()).toMatch(/(^|\D)1 fallback(?!s)/);
    await page.getByRole('button', { name: 'Bring Redis up' }).click();
    await expect.poll(() => page.locator('.cal-node-redis.is-down').count()).toBe(0);
  });

  test('keyboard shortcuts and the shortcuts dialog', async () => {
    const page = await openLab({ scenario: 'basics' });
    await page.getByRole('button', { name: 'Request user:1' }).click();
    await page.locator('.cal-lab').first().focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('button', { name: 'Play' }).count()).toBe(1);
    await page.keyboard.press('?');
    await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });
});

/** Pixels of the request-flow canvas painted exactly in the colour of `variable` (as the theme has it now). */
async function canvasPixels(page: Page, variable: string): Promise<number> {
  return page.evaluate((name) => {
    const canvas = document.querySelector<HTMLCanvasElement>('canvas.cal-flow-dots')!;
    const hex = getComputedStyle(canvas).getPropertyValue(name).trim();
    const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] === 255 && data[i] === r && data[i + 1] === g && data[i + 2] === b) count++;
    return count;
  }, variable);
}

describe('the request-flow canvas', () => {
  test('paused mid-flight, the dots are in the outcome colour of the theme in force, and follow a theme change', async () => {
    const page = await openLab({ scenario: 'stampede', theme: 'light' });
    await page.getByLabel('Playback speed').first().selectOption('0.1');
    await page.getByRole('button', { name: 'Burst of 50' }).click();
    // Paced: the GETs and their replies take 0.3 s each before the queries leave for the database.
    await expect.poll(() => canvasPixels(page, '--cal-db')).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Pause' }).click();
    expect(await canvasPixels(page, '--cal-db')).toBeGreaterThan(20);
    const lightDb = await page.evaluate(() => getComputedStyle(document.querySelector('.cal-lab')!).getPropertyValue('--cal-db').trim());
    await page.evaluate(() => document.querySelectorAll('[data-theme]').forEach((element) => element.setAttribute('data-theme', 'dark')));
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.querySelector('.cal-lab')!).getPropertyValue('--cal-db').trim())).not.toBe(lightDb);
    await expect.poll(() => canvasPixels(page, '--cal-db')).toBeGreaterThan(20);
  });
});

describe('screenshots', () => {
  for (const theme of ['light', 'dark'] as const) {
    for (const width of [360, 1366]) {
      test(`stampede mid-flight, ${theme}, ${width} px`, async () => {
        const page = await openLab({ scenario: 'stampede', theme, check: { kind: 'challenge', goal: 'Keep the database to at most 1 read while 50 readers arrive at once.', requires: 'burst', condition: { metric: 'dbReads', op: '<=', value: 1 }, hint: 'Only one reader should rebuild the value.', solution: 'Set the strategy to "lock" and fire the burst again.' } }, { width, colorScheme: theme });
        await page.getByLabel('Playback speed').first().selectOption('0.1');
        await page.getByRole('button', { name: 'Burst of 50' }).click();
        // Paced: the GETs and their replies take 0.3 s each, then the queries leave for the database.
        await expect.poll(() => canvasPixels(page, '--cal-db')).toBeGreaterThan(20);
        await page.getByRole('button', { name: 'Pause' }).click();
        // The dots are painted on a canvas: some of its pixels are in the database read's colour.
        expect(await canvasPixels(page, '--cal-db')).toBeGreaterThan(20);
        await page.screenshot({ path: `${screenshotDir}/lab-stampede-${theme}-${width}.png`, fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBe(0);
      });
    }
  }
});
