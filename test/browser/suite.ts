/**
 * One browser test file's setup, in one place: the production site served (or the dev lab page),
 * Chromium launched once per file, pages opened in fresh contexts, and after each test every page
 * closed and any console error, page error or failed request failing that test.
 *
 * ```ts
 * const suite = browserSuite();                       // registers beforeAll/afterEach/afterAll
 * const { page } = await suite.open('#/lesson/01-what-is-cache-aside', { width: 390, height: 844 });
 * ```
 */
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { buildSite, launch, openPage, serveStatic, type OpenedPage } from './embed-server.ts';
import { startHarness, type Harness } from './harness.ts';

export type OpenOptions = NonNullable<Parameters<typeof openPage>[2]>;

export interface BrowserSuite {
  /** `http://127.0.0.1:port`, set once the suite's beforeAll has run. */
  readonly origin: string;
  readonly browser: Browser;
  /** Opens `path` (joined to the origin: `#/lesson/…`, a `labUrl(…)`) in a fresh context, closed and checked after the test. */
  open(path: string, options?: OpenOptions): Promise<OpenedPage>;
}

export interface SuiteOptions {
  /** `'site'` (default): the production build of the whole site; `'lab-page'`: the dev server's test page that mounts one lab (`labUrl`). */
  serve?: 'site' | 'lab-page';
  /** Extra in-memory pages served beside the site (path → html). */
  pages?: Record<string, string>;
  /** Viewport and preferences for pages opened without their own. */
  defaults?: OpenOptions;
  /** Whether a console error, page error or failed request fails the test (default true). */
  failOnErrors?: boolean;
}

export function browserSuite(options: SuiteOptions = {}): BrowserSuite {
  let origin = '';
  let browser: Browser | null = null;
  let stop: (() => Promise<void>) | null = null;
  const opened: OpenedPage[] = [];

  beforeAll(async () => {
    if (options.serve === 'lab-page') {
      const harness: Harness = await startHarness();
      origin = harness.baseUrl;
      browser = harness.browser;
      stop = () => harness.close();
      return;
    }
    const served: { origin: string; server: Server } = await serveStatic(await buildSite(), options.pages ?? {});
    const launched = await launch();
    origin = served.origin;
    browser = launched.browser;
    stop = async () => {
      await launched.close();
      await new Promise((resolve) => served.server.close(resolve));
    };
  });

  afterEach(async () => {
    for (const { context, errors } of opened.splice(0)) {
      const seen = errors.slice();
      await context.close();
      if (options.failOnErrors !== false) expect(seen).toEqual([]);
    }
  });

  afterAll(async () => {
    for (const { context } of opened.splice(0)) await context.close().catch(() => {});
    await stop?.();
  });

  return {
    get origin() {
      return origin;
    },
    get browser() {
      if (!browser) throw new Error('the browser suite has not started: call open() inside a test or hook');
      return browser;
    },
    async open(path, openOptions) {
      const separator = path === '' || path.startsWith('/') ? '' : '/';
      const opening = await openPage(this.browser, `${origin}${separator}${path}`, { ...options.defaults, ...openOptions });
      opened.push(opening);
      return opening;
    },
  };
}
