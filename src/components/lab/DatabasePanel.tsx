import { useId } from 'react';
import { selectSnapshot, useLabStoreThrottled } from '../../store/index.ts';
import { cachedVersion, databaseRows, freshness } from './database-view.ts';
import { CopyVersion, RowsTable, RowsTableRow } from './RowsTable.tsx';
import './stores.css';

const MAX_ROWS = 40;

/**
 * The database beside the cache: each row the lab has queried (or warmed a cached copy from at the
 * start), its version at the cursor, and the version the cache holds for it; a cached copy older
 * than its row is marked stale, a newer one (write-behind, before the worker copies it) as not in
 * the database yet.
 */
export function DatabasePanel() {
  const titleId = useId();
  const { trace, index, snapshot } = useLabStoreThrottled((s) => ({ trace: s.trace, index: Math.min(s.cursor.index, s.trace.length), snapshot: selectSnapshot(s) }), 2);
  const rows = [...databaseRows(trace.events, index).values()];
  const shown = rows.slice(0, MAX_ROWS);
  const states = rows.map((row) => freshness(snapshot?.keyspace.get(row.key), row));
  const staleCount = states.filter((state) => state === 'stale').length;
  const behindCount = states.filter((state) => state === 'ahead').length;

  return (
    <section role="group" className="cal-panel cal-database" aria-labelledby={titleId} tabIndex={0}>
      <header className="cal-panel-head">
        <h3 id={titleId} className="cal-panel-title">
          Database
        </h3>
        <span className="cal-muted">
          {rows.length === 1 ? '1 row' : `${rows.length} rows`}
          {staleCount > 0 ? ` · ${staleCount} stale in cache` : ''}
          {behindCount > 0 ? ` · ${behindCount} behind the cache` : ''}
        </span>
      </header>
      {shown.length === 0 ? (
        // Lesson 11: beside "DB reads 1" after a request for a user that does not exist, "no row read" read as a contradiction.
        <p className="cal-empty">{(snapshot?.metrics.dbReads ?? 0) > 0 ? 'No row yet: the database was queried and found none.' : 'No row read or written yet.'}</p>
      ) : (
        <RowsTable caption="Rows behind the cache, their version, and the version cached in Redis" columns={['row', 'version', 'in cache']}>
          {shown.map((row) => {
            const entry = snapshot?.keyspace.get(row.key);
            const state = freshness(entry, row);
            const cached = cachedVersion(entry);
            return (
              <RowsTableRow key={row.key} name={`${row.table}/${row.id}`} stale={state === 'stale'} data={{ 'data-row': row.key }}>
                <td>
                  v{row.version}
                  {row.writes > 0 && <span className="cal-muted"> · {row.writes === 1 ? '1 write' : `${row.writes} writes`}</span>}
                </td>
                <td>
                  {cached === null ? (
                    <span className="cal-muted">{entry ? 'no row' : 'not cached'}</span>
                  ) : state === 'ahead' ? (
                    <span className="cal-ahead">v{cached} newer: not in the database yet</span>
                  ) : (
                    <CopyVersion version={cached} stale={state === 'stale'} />
                  )}
                </td>
              </RowsTableRow>
            );
          })}
        </RowsTable>
      )}
      {rows.length > MAX_ROWS && <p className="cal-muted cal-small">Showing {MAX_ROWS} of {rows.length} rows.</p>}
    </section>
  );
}
