import { useSyncExternalStore } from 'react';
import { prefersReducedMotion, subscribeReducedMotion } from '../../player/index.ts';
import { selectSnapshot, useLabStore } from '../../store/index.ts';

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
  if (abs >= 60_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  if (abs >= 1_000) return `${(ms / 1000).toFixed(abs >= 10_000 ? 1 : 2)} s`;
  return `${Math.round(ms)} ms`;
};
