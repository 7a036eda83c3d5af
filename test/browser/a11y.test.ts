/** axe in the light theme on every page, lab and embed (test/browser/a11y-checks.ts), and the landing page's list of lessons. */
import { a11yChecks, lessonPaths } from './a11y-checks.ts';

const suite = a11yChecks('light');

test('the landing page lists every lesson in content/', async () => {
  const { page } = await suite.open('');
  // evaluateAll does not wait: the list is there once the app has rendered.
  await page.locator('.lesson-list-detailed a').first().waitFor();
  const listed = await page.locator('.lesson-list-detailed a').evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
  expect([...listed].sort()).toEqual([...lessonPaths].sort());
});
