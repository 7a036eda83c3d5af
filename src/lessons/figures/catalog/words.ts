/** Small helpers for writing a figure's text alternative from its run's numbers. */
import type { FigureOutcome } from '../types.ts';
import type { Metrics } from '../../../scenarios/types.ts';

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
export const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;
export const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
/** The metrics of a figure's only (or first) run. */
export const only = (outcomes: readonly FigureOutcome[]): Metrics => outcomes[0]!.metrics;
/** The two runs of a side-by-side figure. */
export const pair = (outcomes: readonly FigureOutcome[]): [FigureOutcome, FigureOutcome] => [outcomes[0]!, outcomes[1]!];
