/**
 * The figures lessons may place with a ```figure block, by name. Each is a scripted run of a real
 * scenario, so every number it draws comes from the simulation. Add a figure as an entry in the
 * file of its lessons (one file per group, so authors of different lessons do not collide) and
 * list that file here; docs/architecture.md ("Figures in the text") shows the block.
 */
import type { FigureDefinition } from '../types.ts';
import { figures as lessons1to6 } from './01-06.ts';
import { figures as lessons7to12 } from './07-12.ts';
import { figures as lessons13to15 } from './13-15.ts';

export const figures = {
  ...lessons1to6,
  ...lessons7to12,
  ...lessons13to15,
} satisfies Record<string, FigureDefinition>;

export type FigureName = keyof typeof figures;

export const FIGURE_NAMES = Object.keys(figures) as FigureName[];

export function getFigure(name: string): FigureDefinition | undefined {
  return Object.hasOwn(figures, name) ? (figures as Record<string, FigureDefinition>)[name] : undefined;
}
