import { useId } from 'react';
import { useLabStore } from '../../store/index.ts';
import { keyRows, truncate, type KeyRow, type TouchKind } from './derive.ts';
import { formatMs, useSnapshot } from './hooks.ts';

const TOUCH_LABEL: Record<TouchKind, string> = { set: 'set', read: 'read', miss: 'missed', delete: 'deleted', expire: 'expired' };
const ROLE_LABEL: Record<KeyRow['role'], string | null> = { data: null, null: 'null sentinel', lock: 'lock' };
const MAX_ROWS = 60;

/** The keys in Redis at the cursor, with TTL bars counting down in virtual time. */
export function Keyspace() {
  const titleId = useId();
  const { trace, index, time } = useLabStore((s) => ({ trace: s.trace, index: Math.min(s.cursor.index, s.traceLength), time: s.cursor.time }));
  const snapshot = useSnapshot();
  const rows = snapshot ? keyRows(trace, snapshot.keyspace, index, time) : [];
  const shown = rows.slice(0, MAX_ROWS);
  const live = rows.filter((row) => !row.gone).length;

  return (
    <section className="cal-panel cal-keyspace" aria-labelledby={titleId}>
      <header className="cal-panel-head">
        <h3 id={titleId} className="cal-panel-title">
          Keyspace
        </h3>
        <span className="cal-muted">{live === 1 ? '1 key' : `${live} keys`}</span>
      </header>
      {shown.length === 0 ? (
        <p className="cal-empty">The cache is empty.</p>
      ) : (
        <ul className="cal-keys" aria-label="Keys in Redis">
          {shown.map((row) => (
            <KeyRowView key={row.key} row={row} />
          ))}
        </ul>
      )}
      {rows.length > MAX_ROWS && <p className="cal-muted cal-small">…and {rows.length - MAX_ROWS} more keys.</p>}
    </section>
  );
}

function KeyRowView({ row }: { row: KeyRow }) {
  const role = ROLE_LABEL[row.role];
  const ttlText =
    row.ttlLeft === null ? (row.gone ? '' : 'no TTL') : row.ttlLeft < 0 ? 'expired' : `${formatMs(row.ttlLeft)} left`;
  const status = row.touch ? TOUCH_LABEL[row.touch.kind] : null;
  return (
    <li className={`cal-key cal-key-${row.role}${row.gone ? ' is-gone' : ''}`} data-key={row.key} aria-label={`${row.key}${row.gone ? ' (gone)' : ''}`}>
      {row.touch && <span key={row.touch.seq} className={`cal-flash cal-flash-${row.touch.kind}`} aria-hidden="true" />}
      <div className="cal-key-line">
        <code className="cal-key-name">{row.key}</code>
        {!row.gone && <span className="cal-tag">{row.entry.type}</span>}
        {role && <span className={`cal-tag cal-tag-${row.role}`}>{role}</span>}
        {status && <span className={`cal-touch cal-touch-${row.touch!.kind}`}>{status}</span>}
      </div>
      {!row.gone && (
        <div className="cal-key-value" title={row.entry.value}>
          {row.entry.value === '' ? <span className="cal-muted">(empty string)</span> : truncate(row.entry.value, 64)}
        </div>
      )}
      {row.ttlShare !== null && (
        <div className="cal-ttl">
          <div
            className="cal-ttl-track"
            role="meter"
            aria-label={`TTL of ${row.key}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(row.ttlShare * 100)}
            aria-valuetext={ttlText}
          >
            <div className={`cal-ttl-fill${row.ttlShare < 0.2 ? ' is-low' : ''}`} style={{ width: `${row.ttlShare * 100}%` }} />
          </div>
          <span className="cal-ttl-text">{ttlText}</span>
        </div>
      )}
      {row.ttlShare === null && !row.gone && <div className="cal-ttl-text cal-muted">no TTL</div>}
    </li>
  );
}
