import { createSimulation } from '../scenarios/simulation.ts';
import type { TraceEvent } from '../scenarios/events.ts';
import { flowIndex, InFlightTracker, isOnTheWire, messagesInFlight, sendRates } from './flow.ts';
import { createLabStore } from './createLabStore.ts';
import { defaultEngine } from './defaultEngine.ts';
import { minShownMs } from './pacing.ts';
import { continuousSince } from './types.ts';

function run(scenario: Parameters<typeof createSimulation>[0]['scenario'], options: Record<string, unknown>, actions: [number, Parameters<ReturnType<typeof createSimulation>['apply']>[0]][], until: number) {
  const sim = createSimulation({ scenario, options, seed: 7 });
  for (const [at, action] of actions) sim.apply(action, at);
  sim.runUntil(until);
  return sim.trace;
}

describe('messages in flight', () => {
  test('the windowed search finds exactly what a full scan finds', () => {
    const trace = run('playground', { readRatePerSec: 300, dbLatencyMs: 400, instances: 4 }, [[500, { type: 'burst', key: 'user:1', count: 80 }], [900, { type: 'redisDown' }], [1_400, { type: 'redisUp' }]], 3_000);
    const { messages } = flowIndex(trace);
    for (let now = 0; now < 3_000; now += 37.5) {
      const brute = messages.filter((m) => isOnTheWire(m, Infinity, now)).map((m) => m.id).sort();
      expect(messagesInFlight(trace, now).map((m) => m.id).sort()).toEqual(brute);
    }
  });

  test('the per-frame tracker agrees with a full scan while the trace grows, across a fork and when scrubbing back', () => {
    const sim = createSimulation({ scenario: 'playground', options: { readRatePerSec: 300, dbLatencyMs: 400, instances: 4, redisTimeoutMs: 150 }, seed: 3 });
    sim.apply({ type: 'burst', key: 'user:1', count: 80 }, 400);
    sim.apply({ type: 'redisDown' }, 700);
    sim.apply({ type: 'redisUp' }, 1_100);
    const tracker = new InFlightTracker();
    const check = (trace: readonly TraceEvent[], now: number) => {
      const brute = flowIndex(trace).messages.filter((m) => isOnTheWire(m, Infinity, now)).map((m) => m.id).sort();
      expect(tracker.at(trace, now).map((m) => m.id).sort()).toEqual(brute);
      return brute.length;
    };
    let seen = 0;
    // Frames of a sixtieth of a second at 1×, the simulation kept a little ahead as the store does.
    for (let now = 0; now < 1_600; now += 16.7) {
      sim.runUntil(Math.ceil(now) + 100);
      seen = Math.max(seen, check(sim.trace, now));
    }
    expect(seen).toBeGreaterThan(50);
    for (let now = 1_600; now > 0; now -= 97) check(sim.trace, now);
    const fork = sim.fork(800);
    fork.runUntil(1_200);
    for (let now = 800; now < 1_100; now += 16.7) check(fork.trace, now);
  });

  test('a GET travels to Redis, its reply comes back, coloured by the outcome', () => {
    const trace = run('basics', {}, [[0, { type: 'read', key: 'user:1' }]], 500);
    expect(messagesInFlight(trace, 0.5).map((m) => [m.from, m.to, m.tone])).toEqual([['app:0', 'redis', 'miss']]);
    expect(messagesInFlight(trace, 1.5).map((m) => [m.from, m.to, m.tone])).toEqual([['redis', 'app:0', 'miss']]);
    expect(messagesInFlight(trace, 20).map((m) => [m.from, m.to, m.tone])).toEqual([['app:0', 'db', 'db']]);
    expect(messagesInFlight(trace, 45).map((m) => [m.from, m.to, m.tone])).toEqual([['db', 'app:0', 'db']]);
    expect(messagesInFlight(trace, 100)).toEqual([]);
  });

  test('a command to a dead Redis waits beside it until the timeout', () => {
    const trace = run('outage', { redisTimeoutMs: 200, retries: 0 }, [[0, { type: 'redisDown' }], [10, { type: 'read', key: 'user:1' }]], 1_000);
    const [waiting] = messagesInFlight(trace, 150);
    expect(waiting).toMatchObject({ from: 'app:0', to: 'redis', tone: 'error', arrivesAt: 210 });
  });
});


describe('dots kept on screen in a busy lab (minShownMs) never carry across a jump', () => {
  test("lesson 6: paused where a fast-forward landed, only messages really on the wire are drawn, none that finished before; played on, arrivals after the landing are kept again", () => {
    const store = createLabStore({ scenario: 'ttl', options: { ttlMs: 5_000, jitterMs: 0 }, engine: defaultEngine, speed: 1 });
    store.getState().play();
    for (let i = 0; i < 30; i++) store.getState().tick(100);
    expect(continuousSince(store.getState().cursor)).toBe(0);
    store.getState().act({ type: 'fastForwardToExpiry' });
    store.getState().pause();
    const landed = store.getState();
    const { events } = landed.trace;
    const { index, time } = landed.cursor;
    expect(time).toBeGreaterThan(3_000);
    expect(continuousSince(landed.cursor)).toBe(time);
    const onTheWire = new InFlightTracker().at(events, time, 0, index);
    const shown = minShownMs(events, time, landed.playback.speed, onTheWire.length);
    expect(shown).toBeGreaterThan(0);
    // What the scene drew before: reads that finished in the jumped-over stretch, into a Redis the jump emptied.
    const keptAnyway = new InFlightTracker().at(events, time, shown, index);
    expect(keptAnyway.filter((message) => message.arrivesAt < time).length).toBeGreaterThan(5);
    const kept = new InFlightTracker().at(events, time, shown, index, continuousSince(landed.cursor));
    expect(kept.map((message) => message.id)).toEqual(onTheWire.map((message) => message.id));
    // Playing on is continuous: the landing stays where the clock runs from, and what arrives after it is kept on screen.
    store.getState().play();
    for (let i = 0; i < 2; i++) store.getState().tick(100);
    const later = store.getState();
    expect(continuousSince(later.cursor)).toBe(time);
    const laterShown = minShownMs(later.trace.events, later.cursor.time, later.playback.speed);
    const keptLater = new InFlightTracker().at(later.trace.events, later.cursor.time, laterShown, later.cursor.index, continuousSince(later.cursor));
    expect(keptLater.some((message) => message.arrivesAt < later.cursor.time)).toBe(true);
    expect(keptLater.every((message) => message.arrivesAt > time)).toBe(true);
    // A seek is a jump too.
    store.getState().seek(later.cursor.time + 500);
    expect(continuousSince(store.getState().cursor)).toBe(later.cursor.time + 500);
  });
});

describe('edge rates (sendRates) count only what played since a jump', () => {
  test('lesson 6: at a fast-forward\'s landing no rate is shown; played on, the rate is the sends since the landing over the time since it, not the jumped-over stretch\'s', () => {
    const store = createLabStore({ scenario: 'ttl', options: { ttlMs: 5_000, jitterMs: 0 }, engine: defaultEngine, speed: 1 });
    store.getState().play();
    for (let i = 0; i < 30; i++) store.getState().tick(100);
    store.getState().act({ type: 'fastForwardToExpiry' });
    store.getState().pause();
    const landing = store.getState().cursor.time;
    const since = continuousSince(store.getState().cursor);
    expect(since).toBe(landing);
    expect(sendRates(store.getState().trace.events, landing, 1_000, since, 300)).toBeNull();
    store.getState().play();
    for (let i = 0; i < 4; i++) store.getState().tick(100);
    const { trace, cursor } = store.getState();
    const now = cursor.time;
    expect(continuousSince(cursor)).toBe(landing);
    const played = now - landing;
    expect(played).toBeGreaterThanOrEqual(300);
    expect(played).toBeLessThan(1_000);
    // Counted by hand from the index: what left for Redis and the database after the landing, per second played.
    const sent = (to: string, from: number) => flowIndex(trace.events).messages.filter((m) => !m.back && m.to === to && m.sentAt > from && m.sentAt <= now).length;
    const expected = { redis: Math.round((sent('redis', landing) * 1_000) / played), db: Math.round((sent('db', landing) * 1_000) / played) };
    // The landing emptied Redis: the reads since are all misses, so the database's rate is what the learner sees happen.
    expect(expected.db).toBeGreaterThan(0);
    expect(sendRates(trace.events, now, 1_000, continuousSince(cursor), 300)).toEqual(expected);
    // What the edges read before: a second that was mostly the jumped-over stretch, with the reads' hits before the expiry.
    const jumpedOver = { redis: sent('redis', now - 1_000), db: sent('db', now - 1_000) };
    expect(jumpedOver).not.toEqual(expected);
    // Without a jump, the window is the whole second.
    expect(sendRates(trace.events, now, 1_000)).toEqual(jumpedOver);
  });
});
