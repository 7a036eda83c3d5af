/**
 * Hash routing, so every lesson has a URL on any static host and under any base path with no
 * server rewrites. A heading anchor rides after the route: `#/lesson/03-read-path#why-a-ttl`.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'lesson'; slug: string; anchor: string | null }
  | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '' || path === '/') return { name: 'home' };
  // A `?query` after the slug is a share link's lab state, read by src/share/AppLab.tsx.
  const lesson = /^\/lesson\/([a-z0-9-]+)\/?(?:\?[^#]*)?(?:#(.*))?$/.exec(path);
  if (lesson) return { name: 'lesson', slug: lesson[1]!, anchor: lesson[2] ? decodeAnchor(lesson[2]) : null };
  return { name: 'not-found', path };
}

/** A malformed escape (`#%`) is kept as typed: it matches no heading, and the lesson still shows. */
function decodeAnchor(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export const homeHref = '#/';

export { lessonHref } from '../lessons/routes.ts';

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};

/** The raw location hash; components derive the route from it so the snapshot stays a string. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash, () => '');
}
