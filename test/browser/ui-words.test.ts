/**
 * Learner language in every lab of every lesson (found from content/, so new lessons are covered),
 * on the production build in Chromium: each lab is walked through its buttons, stepped back,
 * fast-forwarded, given an option (and a bad one), its tabs, Share and Embed opened and its check
 * answered; everything it says on screen and through live regions is scanned for identifiers
 * (option, action and metric ids, camelCase), unnatural plurals ("1 hits") and durations
 * ("59 min 60 s"). Code, raw Redis replies and the learner's console lines are Redis's and code's
 * own words and are left out; the notes the lab writes into its console (its greeting, HELP, "Redis
 * is down") are the lab's words and are scanned, after a few lines are typed there.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { loadLessons } from '../../src/lessons/build/load.ts';
import { optionSpecs } from '../../src/scenarios/options.ts';
import { actionSpecs } from '../../src/scenarios/actions.ts';
import { METRIC_NAMES } from '../../src/scenarios/checks.ts';
import { browserSuite } from './suite.ts';
import { setSpeed } from './journey-helpers.ts';

const root = join(import.meta.dirname, '..', '..');
const lessons = await loadLessons(join(root, 'content'), root);
const labs = lessons.flatMap(({ module }) => module.blocks.flatMap((block) => (block.kind === 'lab' ? [{ slug: module.slug, labId: block.id }] : [])));

const suite = browserSuite({ defaults: { width: 1366, height: 900 } });

/** Where the words are Redis's or code's, not the lab's: code, raw replies, the console, drawn commands. */
const NOT_PROSE = ['code', 'pre', 'kbd', 'samp', 'svg', 'input', 'textarea', '.cal-lab-code', '[role="log"]', '[aria-label="Redis command log"]', '.cal-share-url', '.cal-share-snippet'].join(', ');
/** The lab's own notes inside the console (RedisConsole marks them), prose though they sit in a log of replies. */
const LAB_NOTES = '.cal-console__note';
/** What the walk types into a lab's console: HELP and its answers for a command, a group and an unknown topic, then a command. */
const CONSOLE_LINES = ['help', 'help GET', 'help @list', 'help @nosuch', 'help NOSUCH', 'GET user:1'];

const IDENTIFIERS = new Set<string>([...Object.keys(optionSpecs), ...Object.keys(actionSpecs), ...METRIC_NAMES].filter((name) => /[A-Z.]/.test(name)));
/** Words after "1 " that end in s and are not plurals. */
const SINGULAR_S = new Set(['vs', 'is', 'was', 'has', 'does', 'this', 'its', 'plus', 'less', 'as', 'us', 'yes', 'miss', 'status', 'process', 'access', 'address', 'class', 'ms', 's']);

/** Problems in one text a learner reads, each naming the words. */
function wordProblems(text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(/[A-Za-z][\w.]*/g)) {
    const token = m[0].replace(/\.$/, '');
    if (IDENTIFIERS.has(token)) problems.push(`identifier "${token}"`);
    else if (/^[a-z]+(?:[A-Z][a-z0-9]*)+$/.test(token)) problems.push(`camelCase "${token}"`);
  }
  // "App 1 answers" names app 1; "1 answers" after anything else is a count with a plural.
  for (const m of text.matchAll(/(?<![\d.,:])(?<!\b(?:[Aa]pp|[Ii]nstance|[Vv]ersion|[Ll]esson|[Ss]tep|[Ee]ntry|[Aa]ction|[Ll]ine) )\b1 ([a-z]+s)\b/g)) if (!SINGULAR_S.has(m[1]!)) problems.push(`plural after one: "${m[0]}"`);
  for (const m of text.matchAll(/\b\w+\(s\)/g)) problems.push(`"(s)" plural: "${m[0]}"`);
  // "60 s" alone is a fine minute; "59 min 60 s", "60.0 s" and "1000 ms" are a rounding that went wrong.
  for (const m of text.matchAll(/\bmin 60 s\b|\bh 60 min\b|\b60\.0+ s\b|\b1000 ms\b|\b\d+ min \d+\.\d+ s\b/g)) problems.push(`duration "${m[0]}"`);
  return problems;
}

/** Records every text a live region or status shows, as it changes. */
async function listen(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen = new Set<string>();
    (window as unknown as { __spoken: Set<string> }).__spoken = seen;
    // Once per task at most: a busy lab mutates the page many times a frame.
    let queued = false;
    const record = () => {
      queued = false;
      for (const node of document.querySelectorAll('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"]')) {
        // A console's log speaks Redis's replies and the learner's lines too: only its notes are the lab's words.
        const parts = node.matches('[role="log"]') ? [...node.querySelectorAll('.cal-console__note')] : [node];
        for (const part of parts) {
          const text = part.textContent?.trim();
          if (text) seen.add(text);
        }
      }
    };
    new MutationObserver(() => {
      if (!queued) {
        queued = true;
        setTimeout(record, 0);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
    record();
  });
}

/** The lab's prose on screen (text nodes and aria-labels outside code, replies and the console). */
async function shown(lab: Locator): Promise<string[]> {
  return lab.evaluate((element, [notProse, labNotes]) => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      if (text && (!node.parentElement?.closest(notProse) || node.parentElement.closest(labNotes))) texts.push(text);
    }
    for (const labelled of element.querySelectorAll('[aria-label], [title], [aria-valuetext]')) {
      if (labelled.closest(notProse) && !labelled.matches('input')) continue;
      for (const attribute of ['aria-label', 'title', 'aria-valuetext']) {
        const value = labelled.getAttribute(attribute);
        if (value) texts.push(value);
      }
    }
    return texts;
  }, [NOT_PROSE, LAB_NOTES] as const);
}

async function settle(page: Page, ms = 1500): Promise<void> {
  await page.waitForTimeout(ms);
}

/** Everything a curious learner does with a lab, collecting what it shows after each step. */
async function walk(page: Page, lab: Locator, collect: () => Promise<void>): Promise<void> {
  const t0 = Date.now();
  const log = (what: string) => process.env.WORDS_DEBUG && console.log(`${Date.now() - t0} ms ${what}`);
  const actions = lab.locator('.cal-actions button');
  for (let i = 0; i < (await actions.count()); i++) {
    const button = actions.nth(i);
    if (!(await button.isEnabled())) continue;
    log(`click ${await button.textContent()}`);
    await button.click();
    await settle(page);
    await collect();
  }
  log('buttons done');
  // A side-by-side pair steps both sides at once and has no fast-forward (each side would jump to its own expiry).
  const back = lab.getByRole('button', { name: /^Step back (one event|on both sides)$/ }).first();
  for (let i = 0; i < 12 && (await back.isEnabled()); i++) await back.click();
  await collect();
  log('stepped back');
  const fastForward = lab.getByRole('button', { name: 'Fast-forward to expiry' });
  if ((await fastForward.count()) > 0) {
    await fastForward.first().click();
    await settle(page);
    await collect();
  }
  for (const name of ['Log', 'Sequence', 'Options']) {
    const tab = lab.getByRole('tab', { name });
    if ((await tab.count()) === 0) continue;
    await tab.click();
    await settle(page, 600);
    await collect();
  }
  log('tabs');
  const field = lab.getByRole('spinbutton').first();
  if ((await field.count()) > 0) {
    // The smallest allowed value: the largest (100,000 reads per second) would only test the machine.
    const [value, min] = await Promise.all([field.inputValue(), field.getAttribute('min')]);
    await field.fill(min !== null && min !== value ? min : String(Number(value) + 1));
    await field.press('Enter');
    await settle(page);
    await collect();
    await field.fill('-1');
    await field.press('Enter');
    await settle(page, 300);
    await collect();
  }
  const consoleTab = lab.getByRole('tab', { name: 'Console' });
  if ((await consoleTab.count()) > 0) {
    await consoleTab.click();
    const input = lab.getByRole('textbox', { name: /Redis command/ });
    await input.waitFor();
    await collect();
    // With Redis down the console says so in the lab's words.
    const down = lab.getByRole('button', { name: 'Take Redis down' });
    if ((await down.count()) > 0) await down.click();
    for (const line of CONSOLE_LINES) {
      await input.fill(line);
      await input.press('Enter');
      await settle(page, 300);
      await collect();
    }
  }
  log('console');
  const choice = lab.getByRole('radio').first();
  if ((await choice.count()) > 0) {
    await choice.check();
    await lab.getByRole('button', { name: /^Commit/ }).click();
    await lab.locator('.cal-verdict').waitFor({ timeout: 30_000 });
    await collect();
  }
  for (const name of ['Share', 'Embed']) {
    const button = lab.locator(`[data-share="${name === 'Share' ? 'link' : 'embed'}"]`);
    if ((await button.count()) === 0) continue;
    await button.click();
    await settle(page, 600);
    await collect();
  }
}

test('the scan catches identifiers, bad plurals and durations', () => {
  expect(wordProblems('writeRatePerSec is now 2. Not yet: run “setOption” first. PX ttlMs')).toEqual([
    'identifier "writeRatePerSec"',
    'identifier "setOption"',
    'identifier "ttlMs"',
  ]);
  expect(wordProblems('59 min 60 s left · 1 hits of 3 reads · 1 key(s)')).toEqual(['plural after one: "1 hits"', '"(s)" plural: "key(s)"', 'duration "min 60 s"']);
  expect(wordProblems('60.0 s left; 1000 ms left')).toEqual(['duration "60.0 s"', 'duration "1000 ms"']);
  expect(wordProblems('lives for 60 s; 1 hit of 3 reads in 1 h; Database reads: 1 vs 1; 1 ms; 1.5 s; 21 keys; 10 min 30 s. App 1 answers user:1; a read reaches app 1 sends')).toEqual([]);
});

test.each(labs.map((lab) => [`${lab.slug} ${lab.labId}`, lab] as const))('%s speaks the learner\'s language', async (_name, { slug, labId }) => {
  const { page } = await suite.open(`#/lesson/${slug}`);
  await page.locator('.lesson-body').waitFor();
  await listen(page);
  const slot = page.locator(`#share-${labId}`);
  await slot.scrollIntoViewIfNeeded();
  const lab = slot.locator('.cal-lab').first();
  await lab.waitFor({ timeout: 30_000 });
  // At the learner's 1× a busy lab (the playground's 200 reads per second) stays responsive; at 64× it is the machine that is tested.
  await setSpeed(lab, '1');
  const texts = new Set<string>();
  const collect = async () => {
    for (const text of await shown(lab)) texts.add(text);
  };
  await collect();
  await walk(page, lab, collect);
  const spoken = await page.evaluate(() => [...(window as unknown as { __spoken: Set<string> }).__spoken]);
  const problems = [...texts, ...spoken].flatMap((text) => wordProblems(text).map((problem) => `${problem} in "${text.slice(0, 160)}"`));
  expect([...new Set(problems)]).toEqual([]);
}, 180_000);
