import { useSyncExternalStore } from 'react';
import { prefersReducedMotion, subscribeReducedMotion } from '../../player/index.ts';
import { selectSnapshot, useLabStore } from '../../store/index.ts';
import { formatDuration } from '../../scenarios/format.ts';

/** The learner's reduced-motion preference, live. */
export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribeReducedMotion, prefersReducedMotion, () => false);
}

export function useSnapshot() {
  return useLabStore(selectSnapshot);
}

export const formatMs = (ms: number): string => {
  if (!Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  // A minute and more reads as the lab's one duration wording ("1 h", never "59 min 60 s").
  if (abs >= 59_950) return formatDuration(ms);
  if (abs >= 1_000) return `${(ms / 1000).toFixed(abs >= 10_000 ? 1 : 2)} s`;
  return `${Math.round(ms)} ms`;
};
