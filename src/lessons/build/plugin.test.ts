import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { lessonsPlugin } from './plugin.ts';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'content');

/** Builds a one-file app that imports the lesson index, with the lessons taken from `contentDir`. */
async function buildWith(contentDir: string): Promise<unknown> {
  const root = mkdtempSync(join(tmpdir(), 'cal-lessons-build-'));
  try {
    writeFileSync(join(root, 'index.html'), '<script type="module" src="./main.js"></script>');
    writeFileSync(join(root, 'main.js'), "import lessons from 'virtual:lessons';\nconsole.log(lessons.length);\n");
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [lessonsPlugin({ contentDir })],
      build: { outDir: join(root, 'dist'), write: false },
    });
    return null;
  } catch (error) {
    return error;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('vite build succeeds on good lessons', { timeout: 30_000 }, async () => {
  expect(await buildWith(fixtures)).toBeNull();
});

test('vite build fails on a bad lesson, naming the file and the field', { timeout: 30_000 }, async () => {
  const error = await buildWith(join(fixtures, 'broken'));
  expect(String(error)).toMatch(/broken\/01-bad-weight\.md[\s\S]*field "weight" must be an integer/);
});
