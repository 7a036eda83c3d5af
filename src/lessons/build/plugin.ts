/**
 * Vite plugin serving the lessons: `virtual:lessons` is the index (titles, order; no lesson text)
 * and `virtual:lesson/<slug>` is one lesson's compiled blocks, imported lazily by the index.
 */
import { resolve } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import type { LessonSummary } from '../types.ts';
import { loadLessons, type LoadedLesson } from './load.ts';

const INDEX_ID = 'virtual:lessons';
const LESSON_PREFIX = 'virtual:lesson/';

export interface LessonsPluginOptions {
  /** Folder of `NN-slug.md` files; defaults to `content` under the Vite root. */
  contentDir?: string;
}

export function lessonsPlugin(options: LessonsPluginOptions = {}): Plugin {
  let contentDir = '';
  let root = process.cwd();
  let cache: Promise<LoadedLesson[]> | undefined;
  const lessons = () => (cache ??= loadLessons(contentDir, root));

  return {
    name: 'cal-lessons',
    configResolved(config) {
      root = config.root;
      contentDir = resolve(config.root, options.contentDir ?? 'content');
    },
    resolveId(id) {
      if (id === INDEX_ID || id.startsWith(LESSON_PREFIX)) return `\0${id}`;
      return undefined;
    },
    async load(id) {
      if (id === `\0${INDEX_ID}`) {
        const all = await lessons();
        const entries = all.map(({ module }) => {
          const summary: LessonSummary = { slug: module.slug, ...module.frontmatter };
          const loader = `() => import(${JSON.stringify(LESSON_PREFIX + module.slug)}).then((m) => m.default)`;
          return `  { ...${JSON.stringify(summary)}, load: ${loader} }`;
        });
        return `export const lessons = [\n${entries.join(',\n')}\n];\nexport default lessons;\n`;
      }
      if (id.startsWith(`\0${LESSON_PREFIX}`)) {
        const slug = id.slice(LESSON_PREFIX.length + 1);
        const lesson = (await lessons()).find((entry) => entry.module.slug === slug);
        if (!lesson) throw new Error(`virtual:lesson/${slug}: no such lesson in ${contentDir}`);
        return `export default ${JSON.stringify(lesson.module)};\n`;
      }
      return undefined;
    },
    configureServer(server: ViteDevServer) {
      // Editing a lesson recompiles the lessons and reloads the page.
      server.watcher.add(contentDir);
      const onChange = (path: string) => {
        if (!path.startsWith(contentDir) || !path.endsWith('.md')) return;
        cache = undefined;
        for (const module of server.moduleGraph.idToModuleMap.values()) {
          if (module.id?.startsWith(`\0${INDEX_ID}`) || module.id?.startsWith(`\0${LESSON_PREFIX}`)) server.moduleGraph.invalidateModule(module);
        }
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('change', onChange);
      server.watcher.on('add', onChange);
      server.watcher.on('unlink', onChange);
    },
  };
}
