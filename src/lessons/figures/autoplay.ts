import { useEffect, useRef, type DependencyList, type RefObject } from 'react';

/** Who drives a figure: nobody yet, auto-play (in view), auto-play paused (scrolled away), or the learner, who keeps it. */
export type FigureControl = 'untouched' | 'auto' | 'auto-paused' | 'learner';

/** Half the figure on screen: enough to see what it does from the start. */
const VISIBLE_RATIO = 0.5;

export interface AutoPlayer {
  play(): void;
  pause(): void;
  isPlaying(): boolean;
}

/**
 * Plays a figure when half of it scrolls into view and pauses it when it leaves, until the learner
 * touches a control (`control.current = 'learner'`); off under reduced motion. The observer is
 * made again when `deps` change (its first report then says whether the figure is in view now).
 */
export function useAutoPlayInView(rootRef: RefObject<HTMLElement | null>, control: { current: FigureControl }, reduced: boolean, player: AutoPlayer, deps: DependencyList): void {
  const latest = useRef(player);
  latest.current = player;
  useEffect(() => {
    const node = rootRef.current;
    if (reduced || !node || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (!entry) return;
        const visible = entry.isIntersecting && entry.intersectionRatio >= VISIBLE_RATIO;
        if (visible && (control.current === 'untouched' || control.current === 'auto-paused')) {
          control.current = 'auto';
          latest.current.play();
        } else if (!visible && control.current === 'auto' && latest.current.isPlaying()) {
          control.current = 'auto-paused';
          latest.current.pause();
        }
      },
      { threshold: [0, VISIBLE_RATIO] },
    );
    observer.observe(node);
    return () => observer.disconnect();
    // The caller's deps say when to observe again; the player is read through `latest`.
  }, [reduced, ...deps]);
}
