import type { StateCreator } from 'zustand/vanilla';
import type { LearnerAction, ScenarioId, ScheduledAction, Simulation } from '../scenarios/types.ts';
import { selectOptionsAtCursor } from './selectors.ts';
import type { LabConfig, LabState, SimulationSlice } from './types.ts';
import { ACTION_HORIZON_MS, eventsUpTo, hasWorkload, lookaheadMs } from './timeline.ts';

/** What a fresh simulation puts in the store: the scenario, its validated options and the trace at time 0. */
export function startSimulation(config: LabConfig): Pick<
  SimulationSlice,
  'scenario' | 'options' | 'optionMessages' | 'sim' | 'failure' | 'trace' | 'traceLength' | 'actionLog'
> {
  const { engine } = config;
  const scenario = engine.scenario(config.scenario);
  if (!scenario) {
    return {
      scenario: undefined,
      options: {},
      optionMessages: [],
      sim: null,
      failure: `There is no scenario called "${config.scenario}".`,
      trace: [],
      traceLength: 0,
      actionLog: [],
    };
  }
  const verdict = engine.validateOptions(config.scenario, config.options ?? {});
  try {
    const sim = engine.createSimulation({
      scenario: config.scenario as ScenarioId,
      // The core validates again and drops what the verdict reported, so the raw options go in.
      options: config.options ?? {},
      ...(config.seed !== undefined ? { seed: config.seed } : {}),
    });
    sim.runUntil(0);
    return {
      scenario,
      options: verdict.options,
      optionMessages: verdict.messages,
      sim,
      failure: null,
      trace: sim.trace,
      traceLength: sim.trace.length,
      actionLog: [],
    };
  } catch (error) {
    return {
      scenario,
      options: verdict.options,
      optionMessages: verdict.messages,
      sim: null,
      failure: `The simulation could not start: ${error instanceof Error ? error.message : String(error)}`,
      trace: [],
      traceLength: 0,
      actionLog: [],
    };
  }
}

export function createSimulationSlice(config: LabConfig): StateCreator<LabState, [], [], SimulationSlice> {
  return (set, get) => {
    /** Applies an action at the cursor, forking first when the simulation has run past it. */
    const applyAtCursor = (action: LearnerAction | readonly ScheduledAction[], instant = false) => {
      const state = get();
      let sim: Simulation | null = state.sim;
      if (!sim) return;
      // The simulation schedules in whole milliseconds.
      const at = Math.ceil(state.cursor.time);
      const forked = sim.now > at;
      if (forked) sim = sim.fork(at);
      else if (sim.now < at) sim.runUntil(at);
      // Everything up to `at` has happened; the action's own events come next.
      const index = sim.trace.length;
      // Fast-forward jumps the cursor straight to the expiry, whatever the playback speed.
      const single = Array.isArray(action) ? null : (action as LearnerAction);
      const expiry = single?.type === 'fastForwardToExpiry' ? sim.nextExpiryAt(single.key) : null;
      const scheduled = Array.isArray(action) ? action.map((entry) => ({ at: at + entry.at, action: entry.action })) : [{ at, action: action as LearnerAction }];
      for (const entry of [...scheduled].sort((a, b) => a.at - b.at)) sim.apply(entry.action, entry.at);
      // A workload never goes idle: run one lookahead, not the whole horizon (30 s at 100,000 reads/s froze the tab).
      const options = sim.options;
      const lookahead = lookaheadMs(options);
      sim.runUntilIdle(at + (hasWorkload(options) ? lookahead : ACTION_HORIZON_MS));
      if (sim.now < at + lookahead) sim.runUntil(at + lookahead);
      const trace = sim.trace;
      const actionLog = [...(forked ? state.actionLog.filter((entry) => entry.at <= at) : state.actionLog), ...scheduled];
      set({
        sim,
        trace,
        traceLength: trace.length,
        actionLog,
        // An instant change (an option) is shown as done and leaves playback as it was; a jump lands
        // just after the expiry (a key is alive while now <= expireAt); anything else plays from the action on.
        cursor:
          expiry !== null
            ? { index: eventsUpTo(trace, expiry + 1), time: expiry + 1 }
            : { index: instant ? eventsUpTo(trace, at) : index, time: at },
        playback: { ...state.playback, playing: instant || expiry !== null ? state.playback.playing : true, free: false },
      });
    };

    return {
      engine: config.engine,
      scenarioId: config.scenario,
      rawOptions: config.options ?? {},
      seed: config.seed ?? 1,
      ...startSimulation(config),

      act(action) {
        try {
          applyAtCursor(action);
        } catch (error) {
          set({ failure: `That action failed: ${error instanceof Error ? error.message : String(error)}` });
        }
      },

      setOption(name, value) {
        const state = get();
        const verdict = state.engine.validateOptions(state.scenarioId, { [name]: value });
        const problem = verdict.messages[0];
        if (problem) return problem;
        if (selectOptionsAtCursor(state)[name] === verdict.options[name]) return null;
        try {
          applyAtCursor({ type: 'setOption', name, value: verdict.options[name] }, true);
        } catch (error) {
          return `${name} could not be changed: ${error instanceof Error ? error.message : String(error)}`;
        }
        return null;
      },

      runScript(actions) {
        try {
          applyAtCursor(actions);
        } catch (error) {
          set({ failure: `That script failed: ${error instanceof Error ? error.message : String(error)}` });
        }
      },

      console(line) {
        get().act({ type: 'console', line });
      },

      stage(situation) {
        const state = get();
        const fresh = startSimulation({ ...config, options: { ...state.rawOptions, ...situation.options } });
        const sim = fresh.sim;
        const actions = [...situation.actions].sort((a, b) => a.at - b.at);
        if (sim) {
          for (const entry of actions) sim.apply(entry.action, entry.at);
          sim.runUntil(situation.at);
        }
        const trace = sim ? sim.trace : fresh.trace;
        set({
          ...fresh,
          // The lesson's options stay the ones a later reset returns to.
          rawOptions: state.rawOptions,
          trace,
          traceLength: trace.length,
          actionLog: sim ? actions : [],
          cursor: { index: eventsUpTo(trace, situation.at), time: situation.at },
          playback: { ...state.playback, playing: false, free: false },
          selectedRequest: null,
        });
      },

      reset() {
        const state = get();
        const fresh = startSimulation({ ...config, options: state.rawOptions });
        set({
          ...fresh,
          cursor: { index: fresh.traceLength, time: 0 },
          playback: { ...state.playback, playing: false, free: false },
          selectedRequest: null,
        });
      },
    };
  };
}
