/**
 * The one place browser tests build and serve the production site: builds the app and the embed
 * into `.tmp/` once per change of their inputs, serves that `dist/` on loopback ports (one per origin, optionally under a base
 * path like a static host's subfolder), and opens pages in Debian's Chromium.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
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
  '.woff2': 'font/woff2',
};

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/;
const gzipCache = new Map<string, Buffer>();

/** The file gzipped, kept per path and modification time. */
function gzipped(file: string): Buffer {
  const key = `${file}\0${statSync(file).mtimeMs}`;
  let body = gzipCache.get(key);
  if (!body) gzipCache.set(key, (body = gzipSync(readFileSync(file))));
  return body;
}

/** Runs a production Vite build: Vitest sets NODE_ENV=test, which would bundle React's development build. */
async function productionBuild(configFile: string, outDir: string, projectRoot?: string): Promise<void> {
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    // The embed config sets its own root, which an inline `root` would override.
    await build({ ...(projectRoot ? { root: projectRoot } : {}), configFile: join(root, configFile), logLevel: 'error', mode: 'production', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env['NODE_ENV'] = nodeEnv;
  }
}

const SITE_INPUTS = ['src', 'content', 'public', 'examples', 'index.html', 'vite.config.ts', 'vite.embed.config.ts', 'package-lock.json'];

/** Path, size and mtime of every build input: a cheap key that changes whenever a source does. */
function inputsFingerprint(): string {
  const hash = createHash('sha256');
  const walk = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) walk(join(path, entry));
    } else {
      hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  for (const input of SITE_INPUTS) walk(join(root, input));
  return hash.digest('hex');
}

/**
 * The whole production site, laid out like `npm run build`'s `dist/`: the app at the root, the embed in
 * `embed/`, the example in `examples/`. Builds are kept by a fingerprint of their inputs, so test files
 * (node and browser projects, in parallel) share one build, and a rebuild never replaces files a running
 * test is serving.
 */
export async function buildSite(): Promise<string> {
  const parent = join(root, '.tmp', 'site-dist');
  mkdirSync(parent, { recursive: true });
  const lock = join(parent, 'lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than ten minutes was left by a killed run.
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 600_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    const fingerprint = inputsFingerprint().slice(0, 16);
    const outDir = join(parent, fingerprint);
    const stampFile = join(outDir, '.complete');
    if (existsSync(stampFile)) return outDir;
    // Builds of older inputs go once nothing can still be serving them.
    for (const entry of readdirSync(parent)) {
      const path = join(parent, entry);
      if (entry !== 'lock' && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
    }
    await productionBuild('vite.config.ts', outDir, root);
    await productionBuild('vite.embed.config.ts', join(outDir, 'embed'));
    writeFileSync(stampFile, '');
    return outDir;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * A static server for `dir`, plus extra in-memory pages (path → html); returns its origin.
 * With `base` ('/some/base/'), files are served under that path only, as a static host's subfolder.
 */
export function serveStatic(dir: string, pages: Record<string, string> = {}, options: { base?: string } = {}): Promise<{ origin: string; server: Server }> {
  const base = options.base ?? '/';
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const page = pages[url.pathname];
    if (page !== undefined) {
      response.writeHead(200, { 'content-type': TYPES['.html']! }).end(page);
      return;
    }
    if (!url.pathname.startsWith(base)) {
      response.writeHead(404).end('not here');
      return;
    }
    const relative = normalize(decodeURIComponent(url.pathname.slice(base.length)).replace(/^\/+/, '') || 'index.html');
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
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    // Text is gzipped as any static host does, so transfer sizes (and Lighthouse's timings) are real ones.
    if (COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      response.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'accept-encoding' }).end(gzipped(file));
      return;
    }
    response.writeHead(200, { 'content-type': type });
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
export async function openPage(browser: Browser, url: string, options: { colorScheme?: 'light' | 'dark'; width?: number; height?: number; reducedMotion?: boolean; isMobile?: boolean } = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1200, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference',
    ...(options.isMobile ? { isMobile: true, hasTouch: true } : {}),
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
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
  await page.goto(url);
  return { page, context, errors };
}
