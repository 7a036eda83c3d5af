import { useEffect, useId } from 'react';
import { selectSnapshot, useLabStoreThrottled } from '../../store/index.ts';
import { keyRows } from './derive.ts';
import { globMatch } from '../../redis/glob.ts';
import { useLabEngaged } from './engagement.ts';
import { lazyPanel, PanelPlaceholder } from './lazyPanel.tsx';
import './stores.css';

const MAX_ROWS = 40;
/** Beyond this many keys the list alone cannot be taken in at a glance: a grid shows them all. */
const GRID_FROM = 9;
/** The grid draws at most this many keys: each refresh derives every drawn key's touch and TTL. */
const GRID_MAX = 120;
/** About one key's row, for the space the rows take while their code loads. */
const ROW_PX = 66;

// The rows' code loads with the first key (an empty cache needs only its sentence) or on engagement.
const KeyList = lazyPanel(
  () => import('./KeyList.tsx').then((m) => m.KeyList),
  ({ rows }) => <PanelPlaceholder label="the keys" minHeight={Math.min(rows.length, 4) * ROW_PX} />,
);

/**
 * The keys in Redis at the cursor, with TTL bars counting down in virtual time; `match` (a glob)
 * keeps only the keys a figure is about.
 */
export function Keyspace({ match }: { match?: string } = {}) {
  const titleId = useId();
  const engaged = useLabEngaged();
  useEffect(() => {
    if (engaged) void KeyList.preload().catch(() => undefined);
  }, [engaged]);
  const { trace, index, time, snapshot } = useLabStoreThrottled((s) => ({ trace: s.trace, index: Math.min(s.cursor.index, s.trace.length), time: s.cursor.time, snapshot: selectSnapshot(s) }), 2);
  const keyspace = snapshot && match !== undefined ? new Map([...snapshot.keyspace].filter(([key]) => globMatch(match, key))) : snapshot?.keyspace;
  const live = keyspace?.size ?? 0;
  const rows = keyspace ? keyRows(trace.events, keyspace, index, time, live >= GRID_FROM ? GRID_MAX : MAX_ROWS) : [];

  return (
    // It scrolls (max-height in lab.css), so it takes focus: keyboard users scroll it with the arrow keys.
    <section role="group" className="cal-panel cal-keyspace" aria-labelledby={titleId} tabIndex={0}>
      <header className="cal-panel-head">
        <h3 id={titleId} className="cal-panel-title">
          Keyspace
        </h3>
        <span className="cal-muted">{live === 1 ? '1 key' : `${live} keys`}</span>
      </header>
      {rows.length === 0 ? (
        <p className="cal-empty">The cache is empty.</p>
      ) : (
        <KeyList rows={rows} shown={rows.slice(0, MAX_ROWS)} live={live} grid={live >= GRID_FROM} trace={trace.events} index={index} />
      )}
      {live > MAX_ROWS && <p className="cal-muted cal-small">Showing {MAX_ROWS} of {live} keys.</p>}
    </section>
  );
}
