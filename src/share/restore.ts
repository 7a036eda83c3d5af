/**
 * Between a lab store and a share state: read what a link must carry, and rebuild a store's run
 * from a link by replaying the learner's actions at their times (the simulation is deterministic,
 * so the same actions at the same times give the same trace).
 */
import { isBeat, type LabConfig, type LabState, type LabStore } from '../store/index.ts';
import type { ShareState } from './link.ts';

/** The share state of a lab as it is now; `lesson` is added by the caller that knows it. */
export function captureShareState(state: LabState, lesson?: string): ShareState {
  const options: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(state.rawOptions)) {
    // The seed rides as its own field (it wins over an option of that name).
    if (name === 'seed') continue;
    // Carry only what the scenario accepts, so the link opens without notes.
    if (state.engine.validateOptions(state.scenarioId, { [name]: value }).messages.length === 0) options[name] = value;
  }
  return {
    ...(lesson !== undefined ? { lesson } : {}),
    scenario: state.scenarioId,
    options,
    seed: state.seed,
    actions: state.actionLog.map(({ at, action }) => ({ at, action })),
    cursor: { index: state.cursor.index, time: state.cursor.time },
  };
}

/** The part of a share state the lab store takes at creation. */
export function shareConfig(share: ShareState): Pick<LabConfig, 'scenario' | 'options' | 'seed'> {
  return {
    scenario: share.scenario,
    options: { ...share.options },
    ...(share.seed !== undefined ? { seed: share.seed } : {}),
  };
}

/**
 * Replays the shared actions on a fresh store, then puts the cursor where the link says, paused.
 * Returns a note when part of it could not be restored (never throws).
 */
export function restoreShareState(store: LabStore, share: ShareState): string[] {
  const notes: string[] = [];
  const lab = () => store.getState();
  for (const [i, { at, action }] of share.actions.entries()) {
    lab().seek(at);
    lab().act(action);
    if (lab().failure) {
      notes.push(`actions: entry ${i + 1} could not be replayed; the link stops there`);
      break;
    }
  }
  lab().pause();
  if (share.cursor) {
    const { index, time } = share.cursor;
    lab().seek(time);
    const { trace } = lab();
    // Several events share one instant; the index picks the exact step between them. A step may
    // also stand mid-hop with the hop's own event counted (a reply's sentence shows while it travels).
    const fits =
      index <= trace.length && (index === trace.length || trace[index]!.at >= time) && (index === 0 || trace[index - 1]!.at <= time || isBeat(trace, index, time));
    if (fits) store.setState({ cursor: { index, time } });
    else notes.push('event/time: the position is not in this run; showing the nearest moment');
  }
  lab().pause();
  return notes;
}
