import { createLabStore, type LabStore } from '../store/index.ts';
import { defaultEngine } from '../store/defaultEngine.ts';
import type { ScheduledAction } from '../scenarios/types.ts';
import { LINK_EVENT_BUDGET, MAX_URL_FIELD_LENGTH, decodeShareQuery, encodeShareQuery, type ShareState } from './link.ts';
import { captureShareLink, captureShareState, restoreShareState, shareConfig, type RestoreOptions } from './restore.ts';

/** Restores with slices queued instead of timed, then runs them all; returns the final status and how many slices ran. */
function restoreAll(store: LabStore, state: ShareState, options: RestoreOptions = {}) {
  const queue: (() => void)[] = [];
  const restore = restoreShareState(store, state, { schedule: (next) => queue.push(next), ...options });
  let slices = 1;
  while (queue.length > 0) {
    queue.shift()!();
    slices++;
  }
  return { status: restore.getStatus(), slices, restore };
}

function open(query: string) {
  const { state, notes } = decodeShareQuery(query);
  expect(notes).toEqual([]);
  return { store: createLabStore({ ...shareConfig(state), engine: defaultEngine }), state };
}

describe('restoring a shared lab', () => {
  it('replays the actions and lands on the same cursor, trace and options', () => {
    const original = createLabStore({ scenario: 'stampede', options: { strategy: 'plain', colour: 'red' }, seed: 7, engine: defaultEngine });
    original.getState().act({ type: 'read', key: 'user:1' });
    original.getState().advance(400);
    original.getState().setOption('strategy', 'lock');
    original.getState().seek(6000);
    original.getState().act({ type: 'burst', key: 'user:1', count: 20 });
    original.getState().advance(150);
    original.getState().step(1);
    original.getState().step(1);

    const link = encodeShareQuery(captureShareState(original.getState(), '10-stampede'));
    const { state, notes } = decodeShareQuery(link);
    expect(notes).toEqual([]);
    expect(state.lesson).toBe('10-stampede');
    expect(state.options).toEqual({ strategy: 'plain' });

    const copy = createLabStore({ ...shareConfig(state), engine: defaultEngine });
    // With a clock that never runs out, the first slice, which runs before the call returns, does it all.
    const restore = restoreShareState(copy, state, { now: () => 0, schedule: () => { throw new Error('no second slice expected'); } });
    expect(restore.getStatus()).toEqual({ phase: 'done', progress: 1, notes: [] });
    const a = original.getState();
    const b = copy.getState();
    // The same position; the copy landed there (no `since`: it has not played on to it).
    expect({ index: b.cursor.index, time: b.cursor.time }).toEqual({ index: a.cursor.index, time: a.cursor.time });
    expect(b.playback.playing).toBe(false);
    expect(JSON.stringify(b.trace.events.slice(0, b.cursor.index))).toBe(JSON.stringify(a.trace.events.slice(0, a.cursor.index)));
    expect(b.actionLog).toEqual(a.actionLog);
  });

  it('a cursor that is not in the run is moved to the nearest moment with a note', () => {
    const { state } = decodeShareQuery('scenario=basics&event=9999&time=10');
    const store = createLabStore({ ...shareConfig(state), engine: defaultEngine });
    expect(restoreAll(store, state).status.notes).toEqual(['event/time: the position is not in this run; showing the nearest moment']);
    expect(store.getState().cursor.time).toBe(10);
  });
});

describe('a link asking for more work than the budget', () => {
  const budgetNote = (field: string) => expect.stringMatching(new RegExp(`^${field}: .* needs more than 100,000 simulation events.*; the lab opens at .* instead$`));

  it('time=604800000 (a week of the playground) stops at the budget with a note naming time', () => {
    const { store, state } = open('scenario=playground&event=0&time=604800000');
    const { status, slices } = restoreAll(store, state);
    expect(status.phase).toBe('done');
    expect(status.notes).toEqual([budgetNote('time')]);
    const lab = store.getState();
    expect(lab.trace.length).toBeLessThan(LINK_EVENT_BUDGET + 25_000);
    expect(lab.cursor.time).toBeGreaterThan(60_000);
    expect(lab.cursor.time).toBeLessThan(3_600_000);
    // The work ran in many slices, not one block.
    expect(slices).toBeGreaterThan(5);
  });

  it('readRatePerSec=100000&time=10000: the rate is refused with a note naming it, and the rest opens', () => {
    const { state, notes } = decodeShareQuery('scenario=playground&readRatePerSec=100000&event=0&time=10000');
    expect(notes).toEqual(['readRatePerSec: 100000/s is more than a link may ask for (at most 1,000/s); ignored']);
    const store = createLabStore({ ...shareConfig(state), engine: defaultEngine });
    // event=0 is not at 10 s in this run, so the cursor goes to the nearest moment: 10 s.
    expect(restoreAll(store, state).status.notes).toEqual(['event/time: the position is not in this run; showing the nearest moment']);
    expect(store.getState().cursor.time).toBe(10_000);
  });

  it('a setOption action that raises the rate past what a link may ask for is not carried by Share', () => {
    const store = createLabStore({ scenario: 'playground', engine: defaultEngine });
    store.getState().act({ type: 'read', key: 'user:1' });
    store.getState().advance(200);
    expect(store.getState().setOption('readRatePerSec', 50_000)).toBeNull();
    const { state, uncaptured } = captureShareLink(store.getState());
    expect(uncaptured).toMatchObject({ index: 1, reason: 'a link cannot hold it (readRatePerSec: 50000/s is more than a link may ask for (at most 1,000/s); ignored)' });
    expect(decodeShareQuery(encodeShareQuery(state)).notes).toEqual([]);
  });

  it('200 bursts of 1,000 readers stop at the budget with a note naming the actions entry', () => {
    const actions: ScheduledAction[] = Array.from({ length: 200 }, (_, i) => ({ at: i * 100, action: { type: 'burst', key: 'user:1', count: 1000 } }));
    const query = encodeShareQuery({ scenario: 'stampede', options: {}, actions, cursor: { index: 0, time: 19_900 } });
    const { store, state } = open(query);
    const { status } = restoreAll(store, state);
    expect(status.notes).toEqual([budgetNote('actions')]);
    expect(status.notes[0]).toMatch(/entry \d+ \(burst at/);
    const lab = store.getState();
    expect(lab.actionLog.length).toBeGreaterThan(0);
    expect(lab.actionLog.length).toBeLessThan(200);
  });

  it('cancel opens the lab where the replay got to, with a note', () => {
    const { store, state } = open('scenario=playground&event=0&time=3600000');
    const queue: (() => void)[] = [];
    // Tiny slices, so the replay is still running after a few of them however fast the machine is.
    const restore = restoreShareState(store, state, { sliceMs: 1, schedule: (next) => queue.push(next) });
    for (let i = 0; i < 3 && queue.length > 0; i++) queue.shift()!();
    expect(restore.getStatus().phase).toBe('running');
    expect(restore.getStatus().progress).toBeGreaterThan(0);
    restore.cancel();
    while (queue.length > 0) queue.shift()!();
    expect(restore.getStatus()).toMatchObject({ phase: 'cancelled', notes: [expect.stringMatching(/^link: opening was cancelled after 0 of 0 actions, at /)] });
    expect(store.getState().cursor.time).toBeGreaterThan(0);
    expect(store.getState().playback.playing).toBe(false);
  });

  it('the learner acting before the replay ends keeps their run and drops the link', () => {
    const { store, state } = open('scenario=playground&event=0&time=3600000');
    const queue: (() => void)[] = [];
    const restore = restoreShareState(store, state, { schedule: (next) => queue.push(next) });
    store.getState().act({ type: 'read', key: 'user:1' });
    while (queue.length > 0) queue.shift()!();
    expect(restore.getStatus().notes).toEqual(['link: you used the lab before the link finished opening, so the rest of it was not applied']);
    expect(store.getState().actionLog).toHaveLength(1);
  });
});

describe('a link holds only what opening it accepts', () => {
  function labWithConsoleLine(length: number) {
    const store = createLabStore({ scenario: 'playground', engine: defaultEngine });
    store.getState().act({ type: 'read', key: 'user:1' });
    store.getState().advance(500);
    store.getState().console(`SET note ${'x'.repeat(length)}`);
    store.getState().advance(500);
    store.getState().act({ type: 'read', key: 'user:2' });
    store.getState().advance(300);
    return store;
  }

  it('a 600-character console line: the link stops before it, moves the cursor there, and opens without notes', () => {
    const store = labWithConsoleLine(600);
    const { state, uncaptured } = captureShareLink(store.getState());
    expect(uncaptured).toMatchObject({ index: 1, count: 2, label: 'Type a Redis command', reason: 'its text is 609 characters, more than the 500 a link holds' });
    expect(state.actions).toHaveLength(1);
    const consoleAt = store.getState().actionLog[1]!.at;
    expect(state.cursor!.time).toBe(consoleAt);
    const decoded = decodeShareQuery(encodeShareQuery(state));
    expect(decoded.notes).toEqual([]);
    const copy = createLabStore({ ...shareConfig(decoded.state), engine: defaultEngine });
    expect(restoreAll(copy, decoded.state).status.notes).toEqual([]);
    const a = store.getState().trace.events.filter((event) => event.at < consoleAt);
    expect(JSON.stringify(copy.getState().trace.events.slice(0, copy.getState().cursor.index))).toBe(JSON.stringify(a));
  });

  it('a 1 MB console line makes a short link, not a 2.5 MB one', () => {
    const store = labWithConsoleLine(1_000_000);
    const { state, uncaptured } = captureShareLink(store.getState());
    expect(uncaptured).toMatchObject({ index: 1, reason: 'its text is 1,000,009 characters, more than the 500 a link holds' });
    expect(encodeShareQuery(state).length).toBeLessThan(MAX_URL_FIELD_LENGTH);
  });

  it('more actions than a link holds: the first 200 go in, and the rest are named', () => {
    const store = createLabStore({ scenario: 'basics', engine: defaultEngine });
    const script: ScheduledAction[] = Array.from({ length: 230 }, (_, i) => ({ at: i * 10, action: { type: 'read', key: 'user:1' } }));
    store.getState().runScript(script);
    const { state, uncaptured } = captureShareLink(store.getState());
    expect(state.actions).toHaveLength(200);
    expect(uncaptured).toMatchObject({ index: 200, count: 30, reason: 'a link holds at most 200 actions' });
    expect(decodeShareQuery(encodeShareQuery(state)).notes).toEqual([]);
  });
});
