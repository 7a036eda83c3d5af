/**
 * Event pacing in Chromium, on the production build: at the default speed a single hit stays on
 * screen long enough to follow, and a busy lab at 1× still shows its traffic, its rates and counts
 * clear of the badges on the nodes.
 */
import type { Page } from 'playwright-core';
import { labUrl, startHarness, type Harness } from './harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ production: true });
});
afterAll(async () => {
  await harness?.close();
});

/** Samples the canvas's dot count on every animation frame for `ms` of real time after `start()` runs. */
async function sampleDots(page: Page, ms: number, start: () => Promise<void>) {
  await page.evaluate((duration) => {
    const samples: [number, number][] = [];
    (window as unknown as { samples: typeof samples }).samples = samples;
    const canvas = document.querySelector<HTMLCanvasElement>('canvas.cal-flow-dots')!;
    const begin = performance.now();
    const onFrame = (now: number) => {
      samples.push([now, Number(canvas.dataset.dots ?? 0)]);
      if (now - begin < duration) requestAnimationFrame(onFrame);
    };
    requestAnimationFrame(onFrame);
  }, ms);
  await start();
  await page.waitForTimeout(ms + 100);
  return page.evaluate(() => (window as unknown as { samples: [number, number][] }).samples);
}

/** Wall ms during which at least one dot was drawn (sum of frame gaps that started with a dot). */
function drawnMs(samples: [number, number][]) {
  let total = 0;
  for (let i = 1; i < samples.length; i++) if (samples[i - 1]![1] > 0) total += samples[i]![0] - samples[i - 1]![0];
  return total;
}

describe('event pacing in Chromium', () => {
  test('at the default speed a single hit is drawn for at least 250 ms of wall time per hop', async () => {
    const opened = await harness.open(labUrl({ scenario: 'basics' }));
    const { page } = opened;
    await page.waitForSelector('.cal-lab');
    expect(await page.getByLabel('Playback speed').inputValue()).toBe('0.05');
    await page.getByRole('button', { name: 'Request user:1' }).click();
    await expect.poll(() => page.getByTestId('narration').textContent(), { timeout: 15_000 }).toMatch(/answers user:1 from the database/);
    const samples = await sampleDots(page, 1_500, () => page.getByRole('button', { name: 'Request user:1' }).click());
    await expect.poll(() => page.getByTestId('narration').textContent()).toMatch(/answers user:1 from the cache/);
    const ms = drawnMs(samples);
    console.log(`[pacing] a hit at 1/20×: a dot drawn for ${Math.round(ms)} ms of wall time over ${samples.length} frames`);
    // Two hops (GET and its reply), each at least 250 ms; unpaced the whole hit took 40 ms. Frames
    // see the dot's start and end up to a frame late each, so one 60 Hz frame (16 ms) is allowed:
    // a loaded machine measured 499.9 ms once (quiet runs: 550-783 ms).
    expect(ms).toBeGreaterThanOrEqual(500 - 16);
    expect(opened.errors).toEqual([]);
    await opened.close();
  });

  test('a busy lab at 1× (150 reads/s) keeps its diagram full of traffic, with rates on the edges', async () => {
    const opened = await harness.open(labUrl({ scenario: 'playground', options: { readRatePerSec: 150, instances: 4, keyCount: 20, writeRatePerSec: 0 } }));
    const { page } = opened;
    await page.waitForSelector('.cal-lab');
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(1_500);
    const samples = await sampleDots(page, 1_000, async () => {});
    const dots = samples.map(([, count]) => count).sort((a, b) => a - b);
    const median = dots[Math.floor(dots.length / 2)]!;
    const rate = Number(await page.locator('.cal-edge-rate').first().getAttribute('data-rate'));
    console.log(`[pacing] 150 reads/s at 1×: median ${median} dots per frame (min ${dots[0]}), ${rate} commands/s on the Redis edge`);
    expect(dots[0]).toBeGreaterThan(5);
    expect(rate).toBeGreaterThan(100);
    expect(opened.errors).toEqual([]);
    await opened.close();
  });

  test('a busy phone playground with stale copies: no rate or count pill overlaps a badge ("stale" on Redis included) or another pill', async () => {
    const opened = await harness.open(labUrl({ scenario: 'playground', options: { readRatePerSec: 150, writeRatePerSec: 20, invalidateOnWrite: 'none', instances: 3, keyCount: 20 } }), { width: 390, height: 844 });
    const { page } = opened;
    await page.waitForSelector('.cal-lab');
    await page.getByRole('button', { name: 'Play' }).click();
    const seen = { stale: 0, rates: 0, frames: 0 };
    const overlaps = new Set<string>();
    for (let sample = 0; sample < 15; sample++) {
      await page.waitForTimeout(100);
      const frame = await page.evaluate(() => {
        const boxes = [...document.querySelectorAll('.cal-flow-svg .cal-stale-badge, .cal-flow-svg .cal-badge, .cal-flow-svg .cal-edge-rate, .cal-flow-svg .cal-edge-count')].map((element) => ({
          kind: element.getAttribute('class')!.split(' ')[0]!,
          rect: element.querySelector('rect')!.getBoundingClientRect(),
        }));
        const hit = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) > Math.max(a.left, b.left) && Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top);
        const pills = (kind: string) => kind === 'cal-edge-rate' || kind === 'cal-edge-count';
        const pairs = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => (pills(a.kind) || pills(b.kind)) && hit(a.rect, b.rect)).map((b) => `${a.kind} × ${b.kind}`));
        return { pairs, stale: boxes.some((box) => box.kind === 'cal-stale-badge'), rates: boxes.filter((box) => box.kind === 'cal-edge-rate').length };
      });
      frame.pairs.forEach((pair) => overlaps.add(pair));
      seen.frames++;
      if (frame.stale) seen.stale++;
      if (frame.rates === 2) seen.rates++;
    }
    console.log(`[pacing] busy phone playground: ${seen.stale} of ${seen.frames} samples with the stale badge, ${seen.rates} with both rates`);
    // The situation of the report: the badge and the rates on screen together, and nothing on top of anything.
    expect(seen.stale).toBeGreaterThan(5);
    expect(seen.rates).toBeGreaterThan(5);
    expect([...overlaps]).toEqual([]);
    expect(opened.errors).toEqual([]);
    await opened.close();
  });

  test('a busy phone playground at 64× with 8 apps: a few dozen dots, counts no larger than what is on the wire, no pill on another', async () => {
    const opened = await harness.open(labUrl({ scenario: 'playground', options: { readRatePerSec: 150, writeRatePerSec: 20, instances: 8, keyCount: 20 } }), { width: 390, height: 844 });
    const { page } = opened;
    await page.waitForSelector('.cal-lab');
    await page.getByLabel('Playback speed').selectOption('64');
    await page.getByRole('button', { name: 'Play' }).click();
    const frames: { dots: number; counted: number; onTheWire: number; overlaps: number; rates: number }[] = [];
    for (let sample = 0; sample < 12; sample++) {
      await page.waitForTimeout(120);
      frames.push(
        await page.evaluate(() => {
          const pills = [...document.querySelectorAll('.cal-flow-svg .cal-edge-rate rect, .cal-flow-svg .cal-edge-count rect')].map((rect) => rect.getBoundingClientRect());
          const hit = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) > Math.max(a.left, b.left) && Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top);
          return {
            dots: Number(document.querySelector<HTMLCanvasElement>('canvas.cal-flow-dots')!.dataset.dots ?? 0),
            counted: [...document.querySelectorAll('.cal-edge-count')].reduce((sum, pill) => sum + Number(pill.getAttribute('data-count')), 0),
            onTheWire: Number(/^(\d+) message/.exec(document.querySelector('.cal-flow-svg')!.getAttribute('aria-label') ?? '')?.[1] ?? 0),
            overlaps: pills.flatMap((a, i) => pills.slice(i + 1).filter((b) => hit(a, b))).length,
            rates: document.querySelectorAll('.cal-edge-rate').length,
          };
        }),
      );
    }
    console.log(`[pacing] phone playground at 64×, 8 apps: dots ${frames.map((f) => f.dots).join(' ')}; counted ${frames.map((f) => f.counted).join(' ')}`);
    // Before: each dot was kept 0.3 s of wall time, 19 s of traffic at 64×: pills read "2695" where a dozen were in flight.
    expect(frames.filter((f) => f.rates === 2).length).toBeGreaterThan(6);
    for (const frame of frames) {
      expect(frame.dots).toBeLessThanOrEqual(100);
      expect(frame.counted).toBeLessThanOrEqual(frame.onTheWire);
      expect(frame.overlaps).toBe(0);
    }
    expect(opened.errors).toEqual([]);
    await opened.close();
  });
});
