import { useMemo } from 'react';
import type { TraceEvent } from '../../scenarios/events.ts';
import { binaryToUtf8 } from '../../redis/bytes.ts';
import { quoteBytes } from '../../redis/cli/format.ts';
import { replySummary } from '../../diagrams/labels';
import { actorName, commandLogEntries, rowsBefore, virtualSeconds, type CommandLogEntry } from './entries';
import { VirtualLog } from './VirtualLog';

export interface CommandLogProps {
  /** The rows (see `commandLogEntries`); pass `trace` instead to have them derived here. */
  entries?: readonly CommandLogEntry[];
  trace?: readonly TraceEvent[];
  /** Events [0, cursorIndex) have happened; later rows are hidden. */
  cursorIndex: number;
  /** Called with the trace index (`seq`) of the chosen row's event. */
  onSelect?: (seq: number) => void;
  height?: number;
  label?: string;
}

/** A row as MONITOR prints it: `1.204 [0 app-1] "GET" "user:42"`. */
export function monitorLine(entry: CommandLogEntry): string {
  return `${virtualSeconds(entry.at)} [${entry.db} ${actorName(entry.actor, entry.by)}] ${entry.argv.map((arg) => binaryToUtf8(quoteBytes(arg))).join(' ')}`;
}

/** The Redis command log, MONITOR style, with each reply and a hit/miss badge. */
export function CommandLog({ entries, trace, cursorIndex, onSelect, height, label = 'Redis command log' }: CommandLogProps) {
  const rows = useMemo(() => entries ?? commandLogEntries(trace ?? []), [entries, trace]);
  const count = rowsBefore(rows, cursorIndex);
  return (
    <VirtualLog
      rows={rows}
      count={count}
      label={label}
      empty="No commands yet."
      {...(height === undefined ? {} : { height })}
      onSelect={(row) => onSelect?.(row.seq)}
      describeRow={(row) => `${monitorLine(row)}, ${row.reply ? replySummary(row.reply) : row.failure}${row.outcome ? `, ${row.outcome}` : ''}`}
      renderRow={(row) => (
        <>
          <span className="cal-log__time">{virtualSeconds(row.at)}</span>
          <span className="cal-log__who">[{row.db} {actorName(row.actor, row.by)}]</span>
          <span className="cal-log__main">{row.argv.map((arg) => binaryToUtf8(quoteBytes(arg))).join(' ')}</span>
          <span className={row.reply?.type === 'error' || !row.reply ? 'cal-log__reply cal-log__reply--error' : 'cal-log__reply'}>
            {row.reply ? replySummary(row.reply) : row.failure}
          </span>
          {row.outcome ? <span className={`cal-log__badge cal-log__badge--${row.outcome}`}>{row.outcome}</span> : <span className="cal-log__badge" />}
        </>
      )}
    />
  );
}
