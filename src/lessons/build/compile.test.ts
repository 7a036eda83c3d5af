import { join } from 'node:path';
import { compileLesson } from './compile.ts';
import { ContentError } from './errors.ts';
import { loadLessons } from './load.ts';
import { lessonsPlugin } from './plugin.ts';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'content');

const lesson = (body: string, frontmatter = 'title: T\ndescription: D\nweight: 1\nscenario: basics') =>
  compileLesson(`---\n${frontmatter}\n---\n\n${body}`, 'content/01-x.md', '01-x');

async function contentError(promise: Promise<unknown>): Promise<ContentError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ContentError);
  return error as ContentError;
}

describe('the fixture lessons', async () => {
  const lessons = await loadLessons(fixtures);

  test('load in weight order with their frontmatter, linkTitle defaulting to title', () => {
    expect(lessons.map((l) => l.module.slug)).toEqual(['01-first-steps', '02-code-and-labs', '03-wrap-up']);
    expect(lessons[0]!.module.frontmatter).toEqual({
      title: 'First steps with a cache', linkTitle: 'First steps', description: 'Read a key twice and watch the second read come from the cache.',
      weight: 10, scenario: 'basics', duration: 5,
    });
    expect(lessons[2]!.module.frontmatter.linkTitle).toBe('Wrapping up');
  });

  test('split into html, mermaid, code and lab blocks in document order', () => {
    expect(lessons.map((l) => l.module.blocks.map((b) => b.kind))).toEqual([
      ['html', 'mermaid', 'html', 'lab', 'html'],
      ['html', 'code', 'code', 'html', 'lab', 'html'],
      ['html'],
    ]);
  });

  test('a ts fence followed by a python fence becomes one tabbed block; a bash fence stays alone', () => {
    const codes = lessons[1]!.module.blocks.filter((b) => b.kind === 'code');
    expect(codes.map((b) => b.tabs.map((t) => t.label))).toEqual([['TypeScript', 'Python'], ['Shell']]);
    expect(codes[0]!.tabs[1]!.code).toBe("cached = r.get('user:1')");
  });

  test('code is highlighted at build time with both light and dark colours', () => {
    const code = lessons[1]!.module.blocks.find((b) => b.kind === 'code')!;
    expect(code.tabs[0]!.html).toContain('--shiki-light:');
    expect(code.tabs[0]!.html).toContain('--shiki-dark:');
    expect(code.tabs[0]!.html).not.toContain('<script');
  });

  test('lab blocks are parsed, validated and numbered', () => {
    const lab = lessons[1]!.module.blocks.find((b) => b.kind === 'lab')!;
    expect(lab).toEqual({
      kind: 'lab',
      id: 'lab-1',
      lab: {
        scenario: 'stampede',
        options: { ttlMs: 5000, strategy: 'plain' },
        check: {
          kind: 'challenge', goal: 'Keep the database to at most 1 read.', requires: 'burst',
          condition: { metric: 'dbReads', op: '<=', value: 1 }, hint: 'Only one reader should rebuild the value.',
        },
      },
    });
  });

  test('headings get unique ids and a visible anchor link that keeps the route', () => {
    expect(lessons[0]!.module.headings.map((h) => h.id)).toEqual(['the-read-path', 'the-read-path-1']);
    const html = lessons[0]!.module.blocks[0]!;
    expect(html.kind === 'html' && html.html).toContain('<h2 id="the-read-path" class="heading">The read path<a class="heading-anchor" href="#/lesson/01-first-steps#the-read-path"');
  });

  test('links to headings and lesson files become hash routes and are recorded for the link check', () => {
    const first = lessons[0]!;
    const html = (first.module.blocks[0] as { html: string }).html;
    expect(html).toContain('href="#/lesson/01-first-steps#the-read-path"');
    expect(html).toContain('href="#/lesson/02-code-and-labs#two-languages"');
    expect(first.links).toEqual([
      { href: '#the-read-path', slug: '01-first-steps', anchor: 'the-read-path' },
      { href: '02-code-and-labs.md#two-languages', slug: '02-code-and-labs', anchor: 'two-languages' },
    ]);
  });

  test('callouts, tables and escaped raw HTML', () => {
    const html = lessons[0]!.module.blocks.filter((b) => b.kind === 'html').map((b) => b.html).join('');
    expect(html).toContain('<aside class="callout callout-note" role="note"><p class="callout-title">Note</p><p>The database stays the source of truth.</p>');
    expect(html).toContain('<div class="table-wrap" tabindex="0"><table>');
    expect(html).toContain('&lt;script&gt;alert');
    expect(html).not.toContain('<script');
  });
});

describe('broken content fails naming the file and the field', () => {
  test('a weight that is not a number', async () => {
    const error = await contentError(loadLessons(join(fixtures, 'broken')));
    expect(error.message).toMatch(/01-bad-weight\.md/);
    expect(error.message).toMatch(/field "weight" must be an integer \(got "three"\)/);
  });

  test('a lab check naming an unknown metric', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(join(fixtures, 'broken', '02-bad-lab.md'), 'utf8');
    const error = await contentError(compileLesson(source, 'content/02-bad-lab.md', '02-bad-lab'));
    expect(error.message).toMatch(/content\/02-bad-lab\.md/);
    expect(error.message).toMatch(/lab block at line 10 field "check\.condition\.metric" must be one of/);
  });

  test.each([
    ['a missing field', 'title: T\ndescription: D\nweight: 1', /field "scenario" is required/],
    ['an unknown field', 'title: T\ndescription: D\nweight: 1\nscenario: basics\nauthor: me', /field "author" is not a known field/],
    ['a duration out of range', 'title: T\ndescription: D\nweight: 1\nscenario: basics\nduration: 0', /field "duration" must be at least 1/],
    ['invalid YAML', 'title: [unclosed', /field "\(yaml\)" is not valid YAML/],
  ])('%s', async (_name, frontmatter, message) => {
    expect((await contentError(lesson('Body.', frontmatter))).message).toMatch(message);
  });

  test('no frontmatter at all', async () => {
    const error = await contentError(compileLesson('# Just text', 'content/01-x.md', '01-x'));
    expect(error.message).toMatch(/content\/01-x\.md.*\n.*is missing/);
  });

  test('a predict check whose answer is not a choice', async () => {
    const body = '```lab\nscenario: basics\ncheck:\n  kind: predict\n  prompt: Hit?\n  choices: [Hit, Miss]\n  answer: Maybe\n```';
    expect((await contentError(lesson(body))).message).toMatch(/field "check\.answer" must be one of the choices/);
  });

  test.each([
    ['requires', 'check:\n  kind: challenge\n  goal: G\n  requires: teleport\n  condition: { metric: dbReads, op: "<=", value: 1 }', 'check\\.requires', 'read, readMissing, burst, write'],
    ['reveal', 'check:\n  kind: predict\n  prompt: P\n  choices: [A, B]\n  answer: A\n  reveal: teleport\n  expect: { metric: dbReads, op: "==", value: 0 }', 'check\\.reveal', 'read, readMissing, burst, write'],
    ['a situation\'s do', 'check:\n  kind: predict\n  prompt: P\n  choices: [A, B]\n  answer: A\n  situation: { actions: [{ do: teleport, at: 0 }] }', 'check\\.situation\\.actions\\.0\\.do', 'read, readMissing, burst, write'],
    // console needs a line, so a lesson cannot run it by name.
    ['a reveal that needs more than a name', 'check:\n  kind: predict\n  prompt: P\n  choices: [A, B]\n  answer: A\n  reveal: console\n  expect: { metric: dbReads, op: "==", value: 0 }', 'check\\.reveal', 'flushCache'],
  ])('an action name the registry does not have (%s) names the file, the field and the valid names', async (_name, check, field, names) => {
    const error = await contentError(lesson('```lab\nscenario: basics\n' + check + '\n```'));
    expect(error.message).toMatch(/content\/01-x\.md/);
    expect(error.message).toMatch(new RegExp(`field "${field}" must be one of [^(]*${names}`));
  });

  test('an unknown check kind', async () => {
    const body = '```lab\nscenario: basics\ncheck: { kind: quiz }\n```';
    expect((await contentError(lesson(body))).message).toMatch(/field "check\.kind" must be one of challenge, predict/);
  });
});

describe('sanitizing', () => {
  test('javascript: links lose their href, external links open safely', async () => {
    const { module } = await lesson('[bad](javascript:alert(1)) and [good](https://redis.io/docs/)');
    const html = (module.blocks[0] as { html: string }).html;
    expect(html).not.toMatch(/javascript:/i);
    expect(html).toContain('<a href="https://redis.io/docs/" target="_blank" rel="noopener noreferrer">good</a>');
  });

  test('inline HTML is shown as text', async () => {
    const { module } = await lesson('Text <img src=x onerror=alert(1)> more');
    expect((module.blocks[0] as { html: string }).html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

test('the plugin serves an index without lesson bodies and each lesson as its own module', async () => {
  const plugin = lessonsPlugin({ contentDir: fixtures });
  const call = <T>(hook: unknown, ...args: unknown[]): T => (typeof hook === 'function' ? hook : (hook as { handler: Function }).handler).apply({}, args);
  call(plugin.configResolved, { root: '/' });
  expect(call(plugin.resolveId, 'virtual:lessons')).toBe('\0virtual:lessons');
  const index = await call<Promise<string>>(plugin.load, '\0virtual:lessons');
  expect(index).toContain('"slug":"01-first-steps"');
  expect(index).toContain('import("virtual:lesson/02-code-and-labs")');
  expect(index).not.toContain('cached = r.get');
  const lessonModule = await call<Promise<string>>(plugin.load, '\0virtual:lesson/02-code-and-labs');
  expect(lessonModule).toContain('cached = r.get');
});
