import { lazy, Suspense, useId, useRef } from 'react';
import type { FigureProps } from './figures/Figure.tsx';
import { useNearViewport } from './LabSlot.tsx';
import type { LessonBlock } from './types.ts';

// The figure and the simulation it runs are their own chunk, fetched only when a figure nears the viewport.
const LazyFigure = lazy(() => import('./figures/Figure.tsx').then((module) => ({ default: module.Figure as (props: FigureProps) => React.ReactNode })));

type FigureBlock = Extract<LessonBlock, { kind: 'figure' }>;

/** Same size as the figure (lessons.css sizes the stage, not its content), so nothing moves when it arrives. */
function FigurePlaceholder() {
  return (
    <div className="lesson-figure-placeholder" aria-busy="true">
      <span>Loading the figure…</span>
    </div>
  );
}

/**
 * A ```figure block: the caption and the text alternative (written at build time from the figure's
 * real run) are here from the start; the animated figure loads into a fixed-size stage when near.
 */
export function FigureSlot({ block }: { block: FigureBlock }) {
  const id = useId();
  const ref = useRef<HTMLElement>(null);
  const near = useNearViewport(ref);
  const number = block.id.replace(/^figure-/, '');
  return (
    <figure
      ref={ref}
      id={block.id}
      className="lesson-figure"
      data-figure={block.figure.name}
      data-view={block.view}
      data-runs={block.runs}
      aria-labelledby={`${id}-caption`}
      aria-describedby={`${id}-alt`}
    >
      <div className="lesson-figure-stage">
        {near ? (
          <Suspense fallback={<FigurePlaceholder />}>
            <LazyFigure name={block.figure.name} {...(block.figure.options ? { options: block.figure.options } : {})} />
          </Suspense>
        ) : (
          <FigurePlaceholder />
        )}
      </div>
      <figcaption id={`${id}-caption`} className="lesson-figure-caption">
        <span className="lesson-figure-number">Figure {number}.</span> {block.figure.caption}
      </figcaption>
      <p id={`${id}-alt`} className="lesson-figure-alt">
        {block.alt}
      </p>
    </figure>
  );
}
