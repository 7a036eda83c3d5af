/**
 * For the embed browser tests: builds the embed script once into `.tmp/`, serves that `dist/`
 * on loopback ports (one per origin the test needs), and opens pages in Debian's Chromium.
 */
import { createReadStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';

const root = join(import.meta.dirname, '..', '..');
export const screenshotDir = join(root, '.tmp', 'screenshots');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Builds the embed into `<outDir>/embed` (and the example into `<outDir>/examples`). */
export async function buildEmbed(name: string): Promise<string> {
  const outDir = join(root, '.tmp', name);
  rmSync(outDir, { recursive: true, force: true });
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ configFile: join(root, 'vite.embed.config.ts'), logLevel: 'error', mode: 'production', build: { outDir: join(outDir, 'embed') } });
  } finally {
    process.env['NODE_ENV'] = nodeEnv;
  }
  return outDir;
}

/** A static server for `dir`, plus extra in-memory pages (path → html); returns its origin. */
export function serveStatic(dir: string, pages: Record<string, string> = {}): Promise<{ origin: string; server: Server }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const page = pages[url.pathname];
    if (page !== undefined) {
      response.writeHead(200, { 'content-type': TYPES['.html']! }).end(page);
      return;
    }
    const relative = normalize(decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html');
    if (relative.startsWith('..')) {
      response.writeHead(400).end();
      return;
    }
    const file = join(dir, relative);
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
    } catch {
      response.writeHead(404).end('missing');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })),
  );
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  errors: string[];
}

export async function launch(): Promise<{ browser: Browser; close(): Promise<void> }> {
  // playwright gives each launch a fresh temporary profile of its own.
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  mkdirSync(screenshotDir, { recursive: true });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** A fresh context and page; console errors, page errors and failed requests land in `errors`. */
export async function openPage(browser: Browser, url: string, options: { colorScheme?: 'light' | 'dark'; width?: number; height?: number; reducedMotion?: boolean } = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1200, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(url);
  return { page, context, errors };
}
