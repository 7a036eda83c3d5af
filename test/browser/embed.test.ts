/**
 * The built embed in real Chromium: the example page's two <cache-aside-lab> elements and its
 * iframe, attribute changes, removal, the iframe's height reports and commands, and the origin rule.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Frame, Page } from 'playwright-core';
import { buildSite, launch, openPage, screenshotDir, serveStatic } from './embed-server.ts';
import { EMBED_BUDGET } from '../size-budgets.ts';
import { embedElementFirstLoad } from '../size-walk.ts';

let browser: Browser;
let closeBrowser: () => Promise<void>;
const servers: Server[] = [];
let origin: string;
let foreignOrigin: string;
let distDir: string;

const example = () => `${origin}/examples/index.html`;

/** "event 3 of 17" from a lab's scrubber: where its cursor is. */
async function cursorIndex(scope: Page | Frame, labSelector: string): Promise<number> {
  const text = await scope.locator(`${labSelector} input[type=range]`).getAttribute('aria-valuetext');
  return Number(/event (\d+) of/.exec(text ?? '')?.[1] ?? NaN);
}

async function dbReads(scope: Page | Frame, labSelector: string): Promise<string> {
  return (await scope.locator(`${labSelector} [data-metric="DB reads"] .cal-metric-value`).textContent()) ?? '';
}

beforeAll(async () => {
  const dir = await buildSite();
  distDir = dir;
  const main = await serveStatic(dir, {
    '/one-lab.html': '<!doctype html><link rel="icon" href="data:,"><script type="module" src="/embed/cache-aside-lab.js"></script><cache-aside-lab scenario="basics"></cache-aside-lab>',
  });
  origin = main.origin;
  // A second origin (another loopback port) that hosts pages embedding the first origin's lab.
  const foreign = await serveStatic(dir, {
    '/foreign.html': `<!doctype html><link rel="icon" href="data:,"><body>
      <iframe id="lab" style="width:900px;height:900px" src="${origin}/embed/frame.html#/embed/basics?parentOrigin=${encodeURIComponent(origin)}"></iframe></body>`,
    '/default.html': `<!doctype html><link rel="icon" href="data:,"><body>
      <iframe id="lab" style="width:900px;height:900px" src="${origin}/embed/frame.html#/embed/basics"></iframe>
      <iframe id="sibling" src="/sibling.html"></iframe></body>`,
    '/sibling.html': `<!doctype html><link rel="icon" href="data:,"><script>
      window.stepSibling = () => parent.frames[0].postMessage({ source: 'cache-aside-lab', type: 'step', direction: -1 }, '*');</script>`,
  });
  foreignOrigin = foreign.origin;
  servers.push(main.server, foreign.server);
  ({ browser, close: closeBrowser } = await launch());
});

afterAll(async () => {
  await closeBrowser?.();
  for (const server of servers) server.close();
});

describe('the example page', () => {
  it('renders two independent custom elements and an iframe, untouched by the host styles, with no errors', async () => {
    const { page, context, errors } = await openPage(browser, example());
    const plain = '#plain .cal-lab';
    const lock = '#lock .cal-lab';
    await page.locator(plain).waitFor();
    // The lock lab first loads the Lua VM its release runs on, then shows its controls.
    await page.locator(`${lock} .cal-play`).waitFor();
    const frame = page.frameLocator('#frame');
    await frame.locator('.cal-lab').waitFor();

    // The host's `button { background: hotpink }` does not reach into the shadow root.
    const background = await page.locator(`${plain} .cal-play`).evaluate((button) => getComputedStyle(button).backgroundColor);
    expect(background).not.toBe('rgb(255, 105, 180)');
    // And the lab's styles stay out of the host's <head>: only the page's own <style> is there.
    expect(await page.evaluate(() => document.querySelectorAll('head style, head link[rel=stylesheet]').length)).toBe(1);
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('Georgia');

    // A burst in the plain lab: fifty database reads there; the lock lab does not move.
    const over = page.evaluate(
      () => new Promise<{ readers: number; dbReads: number }>((resolve) => document.getElementById('plain')!.addEventListener('stampede-over', (event) => resolve((event as CustomEvent).detail), { once: true })),
    );
    await page.locator(`${plain} button`, { hasText: 'Burst of 50' }).click();
    await page.evaluate(() => (document.getElementById('plain') as unknown as { store: { getState(): { advance(ms: number): void } } }).store.getState().advance(5000));
    expect(await over).toMatchObject({ readers: 50, dbReads: 50 });
    await expect.poll(() => dbReads(page, plain)).toBe('50');
    expect(await dbReads(page, lock)).toBe('0');
    expect(await cursorIndex(page, lock)).toBe(0);

    await page.locator(`${lock} button`, { hasText: 'Burst of 50' }).click();
    await page.evaluate(() => (document.getElementById('lock') as unknown as { store: { getState(): { advance(ms: number): void } } }).store.getState().advance(5000));
    await expect.poll(() => dbReads(page, lock)).toBe('1');
    expect(await dbReads(page, plain)).toBe('50');

    await page.screenshot({ path: join(screenshotDir, 'embed-example.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('follows the host colour scheme unless a theme attribute pins one', async () => {
    const { page, context } = await openPage(browser, example(), { colorScheme: 'dark' });
    await page.locator('#plain .cal-lab').waitFor();
    const labBackground = (selector: string) => page.locator(selector).evaluate((lab) => getComputedStyle(lab).backgroundColor);
    expect(await labBackground('#plain .cal-lab')).toBe('rgb(14, 17, 21)');
    await page.screenshot({ path: join(screenshotDir, 'embed-example-dark.png') });
    await page.evaluate(() => document.getElementById('plain')!.setAttribute('theme', 'light'));
    await expect.poll(() => labBackground('#plain .cal-lab')).toBe('rgb(246, 247, 249)');
    expect(await labBackground('#lock .cal-lab')).toBe('rgb(14, 17, 21)');
    // A docs site that pins its own theme on <html> (Docusaurus does) is followed too.
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
    await expect.poll(() => labBackground('#lock .cal-lab')).toBe('rgb(246, 247, 249)');
    await context.close();
  });

  it('honours reduced motion: requests in flight are counted on their edge, not animated', async () => {
    const inFlight = async (reducedMotion: boolean) => {
      const { page, context, errors } = await openPage(browser, example(), { reducedMotion });
      await page.locator('#plain .cal-lab').waitFor();
      await page.evaluate(() => {
        type Lab = { store: { getState(): { act(action: unknown): void; pause(): void; advance(ms: number): void } } };
        const lab = (document.getElementById('plain') as unknown as Lab).store.getState();
        lab.act({ type: 'read', key: 'user:1' });
        lab.pause();
      });
      await page.evaluate(() => (document.getElementById('plain') as unknown as { store: { getState(): { advance(ms: number): void } } }).store.getState().advance(1));
      // Reduced motion counts the request on its edge; the pills' placement code may still be on its way.
      if (reducedMotion) await expect.poll(() => page.locator('#plain .cal-edge-count').count()).toBeGreaterThan(0);
      const counts = { dots: await page.locator('#plain .cal-dots').count(), edgeCounts: await page.locator('#plain .cal-edge-count').count() };
      expect(errors).toEqual([]);
      await context.close();
      return counts;
    };
    const moving = await inFlight(false);
    const still = await inFlight(true);
    expect(moving.dots).toBeGreaterThan(0);
    expect(still).toEqual({ dots: 0, edgeCounts: expect.any(Number) });
    expect(still.edgeCounts).toBeGreaterThan(0);
  });

  it('keyboard: shortcuts work inside the shadow root and the shortcuts dialog keeps focus there', async () => {
    const { page, context, errors } = await openPage(browser, example());
    const lab = page.locator('#plain .cal-lab');
    await lab.waitFor();
    await lab.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    const dialog = page.locator('#plain [role=dialog]');
    await dialog.waitFor();
    const focusedLabel = () => page.evaluate(() => document.getElementById('plain')!.shadowRoot!.activeElement?.getAttribute('aria-label') ?? '');
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
    // Focus cycles within the dialog (it has few focusable elements), never out to the host page.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('plain');
    expect(await dialog.evaluate((node) => node.contains(node.getRootNode() instanceof ShadowRoot ? (node.getRootNode() as ShadowRoot).activeElement : null))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Closing gives focus back to the button that opened it, inside the shadow root.
    expect(await focusedLabel()).toBe('Keyboard shortcuts');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('applies attribute changes, with a visible note for a bad value', async () => {
    const { page, context, errors } = await openPage(browser, example());
    await page.locator('#plain .cal-lab').waitFor();
    await page.evaluate(() => {
      const lab = document.getElementById('plain')!;
      lab.setAttribute('strategy', 'lock');
      lab.setAttribute('ttl', '-3');
    });
    await page.locator('#plain [data-share-notes]').waitFor();
    expect(await page.locator('#plain [data-share-notes]').textContent()).toContain('ttlMs: must be >= 1');
    await page.locator('#plain button', { hasText: 'Burst of 50' }).click();
    await page.evaluate(() => (document.getElementById('plain') as unknown as { store: { getState(): { advance(ms: number): void } } }).store.getState().advance(5000));
    expect(await dbReads(page, '#plain .cal-lab')).toBe('1');
    // A new scenario replaces the lab.
    await page.evaluate(() => document.getElementById('plain')!.setAttribute('scenario', 'basics'));
    await expect.poll(() => page.locator('#plain .cal-lab').getAttribute('data-scenario')).toBe('basics');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('removing an element unmounts it and stops its player', async () => {
    const { page, context, errors } = await openPage(browser, example());
    await page.locator('#plain .cal-lab').waitFor();
    const result = await page.evaluate(async () => {
      type Store = { getState(): { play(): void; cursor: { time: number }; playback: { playing: boolean } }; subscribe(listener: () => void): () => void };
      const lab = document.getElementById('plain') as unknown as HTMLElement & { store: Store };
      const store = lab.store;
      store.getState().play();
      // Frames come late on a loaded machine: wait (up to 10 s) for the first move rather than a fixed 200 ms.
      for (const deadline = performance.now() + 10_000; store.getState().cursor.time === 0 && performance.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const movedWhileOnPage = store.getState().cursor.time > 0;
      let changesAfterRemoval = 0;
      lab.remove();
      await new Promise((resolve) => setTimeout(resolve, 0));
      store.subscribe(() => changesAfterRemoval++);
      const time = store.getState().cursor.time;
      await new Promise((resolve) => setTimeout(resolve, 400));
      return { movedWhileOnPage, children: lab.shadowRoot!.childNodes.length, playing: store.getState().playback.playing, moved: store.getState().cursor.time - time, changesAfterRemoval };
    });
    expect(result).toEqual({ movedWhileOnPage: true, children: 0, playing: false, moved: 0, changesAfterRemoval: 0 });
    // The other lab still works.
    await page.locator('#lock button', { hasText: 'Burst of 50' }).click();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the embed script', () => {
  it('first load: what one lab fetches before any interaction (and after 3 s idle) stays within budget, without mermaid; pointing at the lab loads the console', async () => {
    const { page, context, errors } = await openPage(browser, 'about:blank');
    const fetched: string[] = [];
    page.on('response', (response) => {
      if (response.url().startsWith(`${origin}/embed/`)) fetched.push(new URL(response.url()).pathname);
    });
    const gzipped = (paths: readonly string[]) => paths.reduce((sum, path) => sum + gzipSync(readFileSync(join(distDir, path)), { level: 9 }).length, 0);
    const describe = (paths: readonly string[]) => paths.map((path) => `${path.split('/').pop()} ${(gzipped([path]) / 1024).toFixed(1)}`).join(', ');
    const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

    await page.goto(`${origin}/one-lab.html`);
    const lab = page.locator('cache-aside-lab .cal-lab');
    await lab.waitFor();
    await page.waitForLoadState('networkidle');
    const atLoad = [...fetched];
    // Nothing is prefetched behind the learner's back: three idle seconds fetch nothing more.
    await page.waitForTimeout(3_000);
    const afterIdle = [...fetched];
    const panel = page.locator('cache-aside-lab .cal-tabpanel');
    const waitingHeight = (await panel.boundingBox())!.height;

    // Pointing at the lab is engagement: the console and the Share/Embed controls load.
    await lab.hover();
    await page.locator('cache-aside-lab').getByRole('textbox', { name: /Redis command/ }).waitFor();
    await page.waitForLoadState('networkidle');
    const consoleHeight = (await panel.boundingBox())!.height;
    const engaged = fetched.slice(afterIdle.length);

    console.log(
      `embed first load: ${atLoad.length} files, ${kB(gzipped(atLoad))} gzip (${describe(atLoad)}); after 3 s idle ${kB(gzipped(afterIdle))}; ` +
        `on engagement +${kB(gzipped(engaged))} (${describe(engaged)}); console panel ${waitingHeight} px waiting, ${consoleHeight} px loaded`,
    );
    expect(afterIdle).toEqual(atLoad);
    expect([...atLoad, ...engaged].some((path) => /mermaid/i.test(path))).toBe(false);
    // The Lua VM (the `scripts` chunk) loads only for a lab that runs the lock strategy or a script.
    expect([...atLoad, ...engaged].some((path) => /\/scripts-[\w-]+\.js$/.test(path))).toBe(false);
    expect(engaged.length).toBeGreaterThan(0);
    // The same budget as the build-walking size test (test/size-budgets.ts).
    expect(gzipped(atLoad)).toBeLessThanOrEqual(EMBED_BUDGET);
    // The build-walking size test counts exactly these files, so a node run sees this figure.
    const walked = [...embedElementFirstLoad(join(distDir, 'embed')).keys()].map((file) => `/${relative(distDir, file)}`);
    expect([...walked].sort(), 'test/size-walk.ts FIRST_PAINT_LAZY must name the chunks the first paint fetches lazily').toEqual([...atLoad].sort());
    // The console's placeholder holds its place: loading it barely moves what is below.
    expect(Math.abs(consoleHeight - waitingHeight)).toBeLessThanOrEqual(8);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the iframe', () => {
  it('reports its height and obeys play, pause, step, setOption and reset from its parent', async () => {
    const { page, context, errors } = await openPage(browser, example());
    const frameElement = page.locator('#frame');
    const frame = page.frame({ url: /frame\.html/ })!;
    await frame.locator('.cal-lab').waitFor();
    // The example page sizes the iframe from the `resize` messages.
    const frameHeight = () => frameElement.evaluate((element) => Number.parseFloat((element as HTMLElement).style.height) || 0);
    await expect.poll(frameHeight).toBeGreaterThan(600);
    const contentHeight = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    await expect.poll(async () => Math.abs((await frameHeight()) - contentHeight)).toBeLessThanOrEqual(1);

    await page.evaluate(() => {
      (window as unknown as { labMessages: unknown[] }).labMessages = [];
      addEventListener('message', (event) => {
        if (event.data?.source === 'cache-aside-lab') (window as unknown as { labMessages: unknown[] }).labMessages.push(event.data);
      });
    });
    const send = (message: Record<string, unknown>) =>
      page.evaluate((data) => (document.getElementById('frame') as HTMLIFrameElement).contentWindow!.postMessage({ source: 'cache-aside-lab', ...data }, '*'), message);
    const messages = () => page.evaluate(() => (window as unknown as { labMessages: { type: string; [k: string]: unknown }[] }).labMessages);

    await send({ type: 'hello' });
    await expect.poll(async () => (await messages()).find((m) => m.type === 'ready')).toMatchObject({ source: 'cache-aside-lab', version: 1, scenario: 'read-path', notes: [] });

    await frame.locator('button', { hasText: 'Request user:1' }).click();
    await send({ type: 'pause' });
    const start = await cursorIndex(frame, '.cal-lab');
    // A step moves to the next narrated moment (one or more trace events), so compare positions, not counts.
    await send({ type: 'step' });
    await expect.poll(() => cursorIndex(frame, '.cal-lab')).toBeGreaterThan(start);
    const afterOneStep = await cursorIndex(frame, '.cal-lab');
    await send({ type: 'step' });
    await expect.poll(() => cursorIndex(frame, '.cal-lab')).toBeGreaterThan(afterOneStep);
    await send({ type: 'step', direction: -1 });
    await expect.poll(() => cursorIndex(frame, '.cal-lab')).toBe(afterOneStep);

    await send({ type: 'play' });
    await expect.poll(async () => (await messages()).some((m) => m.type === 'miss' && m['key'] === 'user:1'), { timeout: 15_000 }).toBe(true);
    await send({ type: 'pause' });
    await expect.poll(() => frame.locator('.cal-play').getAttribute('aria-label')).toBe('Play');

    await send({ type: 'setOption', name: 'ttlMs', value: 'soon' });
    await expect.poll(async () => (await messages()).find((m) => m.type === 'error')).toMatchObject({ command: 'setOption', message: expect.stringContaining('ttlMs') });

    await send({ type: 'reset' });
    await expect.poll(() => cursorIndex(frame, '.cal-lab')).toBeLessThan(start + 1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('ignores a parent whose origin is not the parentOrigin it was given', async () => {
    const { page, context, errors } = await openPage(browser, `${foreignOrigin}/foreign.html`);
    const frame = page.frame({ url: /frame\.html/ })!;
    await frame.locator('.cal-lab').waitFor();
    await frame.locator('button', { hasText: 'Request user:1' }).click();
    // The read plays to its end and stops there.
    await expect.poll(() => frame.locator('.cal-play').getAttribute('aria-label'), { timeout: 15_000 }).toBe('Play');
    const end = await cursorIndex(frame, '.cal-lab');
    expect(end).toBeGreaterThan(0);
    for (const message of [{ type: 'hello' }, { type: 'step', direction: -1 }, { type: 'reset' }, { type: 'play' }]) {
      await page.evaluate((m) => (document.getElementById('lab') as HTMLIFrameElement).contentWindow!.postMessage({ source: 'cache-aside-lab', ...m }, '*'), message);
    }
    await page.waitForTimeout(300);
    expect(await cursorIndex(frame, '.cal-lab')).toBe(end);
    expect(await frame.locator('.cal-play').getAttribute('aria-label')).toBe('Play');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('by default hears only its parent, and only from the origin of the first handshake', async () => {
    const { page, context, errors } = await openPage(browser, `${foreignOrigin}/default.html`);
    const frame = page.frame({ url: /frame\.html/ })!;
    await frame.locator('.cal-lab').waitFor();
    await frame.locator('button', { hasText: 'Request user:1' }).click();
    await expect.poll(() => frame.locator('.cal-play').getAttribute('aria-label'), { timeout: 15_000 }).toBe('Play');
    const end = await cursorIndex(frame, '.cal-lab');
    // Another frame on the page is not the parent: ignored, and it does not get to pin its origin.
    const sibling = page.frame({ url: /sibling\.html/ })!;
    await sibling.evaluate(() => (window as unknown as { stepSibling(): void }).stepSibling());
    await page.waitForTimeout(200);
    expect(await cursorIndex(frame, '.cal-lab')).toBe(end);
    // The parent itself is heard.
    await page.evaluate(() => (document.getElementById('lab') as HTMLIFrameElement).contentWindow!.postMessage({ source: 'cache-aside-lab', type: 'step', direction: -1 }, '*'));
    await expect.poll(() => cursorIndex(frame, '.cal-lab')).toBeLessThan(end);
    expect(errors).toEqual([]);
    await context.close();
  });
});
