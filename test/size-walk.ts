// How a production build's first load is read without a browser: one definition, used by the
// build-walking size test (test/size-budget.test.ts) and checked against what Chromium really
// fetches in test/browser/embed.test.ts, so the node figure cannot silently under-count.
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Chunks the lab's first paint imports with `import()` (so they do not block the frame) but always
 * fetches right after, before any interaction: the code panel and the database panel beside the diagram.
 */
export const FIRST_PAINT_LAZY = /^(CodeTab|DatabasePanel|RowsTable|source)-[\w-]+\.js$/;

/** `href`/`src` values of the tags that make the browser fetch code before the page runs. */
export function htmlEntries(html: string): string[] {
  const urls: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isScript = tag.startsWith('<script');
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1] ?? '';
    if (!isScript && !/\b(stylesheet|modulepreload)\b/.test(rel)) continue;
    const url = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (url && /\.(m?js|css)$/.test(url)) urls.push(url);
  }
  return urls;
}

/** Entry files of an HTML page, as paths under `dir`. */
export function htmlEntryFiles(dir: string, html: string): string[] {
  return htmlEntries(html).map((url) => join(dir, posix.normalize(url)));
}

/** Static imports and re-exports of a built module (not `import()`: that is what lazy means). */
export function staticImports(code: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g;
  for (const match of code.matchAll(pattern)) if (match[1]!.startsWith('.')) found.push(match[1]!);
  return found;
}

/** The chunks a module fetches with `import()`. */
export function dynamicImports(code: string): string[] {
  return [...code.matchAll(/\bimport\(\s*[`"']([^`"']+)[`"']\s*\)/g)].map((match) => match[1]!).filter((spec) => spec.startsWith('.'));
}

/**
 * Every file the entries pull in before first render, with its gzip size: static imports, plus the
 * lazy chunks whose file name matches `alsoLazy` (those fetched right after first paint anyway).
 */
export function firstLoad(entryFiles: readonly string[], alsoLazy?: RegExp): Map<string, number> {
  const sizes = new Map<string, number>();
  const queue = [...entryFiles];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (sizes.has(file)) continue;
    const bytes = readFileSync(file);
    sizes.set(file, gzipSync(bytes, { level: 9 }).length);
    if (!file.endsWith('.js')) continue;
    const code = bytes.toString('utf8');
    for (const spec of staticImports(code)) queue.push(join(dirname(file), spec));
    if (alsoLazy) for (const spec of dynamicImports(code)) if (alsoLazy.test(posix.basename(spec))) queue.push(join(dirname(file), spec));
  }
  return sizes;
}

/** What one `<cache-aside-lab>` element fetches before interaction: its script, what it loads on connect, and the first paint's lazy panels. */
export function embedElementFirstLoad(embedDir: string): Map<string, number> {
  const element = join(embedDir, 'cache-aside-lab.js');
  const onConnect = dynamicImports(readFileSync(element, 'utf8')).map((spec) => join(dirname(element), spec));
  return firstLoad([element, ...onConnect], FIRST_PAINT_LAZY);
}
