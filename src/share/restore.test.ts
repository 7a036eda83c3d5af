import { createLabStore } from '../store/index.ts';
import { defaultEngine } from '../store/defaultEngine.ts';
import { decodeShareQuery, encodeShareQuery } from './link.ts';
import { captureShareState, restoreShareState, shareConfig } from './restore.ts';

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
    expect(restoreShareState(copy, state)).toEqual([]);
    const a = original.getState();
    const b = copy.getState();
    expect(b.cursor).toEqual(a.cursor);
    expect(b.playback.playing).toBe(false);
    expect(JSON.stringify(b.trace.slice(0, b.cursor.index))).toBe(JSON.stringify(a.trace.slice(0, a.cursor.index)));
    expect(b.actionLog).toEqual(a.actionLog);
  });

  it('a cursor that is not in the run is moved to the nearest moment with a note', () => {
    const { state } = decodeShareQuery('scenario=basics&event=9999&time=10');
    const store = createLabStore({ ...shareConfig(state), engine: defaultEngine });
    expect(restoreShareState(store, state)).toEqual(['event/time: the position is not in this run; showing the nearest moment']);
    expect(store.getState().cursor.time).toBe(10);
  });
});
