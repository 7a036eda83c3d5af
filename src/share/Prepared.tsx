import { use, type ReactNode } from 'react';
import { prepareScenario, scenarioPrepared } from '../scenarios/registry.ts';
import { loadCommands } from '../redis/index.ts';

/** One load per scenario, settled either way: a failed load still opens the lab, which then says why the simulation could not start. */
const preparing = new Map<string, Promise<void>>();

/**
 * Its children once the scenario's on-demand code has loaded (`prepareScenario`; at once for most):
 * a lab, or a side-by-side pair, builds its stores only then. Until then it suspends, so the
 * lesson's same-size placeholder (LabSlot's Suspense fallback) stays instead of a one-line note.
 */
export function Prepared({ scenario, children }: { scenario: string; children: ReactNode }) {
  if (!scenarioPrepared(scenario)) {
    let loading = preparing.get(scenario);
    if (!loading) preparing.set(scenario, (loading = prepareScenario(scenario, loadCommands).then(() => undefined, () => undefined)));
    use(loading);
  }
  return children;
}
