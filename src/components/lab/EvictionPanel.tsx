import { useId, useState } from 'react';
import { selectOptionsAtCursor, useLabStore } from '../../store/index.ts';
import { optionSpecs } from '../../scenarios/options.ts';
import { comparePolicies, EVICTION_POLICIES, type PolicyResult } from '../../scenarios/eviction-compare.ts';
import type { MaxmemoryPolicy } from '../../scenarios/types.ts';
import './eviction.css';

/** Virtual time each policy runs for in the comparison table: long enough to settle, short to compute. */
export const COMPARE_MS = 120_000;

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
const policySpec = optionSpecs.maxmemoryPolicy;
const policyLabel = (policy: string) => (policySpec.type === 'enum' ? policySpec.valueLabels?.[policy] : undefined) ?? policy;

/**
 * Shown by labs with an eviction policy: every policy on the lab's workload (same options and
 * seed), computed by the simulation. (Redis's LRU test is a figure in lesson 13's text.)
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
