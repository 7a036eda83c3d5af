/**
 * What the tutorial's labs (AppLab's single lab, AppCompare's side-by-side pair) share about
 * share links: whether the page's URL is a link for this lab, the page address a new link starts
 * from, and a link's replay that stops when the learner leaves the lesson.
 */
import { useEffect, useRef, useState } from 'react';
import { parseLessonHash } from './link-fields.ts';
import type { LinkRestore } from './restore.ts';

/** The lesson route in the page's URL, and whether its `lab=` names this lab (`labId`, the block's id). */
export function linkedRoute(labId: string | undefined): { route: ReturnType<typeof parseLessonHash>; forThisLab: boolean } {
  const route = typeof window === 'undefined' ? null : parseLessonHash(window.location.hash);
  return { route, forThisLab: route !== null && labId !== undefined && route.query.get('lab') === labId };
}

/** The page's address with `hash` in place of its own. */
export function pageUrl(hash: string): string {
  return `${window.location.href.split('#')[0]}${hash}`;
}

/**
 * The lab opened once (from the link or the lesson's block) for the component's life; leaving
 * the lesson stops a link still replaying.
 */
export function useOpenedLab<T extends { readonly restore: LinkRestore | null }>(open: () => T): T {
  const [opened] = useState(open);
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // StrictMode's remount comes back before this runs.
      setTimeout(() => {
        if (!mounted.current) opened.restore?.cancel();
      }, 0);
    };
  }, [opened]);
  return opened;
}
