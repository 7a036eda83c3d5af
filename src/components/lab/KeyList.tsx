/**
 * The keyspace's keys: one row each (value, TTL bar, what just happened, stale against its row),
 * and beyond a handful of keys a grid of them all. Loaded once the keyspace first has a key to
 * show (or the learner engages with the lab): an empty cache's first paint does without it.
 */
import { memo, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { TraceEvent } from '../../scenarios/events.ts';
import { listItems, truncate, type KeyRow, type TouchKind } from './derive.ts';
import { databaseRows, freshness } from './database-view.ts';
import { formatMoment } from '../../scenarios/format.ts';
import './keygrid.css';

const TOUCH_LABEL: Record<TouchKind, string> = { set: 'set', read: 'read', miss: 'missed', delete: 'deleted', expire: 'expired', evict: 'evicted' };
const ROLE_LABEL: Record<KeyRow['role'], string | null> = { data: null, null: 'null sentinel', lock: 'lock' };

export interface KeyListProps {
  /** The rows `keyRows` derived at the cursor (`index` events of `trace`); `shown` of them listed. */
  readonly rows: readonly KeyRow[];
  readonly shown: readonly KeyRow[];
  /** How many keys are in Redis, and whether they are many enough for the grid. */
  readonly live: number;
  readonly grid: boolean;
  readonly trace: readonly TraceEvent[];
  readonly index: number;
}

export function KeyList({ rows, shown, live, grid, trace, index }: KeyListProps) {
  const dbRows = databaseRows(trace, index);
  const stale = new Set(rows.filter((row) => !row.gone && freshness(row.entry, dbRows.get(row.key)) === 'stale').map((row) => row.key));
  return (
    <>
      {grid && <KeyGrid rows={rows} stale={stale} live={live} />}
      <ul className="cal-keys" aria-label="Keys in Redis">
        {shown.map((row) => (
          <KeyRowView key={row.key} row={row} stale={stale.has(row.key)} />
        ))}
      </ul>
    </>
  );
}

/** Tenths of a second: precise enough to read, and the text changes ten times a second at most. */
function ttlText(ms: number): string {
  // Rounded up to a tenth first, so 950 ms reads "1.0 s" and 59,950 ms "1 min", never "1000 ms" or "60.0 s".
  const tenths = Math.ceil(ms / 100);
  if (tenths < 10) return `${tenths * 100} ms`;
  return tenths < 600 ? `${(tenths / 10).toFixed(1)} s` : formatMoment(tenths * 100);
}

/** A row re-renders only when what it shows changes (the bar moves in 0.5% steps). */
const KeyRowView = memo(KeyRowContent, (a, b) => {
  const x = a.row;
  const y = b.row;
  return (
    a.stale === b.stale &&
    x.key === y.key && x.entry === y.entry && x.gone === y.gone && x.role === y.role && x.touch?.seq === y.touch?.seq && accessText(x) === accessText(y) &&
    (x.ttlLeft === null) === (y.ttlLeft === null) && ttlText(x.ttlLeft ?? 0) === ttlText(y.ttlLeft ?? 0) &&
    Math.round((x.ttlShare ?? -1) * 200) === Math.round((y.ttlShare ?? -1) * 200)
  );
});

function KeyRowContent({ row, stale }: { row: KeyRow; stale: boolean }) {
  const role = ROLE_LABEL[row.role];
  const ttlLabel =
    row.ttlLeft === null ? (row.gone ? '' : 'no TTL') : row.ttlLeft < 0 ? 'expired' : `${ttlText(row.ttlLeft)} left`;
  // A change names its command (shown in capitals): a list grows by RPUSH, not by SET.
  const status = row.touch ? (row.touch.kind === 'set' && row.touch.command ? row.touch.command : TOUCH_LABEL[row.touch.kind]) : null;
  const access = row.gone ? null : accessText(row);
  return (
    <li className={`cal-key cal-key-${row.role}${row.gone ? ' is-gone' : ''}${stale ? ' is-stale' : ''}`} data-key={row.key} data-stale={stale || undefined} aria-label={`${row.key}${row.gone ? ' (gone)' : stale ? ' (stale)' : ''}`}>
      {row.touch && <span key={row.touch.seq} className={`cal-flash cal-flash-${row.touch.kind}`} aria-hidden="true" />}
      <div className="cal-key-line">
        <code className="cal-key-name">{row.key}</code>
        {!row.gone && <span className="cal-tag">{row.entry.type}</span>}
        {role && <span className={`cal-tag cal-tag-${row.role}`}>{role}</span>}
        {stale && <span className="cal-tag cal-tag-stale">stale: older than its row</span>}
        {status && <span className={`cal-touch cal-touch-${row.touch!.kind}`}>{status}</span>}
        {access && <span className="cal-muted cal-small">{access}</span>}
      </div>
      {!row.gone && row.entry.type === 'list' ? (
        <ListItems preview={row.entry.value} name={row.key} />
      ) : (
        !row.gone && (
          <div className="cal-key-value" title={row.entry.value}>
            {row.entry.value === '' ? <span className="cal-muted">(empty string)</span> : truncate(row.entry.value, 64)}
          </div>
        )
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

const LIST_SHOWN = 6;

/** A list's items, index 0 (the left end, where LMOVE … LEFT takes from) first. */
function ListItems({ preview, name }: { preview: string; name: string }) {
  const items = listItems(preview);
  const shown = items.slice(0, LIST_SHOWN);
  return (
    <ol className="cal-key-items" aria-label={`${name}: ${items.length === 1 ? '1 item' : `${items.length} items`}, left end first`}>
      {shown.map((item, i) => (
        <li key={i} title={item}>
          {truncate(item, 60)}
        </li>
      ))}
      {items.length > LIST_SHOWN && <li className="cal-muted">… {items.length - LIST_SHOWN} more</li>}
    </ol>
  );
}

const GRID_STATE: Record<TouchKind, string> = { read: 'hit', miss: 'miss', set: 'set', delete: 'deleted', expire: 'expired', evict: 'evicted' };

/** What LRU or LFU compares for a key: its idle time, or its access counter under LFU. */
function accessText(row: KeyRow): string | null {
  if (row.freq !== null) return `freq ${row.freq}`;
  return row.idleMs === null ? null : `idle ${Math.floor(row.idleMs / 1000)} s`;
}

/**
 * Every key as one cell, in the keyspace's natural order: colour says what just happened to it
 * (hit, miss, set), the fill how much TTL is left, a ring that the copy is stale.
 */
function KeyGrid({ rows, stale, live }: { rows: readonly KeyRow[]; stale: ReadonlySet<string>; live: number }) {
  const counts = { hit: 0, miss: 0, set: 0, stale: stale.size, expiring: 0, evicted: 0 };
  for (const row of rows) {
    if (row.touch?.kind === 'read') counts.hit++;
    else if (row.touch?.kind === 'miss') counts.miss++;
    else if (row.touch?.kind === 'set') counts.set++;
    else if (row.touch?.kind === 'evict') counts.evicted++;
    if (!row.gone && row.ttlShare !== null && row.ttlShare < 0.2) counts.expiring++;
  }
  const summary =
    `${live} keys${rows.length < live ? ` (${rows.length} drawn)` : ''}: ${counts.hit} just hit, ${counts.miss} just missed, ` +
    `${counts.set} just set, ${counts.expiring} with under a fifth of their TTL left${counts.stale > 0 ? `, ${counts.stale} stale` : ''}` +
    `${counts.evicted > 0 ? `, ${counts.evicted} just evicted` : ''}.`;
  // One Tab stop for the whole grid (roving tabindex): arrows move between keys, each cell says its key and state.
  const [active, setActive] = useState<string | null>(null);
  const focused = rows.some((row) => row.key === active) ? active : (rows[0]?.key ?? null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const cells = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-cell]')];
    const at = cells.findIndex((cell) => cell.dataset.cell === focused);
    if (at < 0) return;
    const top = cells[0]!.offsetTop;
    const columns = Math.max(1, cells.findIndex((cell) => cell.offsetTop !== top) === -1 ? cells.length : cells.findIndex((cell) => cell.offsetTop !== top));
    const moves: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, ArrowDown: at + columns, ArrowUp: at - columns, Home: 0, End: cells.length - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    // The lab's own arrow keys step the playback; inside the grid they move between keys instead.
    event.stopPropagation();
    const target = cells[Math.max(0, Math.min(cells.length - 1, next))]!;
    setActive(target.dataset.cell!);
    target.focus();
  };
  return (
    <div className="cal-keygrid-wrap">
      <div className="cal-keygrid" role="list" aria-label={`${summary} Arrow keys move between the keys.`} onKeyDown={onKeyDown} data-no-shortcuts>
        {rows.map((row) => {
          const state = row.touch ? GRID_STATE[row.touch.kind] : 'idle';
          // Tenths of the TTL and of a second: a cell re-renders only when what it shows changes.
          const share = row.gone ? 0 : Math.round((row.ttlShare ?? 1) * 10) / 10;
          const left = row.ttlLeft !== null && row.ttlLeft >= 0 ? ttlText(row.ttlLeft) : null;
          return (
            <KeyCell key={row.key} name={row.key} state={state} role={row.role} stale={stale.has(row.key)} gone={row.gone} share={share} left={left} tabbable={row.key === focused} onFocus={setActive} access={accessText(row)} />
          );
        })}
      </div>
      <p className="cal-keygrid-legend cal-small" aria-hidden="true">
        <span><i className="cal-cell cal-cell-hit" /> hit</span>
        <span><i className="cal-cell cal-cell-miss" /> miss</span>
        <span><i className="cal-cell cal-cell-set" /> set</span>
        <span><i className="cal-cell is-stale" /> stale</span>
        {counts.evicted > 0 && <span><i className="cal-cell cal-cell-evicted" /> evicted</span>}
        <span><i className="cal-cell cal-cell-idle" style={{ '--ttl': 0.4 } as CSSProperties} /> fill = TTL left</span>
      </p>
    </div>
  );
}

/**
 * What a cell shows of its key where cells are large enough to read (the figures' grids): the part
 * after the last colon when it is short ("1" for user:1), so the hot keys can be told apart at a glance.
 */
export function cellName(key: string): string | null {
  const tail = key.slice(key.lastIndexOf(':') + 1);
  return tail.length > 0 && tail.length <= 3 ? tail : null;
}

const KeyCell = memo(function KeyCell({ name, state, role, stale, gone, share, left, tabbable, onFocus, access }: { name: string; state: string; role: KeyRow['role']; stale: boolean; gone: boolean; share: number; left: string | null; tabbable: boolean; onFocus: (name: string) => void; access: string | null }) {
  const label = `${name}: ${state === 'idle' ? 'cached' : state}${left ? `, ${left} left` : ''}${access ? `, ${access}` : ''}${stale ? ', stale' : ''}`;
  return (
    <span
      role="listitem"
      tabIndex={tabbable ? 0 : -1}
      aria-label={label}
      className={`cal-cell cal-cell-${state} cal-cell-${role}${stale ? ' is-stale' : ''}${gone ? ' is-gone' : ''}`}
      style={{ '--ttl': share } as CSSProperties}
      data-cell={name}
      title={label}
      onFocus={() => onFocus(name)}
    >
      {cellName(name) !== null && (
        <span className="cal-cell-name" aria-hidden="true">
          {cellName(name)}
        </span>
      )}
    </span>
  );
});
