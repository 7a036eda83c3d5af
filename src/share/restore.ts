/**
 * Between a lab store and a share state: read what a link must carry, and rebuild a store's run
 * from a link by replaying the learner's actions at their times (the simulation is deterministic,
 * so the same actions at the same times give the same trace).
 *
 * A link is untrusted work: its time, actions and the readers they start are replayed on a copy of
 * the lab's simulation in slices of a few milliseconds, so the page stays interactive, with a
 * progress the lab shows and a cancel; past `LINK_EVENT_BUDGET` trace events the replay stops
 * with a note naming the field that asked for more.
 */
import { type LabState, type LabStore } from '../store/index.ts';
import { isNarratable } from '../store/flow.ts';
import { ACTION_HORIZON_MS, eventsUpTo, hasWorkload, lookaheadMs } from '../store/timeline.ts';
import type { ScheduledAction, Simulation } from '../scenarios/types.ts';
import { commandsLoadedFor, loadCommandsFor } from '../redis/index.ts';
import { formatDuration } from '../scenarios/format.ts';
import { countBefore } from '../engine/search.ts';
import { LINK_EVENT_BUDGET, fitShareState, linkOptionProblem, type ShareState, type UncapturedActions } from './link.ts';
import { openAsIs, type LinkRestore, type RestoreStatus } from './restore-status.ts';

export { shareConfig, type LinkRestore, type RestoreStatus } from './restore-status.ts';

/** The share state of a lab as it is now; `lesson` is added by the caller that knows it. */
export function captureShareState(state: LabState, lesson?: string): ShareState {
  return captureShareLink(state, lesson).state;
}

export interface CapturedLink {
  /** What the link holds: exactly what the decoder accepts. */
  readonly state: ShareState;
  /** The actions the link cannot hold (from the first one it cannot), or null when it holds everything. */
  readonly uncaptured: UncapturedActions | null;
}

/**
 * The lab as a link, cut to what a link can hold (the decoder's limits): when an action cannot go
 * in, it and the ones after it are left out and the cursor moves to just before it, so the link
 * opens on a moment that really happened.
 */
export function captureShareLink(state: LabState, lesson?: string): CapturedLink {
  const options: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(state.rawOptions)) {
    // The seed rides as its own field (it wins over an option of that name).
    if (name === 'seed') continue;
    // Carry only what a link accepts, so it opens without notes.
    if (linkOptionProblem(state.scenarioId, name, value) === null) options[name] = value;
  }
  const full: ShareState = {
    ...(lesson !== undefined ? { lesson } : {}),
    scenario: state.scenarioId,
    options,
    seed: state.seed,
    actions: state.actionLog.map(({ at, action }) => ({ at, action })),
    cursor: { index: state.cursor.index, time: state.cursor.time },
  };
  const { state: fitted, uncaptured } = fitShareState(full);
  if (!uncaptured) return { state: fitted, uncaptured: null };
  // Events before the first left-out action are the same in the shorter run.
  const before = uncaptured.at;
  const at = Math.min(before, state.cursor.time);
  const index = Math.min(state.cursor.index, countBefore(state.trace.events, (event) => event.at < at));
  return { state: { ...fitted, cursor: { index, time: at } }, uncaptured };
}

export interface RestoreOptions {
  /** Most trace events a link may make the lab compute (default `LINK_EVENT_BUDGET`). */
  readonly budget?: number;
  /** Wall time one slice may take before the page gets the main thread back (ms). */
  readonly sliceMs?: number;
  /** Runs the next slice later (default: a macrotask, so input and painting come first). */
  readonly schedule?: (next: () => void) => void;
  /** Wall clock for slicing, in ms. */
  readonly now?: () => number;
}

// Notes about virtual time use the one duration wording (it used to write "59 min 60 s" for 3,599,960 ms).
export { formatDuration } from '../scenarios/format.ts';

type PostTask = (task: () => void, options: { priority: 'background' }) => Promise<unknown>;

/** The next slice as a background task where the browser has a scheduler (input and painting go first), else a macrotask. */
const defaultSchedule = (next: () => void) => {
  const scheduler = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler;
  if (scheduler?.postTask) void scheduler.postTask(next, { priority: 'background' });
  else setTimeout(next, 0);
};
const defaultNow = () => performance.now();

/** Why the replay stopped early: the field that asked for the work, in words. */
type Stop = { readonly note: string };

/**
 * Replays the shared actions on a copy of the store's fresh simulation, then puts the result and
 * the cursor in the store, paused. The first slice runs before this returns, so a small link is
 * already restored when the lab first renders; a larger one continues in slices. Never throws.
 * A link whose run needs a part of Redis that loads separately (the lock strategy's Lua VM, at
 * the start or through a setOption among its actions) replays once that part is there.
 */
export function restoreShareState(store: LabStore, share: ShareState, options: RestoreOptions = {}): LinkRestore {
  if (share.actions.length === 0 && !share.cursor) return openAsIs(store);
  const state = store.getState();
  const load = state.engine.prepare?.(state.scenarioId, state.rawOptions, share.actions) ?? null;
  if (state.loading === null && load === null) return replayShareState(store, share, options);
  const listeners = new Set<() => void>();
  let status: RestoreStatus = { phase: 'running', progress: 0, notes: [] };
  let replay: LinkRestore | null = null;
  const setStatus = (next: RestoreStatus) => {
    status = next;
    for (const listener of listeners) listener();
  };
  Promise.all([state.whenReady(), load?.done]).then(
    () => {
      if (status.phase !== 'running') return;
      replay = replayShareState(store, share, options);
      const current = replay;
      current.subscribe(() => setStatus(current.getStatus()));
      setStatus(current.getStatus());
    },
    (error: unknown) => setStatus({ phase: 'done', progress: 1, notes: [`actions: ${load?.label ?? 'a part of Redis'} could not be loaded (${error instanceof Error ? error.message : String(error)}); the lab opens at the start`] }),
  );
  return {
    getStatus: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    cancel() {
      if (replay) replay.cancel();
      else if (status.phase === 'running') setStatus({ phase: 'cancelled', progress: 1, notes: [`link: opening was cancelled after 0 of ${share.actions.length} actions, at 0 ms`] });
    },
    replaying: true,
  };
}

function replayShareState(store: LabStore, share: ShareState, options: RestoreOptions): LinkRestore {
  const budget = options.budget ?? LINK_EVENT_BUDGET;
  const sliceMs = options.sliceMs ?? 20;
  const schedule = options.schedule ?? defaultSchedule;
  const now = options.now ?? defaultNow;
  const listeners = new Set<() => void>();
  const { session, trace: freshView, actionLog: freshLog } = store.getState();
  // The learner acting (or resetting) before the replay ends wins over the link: either starts a new run or logs an action.
  const takenOver = () => store.getState().trace.events !== freshView.events || store.getState().actionLog !== freshLog;
  let status: RestoreStatus = { phase: 'running', progress: 0, notes: [] };
  const setStatus = (next: RestoreStatus) => {
    status = next;
    for (const listener of listeners) listener();
  };

  if (!session.running) {
    setStatus({ phase: 'done', progress: 1, notes: [] });
    return { getStatus: () => status, subscribe: () => () => {}, cancel: () => {}, replaying: true };
  }

  // A private copy of the lab's run: it becomes the lab's run only when the replay ends.
  const sim: Simulation = session.replica()!;
  const applied: ScheduledAction[] = [];
  const notes: string[] = [];
  // Progress: virtual time towards the furthest moment the link asks for, or events towards the budget.
  const lastAt = share.actions.at(-1)?.at ?? 0;
  const goal = Math.max(1, lastAt, share.cursor?.time ?? 0);
  let step = 10;

  const overBudget = () => sim.trace.length > budget;
  const rate = () => {
    const o = sim.options;
    return o.readRatePerSec + o.writeRatePerSec;
  };
  const stopNote = (field: string, what: string) =>
    `${field}: ${what} needs more than ${budget.toLocaleString('en')} simulation events${rate() > 0 ? ` at ${rate()} requests/s` : ''}, more than a link may ask for; the lab opens at ${formatDuration(sim.now)} instead`;

  /** Runs to `target` in steps sized so each takes about a slice; yields between steps. */
  function* runTo(target: number, field: string, what: string): Generator<void, Stop | null> {
    while (sim.now < target) {
      if (overBudget()) return { note: stopNote(field, what) };
      const before = sim.trace.length;
      const started = now();
      sim.runUntil(Math.min(target, sim.now + step));
      const took = now() - started;
      // Aim for a few ms and about a thousand events per step, so a slice ends close to `sliceMs`.
      const produced = sim.trace.length - before;
      if (took < sliceMs / 10 && produced < 1_000) step = Math.min(step * 2, 3_600_000);
      else if (took > sliceMs / 4 || produced > 4_000) step = Math.max(1, Math.floor(step / 2));
      yield;
    }
    return overBudget() ? { note: stopNote(field, what) } : null;
  }

  /** Runs until no request is in flight (bounded like the lab's own actions), in slices. */
  function* settle(from: number): Generator<void, Stop | null> {
    const limit = from + ACTION_HORIZON_MS;
    for (;;) {
      if (overBudget()) return { note: stopNote('actions', 'finishing the requests of the last action') };
      const until = Math.min(limit, sim.now + step);
      sim.runUntilIdle(until);
      // Stopped short of the bound: nothing is in flight any more.
      if (sim.now < until || sim.now >= limit) return null;
      yield;
    }
  }

  function* work(): Generator<void, Stop | null> {
    for (const [i, { at, action }] of share.actions.entries()) {
      const entry = `entry ${i + 1} (${action.type} at ${formatDuration(at)})`;
      const reached = yield* runTo(at, 'actions', `reaching ${entry}`);
      if (reached) return reached;
      if (action.type === 'fastForwardToExpiry') {
        // The jump runs in one call, so its cost is estimated first from the events per ms so far.
        const next = sim.nextExpiryAt(action.key);
        const perMs = sim.now > 0 ? sim.trace.length / sim.now : rate() / 100;
        if (next !== null && sim.trace.length + (next - at) * perMs > budget) return { note: stopNote('actions', `the jump of ${entry} to ${formatDuration(next)}`) };
      }
      sim.apply(action, at);
      applied.push({ at, action });
      if (overBudget()) return { note: stopNote('actions', entry) };
      yield;
    }
    if (share.actions.length > 0 && !hasWorkload(sim.options)) {
      const settled = yield* settle(lastAt);
      if (settled) return settled;
    }
    if (share.cursor) {
      const time = share.cursor.time;
      return yield* runTo(Math.ceil(time) + lookaheadMs(sim.options), 'time', `running to ${formatDuration(time)}`);
    }
    return null;
  }

  const job = work();
  let finished = false;

  const finish = (phase: 'done' | 'cancelled', stop: Stop | null) => {
    finished = true;
    if (takenOver()) {
      // The learner used the lab meanwhile: their run stays, the link's is dropped.
      setStatus({ phase: 'cancelled', progress: 1, notes: [...notes, 'link: you used the lab before the link finished opening, so the rest of it was not applied'] });
      return;
    }
    if (stop) notes.push(stop.note);
    if (phase === 'cancelled') notes.push(`link: opening was cancelled after ${applied.length} of ${share.actions.length} actions, at ${formatDuration(sim.now)}`);
    const view = session.adopt(sim);
    const trace = view.events;
    let cursor = { index: trace.length, time: sim.now };
    if (phase === 'done' && !stop && share.cursor) {
      const { index, time } = share.cursor;
      // Several events share one instant; the index picks the exact step between them.
      const fits = index <= trace.length && (index === trace.length || trace[index]!.at >= time) && (index === 0 || trace[index - 1]!.at <= time);
      // Links made while Step stood mid-hop count the hop's event a little before its time: that step now stands on the event.
      const midHop = index > 0 && index <= trace.length && trace[index - 1]!.at > time && isNarratable(trace[index - 1]!) && (index === trace.length || trace[index]!.at >= trace[index - 1]!.at);
      if (fits) cursor = { index, time };
      else if (midHop) cursor = { index, time: trace[index - 1]!.at };
      else {
        notes.push('event/time: the position is not in this run; showing the nearest moment');
        cursor = { index: eventsUpTo(trace, time), time };
      }
    } else if (phase === 'done' && !stop) {
      cursor = { index: trace.length, time: trace.length > 0 ? trace[trace.length - 1]!.at : 0 };
    } else {
      cursor = { index: eventsUpTo(trace, sim.now), time: sim.now };
    }
    store.setState({
      trace: view,
      actionLog: applied,
      cursor,
      playback: { ...store.getState().playback, playing: false, free: false },
    });
    setStatus({ phase, progress: 1, notes });
  };

  const slice = () => {
    if (finished) return;
    const started = now();
    try {
      for (;;) {
        if (takenOver()) {
          finish('cancelled', null);
          return;
        }
        const result = job.next();
        if (result.done) {
          finish('done', result.value);
          return;
        }
        if (now() - started >= sliceMs) break;
      }
    } catch (error) {
      notes.push(`actions: the link could not be replayed (${error instanceof Error ? error.message : String(error)}); the lab opens where it stopped`);
      finish('done', null);
      return;
    }
    // Whichever runs out first, the time asked for or the budget, sets the pace.
    setStatus({ phase: 'running', progress: Math.min(0.99, Math.max(sim.now / goal, sim.trace.length / budget)), notes: [] });
    schedule(slice);
  };

  // Console lines may use commands (or scripts) that are separate chunks: load them before the
  // first line replays, so a link never answers "not loaded" where the learner saw a reply.
  const lines = share.actions.flatMap(({ action }) => (action.type === 'console' ? [action.line] : []));
  if (lines.every(commandsLoadedFor)) slice();
  else {
    Promise.all(lines.map(loadCommandsFor)).then(slice, (error: unknown) => {
      notes.push(`actions: the console's commands could not be loaded (${error instanceof Error ? error.message : String(error)})`);
      slice();
    });
  }

  return {
    getStatus: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    cancel() {
      if (finished) return;
      job.return(null);
      finish('cancelled', null);
    },
    replaying: true,
  };
}
