import { createLabStore } from '../../store/createLabStore.ts';
import { defaultEngine } from '../../store/defaultEngine.ts';
import { messagesInFlight, movingUntil } from '../../store/flow.ts';
import { narrationAt } from './narration.ts';
import { progress } from './flowGeometry.ts';

function stepThrough(scenario: string, action: { type: string; [field: string]: unknown }) {
  const store = createLabStore({ scenario, engine: defaultEngine });
  store.getState().act(action as never);
  store.getState().pause();
  const stops: { text: string; inFlight: { label: string; at: number }[] }[] = [];
  for (let i = 0; i < 40; i++) {
    const before = store.getState().cursor;
    store.getState().step(1);
    const { trace, cursor } = store.getState();
    if (cursor.index === before.index && cursor.time === before.time) break;
    stops.push({
      text: narrationAt(trace.events, cursor.index, cursor.time, trace.length)!.text,
      inFlight: messagesInFlight(trace.events, cursor.time).map((m) => ({ label: m.label, at: progress(cursor.time, m.sentAt, movingUntil(m)) })),
    });
  }
  return { store, stops };
}

describe('Step', () => {
  test('a typed line is one step: "You run DEL user:3.", then its reply, never a second "You typed" for the same line', () => {
    const store = createLabStore({ scenario: 'invalidation', engine: defaultEngine });
    store.getState().console('DEL user:3');
    store.getState().seekIndex(0);
    const texts: string[] = [];
    for (let i = 0; i < 10; i++) {
      const before = store.getState().cursor.index;
      store.getState().step(1);
      const { trace, cursor } = store.getState();
      if (cursor.index === before) break;
      texts.push(narrationAt(trace.events, cursor.index, cursor.time, trace.length)!.text);
    }
    expect(texts).toEqual(['You run DEL user:3.', 'DEL user:3 → (integer) 0.']);
  });

  test('one press is one event with its own sentence; a message stops mid-hop with its dot between the nodes', () => {
    const { stops } = stepThrough('basics', { type: 'read', key: 'user:1' });
    const texts = stops.map((stop) => stop.text);
    for (let i = 1; i < texts.length; i++) expect(texts[i], `step ${i}`).not.toBe(texts[i - 1]);
    const sends = stops.filter((stop) => /sends (GET|SET) user:1|→|database (starts|returns)/.test(stop.text));
    expect(sends.map((stop) => stop.text.slice(0, 24))).toHaveLength(6);
    for (const stop of sends) {
      expect(stop.inFlight, stop.text).toHaveLength(1);
      expect(stop.inFlight[0]!.at, stop.text).toBeGreaterThan(0.2);
      expect(stop.inFlight[0]!.at, stop.text).toBeLessThan(0.8);
    }
    expect(stops.find((stop) => /sends GET/.test(stop.text))!.inFlight[0]!.label).toBe('GET user:1');
    expect(texts.at(-1)).toMatch(/App 1 answers user:1 from the database/);
  });

  test('stepping back retraces the same stops in reverse', () => {
    const { store, stops } = stepThrough('basics', { type: 'read', key: 'user:1' });
    const back: string[] = [];
    for (let i = 0; i < stops.length - 1; i++) {
      store.getState().step(-1);
      const { trace, cursor } = store.getState();
      back.push(narrationAt(trace.events, cursor.index, cursor.time, trace.length)!.text);
    }
    expect(back).toEqual(stops.slice(0, -1).map((stop) => stop.text).reverse());
  });
});
