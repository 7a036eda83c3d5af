// @vitest-environment jsdom
/** Every ```mermaid diagram in content/ parses (rendering needs layout, which the browser tests cover). */
import { join } from 'node:path';
import { parseDiagram } from '../../src/diagrams/queue.ts';
import { loadLessons } from '../../src/lessons/build/load.ts';

const root = join(import.meta.dirname, '..', '..');
const lessons = await loadLessons(join(root, 'content'), root);
const diagrams = lessons.flatMap(({ file, module }) =>
  module.blocks.flatMap((block, index) => (block.kind === 'mermaid' ? [[`${file} block ${index + 1}`, block.code] as const] : [])),
);

test.each(diagrams)('%s parses', async (_name, code) => {
  const result = await parseDiagram(code);
  expect(result.ok ? 'ok' : result.message).toBe('ok');
});

test('a broken diagram is rejected, so the check above can fail', async () => {
  expect((await parseDiagram('flowchart LR\n  A -->')).ok).toBe(false);
});
