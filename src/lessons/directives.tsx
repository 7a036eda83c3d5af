/**
 * The directive registry: each block kind the pipeline emits maps to the component that draws it.
 * New content features add a block kind in the pipeline and a row here.
 */
import type { ComponentType } from 'react';
import { CodeBlock } from './CodeBlock.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { FigureSlot } from './FigureSlot.tsx';
import { LabSlot } from './LabSlot.tsx';
import { MermaidSlot } from './MermaidSlot.tsx';
import type { LessonBlock } from './types.ts';

export interface DirectiveContext {
  /** Lab ids (`lab-1`) whose checks the learner has passed. */
  passedChecks: ReadonlySet<string>;
  onCheckPassed(labId: string): void;
}

type Directive<K extends LessonBlock['kind']> = ComponentType<{ block: Extract<LessonBlock, { kind: K }>; context: DirectiveContext }>;

export const directives: { [K in LessonBlock['kind']]: Directive<K> } = {
  // Our own build output: markdown rendered at build time with raw HTML escaped.
  html: ({ block }) => <div className="prose" dangerouslySetInnerHTML={{ __html: block.html }} />,
  code: ({ block }) => <CodeBlock tabs={block.tabs} />,
  mermaid: ({ block }) => <MermaidSlot code={block.code} />,
  lab: ({ block, context }) => (
    <LabSlot lab={block.lab} labId={block.id} passed={context.passedChecks.has(block.id)} onCheckPassed={() => context.onCheckPassed(block.id)} />
  ),
  figure: ({ block }) => <FigureSlot block={block} />,
};

const WHAT: Partial<Record<LessonBlock['kind'], string>> = { lab: 'this lab', mermaid: 'this diagram', figure: 'this figure' };

export function LessonBlocks({ blocks, context }: { blocks: LessonBlock[]; context: DirectiveContext }) {
  return (
    <>
      {blocks.map((block, index) => {
        const Component = directives[block.kind] as Directive<typeof block.kind>;
        // One failing lab or diagram shows its own message; the rest of the lesson stays readable.
        return (
          <ErrorBoundary key={index} compact what={WHAT[block.kind] ?? 'this part'}>
            <Component block={block as never} context={context} />
          </ErrorBoundary>
        );
      })}
    </>
  );
}
