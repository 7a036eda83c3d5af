/**
 * The lessons in content/ are valid: frontmatter passes the schema, every lab names a registry
 * scenario with valid options and a check the lab can evaluate, and every internal link resolves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileLesson, LESSON_FILE, type CompiledLesson } from '../../src/lessons/build/compile.ts';
import { loadLessons } from '../../src/lessons/build/load.ts';
import { getScenario } from '../../src/scenarios/registry.ts';
import { createSimulation } from '../../src/scenarios/simulation.ts';
import type { ScenarioId } from '../../src/scenarios/types.ts';
import type { LabBlockSpec } from '../../src/lessons/types.ts';
import { conditionsOf } from '../../src/scenarios/checks.ts';
import { metricValue } from '../../src/scenarios/metrics.ts';

const root = join(import.meta.dirname, '..', '..');
const contentDir = join(root, 'content');
const files = readdirSync(contentDir).filter((name) => name.endsWith('.md')).sort();

const lessons = await loadLessons(contentDir, root);
const labs = lessons.flatMap(({ file, module }) =>
  module.blocks.flatMap((block) => (block.kind === 'lab' ? [{ name: `${file} ${block.id} (${block.lab.scenario})`, lab: block.lab }] : [])),
);

/** Problems with one lab block, as readable sentences (empty when it is fine). */
function labProblems(lab: LabBlockSpec): string[] {
  const scenario = getScenario(lab.scenario);
  if (!scenario) return [`scenario "${lab.scenario}" is not in src/scenarios/registry.ts`];
  const problems = scenario.validateOptions(lab.options ?? {}).messages.map((message) => `options: ${message}`);
  const check = lab.check;
  if (!check) return problems;
  const actions: readonly string[] = scenario.actions;
  if (check.kind === 'challenge') {
    if (check.requires && !actions.includes(check.requires))
      problems.push(`check.requires: "${check.requires}" is not an action of ${lab.scenario} (${actions.join(', ')})`);
    const metrics = createSimulation({ scenario: lab.scenario as ScenarioId, options: lab.options ?? {}, trace: false }).metrics();
    for (const { metric } of conditionsOf(check.condition)) {
      const value = metricValue(metrics, metric);
      if (typeof value !== 'number') problems.push(`check.condition.metric: "${metric}" is not a numeric metric of the simulation`);
    }
  } else if (check.reveal && !actions.includes(check.reveal)) {
    problems.push(`check.reveal: "${check.reveal}" is not an action of ${lab.scenario} (${actions.join(', ')})`);
  }
  return problems;
}

test('content/ has lessons, all named NN-slug.md', () => {
  expect(files.length).toBeGreaterThan(0);
  for (const name of files) expect(name).toMatch(LESSON_FILE);
});

describe('frontmatter', () => {
  test.each(files)('%s passes the schema and names a registry scenario', async (name) => {
    const slug = LESSON_FILE.exec(name)![1]!;
    const { module } = await compileLesson(readFileSync(join(contentDir, name), 'utf8'), `content/${name}`, slug);
    expect(getScenario(module.frontmatter.scenario), `scenario "${module.frontmatter.scenario}"`).toBeDefined();
  });

  test('a broken fixture fails with the file and the field in the message', async () => {
    await expect(loadLessons(join(root, 'test', 'fixtures', 'content', 'broken'), root)).rejects.toThrow(
      /test\/fixtures\/content\/broken\/01-bad-weight\.md[\s\S]*field "weight"/,
    );
  });
});

describe('labs', () => {
  test("every lesson has a lab running its frontmatter's main scenario", () => {
    for (const { file, module } of lessons) {
      const scenarios = module.blocks.flatMap((b) => (b.kind === 'lab' ? [b.lab.scenario] : []));
      expect(scenarios, file).toContain(module.frontmatter.scenario);
    }
  });

  test.each(labs.map(({ name, lab }) => [name, lab] as const))('%s is valid against the registry', (_name, lab) => {
    expect(labProblems(lab)).toEqual([]);
  });

  test('the lab check rules catch a bad scenario, option, action and metric', () => {
    expect(labProblems({ scenario: 'no-such-scenario' })).toHaveLength(1);
    expect(labProblems({ scenario: 'stampede', options: { colour: 'red' } })[0]).toMatch(/colour/);
    expect(
      labProblems({
        scenario: 'stampede',
        check: { kind: 'challenge', goal: 'g', requires: 'redisDown', condition: { metric: 'dbReads', op: '<=', value: 1 } },
      }).join(),
    ).toMatch(/check\.requires/);
    expect(
      labProblems({ scenario: 'stampede', check: { kind: 'challenge', goal: 'g', condition: { metric: 'latencyMs.p42', op: '<=', value: 1 } } }).join(),
    ).toMatch(/check\.condition\.metric/);
  });
});

describe('links', () => {
  const bySlug = new Map<string, CompiledLesson>(lessons.map((lesson) => [lesson.module.slug, lesson]));
  const links = lessons.flatMap(({ file, links: found }) => found.map((link) => [`${file} → ${link.href}`, link] as const));

  test.each(links)('%s resolves', (_name, link) => {
    const target = bySlug.get(link.slug);
    expect(target, `lesson ${link.slug}`).toBeDefined();
    if (link.anchor) expect(target!.module.headings.map((h) => h.id)).toContain(link.anchor);
  });

  test('heading ids are unique within each lesson', () => {
    for (const { file, module } of lessons) {
      const ids = module.headings.map((h) => h.id);
      expect(new Set(ids).size, file).toBe(ids.length);
    }
  });
});

// The UI numbers lessons by position (weight order), while file names keep the number they were
// written with (links depend on them): from the 12th position on the two differ.
describe('lesson numbers', () => {
  const position = new Map(lessons.map((lesson, index) => [lesson.module.slug, index + 1]));
  const sources = lessons.map((lesson) => ({ file: lesson.file, slug: lesson.module.slug, text: readFileSync(join(root, lesson.file), 'utf8') }));

  test('a link whose text names a lesson by number points to the lesson at that position', () => {
    const wrong = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/\[(?:lessons? )?(\d+)[^\]]*\]\((\d\d-[a-z0-9-]+)\.md[^)]*\)/gi)]
        .filter(([, number, slug]) => position.get(slug!) !== Number(number))
        .map(([link, , slug]) => `${file}: ${link} (that lesson is number ${position.get(slug!)})`),
    );
    expect(wrong).toEqual([]);
  });

  test('no lesson names a lesson from the 12th position on as "lesson N" in plain text (the file number and the position differ there)', () => {
    const ambiguous = sources.flatMap(({ file, text }) =>
      [...text.replace(/\[[^\]]*\]\([^)]*\)/g, '').matchAll(/\blessons? (\d+)/gi)].filter(([, number]) => Number(number) >= 12).map(([phrase]) => `${file}: ${phrase}`),
    );
    expect(ambiguous).toEqual([]);
  });

  test('each lesson’s "Next" section, where it links a lesson, links the one that comes next', () => {
    const wrong = sources.slice(0, -1).flatMap(({ file, text }, index) => {
      const next = /^## Next\b[^\n]*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(text)?.[1] ?? '';
      const first = /\]\((\d\d-[a-z0-9-]+)\.md/.exec(next)?.[1];
      const expected = sources[index + 1]!.slug;
      return first && first !== expected ? [`${file}: "Next" links ${first}, but the next lesson is ${expected}`] : [];
    });
    expect(wrong).toEqual([]);
  });
});
