import { useEffect, useMemo, useRef, useState } from 'react';
import type { LessonEntry } from '../lessons/types.ts';
import { AppContext, useProgress, type AppServices } from './context.ts';
import { ErrorBoundary } from '../lessons/ErrorBoundary.tsx';
import { CloseIcon, Logo, MenuIcon } from './icons.tsx';
import { Landing } from './Landing.tsx';
import { LessonList } from './LessonList.tsx';
import { LessonPage } from './LessonPage.tsx';
import { NotFound } from './NotFound.tsx';
import { browserStorage, PROGRESS_KEY, ProgressStore } from './progress.ts';
import { ProgressNotice } from './ProgressNotice.tsx';
import { parseRoute, useHash } from './router.ts';
import { ThemeStore } from './theme.ts';
import { ThemeSwitch } from './ThemeSwitch.tsx';
import './app.css';
import '../lessons/lessons.css';

export interface ShellProps {
  lessons: readonly LessonEntry[];
  /** Injected in tests; defaults to the browser's localStorage. */
  storage?: Storage | null;
}

function ProgressSummary({ lessons }: { lessons: readonly LessonEntry[] }) {
  const { completed } = useProgress();
  const done = lessons.filter((lesson) => completed.includes(lesson.slug)).length;
  return (
    <div className="progress-summary">
      <span>
        {done} of {lessons.length} complete
      </span>
      <span className="progress-bar" aria-hidden="true">
        <span style={{ width: `${lessons.length ? (done / lessons.length) * 100 : 0}%` }} />
      </span>
    </div>
  );
}

/** The tutorial: header, lesson navigation, and the routed page, with progress and theme services. */
export function Shell({ lessons, storage }: ShellProps) {
  const services = useMemo<AppServices>(() => {
    const store = storage === undefined ? browserStorage() : storage;
    return { lessons, progress: new ProgressStore(store), theme: new ThemeStore(store) };
  }, [lessons, storage]);

  // Progress saved in another tab shows up here too.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === PROGRESS_KEY) services.progress.reload();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [services]);

  const hash = useHash();
  const route = parseRoute(hash);
  const [navOpen, setNavOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const routeKey = route.name === 'lesson' ? `lesson:${route.slug}` : route.name;
  const knownLesson = route.name === 'lesson' && lessons.some((lesson) => lesson.slug === route.slug);
  const showNav = route.name === 'lesson' && knownLesson;

  useEffect(() => setNavOpen(false), [routeKey]);
  const toggleRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!navOpen) return;
    // Keyboard users land in the opened drawer, and Escape returns them to the toggle.
    const nav = document.getElementById('lesson-nav');
    (nav?.querySelector<HTMLElement>('a[aria-current="page"]') ?? nav?.querySelector<HTMLElement>('a'))?.focus({ preventScroll: true });
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setNavOpen(false);
      toggleRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navOpen]);
  useEffect(() => {
    if (route.name !== 'lesson') window.scrollTo?.({ top: 0 });
  }, [routeKey, route.name]);

  let page: React.ReactNode;
  if (route.name === 'home') page = <Landing />;
  else if (route.name === 'lesson' && knownLesson) page = <LessonPage slug={route.slug} anchor={route.anchor} />;
  else page = <NotFound what={route.name === 'lesson' ? 'lesson' : 'page'} />;

  return (
    <AppContext.Provider value={services}>
      <a
        className="skip-link"
        href="#main-content"
        onClick={(event) => {
          // A real fragment jump would replace the route, so move focus instead.
          event.preventDefault();
          mainRef.current?.focus();
          mainRef.current?.scrollIntoView?.();
        }}
      >
        Skip to content
      </a>
      <div className={`app${showNav ? ' has-nav' : ''}${navOpen ? ' nav-open' : ''}`}>
        <header className="topbar">
          {showNav ? (
            <button
              ref={toggleRef}
              type="button"
              className="icon-button nav-toggle"
              aria-expanded={navOpen}
              aria-controls="lesson-nav"
              aria-label={navOpen ? 'Close the lesson list' : 'Open the lesson list'}
              onClick={() => setNavOpen((open) => !open)}
            >
              {navOpen ? <CloseIcon /> : <MenuIcon />}
            </button>
          ) : null}
          <a className="brand" href="#/">
            <Logo />
            <span>Cache-Aside Lab</span>
          </a>
          <div className="topbar-end">
            <ThemeSwitch />
          </div>
        </header>
        <div className="layout">
          {showNav ? (
            <>
              <nav id="lesson-nav" className="sidebar" aria-label="Lessons">
                <ProgressSummary lessons={lessons} />
                <LessonList lessons={lessons} currentSlug={route.name === 'lesson' ? route.slug : undefined} />
              </nav>
              <button type="button" className="nav-scrim" tabIndex={-1} aria-hidden="true" onClick={() => setNavOpen(false)} />
            </>
          ) : null}
          <main id="main-content" ref={mainRef} tabIndex={-1}>
            <ProgressNotice />
            <ErrorBoundary key={routeKey} what="this page">
              {page}
            </ErrorBoundary>
          </main>
        </div>
        <footer className="footer">
          <p>
            Cache-Aside Lab runs entirely in your browser: the Redis here is an emulator and the database is simulated. Progress
            is saved in this browser only.
          </p>
        </footer>
      </div>
    </AppContext.Provider>
  );
}
