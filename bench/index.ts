// Runs every bench/*.bench.ts in turn (or only those whose name contains an argument).
// Each module's default export is an async function that prints its own figures.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const filters = process.argv.slice(2);
const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();

if (files.length === 0) {
  console.error(`No benchmark matches ${filters.join(', ') || '(none exist yet)'}`);
  process.exit(1);
}
for (const name of files) {
  console.log(`\n## ${name.replace('.bench.ts', '')}\n`);
  const module = (await import(pathToFileURL(join(dir, name)).href)) as { default: () => Promise<void> };
  await module.default();
}
