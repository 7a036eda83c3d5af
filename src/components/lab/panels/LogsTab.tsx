/** The Log tab: Redis commands and database queries up to the cursor. Loaded on first open. */
import { useMemo } from 'react';
import { CommandLog, QueryLog, commandLogEntries, queryLogEntries } from '../../logs/index.ts';
import { useLabStore, useLabStoreApi } from '../../../store/index.ts';
import { drawsWriter } from '../flowGeometry.ts';
import './panels.css';

export function LabLogs() {
  const { trace, index } = useLabStore((s) => ({ trace: s.trace, index: Math.min(s.cursor.index, s.trace.length) }));
  // A new view is a new reference, so the rows follow the trace as it grows.
  // Name the Writer and the Worker as the flow draws them.
  const writer = useLabStore((s) => drawsWriter(s.scenario?.actions));
  const commands = useMemo(() => commandLogEntries(trace.events, trace.length, writer), [trace, writer]);
  const queries = useMemo(() => queryLogEntries(trace.events, trace.length, writer), [trace, writer]);
  const store = useLabStoreApi();
  const select = (seq: number) => {
    const event = trace.events[seq];
    const requestId = event && 'requestId' in event ? (event.requestId ?? null) : null;
    store.getState().selectRequest(typeof requestId === 'number' ? requestId : null);
    store.getState().seekIndex(seq + 1);
  };
  return (
    <div className="cal-logs">
      <CommandLog entries={commands} cursorIndex={index} onSelect={select} height={220} />
      <QueryLog entries={queries} cursorIndex={index} onSelect={select} height={220} />
    </div>
  );
}
