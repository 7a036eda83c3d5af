import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { LessonBlocks, type DirectiveContext } from '../lessons/directives.tsx';
import type { LessonEntry, LessonModule } from '../lessons/types.ts';
import { useProgress, useServices } from './context.ts';
import { ErrorBoundary } from '../lessons/ErrorBoundary.tsx';
import { SITE_NAME } from './Landing.tsx';
import { lessonHref, useHash } from './router.ts';
import { parseLessonHash } from '../share/link-fields.ts';
import { CheckIcon } from './icons.tsx';

const loads = new WeakMap<LessonEntry, Promise<LessonModule>>();

/** One load per lesson entry, so revisiting a lesson is instant; a failed load is dropped on "Try again". */
function loadLesson(entry: LessonEntry): Promise<LessonModule> {
  let promise = loads.get(entry);
  if (!promise) {
    promise = entry.load();
    loads.set(entry, promise);
  }
  return promise;
}

function scrollToAnchor(anchor: string | null): boolean {
  if (!anchor) return false;
  const target = document.getElementById(anchor);
  if (!target) return false;
  target.scrollIntoView?.({ block: 'start' });
  // A lab takes the focus too, so the next Tab goes into it (the skip links below lead here). A lab
  // still loading has only its slot: the slot takes the focus, and the next Tab enters the lab once it is there.
  const lab = target.querySelector<HTMLElement>('.cal-lab') ?? (target.classList.contains('lab-slot') ? target : null);
  lab?.focus({ preventScroll: true });
  return true;
}

/** Keyboard and phone users reach a lab without tabbing or scrolling through the whole lesson. */
function LabSkipLinks({ slug, blocks }: { slug: string; blocks: LessonModule['blocks'] }) {
  const labs = blocks.flatMap((block) => (block.kind === 'lab' ? [block] : []));
  if (labs.length === 0) return null;
  return (
    <nav className="lesson-lab-links" aria-label="Labs in this lesson">
      {labs.map((block, i) => (
        <a key={block.id} href={lessonHref(slug, `share-${block.id}`)}>
          {labs.length === 1 ? 'Skip to the lab' : `Lab ${i + 1}: ${block.lab.title ?? 'try it'}`}
        </a>
      ))}
    </nav>
  );
}

/**
 * A share link's state belongs to one lab, named by `lab=`; when no lab of this lesson takes it,
 * say so instead of silently showing the defaults.
 */
export function unclaimedLinkNote(hash: string, labIds: readonly string[]): string | null {
  const route = parseLessonHash(hash);
  if (!route || [...route.query.keys()].length === 0) return null;
  const lab = route.query.get('lab');
  const named = lab === null ? '' : ` (for ${JSON.stringify(lab.length > 40 ? `${lab.slice(0, 40)}…` : lab)})`;
  if (labIds.length === 0) return `lab: this lesson has no labs, so the link's lab state${named} was ignored.`;
  if (lab === null) return 'lab: the link does not say which lab its state is for, so every lab starts from its defaults.';
  if (labIds.includes(lab)) return null;
  return `lab: this lesson has no lab called ${JSON.stringify(lab.length > 40 ? `${lab.slice(0, 40)}…` : lab)} (it has ${labIds.join(', ')}), so the link's lab state was ignored.`;
}

function LessonSkeleton() {
  return (
    <div className="lesson-skeleton" aria-busy="true" aria-label="Loading the lesson">
      <span className="skeleton-line" style={{ width: '92%' }} />
      <span className="skeleton-line" style={{ width: '85%' }} />
      <span className="skeleton-line" style={{ width: '60%' }} />
      <span className="skeleton-block" />
      <span className="skeleton-line" style={{ width: '88%' }} />
      <span className="skeleton-line" style={{ width: '70%' }} />
    </div>
  );
}

type LoadState = { entry: LessonEntry; module?: LessonModule; error?: unknown };

/** The lesson's module once loaded (null while loading); a failed load is thrown to the error boundary. */
function useLessonModule(entry: LessonEntry): LessonModule | null {
  const [state, setState] = useState<LoadState>({ entry });
  useEffect(() => {
    let current = true;
    loadLesson(entry).then(
      (module) => current && setState({ entry, module }),
      (error: unknown) => current && setState({ entry, error }),
    );
    return () => {
      current = false;
    };
  }, [entry]);
  if (state.entry !== entry) return null;
  if (state.error !== undefined) throw state.error;
  return state.module ?? null;
}

function LessonBody({ entry, anchor }: { entry: LessonEntry; anchor: string | null }) {
  const lesson = useLessonModule(entry);
  const { progress } = useServices();
  const { checks } = useProgress();
  const context = useMemo<DirectiveContext>(() => {
    const prefix = `${entry.slug}/`;
    return {
      passedChecks: new Set(checks.filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length))),
      onCheckPassed: (labId) => progress.passCheck(entry.slug, labId),
    };
  }, [checks, entry.slug, progress]);

  // The content is in the DOM now, so a heading anchor from the URL can be scrolled to.
  useLayoutEffect(() => {
    if (lesson) scrollToAnchor(anchor);
  }, [anchor, lesson]);

  const hash = useHash();
  const linkNote = useMemo(() => (lesson ? unclaimedLinkNote(hash, lesson.blocks.flatMap((block) => (block.kind === 'lab' ? [block.id] : []))) : null), [hash, lesson]);

  if (!lesson) return <LessonSkeleton />;
  return (
    <div className="lesson-body">
      {linkNote && (
        <div className="notice" role="note" data-link-note>
          <p>{linkNote}</p>
        </div>
      )}
      <LabSkipLinks slug={entry.slug} blocks={lesson.blocks} />
      <LessonBlocks blocks={lesson.blocks} context={context} />
    </div>
  );
}

/** A lesson: header from the index at once, the body lazily behind a skeleton, then completion and previous/next. */
export function LessonPage({ slug, anchor }: { slug: string; anchor: string | null }) {
  const { lessons, progress } = useServices();
  const { completed } = useProgress();
  const index = lessons.findIndex((lesson) => lesson.slug === slug);
  const entry = lessons[index]!;
  const previous = lessons[index - 1];
  const next = lessons[index + 1];
  const done = completed.includes(slug);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [retries, setRetries] = useState(0);

  useEffect(() => {
    document.title = `${entry.title} · ${SITE_NAME}`;
  }, [entry.title]);

  // A new lesson starts at its top with focus on its title, so screen readers announce it.
  useLayoutEffect(() => {
    if (anchor && document.getElementById(anchor)) return;
    window.scrollTo?.({ top: 0 });
    headingRef.current?.focus({ preventScroll: true });
    // Only on a lesson change: anchors within a lesson are handled by LessonBody.
  }, [slug]);

  return (
    <article className="lesson" aria-labelledby="lesson-title">
      <header className="lesson-header">
        <p className="eyebrow">
          Lesson {index + 1} of {lessons.length}
          {entry.duration ? ` · ${entry.duration} min` : ''}
          {done ? (
            <span className="badge-done">
              <CheckIcon /> Completed
            </span>
          ) : null}
        </p>
        <h1 id="lesson-title" ref={headingRef} tabIndex={-1}>
          {entry.title}
        </h1>
        <p className="lead">{entry.description}</p>
      </header>

      <ErrorBoundary what="this lesson" key={`${slug}:${retries}`} onRetry={() => {
          // "Try again" really refetches: forget the failed load first.
          loads.delete(entry);
          setRetries((n) => n + 1);
        }}>
        <LessonBody entry={entry} anchor={anchor} />
      </ErrorBoundary>

      <div className="complete-row">
        <button
          type="button"
          className={done ? 'button button-done' : 'button button-primary'}
          aria-pressed={done}
          onClick={() => progress.setComplete(slug, !done)}
        >
          {done ? (
            <>
              <CheckIcon /> Completed
            </>
          ) : (
            'Mark as complete'
          )}
        </button>
        <span className="complete-hint">{done ? 'Click again to mark it as not done.' : 'Saved in this browser only.'}</span>
      </div>

      <nav className="pager" aria-label="Previous and next lesson">
        {previous ? (
          <a className="pager-link pager-prev" href={lessonHref(previous.slug)} rel="prev">
            <span className="pager-label">Previous</span>
            <span className="pager-title">{previous.linkTitle}</span>
          </a>
        ) : (
          <a className="pager-link pager-prev" href="#/">
            <span className="pager-label">Previous</span>
            <span className="pager-title">Overview</span>
          </a>
        )}
        {next ? (
          <a className="pager-link pager-next" href={lessonHref(next.slug)} rel="next">
            <span className="pager-label">Next</span>
            <span className="pager-title">{next.linkTitle}</span>
          </a>
        ) : (
          <a className="pager-link pager-next" href="#/">
            <span className="pager-label">Finished</span>
            <span className="pager-title">Back to the overview</span>
          </a>
        )}
      </nav>
    </article>
  );
}
