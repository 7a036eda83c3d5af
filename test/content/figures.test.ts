/**
 * Figures in the lessons: every lesson from 1 to the playground places at least two, and the
 * figures whose pictures depend on the emulator's exact behaviour show what their captions say.
 */
import { join } from 'node:path';
import { loadLessons } from '../../src/lessons/build/load.ts';
import { figures } from '../../src/lessons/figures/catalog/index.ts';
import { SCAN_CALLS } from '../../src/lessons/figures/catalog/01-06.ts';
import { startFigure } from '../../src/lessons/figures/run.ts';
import { scanSteps } from '../../src/components/lab/scan-view.ts';

const lessons = await loadLessons(join(import.meta.dirname, '..', '..', 'content'));
const FIRST_TWELVE = /^(0[1-9]|1[0-2])-/;

test.each(lessons.filter((lesson) => FIRST_TWELVE.test(lesson.module.slug)).map((lesson) => [lesson.module.slug, lesson] as const))(
  '%s places at least two figures, each after text that introduces it',
  (_, lesson) => {
    const blocks = lesson.module.blocks;
    const placed = blocks.flatMap((block, i) => (block.kind === 'figure' ? [i] : []));
    expect(placed.length).toBeGreaterThanOrEqual(2);
    for (const i of placed) expect(blocks[i - 1]?.kind, `${lesson.file} ${i}`).toBe('html');
  },
);

test(`lesson 5's SCAN figure makes ${SCAN_CALLS} calls: the last hands back cursor 0 and none starts over`, () => {
  const [run] = startFigure(figures['scan-cursor']);
  const { trace, engine } = run!.store.getState();
  const lines = trace.events.slice(0, trace.length).flatMap((event) => (event.type === 'console' && event.line.startsWith('SCAN') ? [event.line] : []));
  expect(lines).toHaveLength(SCAN_CALLS);
  expect(lines.filter((line) => line.startsWith('SCAN 0 '))).toHaveLength(1);
  const snapshot = engine.stateAt(trace.events, trace.length);
  expect([...snapshot.keyspace.keys()].filter((key) => key.startsWith('user:42:'))).toEqual([]);
});

test("lesson 5's pattern figure: user:42* also returns user:420:profile, user:42:* only user 42's four keys", () => {
  const { trace } = startFigure(figures['pattern-colon'])[0]!.store.getState();
  const [loose, exact] = scanSteps(trace.events, trace.length);
  const own = ['user:42:avatar', 'user:42:orders', 'user:42:profile', 'user:42:settings'];
  expect([...loose!.returned].sort()).toEqual([...own, 'user:420:profile'].sort());
  expect([...exact!.returned].sort()).toEqual(own);
  expect([loose!.nextCursor, exact!.nextCursor]).toEqual([0, 0]);
});
