/** Small helpers for writing catalog entries: their runs, and text alternatives from their numbers. */
import type { FigureOutcome, FigureRunSpec } from '../types.ts';
import type { Metrics } from '../../../scenarios/types.ts';

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
export const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;
export const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
/** The metrics of a figure's only (or first) run. */
export const only = (outcomes: readonly FigureOutcome[]): Metrics => outcomes[0]!.metrics;
/** The two runs of a side-by-side figure. */
export const pair = (outcomes: readonly FigureOutcome[]): [FigureOutcome, FigureOutcome] => [outcomes[0]!, outcomes[1]!];

/** Two runs of the same actions (by default none: a steady workload), each with its label and its own options. */
export const settings = (
  a: readonly [string, Record<string, unknown>],
  b: readonly [string, Record<string, unknown>],
  actions: FigureRunSpec['actions'] = [],
): [FigureRunSpec, FigureRunSpec] => [
  { label: a[0], options: a[1], actions },
  { label: b[0], options: b[1], actions },
];
