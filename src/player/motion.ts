/** The learner's motion preference. The only place in the project that reads prefers-reduced-motion. */
const QUERY = '(prefers-reduced-motion: reduce)';

let cached: { matchMedia: typeof window.matchMedia; query: MediaQueryList } | null = null;

/** One MediaQueryList, kept: React asks for the preference on every render of the request flow. */
function mediaQuery(): MediaQueryList | null {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return null;
  // Tests swap window.matchMedia; a new function means a new answer.
  if (cached?.matchMedia !== window.matchMedia) cached = { matchMedia: window.matchMedia, query: window.matchMedia(QUERY) };
  return cached.query;
}

export function prefersReducedMotion(): boolean {
  return mediaQuery()?.matches ?? false;
}

/** Calls `onChange` whenever the preference flips; returns the unsubscribe function. */
export function subscribeReducedMotion(onChange: () => void): () => void {
  const query = mediaQuery();
  if (!query) return () => {};
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
