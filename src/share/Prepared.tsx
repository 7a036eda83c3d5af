import { useEffect, useState, type ReactNode } from 'react';
import { prepareScenario, scenarioPrepared } from '../scenarios/registry.ts';
import { loadCommands } from '../redis/index.ts';

/**
 * Its children once the scenario's on-demand code has loaded (`prepareScenario`; at once for most):
 * a lab, or a side-by-side pair, builds its stores only then.
 */
export function Prepared({ scenario, children }: { scenario: string; children: ReactNode }) {
  const [ready, setReady] = useState(() => scenarioPrepared(scenario));
  useEffect(() => {
    if (ready) return;
    let live = true;
    // A failed load still opens the lab, which then says why the simulation could not start.
    const done = () => {
      if (live) setReady(true);
    };
    prepareScenario(scenario, loadCommands).then(done, done);
    return () => {
      live = false;
    };
  }, [ready, scenario]);
  if (!ready) return <p className="cal-note" role="status">Loading the lab…</p>;
  return children;
}
