/**
 * Size budget: the JavaScript and CSS the landing page needs before it can render, gzipped, read
 * from a production build by walking index.html's scripts, stylesheets and modulepreloads and every
 * static import they make. Heavy parts (mermaid, the lab, lesson bodies) must stay lazy.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSite } from './browser/embed-server.ts';
import { EMBED_BUDGET, FIRST_PAGE_BUDGET } from './size-budgets.ts';
import { dynamicImports, embedElementFirstLoad, firstLoad, FIRST_PAINT_LAZY, htmlEntries, htmlEntryFiles, staticImports } from './size-walk.ts';

/** File names of parts that must never be on the first page. */
const HEAVY = /mermaid|cytoscape|katex|dagre|elk|AppLab|Lab-|shiki/i;

let dist: string;

beforeAll(async () => {
  dist = await buildSite();
}, 180_000);

function report(name: string, sizes: Map<string, number>): number {
  const total = [...sizes.values()].reduce((sum, size) => sum + size, 0);
  const lines = [...sizes].sort((a, b) => b[1] - a[1]).map(([file, size]) => `  ${(size / 1024).toFixed(1).padStart(6)} kB  ${relative(dist, file)}`);
  console.log(`${name}: ${(total / 1024).toFixed(1)} kB gzip in ${sizes.size} files\n${lines.join('\n')}`);
  return total;
}

test('the landing page loads at most 150 kB of gzipped JS and CSS, with mermaid, the lab and lessons lazy', () => {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entries = htmlEntryFiles(dist, html);
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

// Counts what Chromium fetches (test/browser/embed.test.ts checks the two agree): the element, what
// it loads on connect, and the panels the first paint loads lazily but always fetches.
test('an embed first loads at most 150 kB of gzipped JS and CSS (element or iframe page), with mermaid lazy', () => {
  const embed = join(dist, 'embed');
  const element = embedElementFirstLoad(embed);
  expect([...element.keys()].some((file) => FIRST_PAINT_LAZY.test(file.split('/').pop()!))).toBe(true);
  const frameHtml = readFileSync(join(embed, 'frame.html'), 'utf8');
  for (const [name, sizes] of [
    ['embed element (script + what it loads on connect + first paint\'s lazy panels)', element],
    ['embed iframe page', firstLoad(htmlEntryFiles(embed, frameHtml), FIRST_PAINT_LAZY)],
  ] as const) {
    const names = [...sizes.keys()].map((file) => relative(dist, file));
    expect(names.filter((file) => /mermaid|cytoscape|katex|dagre/i.test(file))).toEqual([]);
    expect(report(name, sizes)).toBeLessThanOrEqual(EMBED_BUDGET);
  }
});
