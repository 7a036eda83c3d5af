/**
 * The figures lessons may place with a ```figure block, by name. Each is a scripted run of a real
 * scenario, so every number it draws comes from the simulation. Adding a figure is one entry
 * here; docs/architecture.md ("Figures in the text") shows the block.
 */
import type { FigureDefinition, FigureOutcome } from './types.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const only = (outcomes: readonly FigureOutcome[]) => outcomes[0]!.metrics;

export const figures = {
  'miss-then-hit': {
    summary: 'Lesson 1: two reads of user:1; the first misses and loads the database, the second is a hit.',
    scenario: 'basics',
    view: 'flow',
    facts: ['reads', 'hits', 'dbReads'],
    speed: 0.25,
    runs: [{ actions: [{ at: 0, action: { type: 'read', key: 'user:1' } }, { at: 400, action: { type: 'read', key: 'user:1' } }] }],
    describe: (outcomes) => {
      const m = only(outcomes);
      return `App 1 reads user:1 twice. The first GET misses, so the app queries the database and stores the row in Redis with SET; the second GET is a hit. ${plural(m.reads, 'read')}, ${plural(m.hits, 'hit')}, ${plural(m.dbReads, 'database read')}.`;
    },
  },
  'cache-aside-loop': {
    summary: 'Lesson 1: the loop of a cached copy: a miss fills it, hits use it, the TTL ends it, the next read fills it again.',
    scenario: 'basics',
    options: { ttlMs: 2_000 },
    view: 'flow',
    facts: ['reads', 'hits', 'dbReads'],
    speed: 1,
    runs: [
      {
        actions: [
          { at: 0, action: { type: 'read', key: 'user:1' } },
          { at: 700, action: { type: 'read', key: 'user:1' } },
          { at: 1_400, action: { type: 'read', key: 'user:1' } },
          { at: 2_600, action: { type: 'read', key: 'user:1' } },
        ],
      },
    ],
    describe: (outcomes) => {
      const m = only(outcomes);
      return `Four reads of user:1 with a 2 second TTL: the first misses and caches the row, the next two are hits, the copy expires, and the fourth read misses and caches it again. ${plural(m.hits, 'hit')} of ${plural(m.reads, 'read')}, ${plural(m.dbReads, 'database read')}.`;
    },
  },
} satisfies Record<string, FigureDefinition>;

export type FigureName = keyof typeof figures;

export const FIGURE_NAMES = Object.keys(figures) as FigureName[];

export function getFigure(name: string): FigureDefinition | undefined {
  return Object.hasOwn(figures, name) ? (figures as Record<string, FigureDefinition>)[name] : undefined;
}
