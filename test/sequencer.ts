/**
 * The order test files start in: Vitest's own (larger files first when it has no results cache, as on
 * CI's fresh clone; otherwise failed, then longer, first), except that the browser files known to take
 * longest start first. They are small files with one test per lesson or lab (× theme or width), so by
 * size they started last: CI's a11y file (~530 s, light and dark then in one file) began when most others
 * had finished and ran on alone for minutes while the other browser workers sat idle.
 */
import { relative } from 'node:path';
import type { TestSequencer, TestSpecification, Vitest } from 'vitest/node';

/** Longest first, from CI's timings; a file not listed keeps Vitest's order after these. */
const LONGEST = [
  'test/browser/ui-words.test.ts',
  'test/browser/a11y-dark.test.ts',
  'test/browser/predict.test.ts',
  'test/browser/a11y.test.ts',
  'test/browser/responsive.test.ts',
  'test/browser/journey.test.ts',
  'test/browser/compare.test.ts',
];

export class LongestFirstSequencer implements TestSequencer {
  constructor(private readonly ctx: Vitest) {}

  async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { BaseSequencer } = await import('vitest/node');
    return new BaseSequencer(this.ctx).shard(files);
  }

  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Loaded here, not at the top: vite.config.ts imports this file for `vite build` too.
    const { BaseSequencer } = await import('vitest/node');
    const sorted = await new BaseSequencer(this.ctx).sort(files);
    const rank = (spec: TestSpecification) => {
      const at = LONGEST.indexOf(relative(this.ctx.config.root, spec.moduleId).replaceAll('\\', '/'));
      return at === -1 ? LONGEST.length : at;
    };
    // Vitest's order keeps each project's files together (and groups in order): reorder only within a project.
    const project = (spec: TestSpecification) => `${spec.project.config.sequence.groupOrder}\0${spec.project.name}`;
    const firstOf = new Map<string, number>();
    sorted.forEach((spec, index) => {
      if (!firstOf.has(project(spec))) firstOf.set(project(spec), index);
    });
    return sorted
      .map((spec, index) => ({ spec, key: [firstOf.get(project(spec))!, rank(spec), index] }))
      .sort((a, b) => a.key[0]! - b.key[0]! || a.key[1]! - b.key[1]! || a.key[2]! - b.key[2]!)
      .map(({ spec }) => spec);
  }
}
