import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const coreDirs = ['src/redis', 'src/engine', 'src/database', 'src/scenarios'];

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.(test|spec)\.tsx?$/.test(name) ? [path] : [];
  });
}

const coreFiles = coreDirs.flatMap((dir) => sourceFiles(join(root, dir)));

// Import direction between folders is the lint's job (test/layers.test.ts).
describe('the core stays headless and deterministic', () => {
  test.each(coreFiles.map((file) => [relative(root, file), file]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/from ['"](react|react-dom|zustand|mermaid)(\/[^'"]*)?['"]/);
    expect(text).not.toMatch(/\b(Date\.now|performance\.now|Math\.random)\(|\bset(Timeout|Interval)\(/);
    expect(text).not.toMatch(/\b(document|window|localStorage)\./);
  });
});
