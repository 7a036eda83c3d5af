import { useMemo } from 'react';
import type { LruPanel } from '../../scenarios/eviction-compare.ts';
import './keygrid.css';
import './lru-experiment.css';

/**
 * Redis's documented LRU test as the emulator ran it (`lruExperiment`): one panel per sampling
 * setting and one for true LRU, every key a dot, oldest first, left to right, top to bottom.
 */
export function LruExperiment({ panels }: { panels: readonly LruPanel[] }) {
  return (
    <div className="cal-lru-figure">
      <div className="cal-lru-panels">
        {panels.map((panel) => (
          <LruPanelView key={panel.label} panel={panel} />
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

function LruPanelView({ panel }: { panel: LruPanel }) {
  const summary = useMemo(() => {
    const keptOld = panel.old.filter(Boolean).length;
    const lostNew = panel.added.filter((kept) => !kept).length;
    return `${panel.label}: kept ${keptOld} of ${panel.old.length} old keys, evicted ${panel.wrongEvictions} that true LRU keeps${lostNew > 0 ? ` and ${lostNew} new keys` : ''}.`;
  }, [panel]);
  return (
    <div className="cal-lru-panel" data-samples={panel.samples ?? 'exact'}>
      <p className="cal-small cal-lru-title">
        {panel.label}: {panel.wrongEvictions === 0 ? 'no key out of order' : `${panel.wrongEvictions} keys evicted out of order`}
      </p>
      <div className="cal-lru-dots" role="img" aria-label={summary}>
        {panel.old.map((kept, i) => (
          <i key={`o${i}`} className={`cal-lru-dot ${kept ? 'is-kept' : 'is-evicted'}`} />
        ))}
        {panel.added.map((kept, i) => (
          <i key={`n${i}`} className={`cal-lru-dot is-new${kept ? '' : ' is-evicted'}`} />
        ))}
      </div>
    </div>
  );
}
