import { join } from 'node:path';
import { ESLint } from 'eslint';

// The layer order of docs/architecture.md is enforced by ESLint (eslint.config.js and
// scripts/lint/layers.js); this suite runs it as part of `npm test`.
const root = join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function lintAs(path: string, text: string) {
  const [result] = await eslint.lintText(text, { filePath: join(root, path) });
  return result!.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

// Linting all of src takes ~10 s on a quiet machine and over 60 s at load 45: the limit only catches a hang.
test('every import under src points down the layer order', { timeout: 240_000 }, async () => {
  const results = await eslint.lintFiles(['src']);
  const errors = results.flatMap((r) =>
    r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}:${m.line} ${m.message}`),
  );
  expect(errors).toEqual([]);
  expect(results.length).toBeGreaterThan(100);
});

test.each([
  ['src/engine/planted.ts', "import { createStore } from '../store/createStore.ts';\n", /src\/engine may not import src\/store/],
  ['src/redis/planted.ts', "import type { Trace } from '../scenarios/types.ts';\n", /src\/redis may not import src\/scenarios/],
  ['src/scenarios/deep/planted.ts', "export { x } from '../../components/lab/check.ts';\n", /may not import src\/components/],
  ['src/store/planted.ts', "const m = await import('../player/clock.ts');\nexport default m;\n", /may not import src\/player/],
  ['src/player/planted.tsx', "import { Lab } from '../components/lab/Lab.tsx';\nexport const X = () => <Lab />;\n", /higher layer/],
  ['src/redis/planted.ts', "import { Database } from '../database/database.ts';\n", /same tier/],
  ['src/newfolder/planted.ts', "import { x } from '../engine/random.ts';\n", /no place in the layer order/],
])('a planted upward import in %s fails the lint', async (path, text, message) => {
  const messages = await lintAs(path, text);
  expect(messages).toHaveLength(1);
  expect(messages[0]).toMatch(/^layers\/imports-point-down: /);
  expect(messages[0]).toMatch(message);
});

test.each([
  ['src/store/planted.ts', "import { Trace } from '../engine/trace.ts';\nimport { x } from './selectors.ts';\n"],
  // redis/cli is inside redis: the specifier's text says "cli" but the folder it resolves to is redis.
  ['src/redis/planted.ts', "import { parseCliLine } from './cli/parse.ts';\n"],
  ['src/components/lab/planted.tsx', "import { RequestFlow } from '../../diagrams/index.ts';\nexport const X = () => <p />;\n"],
])('a downward or same-folder import in %s passes', async (path, text) => {
  expect(await lintAs(path, text)).toEqual([]);
});

test('a comment cannot switch the rule off', async () => {
  const messages = await lintAs(
    'src/engine/planted.ts',
    "// eslint-disable-next-line layers/imports-point-down\nimport { x } from '../app/App.tsx';\n",
  );
  expect(messages.some((m) => m.startsWith('layers/imports-point-down'))).toBe(true);
});
