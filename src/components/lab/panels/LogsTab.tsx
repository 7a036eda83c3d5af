/** The Log tab: Redis commands and database queries up to the cursor. Loaded on first open. */
import { useMemo } from 'react';
import { CommandLog, QueryLog } from '../../logs/index.ts';
import { useLabStore, useLabStoreApi } from '../../../store/index.ts';
import './panels.css';

export function LabLogs() {
  const { trace, index } = useLabStore((s) => ({ trace: s.trace, index: Math.min(s.cursor.index, s.traceLength) }));
  // The logs memoize on the trace array, which grows in place; a copy per length keeps them current.
  const traceLength = useLabStore((s) => s.traceLength);
  const snapshot = useMemo(() => trace.slice(0, traceLength), [trace, traceLength]);
  const store = useLabStoreApi();
  const select = (seq: number) => {
    const event = trace[seq];
    const requestId = event && 'requestId' in event ? (event.requestId ?? null) : null;
    store.getState().selectRequest(typeof requestId === 'number' ? requestId : null);
    store.getState().seekIndex(seq + 1);
  };
  return (
    <div className="cal-logs">
      <CommandLog trace={snapshot} cursorIndex={index} onSelect={select} height={220} />
      <QueryLog trace={snapshot} cursorIndex={index} onSelect={select} height={220} />
    </div>
  );
}
