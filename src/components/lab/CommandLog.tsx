import { useMemo } from 'react';
import { replyPreview } from './derive.ts';
import { useLabStore } from '../../store/index.ts';
import { formatMs } from './hooks.ts';

const SHOWN = 40;

/** The Redis commands and database queries up to the cursor, newest last. */
export function CommandLog() {
  const { trace, index } = useLabStore((s) => ({ trace: s.trace, index: Math.min(s.cursor.index, s.traceLength) }));
  const rows = useMemo(() => {
    const out: { seq: number; at: number; text: string; kind: string; requestId: number | null }[] = [];
    for (let i = index - 1; i >= 0 && out.length < SHOWN; i--) {
      const event = trace[i]!;
      if (event.type === 'redis.executed') {
        out.push({ seq: event.seq, at: event.at, kind: 'redis', requestId: event.requestId, text: `${event.argv.join(' ')}  →  ${replyPreview(event.reply)}` });
      } else if (event.type === 'db.finished') {
        out.push({ seq: event.seq, at: event.at, kind: 'db', requestId: event.requestId, text: `DB ${event.op} ${event.table}/${event.id}  →  ${event.version === null ? 'not found' : `v${event.version}`} (${event.latencyMs} ms)` });
      }
    }
    return out.reverse();
  }, [trace, index]);
  const selected = useLabStore((s) => s.selectedRequest);
  const selectRequest = useLabStore((s) => s.selectRequest);
  const seekIndex = useLabStore((s) => s.seekIndex);
  if (rows.length === 0) return <p className="cal-muted">No commands yet.</p>;
  return (
    <ol className="cal-log" aria-label="Command log">
      {rows.map((row) => (
        <li key={row.seq} className={`cal-log-row cal-log-${row.kind}${row.requestId !== null && row.requestId === selected ? ' is-selected' : ''}`}>
          <button
            type="button"
            className="cal-log-button"
            onClick={() => {
              selectRequest(row.requestId);
              seekIndex(row.seq + 1);
            }}
          >
            <span className="cal-log-time">{formatMs(row.at)}</span>
            <code>{row.text}</code>
          </button>
        </li>
      ))}
    </ol>
  );
}
