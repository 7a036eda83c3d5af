import { useId } from 'react';
import { selectOptionsAtCursor, useLabStoreThrottled } from '../../store/index.ts';
import { localCaches } from './local-view.ts';
import { formatDuration } from '../../scenarios/format.ts';
import { CopyVersion, RowsTable, RowsTableRow } from './RowsTable.tsx';
import './local.css';

const seconds = (ms: number) => formatDuration(Math.max(0, ms));

/**
 * Lesson 15: each app instance's own local cache at the cursor, every copy against its database
 * row (stale when older), and the invalidation messages sent, on their way and lost.
 */
export function LocalCaches() {
  const titleId = useId();
  const { trace, index, time, instances } = useLabStoreThrottled(
    (s) => ({ trace: s.trace.events, index: Math.min(s.cursor.index, s.trace.length), time: s.cursor.time, instances: Number(selectOptionsAtCursor(s).instances ?? 1) }),
    2,
  );
  const view = localCaches(trace, index, time, instances);
  const rows = view.rowVersions;
  const stale = view.instances.reduce((n, copies) => n + copies.filter((copy) => copy.version !== null && copy.version < (rows.get(copy.key) ?? 0)).length, 0);

  return (
    <section role="group" className="cal-panel cal-local" aria-labelledby={titleId} tabIndex={0}>
      <header className="cal-panel-head">
        <h3 id={titleId} className="cal-panel-title">
          Local caches
        </h3>
        <span className="cal-muted" data-testid="local-summary">
          {view.messagesSent === 1 ? '1 message' : `${view.messagesSent} messages`}
          {view.messagesInFlight > 0 ? ` · ${view.messagesInFlight} on the way` : ''}
          {view.messagesLost > 0 ? ` · ${view.messagesLost} lost` : ''}
          {stale > 0 ? ` · ${stale} stale ${stale === 1 ? 'copy' : 'copies'}` : ''}
        </span>
      </header>
      <div className="cal-local-grid">
        {view.instances.map((copies, instance) => (
          <div key={instance} className="cal-local-app" data-instance={instance}>
            <p className="cal-local-name">App {instance + 1}</p>
            {copies.length === 0 ? (
              <p className="cal-empty">Nothing kept locally.</p>
            ) : (
              <RowsTable caption={`App ${instance + 1}'s local copies, their version against the database row, and their local TTL left`} columns={['key', 'copy', 'TTL left']}>
                {copies.map((copy) => {
                  const row = rows.get(copy.key);
                  const isStale = copy.version !== null && row !== undefined && copy.version < row;
                  return (
                    <RowsTableRow key={copy.key} name={copy.key} stale={isStale} data={{ 'data-key': copy.key }}>
                      <td>{copy.version === null ? <span className="cal-muted">no row</span> : <CopyVersion version={copy.version} stale={isStale} {...(isStale ? { row } : {})} />}</td>
                      <td>{seconds(copy.expiresAt - time)}</td>
                    </RowsTableRow>
                  );
                })}
              </RowsTable>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
