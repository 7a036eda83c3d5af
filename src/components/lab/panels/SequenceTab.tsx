/** The Sequence tab: one request as a sequence diagram (mermaid loads when it draws). Loaded on first open. */
import { useMemo, useRef } from 'react';
import { SequenceDiagram } from '../../../diagrams/index.ts';
import type { TraceEvent } from '../../../scenarios/events.ts';
import { useLabStore } from '../../../store/index.ts';

/** The request to draw: the one chosen in the log, else the latest that has started by the cursor. */
export function LabSequence() {
  const { trace, traceLength, requestId } = useLabStore((s) => {
    let requestId = s.selectedRequest;
    if (requestId === null) {
      for (let i = Math.min(s.cursor.index, s.traceLength) - 1; i >= 0; i--) {
        const event = s.trace[i]!;
        if (event.type === 'request.arrived') {
          requestId = event.requestId;
          break;
        }
      }
    }
    return { trace: s.trace, traceLength: s.traceLength, requestId };
  });
  const previous = useRef<readonly TraceEvent[]>([]);
  const events = useMemo(() => {
    if (requestId === null) return [];
    const mine = trace.slice(0, traceLength).filter((event) => 'requestId' in event && event.requestId === requestId);
    // Same events as last time: keep the array, so the diagram is not drawn again.
    if (mine.length === previous.current.length && mine[0] === previous.current[0]) return previous.current;
    previous.current = mine;
    return mine;
  }, [trace, traceLength, requestId]);
  if (requestId === null || events.length === 0) return <p className="cal-muted">No request yet. Run one, or choose a command in the log.</p>;
  return <SequenceDiagram events={events} title={`Sequence of request ${requestId}`} />;
}
