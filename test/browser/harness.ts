import { build, createServer, preview } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { CompareSpec } from '../../src/scenarios/compare.ts';

const root = join(import.meta.dirname, '..', '..');
export const screenshotDir = join(root, '.tmp', 'screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Harness {
  baseUrl: string;
  browser: Browser;
  /** Opens a fresh page; every console error or uncaught exception is recorded in `errors`. */
  open(path: string, options?: { width?: number; height?: number; colorScheme?: 'light' | 'dark'; reducedMotion?: boolean }): Promise<OpenedPage>;
  close(): Promise<void>;
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  errors: string[];
  close(): Promise<void>;
}

/**
 * Starts a Vite dev server on a free port and Debian's Chromium, for tests that need a real browser.
 * `production: true` builds the test pages and serves the build instead: React's development
 * build costs several times more per frame, so frame-rate figures come from a production build.
 */
export async function startHarness(options: { production?: boolean } = {}): Promise<Harness> {
  let server: { close(): Promise<void>; httpServer: { address(): unknown } | null };
  if (options.production) {
    const outDir = mkdtempSync(join(tmpdir(), 'cal-build-'));
    // vitest sets NODE_ENV=test, which would make vite build React's development runtime; measure what ships.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        root,
        configFile: join(root, 'vite.config.ts'),
        logLevel: 'error',
        build: { outDir, emptyOutDir: true, rollupOptions: { input: join(root, 'test/browser/pages/lab.html') } },
      });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    const previewServer = await preview({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
    server = { close: async () => { await previewServer.close(); rmSync(outDir, { recursive: true, force: true }); }, httpServer: previewServer.httpServer };
  } else {
    const dev = await createServer({
      root,
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'error',
      clearScreen: false,
      server: { port: 0, host: '127.0.0.1', strictPort: false, hmr: false, watch: null },
    });
    await dev.listen();
    server = dev;
  }
  const address = server.httpServer?.address() as AddressInfo | null;
  if (!address) throw new Error('the test server has no address');
  const baseUrl = `http://127.0.0.1:${address.port}`;

  const userDataDir = mkdtempSync(join(tmpdir(), 'cal-chromium-'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    // playwright refuses --user-data-dir with launch(); it gives each launch a fresh profile itself.
    args: CHROMIUM_ARGS,
  });
  mkdirSync(screenshotDir, { recursive: true });

  return {
    baseUrl,
    browser,
    async open(path, options = {}) {
      const context = await browser.newContext({
        viewport: { width: options.width ?? 1366, height: options.height ?? 900 },
        colorScheme: options.colorScheme ?? 'light',
        reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference',
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(baseUrl + path);
      return { page, context, errors, close: () => context.close() };
    },
    async close() {
      await browser.close();
      await server.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The dev-only page that mounts one lab from URL parameters. */
export function labUrl(params: { scenario: string; options?: Record<string, unknown>; seed?: number; theme?: 'light' | 'dark'; compare?: CompareSpec; check?: unknown }): string {
  const search = new URLSearchParams({ scenario: params.scenario });
  if (params.options) search.set('options', JSON.stringify(params.options));
  if (params.seed !== undefined) search.set('seed', String(params.seed));
  if (params.theme) search.set('theme', params.theme);
  if (params.compare) search.set('compare', JSON.stringify(params.compare));
  if (params.check) search.set('check', JSON.stringify(params.check));
  return `/test/browser/pages/lab.html?${search}`;
}
