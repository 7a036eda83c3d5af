import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// jsdom lays nothing out, so this reads the two style sheets: a slot's reserve must switch to the wide
// height at the slot width where the lab inside switches to its wide layout, or the lab grows or
// shrinks by 900 px when it arrives (it did from 1024 to 1153 px wide, keyed to the viewport).
const labCss = readFileSync(join(import.meta.dirname, '..', 'components', 'lab', 'lab.css'), 'utf8');
const lessonsCss = readFileSync(join(import.meta.dirname, 'lessons.css'), 'utf8');

const px = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);

test("a lab slot's wide reserve starts where the lab's wide layout starts: 760 px inside the lab's padding and border", () => {
  const labRule = /\.cal-lab \{[^}]*\}/.exec(labCss)![0];
  const padding = px(labRule, /padding:\s*(\d+)px/);
  const border = px(labRule, /border:\s*(\d+)px/);
  const labWide = px(labCss, /@container \(min-width: (\d+)px\) \{\s*\.cal-body/);
  const slotWide = px(lessonsCss, /@container lab-slot \(min-width: (\d+)px\) \{\s*\.lab-slot > \* \{ --lab-reserve: 1880px/);
  expect(labWide).toBe(760);
  expect(slotWide).toBe(labWide + 2 * (padding + border));
});

test('the reserve is keyed to the slot (a size container), not to the viewport', () => {
  expect(lessonsCss).toMatch(/\.lab-slot \{[^}]*container: lab-slot \/ inline-size;/);
  expect(lessonsCss).not.toMatch(/@media[^{]*\{\s*\.lab-slot[^{]*\{ --lab-reserve/);
});
