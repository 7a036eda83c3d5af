/**
 * Size budget: the JavaScript and CSS the landing page needs before it can render, gzipped, read
 * from a production build by walking index.html's scripts, stylesheets and modulepreloads and every
 * static import they make. Heavy parts (mermaid, the lab, lesson bodies) must stay lazy.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSite } from './browser/embed-server.ts';
import { EMBED_BUDGET, FIRST_PAGE_BUDGET } from './size-budgets.ts';

/** File names of parts that must never be on the first page. */
const HEAVY = /mermaid|cytoscape|katex|dagre|elk|AppLab|Lab-|shiki/i;

let dist: string;

beforeAll(async () => {
  dist = await buildSite();
}, 180_000);

/** `href`/`src` values of the tags that make the browser fetch code before the page runs. */
function htmlEntries(html: string): string[] {
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

/** Static imports and re-exports of a built module (not `import()`: that is what lazy means). */
function staticImports(code: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g;
  for (const match of code.matchAll(pattern)) if (match[1]!.startsWith('.')) found.push(match[1]!);
  return found;
}

/** Every file the entries pull in before first render, with its gzip size. */
function firstLoad(entryFiles: string[]): Map<string, number> {
  const sizes = new Map<string, number>();
  const queue = [...entryFiles];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (sizes.has(file)) continue;
    const bytes = readFileSync(file);
    sizes.set(file, gzipSync(bytes, { level: 9 }).length);
    if (file.endsWith('.js')) for (const spec of staticImports(bytes.toString('utf8'))) queue.push(join(dirname(file), spec));
  }
  return sizes;
}

function report(name: string, sizes: Map<string, number>): number {
  const total = [...sizes.values()].reduce((sum, size) => sum + size, 0);
  const lines = [...sizes].sort((a, b) => b[1] - a[1]).map(([file, size]) => `  ${(size / 1024).toFixed(1).padStart(6)} kB  ${relative(dist, file)}`);
  console.log(`${name}: ${(total / 1024).toFixed(1)} kB gzip in ${sizes.size} files\n${lines.join('\n')}`);
  return total;
}

test('the landing page loads at most 150 kB of gzipped JS and CSS, with mermaid, the lab and lessons lazy', () => {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entries = htmlEntries(html).map((url) => join(dist, posix.normalize(url)));
  expect(entries.some((file) => file.endsWith('.js'))).toBe(true);
  expect(entries.some((file) => file.endsWith('.css'))).toBe(true);
  const sizes = firstLoad(entries);
  const names = [...sizes.keys()].map((file) => relative(dist, file));
  expect(names.filter((name) => HEAVY.test(name))).toEqual([]);
  expect(names.filter((name) => /\/\d\d-[\w-]+\.js$/.test(name)), 'lesson bodies load with their route').toEqual([]);
  expect(report('first page', sizes)).toBeLessThanOrEqual(FIRST_PAGE_BUDGET);
});

test('the walk follows static imports: a module that imports another counts both', () => {
  const code = 'import{a as e}from"./chunks/x-1.js";export{b}from"./y.js";const m=import("./lazy.js")';
  expect(staticImports(code)).toEqual(['./chunks/x-1.js', './y.js']);
  expect(dynamicImports(code)).toEqual(['./lazy.js']);
  expect(htmlEntries('<script type="module" src="./a.js"></script><link rel="modulepreload" href="./b.js"><link rel="stylesheet" href="./c.css"><link rel="icon" href="./f.svg">')).toEqual(['./a.js', './b.js', './c.css']);
});

/** The chunks a module fetches with `import()`: the element's entry loads the lab this way the moment it connects. */
function dynamicImports(code: string): string[] {
  return [...code.matchAll(/\bimport\(\s*[`"']([^`"']+)[`"']\s*\)/g)].map((match) => match[1]!).filter((spec) => spec.startsWith('.'));
}

test('an embed first loads at most 150 kB of gzipped JS and CSS (element or iframe page), with mermaid lazy', () => {
  const element = join(dist, 'embed', 'cache-aside-lab.js');
  const onConnect = dynamicImports(readFileSync(element, 'utf8')).map((spec) => join(dirname(element), spec));
  expect(onConnect.length).toBeGreaterThan(0);
  const frameHtml = readFileSync(join(dist, 'embed', 'frame.html'), 'utf8');
  for (const [name, sizes] of [
    ['embed element (script + what it loads on connect)', firstLoad([element, ...onConnect])],
    ['embed iframe page', firstLoad(htmlEntries(frameHtml).map((url) => join(dist, 'embed', posix.normalize(url))))],
  ] as const) {
    const names = [...sizes.keys()].map((file) => relative(dist, file));
    expect(names.filter((file) => /mermaid|cytoscape|katex|dagre/i.test(file))).toEqual([]);
    expect(report(name, sizes)).toBeLessThanOrEqual(EMBED_BUDGET);
  }
});
