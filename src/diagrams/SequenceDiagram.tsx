import { useMemo } from 'react';
import type { TraceEvent } from '../scenarios/events.ts';
import { MermaidDiagram } from './MermaidDiagram';
import { toSequenceDiagram } from './sequence';
import type { DiagramTheme } from './theme';

export interface SequenceDiagramProps {
  /** The trace events of one request (others are ignored), or of every request in `requests`. */
  events: readonly TraceEvent[];
  /** Several request ids: each gets its own App lifeline (a race drawn as a whole). */
  requests?: readonly number[];
  /** The lab draws a Writer apart from its apps: writes are the writer's (and drains the worker's), as in the flow. */
  writer?: boolean;
  title?: string;
  theme?: DiagramTheme;
}

/** One request's round trips between App, Redis and the Database, drawn as a sequence diagram. */
export function SequenceDiagram({ events, requests, writer = false, title = 'Sequence of one request', theme }: SequenceDiagramProps) {
  const key = requests?.join(',');
  // `key` stands for `requests`: a new array with the same ids draws nothing new.
  const code = useMemo(() => toSequenceDiagram(events, requests, writer), [events, key, writer]);
  return <MermaidDiagram code={code} title={title} {...(theme ? { theme } : {})} />;
}
