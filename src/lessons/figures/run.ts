/**
 * Starts a figure's runs: one lab store per run, its scripted actions applied and the simulation
 * run to the figure's end, the cursor at the start. The build uses the same runs to write the
 * text alternative, so what the figure says is what it plays.
 */
import { loadCommandsFor } from '../../redis/index.ts';
import { metricsOf } from '../../scenarios/metrics.ts';
import { createLabStore, lastEventAt, type LabStore } from '../../store/index.ts';
import { defaultEngine } from '../../store/defaultEngine.ts';
import type { FigureDefinition, FigureOutcome } from './types.ts';

/** Without `until`, a run may take at most this long after its last action to go quiet. */
const QUIET_WITHIN_MS = 60_000;

export interface FigureRun {
  readonly label?: string;
  readonly store: LabStore;
  /** The virtual time the run ends at: playing stops here. */
  readonly end: number;
}

/**
 * Loads what the figure's console lines need (the emulator loads the commands labs never send on
 * first use); call it once before `startFigure`, or those lines answer "not loaded" errors.
 */
export async function prepareFigure(definition: FigureDefinition): Promise<void> {
  const lines = definition.runs.flatMap((run) => run.actions.flatMap((entry) => (entry.action.type === 'console' ? [entry.action.line] : [])));
  await Promise.all(lines.map((line) => loadCommandsFor(line)));
}

export function startFigure(definition: FigureDefinition, overrides: Readonly<Record<string, unknown>> = {}): FigureRun[] {
  return definition.runs.map((run) => {
    const options = { ...definition.options, ...run.options, ...overrides };
    const store = createLabStore({
      scenario: definition.scenario,
      options,
      engine: defaultEngine,
      speed: definition.speed,
      ...(definition.seed !== undefined ? { seed: definition.seed } : {}),
    });
    store.getState().stage({ actions: run.actions, at: 0 });
    const { session } = store.getState();
    let end = 0;
    if (session.running) {
      const lastAction = Math.max(0, ...run.actions.map((entry) => entry.at));
      let view;
      if (definition.until !== undefined) view = session.runUntil(definition.until);
      else {
        session.runUntil(lastAction);
        view = session.runUntilIdle(lastAction + QUIET_WITHIN_MS);
      }
      end = definition.until ?? lastEventAt(view.events);
      // From before the first event, so the first action's own steps play too.
      store.setState({ trace: view, cursor: { index: 0, time: 0 } });
    }
    return { ...(run.label ? { label: run.label } : {}), store, end };
  });
}

/** What each run showed over its whole length (metrics up to its end). */
export function outcomesOf(runs: readonly FigureRun[]): FigureOutcome[] {
  return runs.map((run) => {
    const { trace: view } = run.store.getState();
    const trace = view.events;
    let to = view.length;
    while (to > 0 && trace[to - 1]!.at > run.end) to--;
    let keysExpired = 0;
    for (let i = 0; i < to; i++) if (trace[i]!.type === 'key.expired') keysExpired++;
    return { ...(run.label ? { label: run.label } : {}), metrics: metricsOf(trace, 0, to), keysExpired };
  });
}

/** The figure's text alternative, from its real runs (the build calls this). */
export async function describeFigure(definition: FigureDefinition, overrides: Readonly<Record<string, unknown>> = {}): Promise<string> {
  await prepareFigure(definition);
  return definition.describe(outcomesOf(startFigure(definition, overrides)));
}
