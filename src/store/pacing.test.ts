import { createLabStore } from './createLabStore.ts';
import { defaultEngine } from './defaultEngine.ts';
import { messagesInFlight, movingUntil } from './flow.ts';
import { HOP_WALL_MS, isBusy, minShownMs, pacedAdvance } from './pacing.ts';
import type { LabStore } from './types.ts';

const FRAME_MS = 1000 / 60;

/** Plays the store frame by frame and returns, per message id, the wall ms it was drawn. */
function playAndTime(store: LabStore, wallLimitMs = 60_000) {
  const shown = new Map<string, number>();
  let wall = 0;
  while (store.getState().playback.playing && wall < wallLimitMs) {
    const { trace: view, cursor, playback } = store.getState();
    const trace = view.events;
    const onTheWire = messagesInFlight(trace, cursor.time).length;
    for (const message of messagesInFlight(trace, cursor.time, minShownMs(trace, cursor.time, playback.speed, onTheWire))) shown.set(message.id, (shown.get(message.id) ?? 0) + FRAME_MS);
    store.getState().tick(FRAME_MS, wall);
    wall += FRAME_MS;
  }
  return { shown, wall };
}

describe('event pacing', () => {
  test.each([0.05, 1, 64])('at %s×, a hit and a miss keep every hop on screen at least 250 ms of wall time', (speed) => {
    const store = createLabStore({ scenario: 'basics', engine: defaultEngine, speed });
    store.getState().act({ type: 'read', key: 'user:1' });
    const miss = playAndTime(store);
    // GET, its reply, the query out, the rows back, SET, its reply.
    expect(miss.shown.size).toBe(6);
    for (const [id, ms] of miss.shown) expect(ms, id).toBeGreaterThanOrEqual(250);
    store.getState().act({ type: 'read', key: 'user:1' });
    const hit = playAndTime(store);
    expect(hit.shown.size).toBe(2);
    for (const [id, ms] of hit.shown) expect(ms, id).toBeGreaterThanOrEqual(250);
    // A hit is 2 ms of virtual time; paced, it takes two hops' worth of wall time, not 40 ms.
    expect(hit.wall).toBeGreaterThanOrEqual(2 * HOP_WALL_MS - 2 * FRAME_MS);
  });

  test('between hops the clock runs at the chosen speed', () => {
    const store = createLabStore({ scenario: 'basics', engine: defaultEngine, speed: 1 });
    store.getState().act({ type: 'read', key: 'user:1' });
    const trace = store.getState().trace.events;
    // While the query runs (it arrived at 17, the rows leave at 37), 10 ms of wall is 10 ms of virtual time…
    expect(pacedAdvance(trace, 20, 10, 1)).toBeCloseTo(30, 5);
    // …until the rows leave: then the 15 ms trip back takes HOP_WALL_MS.
    expect(pacedAdvance(trace, 20, 17 + HOP_WALL_MS, 1)).toBeCloseTo(52, 5);
    // On the 1 ms GET hop the clock crawls: 100 ms of wall moves it a third of the way.
    expect(pacedAdvance(trace, 0, 100, 1)).toBeCloseTo(100 / HOP_WALL_MS, 5);
  });

  test('a busy lab (150 reads/s at 1×) is not slowed; dots are kept on screen instead, so the diagram stays full', () => {
    const store = createLabStore({ scenario: 'playground', engine: defaultEngine, options: { readRatePerSec: 150, instances: 4, keyCount: 20 } });
    expect(store.getState().playback.speed).toBe(1);
    store.getState().play();
    for (let frame = 0; frame < 60; frame++) store.getState().tick(FRAME_MS, frame * FRAME_MS);
    const { trace: view, cursor } = store.getState();
    const trace = view.events;
    expect(cursor.time).toBeCloseTo(60 * FRAME_MS, 0);
    expect(isBusy(trace, cursor.time, 1)).toBe(true);
    expect(messagesInFlight(trace, cursor.time).length).toBeLessThan(5);
    // Each message stays on screen HOP_WALL_MS of wall time: about 150 × 0.3 × 2 hops on the wire.
    const onTheWire = messagesInFlight(trace, cursor.time).length;
    expect(messagesInFlight(trace, cursor.time, minShownMs(trace, cursor.time, 1, onTheWire)).length).toBeGreaterThan(40);
  });

  test('lesson 3\'s lab at its pacing: every hop, the query included, is drawn leaving on the frame its send time is reached, where the time says', () => {
    const store = createLabStore({ scenario: 'read-path', engine: defaultEngine, options: { ttlMs: 60_000, dbLatencyMs: 20 } });
    store.getState().act({ type: 'read', key: 'user:1' });
    const firstDrawn = new Map<string, { before: number; at: number; progress: number }>();
    let before = 0;
    for (let frame = 0; frame < 600 && store.getState().playback.playing; frame++) {
      store.getState().tick(FRAME_MS, frame * FRAME_MS);
      const { trace, cursor } = store.getState();
      for (const message of messagesInFlight(trace.events, cursor.time, 0, cursor.index)) {
        if (!firstDrawn.has(message.id)) firstDrawn.set(message.id, { before, at: cursor.time, progress: (cursor.time - message.sentAt) / (movingUntil(message) - message.sentAt) });
      }
      before = cursor.time;
    }
    const events = store.getState().trace.events;
    const started = events.find((event) => event.type === 'db.started')!;
    const query = [...firstDrawn].find(([id]) => id.endsWith(':out'));
    expect(query).toBeDefined();
    // The query leaves at db.started's time (2 ms: the GET's reply arrives then), not a frame later, and is where its time puts it.
    expect(query![1].before).toBeLessThan(started.at);
    expect(query![1].at).toBeGreaterThanOrEqual(started.at);
    expect(query![1].progress).toBeLessThanOrEqual(FRAME_MS / HOP_WALL_MS + 1e-9);
    // So does every other hop: GET, its reply, the rows, SET, its reply.
    expect(firstDrawn.size).toBe(6);
    for (const [id, first] of firstDrawn) expect(first.progress, id).toBeLessThanOrEqual(FRAME_MS / HOP_WALL_MS + 1e-9);
  });
});
