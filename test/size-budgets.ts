// The gzip budgets of what a page fetches before it can render: one definition, read by the
// build-walking size test (test/size-budget.test.ts) and the in-browser embed guard.

/** The landing page: JS and CSS before first render. */
export const FIRST_PAGE_BUDGET = 150 * 1024;
/** An embed is a whole lab (React, the emulator, the engine, the views) on first load, so it has the same ceiling. */
export const EMBED_BUDGET = 150 * 1024;
