import type { LessonSummary } from '../lessons/types.ts';
import { useProgress } from './context.ts';
import { CheckIcon } from './icons.tsx';
import { lessonHref } from './router.ts';

/** The lessons in order, each with its number and a completion mark. */
export function LessonList({ lessons, currentSlug, detailed = false }: { lessons: readonly LessonSummary[]; currentSlug?: string; detailed?: boolean }) {
  const { completed } = useProgress();
  return (
    <ol className={detailed ? 'lesson-list lesson-list-detailed' : 'lesson-list'}>
      {lessons.map((lesson, index) => {
        const done = completed.includes(lesson.slug);
        const current = lesson.slug === currentSlug;
        return (
          <li key={lesson.slug} className={done ? 'is-done' : undefined}>
            <a href={lessonHref(lesson.slug)} aria-current={current ? 'page' : undefined}>
              <span className="lesson-mark" aria-hidden="true">
                {done ? <CheckIcon /> : index + 1}
              </span>
              <span className="lesson-link-text">
                <span className="lesson-link-title">{detailed ? lesson.title : lesson.linkTitle}</span>
                {detailed ? <span className="lesson-link-description">{lesson.description}</span> : null}
              </span>
              {detailed && lesson.duration ? <span className="lesson-duration">{lesson.duration} min</span> : null}
              {done ? <span className="visually-hidden"> (completed)</span> : null}
            </a>
          </li>
        );
      })}
    </ol>
  );
}
