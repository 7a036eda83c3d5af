/**
 * Starts a figure's runs: one lab store per run, its scripted actions applied and the simulation
 * run to the figure's end, the cursor at the start. The build uses the same runs to write the
 * text alternative, so what the figure says is what it plays.
 */
import { loadCommands, loadCommandsFor } from '../../redis/index.ts';
import { prepareScenario } from '../../scenarios/registry.ts';
import { metricsOf } from '../../scenarios/metrics.ts';
import { createLabStore, lastEventAt, type LabStore } from '../../store/index.ts';
import { defaultEngine } from '../../store/defaultEngine.ts';
import { isExperiment, type FigureDefinition, type FigureOutcome, type ScenarioFigureDefinition } from './types.ts';

/** Without `until`, a run may take at most this long after its last action to go quiet. */
const QUIET_WITHIN_MS = 60_000;

export interface FigureRun {
  readonly label?: string;
  readonly store: LabStore;
  /** The virtual time the run ends at: playing stops here. */
  readonly end: number;
}

/**
 * Loads what the figure needs before it runs: its scenario's on-demand code (lessons 13 and 15),
 * the emulator's commands its runs send (lesson 14's types, the lock's EVAL) and those its console
 * lines type. Call it once before `startFigure`, or those answer "not loaded" errors.
 */
export async function prepareFigure(definition: FigureDefinition, overrides: Readonly<Record<string, unknown>> = {}): Promise<void> {
  // The LRU experiment sends CONFIG SET: the eviction scenario's commands.
  if (isExperiment(definition)) return prepareScenario('eviction', loadCommands);
  const lines = definition.runs.flatMap((run) => run.actions.flatMap((entry) => (entry.action.type === 'console' ? [entry.action.line] : [])));
  await Promise.all([
    prepareScenario(definition.scenario, loadCommands),
    ...definition.runs.map((run) => defaultEngine.prepare?.(definition.scenario, { ...definition.options, ...run.options, ...overrides }, run.actions)?.done),
    ...lines.map((line) => loadCommandsFor(line)),
  ]);
}

/**
 * Each run's store at its start. A run with a steady workload (`until`) is simulated only a
 * lookahead ahead of the cursor, as a lab is, and further as it plays: 200 reads a second for
 * seven seconds is ~11,000 events, which would otherwise all be computed as the figure scrolls near.
 */
export function startFigure(definition: ScenarioFigureDefinition, overrides: Readonly<Record<string, unknown>> = {}): FigureRun[] {
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
      if (definition.until !== undefined) view = session.extendTo(0);
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

/** What each run showed over its whole length (metrics up to its end, simulating what is not yet). */
export function outcomesOf(runs: readonly FigureRun[]): FigureOutcome[] {
  return runs.map((run) => {
    const { session } = run.store.getState();
    const view = session.runUntil(run.end);
    let to = view.length;
    while (to > 0 && view.events[to - 1]!.at > run.end) to--;
    const events = view.events.slice(0, to);
    let keysExpired = 0;
    const evicted: string[] = [];
    for (const event of events) {
      if (event.type === 'key.expired') keysExpired++;
      else if (event.type === 'key.evicted') evicted.push(event.key);
    }
    return { ...(run.label ? { label: run.label } : {}), metrics: metricsOf(events, 0, to), keysExpired, evicted, events };
  });
}

/** The figure's text alternative, from its real runs (the build calls this). */
export async function describeFigure(definition: FigureDefinition, overrides: Readonly<Record<string, unknown>> = {}): Promise<string> {
  await prepareFigure(definition, overrides);
  if (isExperiment(definition)) return definition.describe(definition.experiment());
  return definition.describe(outcomesOf(startFigure(definition, overrides)));
}
