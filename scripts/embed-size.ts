/**
 * Where the embed's first-load bytes come from: builds the embed with source maps into a temporary
 * folder, walks the same first load the size test counts (test/size-walk.ts) and attributes every
 * minified byte of those files to the source it came from (source maps, via source-map-js).
 *
 *   npx tsx scripts/embed-size.ts [--top 40] [--dir /tmp/out (reuse a build made with --sourcemap)]
 *
 * Prints, per load (element, iframe page), each file's gzip size and the raw minified bytes per
 * source file, largest first. Raw bytes, not gzip: gzip does not split by source.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { embedElementFirstLoad, firstLoad, FIRST_PAINT_LAZY, htmlEntryFiles } from '../test/size-walk.ts';

const require = createRequire(import.meta.url);
// A dependency of vite's (postcss), so it is always installed.
const { SourceMapConsumer } = require('source-map-js') as typeof import('source-map-js');

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const top = Number(option('--top') ?? 40);
let dir = option('--dir');
if (!dir) {
  dir = mkdtempSync(join(tmpdir(), 'embed-size-'));
  execFileSync('npx', ['vite', 'build', '-c', 'vite.embed.config.ts', '--sourcemap', '--outDir', dir, '--logLevel', 'error'], { stdio: 'inherit' });
}

/** Raw minified bytes per source file of one built module. */
function attribute(file: string, into: Map<string, number>) {
  const mapFile = `${file}.map`;
  const code = readFileSync(file, 'utf8');
  if (!existsSync(mapFile)) {
    const name = `(no map) ${relative(dir!, file)}`;
    into.set(name, (into.get(name) ?? 0) + code.length);
    return;
  }
  const lines = code.split('\n');
  const map = new SourceMapConsumer(JSON.parse(readFileSync(mapFile, 'utf8')));
  type Mark = { generatedLine: number; generatedColumn: number; source: string | null };
  let last = null as Mark | null;
  const add = (from: Mark, end: number) => {
    const source = (from.source ?? '(unmapped)').replace(/.*node_modules\//, 'node_modules/').replace(/.*?\/src\//, 'src/');
    into.set(source, (into.get(source) ?? 0) + Math.max(0, end - from.generatedColumn));
  };
  map.eachMapping((mapping) => {
    if (last) add(last, mapping.generatedLine === last.generatedLine ? mapping.generatedColumn : lines[last.generatedLine - 1]!.length);
    last = { generatedLine: mapping.generatedLine, generatedColumn: mapping.generatedColumn, source: mapping.source };
  });
  if (last) add(last, lines[last.generatedLine - 1]!.length);
}

const frameHtml = readFileSync(join(dir, 'frame.html'), 'utf8');
for (const [name, sizes] of [
  ['embed element', embedElementFirstLoad(dir)],
  ['embed iframe page', firstLoad(htmlEntryFiles(dir, frameHtml), FIRST_PAINT_LAZY)],
] as const) {
  // Without the source map comment, so the figures are the production build's.
  for (const file of sizes.keys()) sizes.set(file, gzipSync(readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, ''), { level: 9 }).length);
  const total = [...sizes.values()].reduce((sum, size) => sum + size, 0);
  console.log(`\n${name}: ${(total / 1024).toFixed(1)} kB gzip in ${sizes.size} files`);
  for (const [file, size] of [...sizes].sort((a, b) => b[1] - a[1])) console.log(`  ${(size / 1024).toFixed(1).padStart(6)} kB gzip  ${relative(dir, file)}`);
  const bySource = new Map<string, number>();
  for (const file of sizes.keys()) if (file.endsWith('.js')) attribute(file, bySource);
  const raw = [...bySource.values()].reduce((sum, size) => sum + size, 0);
  console.log(`  raw minified bytes by source (${(raw / 1024).toFixed(1)} kB in all; top ${top}):`);
  for (const [source, size] of [...bySource].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${(size / 1024).toFixed(1).padStart(6)} kB  ${source}`);
}
