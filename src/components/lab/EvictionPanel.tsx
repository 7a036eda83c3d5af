import { useEffect, useId, useMemo, useState } from 'react';
import { selectOptionsAtCursor, useLabStore } from '../../store/index.ts';
import { optionSpecs } from '../../scenarios/options.ts';
import { comparePolicies, EVICTION_POLICIES, lruExperiment, type LruPanel, type PolicyResult } from '../../scenarios/eviction-compare.ts';
import type { MaxmemoryPolicy } from '../../scenarios/types.ts';
import './eviction.css';

/** Virtual time each policy runs for in the comparison table: long enough to settle, short to compute. */
export const COMPARE_MS = 120_000;
/** Keys in the LRU experiment (Redis's documentation draws the same test). */
export const EXPERIMENT_KEYS = 300;

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
const policySpec = optionSpecs.maxmemoryPolicy;
const policyLabel = (policy: string) => (policySpec.type === 'enum' ? policySpec.valueLabels?.[policy] : undefined) ?? policy;

/**
 * Shown by labs with an eviction policy: every policy on the lab's workload (same options and
 * seed), and Redis's approximated LRU against exact LRU, both computed by the simulation.
 */
export function EvictionPanel() {
  const titleId = useId();
  const options = useLabStore(selectOptionsAtCursor);
  const seed = useLabStore((s) => s.seed);
  const create = useLabStore((s) => s.engine.createSimulation);
  const current = options['maxmemoryPolicy'] as MaxmemoryPolicy | undefined;
  return (
    <section role="group" className="cal-panel cal-eviction" aria-labelledby={titleId}>
      <header className="cal-panel-head">
        <h3 id={titleId} className="cal-panel-title">
          Policies side by side
        </h3>
      </header>
      <PolicyTable create={create} options={options} seed={seed} current={current} />
      <LruFigure />
    </section>
  );
}

function PolicyTable({ create, options, seed, current }: { create: Parameters<typeof comparePolicies>[0]; options: Record<string, unknown>; seed: number; current: MaxmemoryPolicy | undefined }) {
  const key = JSON.stringify([options, seed]);
  const [results, setResults] = useState<{ key: string; rows: PolicyResult[] } | null>(null);
  const [running, setRunning] = useState(false);
  const fresh = results?.key === key ? results.rows : null;

  // One policy per task, so the page stays responsive while eight runs compute.
  const run = () => {
    setRunning(true);
    const rows: PolicyResult[] = [];
    const next = (i: number) => {
      if (i >= EVICTION_POLICIES.length) {
        setResults({ key, rows });
        setRunning(false);
        return;
      }
      rows.push(...comparePolicies(create, options, seed, COMPARE_MS, [EVICTION_POLICIES[i]!]));
      setTimeout(() => next(i + 1), 0);
    };
    setTimeout(() => next(0), 0);
  };

  return (
    <div className="cal-eviction-table">
      <p className="cal-small">
        The same reads, seed and memory limit under each policy, for {COMPARE_MS / 1000} s of lab time from a cold cache.
      </p>
      <button type="button" className="cal-button" onClick={run} disabled={running}>
        {running ? 'Running…' : fresh ? 'Run again' : 'Run every policy'}
      </button>
      {fresh && (
        <table>
          <caption className="cal-small">Every policy on this lab’s workload</caption>
          <thead>
            <tr>
              <th scope="col">Policy</th>
              <th scope="col">Hit ratio</th>
              <th scope="col">Database reads</th>
              <th scope="col">Evicted keys</th>
            </tr>
          </thead>
          <tbody>
            {fresh.map((row) => (
              <tr key={row.policy} className={row.policy === current ? 'is-current' : undefined} data-policy={row.policy}>
                <th scope="row">
                  {policyLabel(row.policy)}
                  {row.policy === current ? <span className="cal-small"> (this lab)</span> : null}
                </th>
                <td>{percent(row.hitRatio)}</td>
                <td>{row.dbReads}</td>
                <td>{row.evicted}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
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

