/**
 * Every predict check of every lesson (found in content/, so new lessons are covered), through the
 * UI on the production build in Chromium: on a fresh lab, and after the learner took Redis down,
 * flushed the cache and changed an option, each choice is committed with the radio and the button;
 * the run the lab then shows must satisfy the check's `expect` (read from the verdict on screen),
 * and the verdict must match the choice ("Right." or "Not quite" naming the answer).
 */
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { loadLessons } from '../../src/lessons/build/load.ts';
import { compare, type CheckCondition, type CheckSpec } from '../../src/scenarios/checks.ts';
import { browserSuite } from './suite.ts';
import { consoleRun, predict, setSpeed } from './journey-helpers.ts';

type Predict = Extract<CheckSpec, { kind: 'predict' }>;

const root = join(import.meta.dirname, '..', '..');
const lessons = await loadLessons(join(root, 'content'), root);
const checks = lessons.flatMap(({ module }) =>
  module.blocks.flatMap((block) =>
    block.kind === 'lab' && block.lab.check?.kind === 'predict' ? [{ slug: module.slug, labId: block.id, check: block.lab.check as Predict }] : [],
  ),
);

const suite = browserSuite({ defaults: { width: 1366, height: 900 } });

/**
 * The value of `metric` that the verdict's run sentence states, read as a learner reads it
 * (src/components/lab/predict.ts writes it), or null when the sentence does not state it.
 */
function shownValue(metric: string, words: string): number | null {
  const number = (pattern: RegExp, group = 1) => {
    const match = pattern.exec(words);
    return match ? Number(match[group]!.replace(/,/g, '')) : null;
  };
  const single = /^The read (was a hit|was a miss|could not use Redis)/.exec(words);
  switch (metric) {
    case 'dbReads': {
      if (/the database read count stayed at \d+/.test(words)) return 0;
      const moved = /the database read count went from (\d+) to (\d+)/.exec(words);
      if (moved) return Number(moved[2]) - Number(moved[1]);
      break;
    }
    case 'latencyMs.p50':
      if (single) return number(/^The read [^:]*, in (\d+) ms/);
      break;
    case 'keysExpired':
      return number(/(\d+) keys? expired at that moment/) ?? (/expired at that moment/.test(words) ? null : 0);
    case 'staleReads':
      if (single && /returned a stale copy/.test(words)) return 1;
      if (number(/(\d+) stale reads?/) !== null) return number(/(\d+) stale reads?/);
      break;
    case 'keysEvicted':
      // predict.ts names evictions only when there were some.
      return number(/Redis evicted (\d+) keys? to stay under its memory limit/) ?? 0;
    case 'hits':
      if (single) return single[1] === 'was a hit' ? 1 : 0;
      return number(/^(\d+) hits? of \d+ reads?/);
    case 'reads':
      if (single) return 1;
      return number(/^\d+ hits? of (\d+) reads?/);
  }
  // Any other metric: the verdict names it, "label: value" (predict.ts).
  return number(/: (\d+(?:\.\d+)?)(?: ms|%)?\.$/);
}

/** What a learner might have done before answering, through the lab's own controls. */
async function meddle(lab: Locator): Promise<void> {
  const down = lab.getByRole('button', { name: 'Take Redis down' });
  if ((await down.count()) > 0) await down.click();
  const flush = lab.getByRole('button', { name: 'Flush the cache' });
  if ((await flush.count()) > 0) await flush.click();
  else if ((await lab.getByRole('tab', { name: 'Console' }).count()) > 0) await consoleRun(lab, 'FLUSHALL');
  await lab.getByRole('tab', { name: 'Options' }).click();
  const field = lab.getByRole('spinbutton').first();
  await field.waitFor();
  const [value, max, min] = await Promise.all([field.inputValue(), field.getAttribute('max'), field.getAttribute('min')]);
  const next = max !== null && max !== value ? max : min !== null && min !== value ? min : String(Number(value) + 1);
  await field.fill(next);
  await field.press('Enter');
}

function expectShown(expectation: CheckCondition, words: string): void {
  expect(words, 'the lab judged its own run against the lesson').not.toMatch(/The lesson expected/);
  const value = shownValue(expectation.metric, words);
  expect(value, `the verdict states ${expectation.metric}: "${words}"`).not.toBeNull();
  expect(compare(value!, expectation.op, expectation.value), `${expectation.metric} ${expectation.op} ${expectation.value} in "${words}"`).toBe(true);
}

test('content has predict checks, and this test found them all', () => {
  expect(checks.length).toBeGreaterThanOrEqual(7);
});

describe.each(checks.map((c) => [`${c.slug} ${c.labId}`, c] as const))('%s', (_name, { slug, labId, check }) => {
  test.each([
    ['on a fresh lab', false],
    ['after the learner took Redis down, flushed the cache and changed an option', true],
  ] as const)('every choice, committed through the UI %s, shows the stated outcome and its verdict', async (_setup, meddled) => {
    const { page } = await suite.open(`#/lesson/${slug}`);
    await page.locator('.lesson-body').waitFor();
    const slot = page.locator(`#share-${labId}`);
    await slot.scrollIntoViewIfNeeded();
    const lab = slot.locator('.cal-lab').first();
    await lab.waitFor({ timeout: 30_000 });
    await setSpeed(lab, '64');
    for (const choice of check.choices) {
      if (meddled) await meddle(lab);
      else await lab.getByRole('button', { name: 'Reset the lab' }).click();
      const title = await predict(lab, choice);
      expect(title).toBe(choice === check.answer ? 'Right.' : `Not quite: you chose “${choice}”; the answer is “${check.answer}”.`);
      const run = lab.locator('.cal-verdict-run');
      if (check.reveal) {
        expectShown(check.expect!, (await run.textContent()) ?? '');
      } else {
        expect(await run.count()).toBe(0);
      }
      await lab.getByRole('button', { name: 'Try again' }).click();
    }
  }, 180_000);
});
