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

