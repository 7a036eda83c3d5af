import { memo, useId } from 'react';
import { selectSnapshot, useLabStoreThrottled } from '../../store/index.ts';
import { keyRows, truncate, type KeyRow, type TouchKind } from './derive.ts';
import { formatMs } from './hooks.ts';

const TOUCH_LABEL: Record<TouchKind, string> = { set: 'set', read: 'read', miss: 'missed', delete: 'deleted', expire: 'expired' };
const ROLE_LABEL: Record<KeyRow['role'], string | null> = { data: null, null: 'null sentinel', lock: 'lock' };
const MAX_ROWS = 40;

/** The keys in Redis at the cursor, with TTL bars counting down in virtual time. */
export function Keyspace() {
  const titleId = useId();
  const { trace, index, time, snapshot } = useLabStoreThrottled((s) => ({ trace: s.trace, index: Math.min(s.cursor.index, s.traceLength), time: s.cursor.time, snapshot: selectSnapshot(s) }), 2);
  const rows = snapshot ? keyRows(trace, snapshot.keyspace, index, time, MAX_ROWS) : [];
  const shown = rows;
  const live = snapshot?.keyspace.size ?? 0;

  return (
    // It scrolls (max-height in lab.css), so it takes focus: keyboard users scroll it with the arrow keys.
    <section role="group" className="cal-panel cal-keyspace" aria-labelledby={titleId} tabIndex={0}>
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
      {live > MAX_ROWS && <p className="cal-muted cal-small">Showing {MAX_ROWS} of {live} keys.</p>}
    </section>
  );
}

/** Tenths of a second: precise enough to read, and the text changes ten times a second at most. */
function ttlText(ms: number): string {
  if (ms < 1_000) return `${Math.ceil(ms / 100) * 100} ms`;
  return ms < 60_000 ? `${(Math.ceil(ms / 100) / 10).toFixed(1)} s` : formatMs(ms);
}

/** A row re-renders only when what it shows changes (the bar moves in 0.5% steps). */
const KeyRowView = memo(KeyRowContent, (a, b) => {
  const x = a.row;
  const y = b.row;
  return (
    x.key === y.key && x.entry === y.entry && x.gone === y.gone && x.role === y.role && x.touch?.seq === y.touch?.seq &&
    (x.ttlLeft === null) === (y.ttlLeft === null) && ttlText(x.ttlLeft ?? 0) === ttlText(y.ttlLeft ?? 0) &&
    Math.round((x.ttlShare ?? -1) * 200) === Math.round((y.ttlShare ?? -1) * 200)
  );
});

function KeyRowContent({ row }: { row: KeyRow }) {
  const role = ROLE_LABEL[row.role];
  const ttlLabel =
    row.ttlLeft === null ? (row.gone ? '' : 'no TTL') : row.ttlLeft < 0 ? 'expired' : `${ttlText(row.ttlLeft)} left`;
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
            aria-valuetext={ttlLabel}
          >
            <div className={`cal-ttl-fill${row.ttlShare < 0.2 ? ' is-low' : ''}`} style={{ transform: `scaleX(${row.ttlShare})` }} />
          </div>
          <span className="cal-ttl-text">{ttlLabel}</span>
        </div>
      )}
      {row.ttlShare === null && !row.gone && <div className="cal-ttl-text cal-muted">no TTL</div>}
    </li>
  );
}
