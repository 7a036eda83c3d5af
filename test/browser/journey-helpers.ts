/** What a learner does with a lesson's lab, through the UI only: shared by the journey, a11y and responsive tests. */
import type { Locator, Page } from 'playwright-core';

/** The lesson's first lab (or its `nth`, from 0), scrolled into view and loaded; side-by-side pairs (lessons 4, 10, 11, 13) are not "the lab". */
export async function lessonLab(page: Page, nth = 0): Promise<Locator> {
  await page.locator('.lesson-body').waitFor();
  const slot = page.locator('.lesson-body .lab-slot:not([data-kind="compare"])').nth(nth);
  await slot.scrollIntoViewIfNeeded();
  const lab = slot.locator('.cal-lab').first();
  await lab.waitFor({ timeout: 30_000 });
  return lab;
}

export const narration = (lab: Locator) => lab.getByTestId('narration');
export const metric = (lab: Locator, label: string) => lab.locator(`[data-metric="${label}"] .cal-metric-value`);

export async function setSpeed(lab: Locator, speed: string): Promise<void> {
  await lab.getByLabel('Playback speed').first().selectOption(speed);
}

/** Waits until playback has stopped and nothing is in flight: every request started has finished (paced: each hop takes 0.3 s of wall time). */
export async function waitUntilIdle(lab: Locator, timeout = 60_000): Promise<void> {
  const stopped = async () =>
    (await lab.getByRole('button', { name: 'Play', exact: true }).count()) === 1 &&
    /^0 messages in flight/.test((await lab.locator('.cal-flow-svg').getAttribute('aria-label')) ?? '');
  await expect.poll(stopped, { timeout }).toBe(true);
}

/** Pauses and drags the scrubber to the end (End on the slider), as a learner skips an animation: no paced hops to wait for. */
export async function skipToEnd(lab: Locator): Promise<void> {
  const pause = lab.getByRole('button', { name: 'Pause', exact: true });
  if ((await pause.count()) > 0) await pause.click();
  const slider = lab.getByRole('slider', { name: 'Virtual time' });
  const atEnd = async () => {
    await slider.press('End');
    return /^(.+) of \1, event (\d+) of \2$/.test((await slider.getAttribute('aria-valuetext')) ?? '');
  };
  await expect.poll(atEnd).toBe(true);
  await waitUntilIdle(lab);
}

/**
 * Presses a button or link from the keyboard. Used for page-level controls below the labs: while a lesson's
 * figures and labs arrive into their boxes the page grows above them, and a pointer click aimed a moment
 * earlier can land on something else (the page then stays as it was).
 */
export async function pressFromKeyboard(target: Locator): Promise<void> {
  await target.focus();
  await target.press('Enter');
}

/**
 * Opens one of the lab's tabs from the keyboard (focus, Enter) and waits until it is selected. Not a
 * pointer click: the tabs sit under the keyspace, which grows while a run plays, so a click aimed a
 * moment earlier can land on another control.
 */
export async function openTab(lab: Locator, name: string): Promise<void> {
  const tab = lab.getByRole('tab', { name, exact: true });
  await tab.focus();
  await tab.press('Enter');
  await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
}

/**
 * Sets an option in the Options tab as a learner does: type the value and press Enter, or pick from
 * the list; then waits while the lab loads what the new value needs (the lock's Lua VM), so what the
 * caller does next is not queued behind the load.
 */
export async function setOption(lab: Locator, label: string, value: string): Promise<void> {
  await openTab(lab, 'Options');
  // The form loads lazily on the tab's first opening: until it is there, a select counts as absent.
  await lab.getByRole('form', { name: 'Options' }).waitFor();
  const name = new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\(.*\\))?$`);
  const select = lab.getByRole('combobox', { name });
  const input = lab.getByRole('spinbutton', { name });
  if ((await select.count()) > 0) {
    await select.selectOption(value);
  } else {
    await input.fill(value);
    await input.press('Enter');
  }
  await expect.poll(() => lab.locator('.cal-note[role="status"]', { hasText: /^Loading / }).count(), { timeout: 30_000 }).toBe(0);
}

/** Answers a prediction and waits for the verdict; returns its text. */
export async function predict(lab: Locator, answer: string): Promise<string> {
  await lab.getByRole('radio', { name: answer, exact: true }).check();
  await lab.getByRole('button', { name: /^Commit/ }).click();
  const verdict = lab.locator('.cal-verdict');
  await verdict.waitFor({ timeout: 20_000 });
  return (await verdict.locator('.cal-verdict-title').textContent()) ?? '';
}

/** How many commands the app and the console have sent so far, as the Log tab's Redis command log counts them. */
export async function commandCount(lab: Locator): Promise<number> {
  await openTab(lab, 'Log');
  const rows = lab.getByRole('listbox', { name: 'Redis command log' }).getByRole('option');
  await lab.getByRole('listbox', { name: 'Redis command log' }).waitFor();
  return (await rows.count()) === 0 ? 0 : Number(await rows.first().getAttribute('aria-setsize'));
}

export const challengeStatus = (lab: Locator) => lab.locator('.cal-check-status');

/** Runs a Redis command in the lab's console tab and returns the text of the newest output. */
export async function consoleRun(lab: Locator, line: string): Promise<string> {
  await openTab(lab, 'Console');
  const log = lab.getByRole('log');
  // The greeting goes once the first command is echoed, so count only echoes and replies.
  const entries = log.locator('pre:not(.cal-console__greeting)');
  const before = await entries.count();
  const input = lab.getByRole('textbox', { name: /Redis command/ });
  await input.fill(line);
  await input.press('Enter');
  await entries.nth(before + 1).waitFor();
  return (await entries.last().textContent()) ?? '';
}

/** Brings every lazy part of a lesson (labs, diagrams) into view until nothing is still loading, then scrolls back to the top. */
export async function loadWholeLesson(page: Page): Promise<void> {
  await page.locator('.lesson-body').waitFor();
  // Lazy parts say so: a figure or lab slot with aria-busy, a lab panel whose code is on its way with its 'Loading …' status.
  const busy = page.locator('[aria-busy="true"], .cal-panel-loading[role="status"]');
  const deadline = Date.now() + 45_000;
  while ((await busy.count()) > 0) {
    if (Date.now() > deadline) throw new Error(`still loading: ${await busy.first().evaluate((node) => node.outerHTML.slice(0, 160))}`);
    await busy.first().scrollIntoViewIfNeeded().catch(() => {});
    await page.waitForTimeout(200);
  }
  const slots = page.locator('.lesson-body .lab-slot');
  for (let i = 0; i < (await slots.count()); i++) await slots.nth(i).locator('.cal-lab').first().waitFor({ timeout: 30_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
}
