/**
 * The lab console in real Chromium on the production build: MULTI/EXEC answers QUEUED and the EXEC
 * array, and the first EVAL loads the Lua chunk (fengari) on demand and runs the lock release.
 * Screenshots in .tmp/screenshots/console-scripting-*.png.
 */
import { join } from 'node:path';
import { browserSuite } from './suite.ts';
import { consoleRun, lessonLab } from './journey-helpers.ts';
import { screenshotDir } from './harness.ts';

const suite = browserSuite();

const LOCK_RELEASE = `"if redis.call('get',KEYS[1])==ARGV[1] then return redis.call('del',KEYS[1]) else return 0 end"`;

test.each([
  [1366, 900],
  [390, 844],
])('MULTI/EXEC and EVAL in the lab console at %i×%i', async (width, height) => {
  const opening = await suite.open('#/lesson/01-what-is-cache-aside', { width, height });
  const { page, errors } = opening;
  const lab = await lessonLab(page);
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (/\.js$/.test(request.url())) scripts.push(request.url().replace(/^.*\//, ''));
  });
  expect(await consoleRun(lab, 'MULTI')).toBe('OK');
  expect(await consoleRun(lab, 'SET stock 10')).toBe('QUEUED');
  expect(await consoleRun(lab, 'DECRBY stock 3')).toBe('QUEUED');
  expect(await consoleRun(lab, 'EXEC')).toBe('1) OK\n2) (integer) 7');
  // The console's first line loads the rest of the command table (small command-family chunks);
  // the Lua chunk (the VM and fengari) waits for the first EVAL.
  expect(scripts.filter((name) => name.startsWith('scripts-'))).toEqual([]);
  expect(await consoleRun(lab, 'SET lock:user:1 token-a')).toBe('OK');
  expect(await consoleRun(lab, `EVAL ${LOCK_RELEASE} 1 lock:user:1 token-b`)).toBe('(integer) 0');
  expect(await consoleRun(lab, `EVAL ${LOCK_RELEASE} 1 lock:user:1 token-a`)).toBe('(integer) 1');
  // The Lua chunk (the script commands, the VM, fengari) arrived with the first EVAL.
  expect(scripts.some((name) => name.startsWith('scripts-'))).toBe(true);
  await lab.getByRole('log').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(screenshotDir, `console-scripting-${width}.png`) });
  expect(errors).toEqual([]);
});
