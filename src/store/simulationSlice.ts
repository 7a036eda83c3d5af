import type { StateCreator } from 'zustand/vanilla';
import type { LearnerAction, ScheduledAction } from '../scenarios/types.ts';
import { LabSession } from './session.ts';
import { selectOptionsAtCursor } from './selectors.ts';
import type { LabConfig, LabState, SimulationSlice } from './types.ts';
import { eventsUpTo } from './timeline.ts';

/** What a fresh session puts in the store: the scenario, its validated options and the trace at time 0. */
export function startSession(config: LabConfig): Pick<SimulationSlice, 'session' | 'scenario' | 'options' | 'optionMessages' | 'running' | 'failure' | 'trace' | 'actionLog'> {
  const session = LabSession.start(config);
  return {
    session,
    scenario: session.scenario,
    options: session.options,
    optionMessages: session.optionMessages,
    running: session.running,
    failure: session.failure,
    trace: session.view,
    actionLog: [],
  };
}

export function createSimulationSlice(config: LabConfig): StateCreator<LabState, [], [], SimulationSlice> {
  return (set, get) => {
    /** Applies an action at the cursor, forking first when the simulation has run past it. */
    const applyAtCursor = (action: LearnerAction | readonly ScheduledAction[], instant = false) => {
      const state = get();
      if (!state.running) return;
      // The simulation schedules in whole milliseconds.
      const at = Math.ceil(state.cursor.time);
      const { view, index, forked, expiry } = state.session.apply(at, action);
      const scheduled = Array.isArray(action) ? action.map((entry) => ({ at: at + entry.at, action: entry.action })) : [{ at, action: action as LearnerAction }];
      const actionLog = [...(forked ? state.actionLog.filter((entry) => entry.at <= at) : state.actionLog), ...scheduled];
      set({
        trace: view,
        actionLog,
        // An instant change (an option) is shown as done and leaves playback as it was; a jump lands
        // just after the expiry (a key is alive while now <= expireAt); anything else plays from the action on.
        cursor:
          expiry !== null
            ? { index: eventsUpTo(view.events, expiry + 1), time: expiry + 1 }
            : { index: instant ? eventsUpTo(view.events, at) : index, time: at },
        playback: { ...state.playback, playing: instant || expiry !== null ? state.playback.playing : true, free: false },
      });
    };

    return {
      engine: config.engine,
      scenarioId: config.scenario,
      rawOptions: config.options ?? {},
      seed: config.seed ?? 1,
      ...startSession(config),

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
        const fresh = startSession({ ...config, options: { ...state.rawOptions, ...situation.options } });
        const trace = fresh.session.stage(situation.actions, situation.at);
        set({
          ...fresh,
          // The lesson's options stay the ones a later reset returns to.
          rawOptions: state.rawOptions,
          trace,
          actionLog: fresh.running ? [...situation.actions].sort((a, b) => a.at - b.at) : [],
          cursor: { index: eventsUpTo(trace.events, situation.at), time: situation.at },
          playback: { ...state.playback, playing: false, free: false },
          selectedRequest: null,
        });
      },

      reset() {
        const state = get();
        const fresh = startSession({ ...config, options: state.rawOptions });
        set({
          ...fresh,
          cursor: { index: fresh.trace.length, time: 0 },
          playback: { ...state.playback, playing: false, free: false },
          selectedRequest: null,
        });
      },
    };
  };
}
