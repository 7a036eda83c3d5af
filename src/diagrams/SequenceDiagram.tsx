import { useMemo } from 'react';
import type { TraceEvent } from '../scenarios/events.ts';
import { MermaidDiagram } from './MermaidDiagram';
import { toSequenceDiagram } from './sequence';
import type { DiagramTheme } from './theme';

export interface SequenceDiagramProps {
  /** The trace events of one request (others are ignored). */
  events: readonly TraceEvent[];
  title?: string;
  theme?: DiagramTheme;
}

/** One request's round trips between App, Redis and the Database, drawn as a sequence diagram. */
export function SequenceDiagram({ events, title = 'Sequence of one request', theme }: SequenceDiagramProps) {
  const code = useMemo(() => toSequenceDiagram(events), [events]);
  return <MermaidDiagram code={code} title={title} {...(theme ? { theme } : {})} />;
}
