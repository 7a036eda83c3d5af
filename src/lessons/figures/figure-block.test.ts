import { compileLesson } from '../build/compile.ts';
import { ContentError } from '../build/errors.ts';
import { validateFigureBlock } from '../schema.ts';
import { figures, FIGURE_NAMES } from './catalog/index.ts';
import { describeFigure, outcomesOf, prepareFigure, startFigure } from './run.ts';
import { isExperiment, type FigureDefinition } from './types.ts';

const lesson = (body: string) => compileLesson(`---\ntitle: T\ndescription: D\nweight: 1\nscenario: basics\n---\n\n${body}`, 'content/01-x.md', '01-x');

async function contentError(promise: Promise<unknown>): Promise<ContentError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ContentError);
  return error as ContentError;
}

describe('figure blocks', () => {
  test('a good block becomes a numbered figure with its view, run count and a text alternative from the real run', async () => {
    const { module } = await lesson('Text.\n\n```figure\nname: miss-then-hit\ncaption: A miss, then a hit.\n```\n\nMore.\n\n```figure\nname: cache-aside-loop\ncaption: The loop.\noptions: { dbLatencyMs: 80 }\n```\n');
    const blocks = module.blocks.filter((b) => b.kind === 'figure');
    expect(blocks.map((b) => [b.id, b.figure.name, b.view, b.runs])).toEqual([
      ['figure-1', 'miss-then-hit', 'flow', 1],
      ['figure-2', 'cache-aside-loop', 'flow', 1],
    ]);
    expect(blocks[0]!.figure).toEqual({ name: 'miss-then-hit', caption: 'A miss, then a hit.' });
    expect(blocks[1]!.figure.options).toEqual({ dbLatencyMs: 80 });
    expect(blocks[0]!.alt).toContain('2 reads, 1 hit, 1 database read.');
    expect(module.blocks.map((b) => b.kind)).toEqual(['html', 'figure', 'html', 'figure']);
  });

  test.each([
    ['an unknown name', 'name: no-such-figure\ncaption: C', 'name', /must be one of .*miss-then-hit/],
    ['a missing caption', 'name: miss-then-hit', 'caption', /is required/],
    ['an unknown field', 'name: miss-then-hit\ncaption: C\ncolour: red', 'colour', /is not a known field/],
    ['options that are not a mapping', 'name: miss-then-hit\ncaption: C\noptions: 5', 'options', /must be a mapping/],
    ["an option the figure's scenario does not have", 'name: miss-then-hit\ncaption: C\noptions: { strategy: lock }', 'options', /basics scenario.*strategy/],
    ['an option out of range', 'name: miss-then-hit\ncaption: C\noptions: { ttlMs: -5 }', 'options', /ttlMs/],
  ])('%s fails the build naming the file, the block line and the field', async (_, yaml, field, reason) => {
    const error = await contentError(lesson(`Intro.\n\n\`\`\`figure\n${yaml}\n\`\`\`\n`));
    expect(error.message).toMatch(/^content\/01-x\.md: invalid lesson content/);
    expect(error.message).toContain('figure block at line 10');
    expect(error.issues.find((issue) => issue.field === field)?.reason).toMatch(reason);
  });

  test('bad YAML names the figure block', async () => {
    const error = await contentError(lesson('```figure\nname: [unclosed\n```\n'));
    expect(error.message).toContain('figure block at line');
    expect(error.issues[0]!.field).toBe('(yaml)');
  });

  test('validateFigureBlock trims the caption and keeps only known fields', () => {
    expect(validateFigureBlock({ name: 'miss-then-hit', caption: '  Look here.  ' })).toEqual({ ok: true, value: { name: 'miss-then-hit', caption: 'Look here.' } });
    expect(validateFigureBlock('miss-then-hit')).toMatchObject({ ok: false });
  });
});

describe('the figure catalog', () => {
  test.each(FIGURE_NAMES)('%s runs its real scenario without failing, ends, and says what it showed', async (name) => {
    const definition: FigureDefinition = figures[name];
    await prepareFigure(definition);
    if (isExperiment(definition)) {
      expect(definition.experiment().length, name).toBeGreaterThan(0);
      expect((await describeFigure(definition)).length).toBeGreaterThan(40);
      return;
    }
    const runs = startFigure(definition);
    for (const run of runs) {
      expect(run.store.getState().failure, name).toBeNull();
      expect(run.store.getState().optionMessages, name).toEqual([]);
      expect(run.end, name).toBeGreaterThan(0);
      expect(run.store.getState().cursor).toEqual({ index: 0, time: 0 });
      // Every console line the figure types gets a real answer, not "not loaded yet".
      const consoleErrors = run.store.getState().trace.events.filter((e) => e.type === 'redis.reply' && e.actor === 'console' && e.reply.type === 'error');
      expect(consoleErrors, name).toEqual([]);
    }
    expect(outcomesOf(runs)).toHaveLength(definition.runs.length);
    expect((await describeFigure(definition)).length).toBeGreaterThan(40);
  });

  test('a steady workload is simulated a lookahead at a time: little at the start, and played in steps it is the run computed whole', () => {
    const definition = figures['jitter-spreads-expiry'];
    const whole = startFigure(definition);
    const played = startFigure(definition);
    const untilEnd = (run: (typeof whole)[number]) => run.store.getState().trace.events.filter((e) => e.at <= run.end);
    for (const [i, run] of played.entries()) {
      // 200 reads a second for 7 s is ~11,000 events; starting, the figure computes the first 2 s.
      expect(run.store.getState().trace.length).toBeLessThan(4_000);
      for (let time = 0; time <= run.end; time += 250) run.store.getState().seek(time);
      whole[i]!.store.getState().seek(whole[i]!.end);
      expect(untilEnd(run)).toEqual(untilEnd(whole[i]!));
      expect(untilEnd(run).length).toBeGreaterThan(10_000);
    }
  });

  test('a run replays identically, so the text alternative written at build time is what the browser plays', () => {
    const definition = figures['cache-aside-loop'];
    const a = startFigure(definition)[0]!.store.getState().trace.events;
    const b = startFigure(definition)[0]!.store.getState().trace.events;
    expect(b).toEqual(a);
  });
});
