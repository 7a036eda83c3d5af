import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { compileLesson, LESSON_FILE, type CompiledLesson } from './compile.ts';
import { ContentError } from './errors.ts';

export interface LoadedLesson extends CompiledLesson {
  /** Path relative to the working directory, for messages. */
  file: string;
}

/** Compiles every `*.md` in `dir`, ordered by weight; throws `ContentError` on the first bad file. */
export async function loadLessons(dir: string, root = process.cwd()): Promise<LoadedLesson[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  } catch {
    return [];
  }
  const settled = await Promise.allSettled(
    names.map(async (name) => {
      const file = relative(root, join(dir, name)) || name;
      const match = LESSON_FILE.exec(name);
      if (!match) throw new ContentError(file, 'file name', [{ field: '(name)', reason: 'must look like NN-lowercase-slug.md' }]);
      const source = await readFile(join(dir, name), 'utf8');
      return { file, ...(await compileLesson(source, file, match[1]!)) };
    }),
  );
  // Report the first bad file in name order, whichever finished compiling first.
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  const lessons = settled.map((result) => (result as PromiseFulfilledResult<LoadedLesson>).value);
  const byWeight = new Map<number, string>();
  for (const lesson of lessons) {
    const other = byWeight.get(lesson.module.frontmatter.weight);
    if (other)
      throw new ContentError(lesson.file, 'frontmatter', [{ field: 'weight', reason: `${lesson.module.frontmatter.weight} is also used by ${other}` }]);
    byWeight.set(lesson.module.frontmatter.weight, lesson.file);
  }
  return lessons.sort((a, b) => a.module.frontmatter.weight - b.module.frontmatter.weight);
}
