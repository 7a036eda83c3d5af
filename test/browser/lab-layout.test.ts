/**
 * One screen: with a lesson's lab scrolled to just under the page header, the flow diagram, the
 * narration, the playback bar, the lab's primary action and the code stay in the viewport together
 * (1366×900), and on a phone (390×844) pressing the action keeps the diagram in view. Also: the
 * lab's tabs are never cut off, and a skip link takes the keyboard to the lab.
 */
import type { Locator, Page } from 'playwright-core';
import { browserSuite } from './suite.ts';

const suite = browserSuite();

/** Opens a lesson and scrolls its (last) lab's top to just under the sticky page header. */
async function lessonLab(page: Page): Promise<Locator> {
  await page.locator('.lesson-body').waitFor();
  const slot = page.locator('.lesson-body .lab-slot').last();
  await slot.scrollIntoViewIfNeeded();
  const lab = slot.locator('.cal-lab').first();
  await lab.waitFor({ timeout: 30_000 });
  await lab.locator('.cal-lab-code [role=tabpanel]').waitFor({ timeout: 30_000 });
  await lab.evaluate((element) => {
    const header = document.querySelector('.topbar')?.getBoundingClientRect().height ?? 0;
    window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - header);
  });
  return lab;
}

/** Whether the element's box lies within the viewport below the page header (a 1 px tolerance). */
async function inView(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    const header = document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0;
    return rect.height > 0 && rect.top >= header - 1 && rect.bottom <= window.innerHeight + 1;
  });
}

const LESSONS = [
  { path: '#/lesson/01-what-is-cache-aside', action: 'Request user:1' },
  { path: '#/lesson/10-cache-stampede', action: 'Burst of 50' },
];

describe('one screen', () => {
  for (const { path, action } of LESSONS) {
    test(`${path} at 1366×900: diagram, narration, playback, "${action}" and the active code line together`, async () => {
      const { page, context, errors } = await suite.open(`${path}`, { width: 1366, height: 900 });
      const lab = await lessonLab(page);
      const parts = {
        diagram: lab.locator('.cal-flow-stage'),
        narration: lab.getByTestId('narration'),
        playback: lab.getByRole('group', { name: 'Playback' }),
        action: lab.getByRole('button', { name: action }),
        code: lab.locator('.cal-lab-code'),
      };
      for (const [name, locator] of Object.entries(parts)) expect(await inView(locator), name).toBe(true);
      await parts.action.click();
      await page.getByRole('button', { name: 'Pause' }).first().click();
      await lab.getByRole('button', { name: 'Step forward one event' }).click();
      await lab.getByRole('button', { name: 'Step forward one event' }).click();
      await lab.getByRole('button', { name: 'Step forward one event' }).click();
      // The active line is in the code panel's view (the panel scrolls to it from an IntersectionObserver, a frame
      // or more after the step: poll), and everything is still on screen.
      await expect.poll(() => inView(lab.locator('.cal-lab-code [aria-current="step"]'))).toBe(true);
      for (const [name, locator] of Object.entries(parts)) expect(await inView(locator), `${name} after the action`).toBe(true);
      expect(errors).toEqual([]);
      await context.close();
    });

    test(`${path} at 390×844: pressing "${action}" keeps the diagram and its sentence in view`, async () => {
      const { page, context, errors } = await suite.open(`${path}`, { width: 390, height: 844, isMobile: true });
      const lab = await lessonLab(page);
      const button = lab.getByRole('button', { name: action });
      await button.scrollIntoViewIfNeeded();
      expect(await inView(button)).toBe(true);
      await button.click();
      // Whatever scrolling the press starts has settled when all three are in view (a loaded machine's frames come late).
      for (const part of [lab.locator('.cal-flow-stage'), lab.getByTestId('narration'), button]) await expect.poll(() => inView(part)).toBe(true);
      // The playback bar is one scroll away at most: right under the sticky stage.
      const playback = lab.getByRole('group', { name: 'Playback' });
      await playback.scrollIntoViewIfNeeded();
      expect(await inView(playback)).toBe(true);
      expect(await inView(lab.locator('.cal-flow-stage'))).toBe(true);
      // The bar keeps to two rows (it wrapped onto four), and no control pays for it: each is named,
      // at least 24 px in both directions, and reached by Tab with a visible focus outline.
      const bar = await playback.evaluate((group) => {
        const controls = [...group.querySelectorAll<HTMLElement>('button, select, input')];
        const boxes = controls.map((control) => control.getBoundingClientRect()).sort((a, b) => a.top - b.top);
        let rows = 0;
        let rowBottom = -Infinity;
        for (const box of boxes) {
          // A control starting below every control seen so far opens a new row.
          if (box.top >= rowBottom - 1) rows++;
          rowBottom = box.top >= rowBottom - 1 ? box.bottom : Math.max(rowBottom, box.bottom);
        }
        const name = (control: HTMLElement) => (control.getAttribute('aria-label') ?? (control as HTMLInputElement).labels?.[0]?.textContent ?? control.textContent ?? '').trim();
        return {
          height: group.getBoundingClientRect().height,
          rows,
          unnamed: controls.filter((control) => name(control) === '').map((control) => control.outerHTML.slice(0, 80)),
          small: controls.filter((control) => control.getBoundingClientRect().width < 24 || control.getBoundingClientRect().height < 24).map(name),
          enabled: controls.filter((control) => !(control as HTMLButtonElement).disabled).length,
        };
      });
      expect(bar.rows, `playback rows (${bar.height} px tall)`).toBeLessThanOrEqual(2);
      expect(bar.height).toBeLessThanOrEqual(112);
      expect(bar.unnamed).toEqual([]);
      expect(bar.small).toEqual([]);
      await playback.locator('button:not(:disabled), select, input').first().focus();
      const focused: { inBar: boolean; outline: string }[] = [];
      for (let press = 1; press < bar.enabled; press++) {
        await page.keyboard.press('Tab');
        focused.push(await page.evaluate(() => {
          const element = document.activeElement!;
          const style = getComputedStyle(element);
          return { inBar: element.closest('[role=group][aria-label=Playback]') !== null, outline: `${style.outlineStyle} ${style.outlineWidth}` };
        }));
      }
      expect(focused.every(({ inBar, outline }) => inBar && outline === 'solid 2px'), JSON.stringify(focused)).toBe(true);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  test('on a phone, scrolling to the code panel: the sticky stage never covers its tabs or its active line', async () => {
    const { page, context, errors } = await suite.open(`#/lesson/01-what-is-cache-aside`, { width: 390, height: 844, isMobile: true });
    const lab = await lessonLab(page);
    await lab.getByRole('button', { name: 'Request user:1' }).click();
    await page.getByRole('button', { name: 'Pause' }).first().click();
    for (let press = 0; press < 3; press++) await lab.getByRole('button', { name: 'Step forward one event' }).click();
    // The code panel brings the active line into its own view a frame or more after the step: wait for that first.
    await expect.poll(() => lab.evaluate((element) => {
      const line = element.querySelector('.cal-lab-code [aria-current="step"]');
      const view = line?.closest('.cal-code__scroller')?.getBoundingClientRect();
      const box = line?.getBoundingClientRect();
      return box !== undefined && view !== undefined && box.top >= view.top - 1 && box.bottom <= view.bottom + 1;
    })).toBe(true);
    const code = lab.locator('.cal-lab-code');
    // From the panel's bottom at the window's bottom to its top under the page header, as a learner scrolls down to it.
    const { from, to } = await code.evaluate((element) => {
      const rect = element.getBoundingClientRect();
      const header = document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0;
      return { from: rect.bottom + window.scrollY - window.innerHeight, to: rect.top + window.scrollY - header };
    });
    expect(to).toBeGreaterThan(from);
    for (let step = 0; step <= 4; step++) {
      await page.evaluate((y) => window.scrollTo(0, y), Math.round(from + ((to - from) * step) / 4));
      const boxes = await lab.evaluate((element) => {
        const box = (selector: string) => {
          const rect = element.querySelector(selector)!.getBoundingClientRect();
          return { top: rect.top, bottom: rect.bottom };
        };
        return { stage: box('.cal-stage'), tabs: box('.cal-lab-code [role=tablist]'), line: box('.cal-lab-code [aria-current="step"]') };
      });
      const covers = (part: { top: number; bottom: number }) => boxes.stage.bottom > part.top + 0.5 && boxes.stage.top < part.bottom - 0.5;
      expect(covers(boxes.tabs), `stage over the code tabs at step ${step}: ${JSON.stringify(boxes)}`).toBe(false);
      expect(covers(boxes.line), `stage over the active line at step ${step}: ${JSON.stringify(boxes)}`).toBe(false);
    }
    expect(await inView(lab.locator('.cal-lab-code [role=tablist]'))).toBe(true);
    expect(await inView(lab.locator('.cal-lab-code [aria-current="step"]'))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('on a phone every tab of the lab is whole (none cut off)', async () => {
    const { page, context } = await suite.open(`#/lesson/12-playground`, { width: 390, height: 844, isMobile: true });
    const lab = await lessonLab(page);
    const clipped = await lab.getByRole('tab').evaluateAll((tabs) =>
      tabs.filter((tab) => {
        const rect = tab.getBoundingClientRect();
        const list = tab.parentElement!.getBoundingClientRect();
        return rect.right > list.right + 0.5 || rect.left < list.left - 0.5 || tab.scrollWidth > tab.clientWidth;
      }).map((tab) => tab.textContent),
    );
    expect(clipped).toEqual([]);
    await context.close();
  });
});

describe('nothing moves under the pointer', () => {
  /** Layout shift since the page opened (what CLS adds up: buffered from its start), with each shift's sources for the message. */
  const watchShifts = (page: Page) =>
    page.evaluate(() => {
      const seen: { value: number; sources: string }[] = [];
      (window as unknown as { __shifts: typeof seen }).__shifts = seen;
      type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] };
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Shift[]) {
          if (entry.hadRecentInput) continue;
          const names = (entry.sources ?? []).map(({ node }) => (node instanceof Element ? node : node?.parentElement)?.className.toString().slice(0, 30));
          seen.push({ value: entry.value, sources: names.join(' | ') });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
  const shifts = (page: Page) => page.evaluate(() => (window as unknown as { __shifts: { value: number; sources: string }[] }).__shifts);

  // Lesson 2's lab at 1366 and lesson 13's three labs on a phone moved "Mark as complete" 370 and 550 px as they
  // arrived (CLS 0.15 and 1.77), and the charts coming two seconds into a run grew a lab by 600 px.
  for (const { slug, size } of [
    { slug: '02-when-to-use', size: { width: 1366, height: 900 } },
    { slug: '13-when-the-cache-is-full', size: { width: 390, height: 844, isMobile: true } },
  ]) {
    test(`${slug} at ${size.width}: the labs arrive above "Mark as complete" without moving it${size.width > 1000 ? ', the charts without moving the lab' : ''}`, async () => {
      const { page, context } = await suite.open(`#/lesson/${slug}`, size);
      await watchShifts(page);
      await page.locator('.lesson-body').waitFor();
      // A learner going straight for the button: it is in view while the lab just above it loads.
      const button = page.getByRole('button', { name: 'Mark as complete' });
      await button.evaluate((element) => element.scrollIntoView({ block: 'center' }));
      const top = () => button.evaluate((element) => Math.round(element.getBoundingClientRect().top));
      const before = await top();
      const lab = page.locator('.lesson-body .lab-slot').last().locator('.cal-lab').first();
      await lab.waitFor({ timeout: 30_000 });
      await lab.locator('.cal-lab-code [role=tabpanel]').waitFor({ timeout: 30_000 });
      const moved = Math.abs((await top()) - before);
      const all = await shifts(page);
      const cls = all.reduce((sum, shift) => sum + shift.value, 0);
      expect(moved, `"Mark as complete" moved ${moved} px; shifts ${JSON.stringify(all)}`).toBeLessThan(100);
      expect(cls, JSON.stringify(all)).toBeLessThan(0.1);
      if (size.width < 1000) return await context.close();

      // Two seconds into a run of the lesson's first lab (its workload) the charts come, into the box held for
      // them: the tabs under them stay. And its Actions panel is as tall as its buttons, not stretched to the metrics.
      const first = page.locator('#share-lab-1');
      await first.scrollIntoViewIfNeeded();
      const workload = first.locator('.cal-lab').first();
      await workload.locator('.cal-lab-code [role=tabpanel]').waitFor({ timeout: 30_000 });
      const tabs = () => workload.locator('.cal-tablist').evaluate((element) => Math.round(element.getBoundingClientRect().top + window.scrollY));
      const tabsBefore = await tabs();
      await workload.getByRole('button', { name: /^Play/ }).first().click();
      await expect.poll(() => workload.locator('.cal-chart__plot').count(), { timeout: 20_000 }).toBe(3);
      expect(await tabs()).toBe(tabsBefore);
      const slack = await workload.locator('.cal-actions').evaluate((panel) => panel.getBoundingClientRect().bottom - panel.lastElementChild!.getBoundingClientRect().bottom);
      expect(slack).toBeLessThan(20);
      await context.close();
    });
  }
});

describe('keyboard', () => {
  test('from the top of a lesson, a few Tab presses and the skip link reach the lab’s first control, even while the lab is still loading', async () => {
    const { page, context } = await suite.open('#/lesson/01-what-is-cache-aside', { width: 1366, height: 900 });
    // Hold the lab's code back, as a slow network would, so the skip link is used before the lab is there.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/AppLab[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.locator('.lesson-lab-links a').first().waitFor();
    const active = () => page.evaluate(() => [document.activeElement?.tagName, document.activeElement?.textContent?.trim().slice(0, 40), document.activeElement?.className]);
    let presses = 0;
    // Tab until the lesson's "Skip to the lab" link has the focus.
    while (presses < 40 && !(await page.evaluate(() => document.activeElement?.closest('.lesson-lab-links') !== null))) {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(await active()).toEqual(['A', 'Skip to the lab', '']);
    await page.keyboard.press('Enter');
    // The lab has not arrived: its slot holds the focus.
    expect(await page.locator('.lab-slot .cal-lab').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('lab-slot'))).toBe(true);
    release();
    await page.locator('.lab-slot .cal-lab').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Tab');
    presses++;
    expect(await page.evaluate(() => document.activeElement?.closest('.cal-lab') !== null)).toBe(true);
    // 2 at the time of writing: the lesson's "Skip to the lab" link, then the lab's first control.
    expect(presses, `Tab presses from the top of the page to the lab's first control`).toBeLessThanOrEqual(4);
    await context.close();
  });
});
