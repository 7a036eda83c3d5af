import { useEffect, useState } from 'react';
import { useProgress, useServices } from './context.ts';
import { LessonList } from './LessonList.tsx';
import { lessonHref } from './router.ts';

export const SITE_NAME = 'Cache-Aside Lab';

const PROMISES = [
  { title: 'A live Redis', text: 'Type GET, SET, EXPIRE and SCAN into an in-browser Redis and watch keys appear and expire.' },
  { title: 'A real database bottleneck', text: 'A simulated database with latency and a connection limit, so misses cost something.' },
  { title: 'Every step, replayable', text: 'Step through each request, scrub back in time, and predict what happens before you see it.' },
];

/** The front page: what the learner gets, one button to start (or continue), and the lessons. */
/** Forgetting progress takes two clicks, so one stray click cannot erase it. */
function ResetProgress() {
  const { progress } = useServices();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" className="link-button" onClick={() => setAsking(true)}>
        Reset progress
      </button>
    );
  return (
    <span className="reset-confirm" role="group" aria-label="Reset progress">
      Forget all completed lessons?{' '}
      <button
        type="button"
        className="link-button"
        onClick={() => {
          progress.clear();
          setAsking(false);
        }}
      >
        Yes, reset
      </button>{' '}
      <button type="button" className="link-button" onClick={() => setAsking(false)}>
        Keep
      </button>
    </span>
  );
}

export function Landing() {
  const { lessons } = useServices();
  const { completed } = useProgress();
  useEffect(() => {
    document.title = `${SITE_NAME} — learn the Redis cache-aside pattern by running it`;
  }, []);
  const next = lessons.find((lesson) => !completed.includes(lesson.slug)) ?? lessons[0];
  const started = completed.length > 0;
  const totalMinutes = lessons.reduce((sum, lesson) => sum + (lesson.duration ?? 0), 0);

  return (
    <div className="landing">
      <section className="hero">
        <p className="eyebrow">An interactive Redis tutorial</p>
        <h1 tabIndex={-1}>
          Learn <span className="nowrap">cache-aside</span> by running it
        </h1>
        <p className="lead">
          {lessons.length} short lessons take you from your first cache hit to stampedes and null caching. Each one has a
          lab you drive yourself: no install, no account, everything runs in this tab.
        </p>
        <div className="hero-actions">
          {next ? (
            <a className="button button-primary" href={lessonHref(next.slug)}>
              {started ? `Continue: ${next.linkTitle}` : 'Start the first lesson'}
            </a>
          ) : null}
          <span className="hero-meta">
            {lessons.length} lessons{totalMinutes ? ` · about ${totalMinutes} minutes` : ''}
            {started ? ` · ${completed.filter((slug) => lessons.some((l) => l.slug === slug)).length} done · ` : ''}
            {started ? <ResetProgress /> : null}
          </span>
        </div>
        <ul className="promises">
          {PROMISES.map((promise) => (
            <li key={promise.title}>
              <strong>{promise.title}</strong>
              <span>{promise.text}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="landing-lessons" aria-labelledby="lessons-heading">
        <h2 id="lessons-heading">Lessons</h2>
        <LessonList lessons={lessons} detailed />
      </section>
    </div>
  );
}
