import type { StateCreator } from 'zustand/vanilla';
import type { LearnerAction, ScheduledAction } from '../scenarios/types.ts';
import { LabSession } from './session.ts';
import { selectOptionsAtCursor } from './selectors.ts';
import type { LabConfig, LabState, SimulationSlice, Situation } from './types.ts';
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

/** The store's simulation fields while what the lab's options need is still loading: no run yet. */
function waitingSession(config: LabConfig): ReturnType<typeof startSession> {
  const session = LabSession.waiting(config);
  return { session, scenario: session.scenario, options: session.options, optionMessages: session.optionMessages, running: false, failure: null, trace: session.view, actionLog: [] };
}

export function createSimulationSlice(config: LabConfig): StateCreator<LabState, [], [], SimulationSlice> {
  return (set, get) => {
    /** The load in progress (what `whenReady` waits for), or null. */
    let pending: Promise<void> | null = null;

    /**
     * Runs `then` now when what it runs needs nothing more loaded and nothing is loading; else
     * pauses, shows what loads, and runs it once loaded (at the same cursor: playback stays paused).
     */
    const whenLoaded = (options: Record<string, unknown>, actions: readonly ScheduledAction[], then: () => void): void => {
      const state = get();
      const load = state.engine.prepare?.(state.scenarioId, options, actions) ?? null;
      if (load === null && pending === null) {
        then();
        return;
      }
      const before = pending;
      set({ loading: load?.label ?? state.loading, playback: { ...state.playback, playing: false } });
      const done: Promise<void> = Promise.all([before, load?.done]).then(
        () => {
          if (pending === done) {
            pending = null;
            set({ loading: null });
          }
          then();
        },
        (error: unknown) => {
          if (pending === done) pending = null;
          set({ loading: null, failure: `${load?.label ?? 'A part of Redis'} could not be loaded: ${error instanceof Error ? error.message : String(error)}` });
        },
      );
      pending = done;
    };

    // The lab's own options may need a part that loads separately: the run starts once it is there.
    const initialLoad = config.engine.prepare?.(config.scenario, config.options ?? {}) ?? null;
    if (initialLoad !== null) {
      pending = initialLoad.done.then(
        () => {
          pending = null;
          const fresh = startSession(config);
          set({ ...fresh, loading: null, cursor: { index: fresh.trace.length, time: 0 } });
        },
        (error: unknown) => {
          pending = null;
          set({ loading: null, failure: `${initialLoad.label} could not be loaded: ${error instanceof Error ? error.message : String(error)}` });
        },
      );
    }
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
        // An action at the cursor does not move the clock: it has still run on since where it had.
        cursor:
          expiry !== null
            ? { index: eventsUpTo(view.events, expiry + 1), time: expiry + 1 }
            : { index: instant ? eventsUpTo(view.events, at) : index, time: at, ...(state.cursor.since !== undefined ? { since: state.cursor.since } : {}) },
        playback: { ...state.playback, playing: instant || expiry !== null ? state.playback.playing : true, free: false },
      });
    };

    /** Starts over in a stated situation (see `stage`), once what it needs is loaded. */
    function stageNow(situation: Situation): void {
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
    }

    return {
      engine: config.engine,
      scenarioId: config.scenario,
      rawOptions: config.options ?? {},
      seed: config.seed ?? 1,
      ...(initialLoad === null ? startSession(config) : waitingSession(config)),
      loading: initialLoad?.label ?? null,

      whenReady() {
        return pending ?? Promise.resolve();
      },

      act(action) {
        // After anything still loading, in order; choosing the lock strategy loads the Lua VM first.
        const options = selectOptionsAtCursor(get());
        whenLoaded(action.type === 'setOption' ? { ...options, [action.name]: action.value } : options, [], () => {
          try {
            // A typed command answers at once: a paused lab stays paused, so its reply can be read against the panels.
            applyAtCursor(action, action.type === 'console');
          } catch (error) {
            set({ failure: `That action failed: ${error instanceof Error ? error.message : String(error)}` });
          }
        });
      },

      setOption(name, value) {
        const state = get();
        const verdict = state.engine.validateOptions(state.scenarioId, { [name]: value });
        const problem = verdict.messages[0];
        if (problem) return problem;
        if (selectOptionsAtCursor(state)[name] === verdict.options[name]) return null;
        let message: string | null = null;
        let waited = false;
        // Choosing the lock strategy first loads the Lua VM its release runs on (paused meanwhile).
        whenLoaded({ ...selectOptionsAtCursor(state), [name]: verdict.options[name] }, [], () => {
          try {
            applyAtCursor({ type: 'setOption', name, value: verdict.options[name] }, true);
          } catch (error) {
            message = `${name} could not be changed: ${error instanceof Error ? error.message : String(error)}`;
            if (waited) set({ failure: message });
          }
        });
        waited = true;
        return message;
      },

      runScript(actions) {
        whenLoaded(selectOptionsAtCursor(get()), actions, () => {
          try {
            applyAtCursor(actions);
          } catch (error) {
            set({ failure: `That script failed: ${error instanceof Error ? error.message : String(error)}` });
          }
        });
      },

      console(line) {
        get().act({ type: 'console', line });
      },

      stage(situation) {
        whenLoaded({ ...get().rawOptions, ...situation.options }, situation.actions, () => stageNow(situation));
      },

      reset() {
        whenLoaded(get().rawOptions, [], () => {
          const state = get();
          const fresh = startSession({ ...config, options: state.rawOptions });
          set({
            ...fresh,
            cursor: { index: fresh.trace.length, time: 0 },
            playback: { ...state.playback, playing: false, free: false },
            selectedRequest: null,
          });
        });
      },
    };
  };
}
