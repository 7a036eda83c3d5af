import { useMemo } from 'react';
import type { TraceEvent } from '../../scenarios/events.ts';
import { queryText } from '../../diagrams/labels';
import { actorName, queryLogEntries, rowsBefore, virtualSeconds, type QueryLogEntry } from './entries';
import { VirtualLog } from './VirtualLog';

export interface QueryLogProps {
  /** The rows (see `queryLogEntries`); pass `trace` instead to have them derived here. */
  entries?: readonly QueryLogEntry[];
  trace?: readonly TraceEvent[];
  /** Events [0, cursorIndex) have happened; later rows are hidden, unfinished ones say so. */
  cursorIndex: number;
  /** Called with the trace index (`seq`) of the chosen row's event. */
  onSelect?: (seq: number) => void;
  height?: number;
  label?: string;
}

/** What a row says about the query's outcome at the cursor. */
export function queryOutcome(entry: QueryLogEntry, cursorIndex: number): { text: string; state: 'running' | 'ok' | 'error' } {
  const finish = entry.finish;
  if (!finish || finish.seq >= cursorIndex) return { text: 'running…', state: 'running' };
  if (!finish.ok) return { text: `failed · ${finish.latencyMs} ms`, state: 'error' };
  const version = entry.op === 'write' ? `→ v${finish.version ?? '?'}` : finish.version === null ? 'no row' : `v${finish.version}`;
  return { text: `took ${finish.latencyMs} ms · ${version}`, state: 'ok' };
}

/** The database query log: each query, how long it queued for a connection, how long it took, the version. */
export function QueryLog({ entries, trace, cursorIndex, onSelect, height, label = 'Database query log' }: QueryLogProps) {
  const rows = useMemo(() => entries ?? queryLogEntries(trace ?? []), [entries, trace]);
  const count = rowsBefore(rows, cursorIndex);
  return (
    <VirtualLog
      rows={rows}
      count={count}
      label={label}
      empty="No queries yet."
      {...(height === undefined ? {} : { height })}
      onSelect={(row) => onSelect?.(row.seq)}
      describeRow={(row) => {
        const outcome = queryOutcome(row, cursorIndex);
        return `${virtualSeconds(row.at)} ${actorName(row.instance, row.by)} ${queryText(row.op, row.table, row.id)}, waited ${row.waitMs} ms, ${outcome.text}`;
      }}
      renderRow={(row) => {
        const outcome = queryOutcome(row, cursorIndex);
        return (
          <>
            <span className="cal-log__time">{virtualSeconds(row.at)}</span>
            <span className="cal-log__who">{actorName(row.instance, row.by)}</span>
            <span className="cal-log__main">{queryText(row.op, row.table, row.id)}</span>
            <span className={row.waitMs > 0 ? 'cal-log__wait cal-log__wait--queued' : 'cal-log__wait'}>wait {row.waitMs} ms</span>
            <span className={`cal-log__reply cal-log__reply--${outcome.state}`}>{outcome.text}</span>
          </>
        );
      }}
    />
  );
}
