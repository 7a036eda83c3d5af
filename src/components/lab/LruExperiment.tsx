import { memo, useMemo } from 'react';
import type { LruPanel } from '../../scenarios/eviction-compare.ts';
import './keygrid.css';
import './lru-experiment.css';

/**
 * Redis's documented LRU test as the emulator ran it (`lruExperiment`): one panel per sampling
 * setting and one for true LRU, every key a dot, oldest first, left to right, top to bottom.
 * `added` replays it: the state once that many new keys were written (default: all of them).
 */
export function LruExperiment({ panels, added }: { panels: readonly LruPanel[]; added?: number }) {
  return (
    <div className="cal-lru-figure">
      <div className="cal-lru-panels">
        {panels.map((panel) => (
          <LruPanelView key={panel.label} panel={panel} added={added ?? panel.added.length} />
        ))}
      </div>
      <p className="cal-keygrid-legend cal-small" aria-hidden="true">
        <span><i className="cal-lru-dot is-evicted" /> old key, evicted</span>
        <span><i className="cal-lru-dot is-kept" /> old key, kept</span>
        <span><i className="cal-lru-dot is-new" /> new key</span>
        <span><i className="cal-lru-dot is-new is-evicted" /> new key, evicted</span>
      </p>
    </div>
  );
}

/** A panel once `added` new keys are in: which keys are gone, and how many of them true LRU would still hold. */
export function lruPanelAt(panel: LruPanel, added: number) {
  const gone = panel.evictedAfter.map((after) => after !== null && after <= added);
  const old = gone.slice(0, panel.old.length);
  // True LRU has evicted exactly the `added` oldest so far: any later old key gone is out of order.
  const wrong = old.filter((isGone, i) => isGone && i >= added).length;
  const lostNew = gone.slice(panel.old.length, panel.old.length + added).filter(Boolean).length;
  return { gone, wrong, keptOld: old.filter((isGone) => !isGone).length, lostNew };
}

/** Re-rendered only when a whole new key is in (the replay's clock moves every frame). */
const LruPanelView = memo(function LruPanelView({ panel, added }: { panel: LruPanel; added: number }) {
  const { gone, wrong, keptOld, lostNew } = useMemo(() => lruPanelAt(panel, added), [panel, added]);
  const summary = `${panel.label}: kept ${keptOld} of ${panel.old.length} old keys, evicted ${wrong} that true LRU keeps${lostNew > 0 ? ` and ${lostNew} new keys` : ''}, with ${added} of ${panel.added.length} new keys added.`;
  return (
    <div className="cal-lru-panel" data-samples={panel.samples ?? 'exact'}>
      <p className="cal-small cal-lru-title">
        {panel.label}: {wrong === 0 ? 'no key out of order' : `${wrong} keys evicted out of order`}
      </p>
      <div className="cal-lru-dots" role="img" aria-label={summary}>
        {panel.old.map((_, i) => (
          <i key={`o${i}`} className={`cal-lru-dot ${gone[i] ? 'is-evicted' : 'is-kept'}`} />
        ))}
        {panel.added.map((_, i) => (
          <i key={`n${i}`} className={`cal-lru-dot ${i >= added ? 'is-pending' : `is-new${gone[panel.old.length + i] ? ' is-evicted' : ''}`}`} />
        ))}
      </div>
    </div>
  );
});
