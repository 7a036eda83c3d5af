import { lazy, Suspense, useEffect, useRef, useState, type ComponentType } from 'react';
import type { LabProps } from '../share/AppLab.tsx';
import type { CompareLabProps } from '../share/AppCompare.tsx';
import type { LabBlockSpec } from './types.ts';

// The lab is its own chunk, fetched only when a lab block nears the viewport, with the parts it draws
// at once, so it arrives whole. src/share/AppLab.tsx wraps D1's Lab with share links (restore from
// the URL, Share/Embed buttons).
const LazyLab = lazy<ComponentType<LabProps>>(() => import('../share/AppLab.tsx').then(async (module) => {
  await module.preloadFirstPaint();
  return { default: module.Lab };
}));
// A side-by-side block (`compare:`) is a chunk of its own too: only lessons 4, 10 and 11 use one.
const LazyCompareLab = lazy<ComponentType<CompareLabProps>>(() => import('../share/AppCompare.tsx').then((module) => ({ default: module.CompareLab })));

/** True once `ref`'s element is within 600 px of the viewport (at once where there is no IntersectionObserver). */
export function useNearViewport(ref: React.RefObject<HTMLElement | null>): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const node = ref.current;
    if (near || !node) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true);
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [near, ref]);
  return near;
}

export function LabPlaceholder({ title, message }: { title?: string; message: string }) {
  return (
    // Its min-height (lessons.css, by the slot's kind) is the lab's measured height per breakpoint, so nothing jumps when the lab arrives.
    <div className="lab-placeholder" aria-busy={message.startsWith('Loading')}>
      <div className="lab-placeholder-inner">
        <p className="lab-placeholder-title">{title ?? 'Interactive lab'}</p>
        <p className="lab-placeholder-message">{message}</p>
      </div>
    </div>
  );
}

/** A ```lab block: a same-size placeholder until the lab is near the viewport, then the lazy `Lab`. Its id `share-<labId>` is the anchor share links scroll to. */
export function LabSlot({ lab, passed, onCheckPassed, labId }: { lab: LabBlockSpec; passed: boolean; onCheckPassed: () => void; labId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const near = useNearViewport(ref);
  return (
    // A plain box: the lab inside is the labelled region, and two landmarks of one name confuse screen-reader navigation.
    // tabIndex -1: a skip link can focus the slot while its lab still loads (LessonPage's scrollToAnchor).
    <div className="lab-slot" ref={ref} tabIndex={-1} {...(labId ? { id: `share-${labId}` } : {})} {...(lab.compare ? { 'data-kind': 'compare' } : {})}>
      {lab.check && passed ? <p className="lab-passed">✓ You passed this check before.</p> : null}
      {near && lab.compare ? (
        <Suspense fallback={<LabPlaceholder title={lab.title} message="Loading the labs…" />}>
          <LazyCompareLab
            scenario={lab.scenario}
            compare={lab.compare}
            {...(lab.options ? { options: lab.options } : {})}
            {...(lab.seed !== undefined ? { seed: lab.seed } : {})}
            {...(lab.title ? { title: lab.title } : {})}
            {...(labId ? { labId } : {})}
          />
        </Suspense>
      ) : near ? (
        <Suspense fallback={<LabPlaceholder title={lab.title} message="Loading the lab…" />}>
          <LazyLab
            scenario={lab.scenario}
            {...(lab.options ? { options: lab.options } : {})}
            {...(lab.seed !== undefined ? { seed: lab.seed } : {})}
            {...(lab.title ? { title: lab.title } : {})}
            {...(lab.check ? { check: lab.check } : {})}
            onCheckPassed={onCheckPassed}
            {...(labId ? { labId } : {})}
          />
        </Suspense>
      ) : (
        <LabPlaceholder title={lab.title} message={lab.compare ? 'Loading the labs…' : 'Loading the lab…'} />
      )}
    </div>
  );
}
