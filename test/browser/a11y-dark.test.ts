/** axe in the dark theme on every page, lab and embed (test/browser/a11y-checks.ts); a file of its own so it runs beside the light one. */
import { a11yChecks } from './a11y-checks.ts';

a11yChecks('dark');
