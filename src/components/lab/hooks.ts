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
  if (abs >= 60_000) {
    // Rounded to whole seconds first, so 3,599,999 ms reads "1 h", never "59 min 60 s".
    const total = Math.round(abs / 1000);
    const [h, min, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
    const parts = [h > 0 ? `${h} h` : '', min > 0 ? `${min} min` : '', s > 0 ? `${s} s` : ''].filter(Boolean);
    return `${ms < 0 ? '-' : ''}${parts.join(' ')}`;
  }
  if (abs >= 1_000) return `${(ms / 1000).toFixed(abs >= 10_000 ? 1 : 2)} s`;
  return `${Math.round(ms)} ms`;
};
