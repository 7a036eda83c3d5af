import { useEffect, useId, useMemo, useState } from 'react';
import { lruExperiment, type LruPanel } from '../../scenarios/eviction-compare.ts';
import './eviction.css';

/** Keys in the LRU experiment (Redis's documentation draws the same test). */
export const EXPERIMENT_KEYS = 300;

/**
 * Shown below labs with an eviction policy: Redis's approximated LRU against exact LRU, computed by
 * the emulator (the policies themselves are compared side by side in the lesson's pair).
 */
export function EvictionPanel() {
  const titleId = useId();
  return (
    <section role="group" className="cal-panel cal-eviction" aria-labelledby={titleId}>
      <header className="cal-panel-head">
        <h3 id={titleId} className="cal-panel-title">
          Redis's LRU against true LRU
        </h3>
      </header>
      <LruFigure />
    </section>
  );
}

function LruFigure() {
  const titleId = useId();
  const [panels, setPanels] = useState<LruPanel[] | null>(null);
  // ~50 ms of work: after the first paint, not during it.
  useEffect(() => {
    const timer = setTimeout(() => setPanels(lruExperiment(EXPERIMENT_KEYS, [5, 10])), 0);
    return () => clearTimeout(timer);
  }, []);
  const added = Math.floor(EXPERIMENT_KEYS / 2);
  return (
    <figure className="cal-lru-figure" aria-labelledby={titleId}>
      <figcaption id={titleId}>
        <strong>Approximated LRU against true LRU.</strong> {EXPERIMENT_KEYS} keys read in order (oldest first, left to right, top to bottom), then {added} new
        keys added to the full cache. True LRU evicts exactly the oldest {added}.
      </figcaption>
      {panels === null ? (
        <p className="cal-muted cal-small">Running the experiment…</p>
      ) : (
        <div className="cal-lru-panels">
          {panels.map((panel) => (
            <LruPanelView key={panel.label} panel={panel} />
          ))}
        </div>
      )}
      <p className="cal-keygrid-legend cal-small" aria-hidden="true">
        <span><i className="cal-lru-dot is-evicted" /> old key, evicted</span>
        <span><i className="cal-lru-dot is-kept" /> old key, kept</span>
        <span><i className="cal-lru-dot is-new" /> new key</span>
        <span><i className="cal-lru-dot is-new is-evicted" /> new key, evicted</span>
      </p>
    </figure>
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

