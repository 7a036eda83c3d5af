import { createLabStore } from '../../store/createLabStore.ts';
import { defaultEngine } from '../../store/defaultEngine.ts';
import { flowIndex, isNarratable, messagesInFlight, momentAt, movingUntil, type FlowMessage } from '../../store/flow.ts';
import { isBusy } from '../../store/pacing.ts';
import { createPlayer, manualFrames } from '../../player/index.ts';
import { PANEL_REFRESH_MS, PANEL_PHASES } from '../../store/context.tsx';
import type { LabStore } from '../../store/types.ts';
import type { TraceEvent } from '../../scenarios/events.ts';
import { scenarios, prepareScenario } from '../../scenarios/registry.ts';
import { actionByName } from '../../scenarios/actions.ts';
import { loadCommands } from '../../redis/index.ts';
import { narrationAt } from './narration.ts';
import { progress } from './flowGeometry.ts';
import { keyRows } from './derive.ts';
import { selectSnapshot } from '../../store/selectors.ts';
import { activeCodeLine } from './panels/code-line.ts';

interface Stop {
  index: number;
  time: number;
  text: string;
  seq: number;
  code: string | null;
  dots: { message: FlowMessage; at: number }[];
}

function stopAt(store: LabStore): Stop {
  const { trace, cursor } = store.getState();
  const narration = narrationAt(trace.events, cursor.index, cursor.time, trace.length);
  return {
    index: cursor.index,
    time: cursor.time,
    text: narration?.text ?? '',
    seq: narration?.seq ?? -1,
    code: activeCodeLine(trace.events, trace.length, cursor.index, cursor.time, null)?.lineId ?? null,
    // What the painter draws: the messages on the wire at the cursor, and how far along each is.
    dots: messagesInFlight(trace.events, cursor.time, 0, cursor.index).map((message) => ({ message, at: progress(cursor.time, message.sentAt, movingUntil(message)) })),
  };
}

/** Steps forward up to `limit` times from the start, recording each stop. */
function stepForward(store: LabStore, limit: number): Stop[] {
  store.getState().pause();
  store.getState().seekIndex(0);
  const stops: Stop[] = [];
  for (let i = 0; i < limit; i++) {
    const before = store.getState().cursor;
    store.getState().step(1);
    const after = store.getState().cursor;
    if (after.index === before.index && after.time === before.time) break;
    stops.push(stopAt(store));
  }
  return stops;
}

function stepThrough(scenario: string, actions: { at: number; action: Record<string, unknown> }[], options?: Record<string, unknown>) {
  const store = createLabStore({ scenario, engine: defaultEngine, options });
  for (const { at, action } of actions) {
    store.getState().seek(at);
    store.getState().act(action as never);
  }
  return { store, stops: stepForward(store, 60) };
}

const sent = (event: TraceEvent) => (event.type === 'redis.command' && typeof event.actor === 'number') || event.type === 'db.started' || event.type === 'sync.message';
const arrived = (event: TraceEvent) => (event.type === 'redis.reply' && typeof event.actor === 'number') || (event.type === 'db.finished' && event.ok);

/**
 * What every stop must satisfy in any lab: the clock stands on the stepped event's own time, the
 * sentence is that event's, every dot drawn is on its way at that time, and the hop the event sends
 * or receives is drawn (leaving its sender, or at its receiver's door) with its command.
 */
function expectStopsTellOneMoment(store: LabStore, stops: readonly Stop[]) {
  const events = store.getState().trace.events;
  for (const stop of stops) {
    const event = events[stop.index - 1]!;
    const where = `${event.type} #${event.seq} at ${event.at}: ${stop.text}`;
    expect(isNarratable(event), where).toBe(true);
    expect(stop.time, where).toBe(event.at);
    expect(stop.seq, where).toBe(event.seq);
    for (const { message } of stop.dots) {
      expect(message.sentAt, where).toBeLessThanOrEqual(stop.time);
      expect(message.arrivesAt, where).toBeGreaterThanOrEqual(stop.time);
    }
    if (sent(event)) expect(stop.dots.some(({ message, at }) => message.sendSeq === event.seq && at === 0), where).toBe(true);
    if (arrived(event)) expect(stop.dots.some(({ message, at }) => message.arriveSeq === event.seq && at === 1), where).toBe(true);
  }
}

/** Stepping back from the last stop visits the same stops in reverse, then the start. */
function expectMirror(store: LabStore, stops: readonly Stop[]) {
  const back: { index: number; time: number; text: string; code: string | null }[] = [];
  for (let i = 0; i < stops.length; i++) {
    store.getState().step(-1);
    const { index, time, text, code } = stopAt(store);
    back.push({ index, time, text, code });
  }
  const forward = stops.map(({ index, time, text, code }) => ({ index, time, text, code }));
  expect(back).toEqual([...forward.slice(0, -1).reverse(), { index: 0, time: 0, text: '', code: null }]);
}

/** A fresh store of the scenario's lab, and each of its actions with the lab's defaults. */
async function labWithItsActions(scenario: (typeof scenarios)[number]) {
  await prepareScenario(scenario.id, loadCommands);
  const defaults = { defaultKey: scenario.defaultKey, options: {} };
  const actions = scenario.actions.map((name) => actionByName(name, defaults)).filter((action) => action !== null);
  return { defaults, actions, store: createLabStore({ scenario: scenario.id, engine: defaultEngine }) };
}

describe('Step', () => {
  test('lesson 3: each step stands on its event\'s own time, and the clock, the sentence, the dots and the code line tell the same moment', () => {
    const { store, stops } = stepThrough('read-path', [{ at: 0, action: { type: 'read', key: 'user:1' } }, { at: 100, action: { type: 'read', key: 'user:1' } }], { ttlMs: 60_000, dbLatencyMs: 20 });
    const seen = stops.map((stop) => [stop.time, stop.text.replace(/"\{.*\}"/, '"…"'), stop.code, stop.dots.map(({ message, at }) => `${message.label} ${at}`).join(', ')]);
    expect(seen).toEqual([
      [0, 'You request user:1.', null, ''],
      [0, 'A read of user:1 reaches app 1, which asks Redis first.', null, ''],
      [0, 'App 1 sends GET user:1 to Redis.', 'get', 'GET user:1 0'],
      [2, 'GET user:1 → (nil): a miss, so the app asks the database…', 'get', 'GET → (nil) 1'],
      [2, 'The database starts reading users/1 (1 query running).', 'db-read', 'SELECT users/1 0'],
      [22, 'The database returns users/1, version 1, after 20 ms.', 'db-read', 'SELECT users/1 1'],
      [22, 'App 1 sends SET user:1 to Redis.', 'set', 'SET user:1 0'],
      [24, 'SET user:1 → OK: the value is cached for 1 min.', 'set', 'SET → OK 1'],
      [24, 'App 1 answers user:1 from the database in 24 ms.', 'return', ''],
      // The second request: its arrival is not narrated beside the first request's last line.
      [100, 'You request user:1.', null, ''],
      [100, 'A read of user:1 reaches app 1, which asks Redis first.', null, ''],
      [100, 'App 1 sends GET user:1 to Redis.', 'get', 'GET user:1 0'],
      [102, 'GET user:1 → "…": a hit, so the app answers without touching the database.', 'get', expect.stringMatching(/^GET → ".*" 1$/)],
      [102, 'App 1 answers user:1 from the cache in 2 ms.', 'hit', ''],
    ]);
    expectStopsTellOneMoment(store, stops);
    expectMirror(store, stops);
  });

  test('lesson 3: the TTL and the metrics at a step are the stepped moment\'s, not the moment playback had reached', () => {
    const store = createLabStore({ scenario: 'read-path', engine: defaultEngine, options: { ttlMs: 60_000, dbLatencyMs: 20 } });
    store.getState().act({ type: 'read', key: 'user:1' });
    store.getState().seek(100);
    store.getState().act({ type: 'read', key: 'user:1' });
    store.getState().pause();
    // Playback stood between frames with the hit's reply on its way (it leaves Redis at 101, arrives at 102).
    store.getState().seek(101.7);
    store.getState().step(1);
    const { trace, cursor } = store.getState();
    expect(cursor).toEqual({ index: trace.events.findIndex((event) => event.type === 'redis.reply' && event.at === 102) + 1, time: 102 });
    const [row] = keyRows(trace.events, selectSnapshot(store.getState())!.keyspace, cursor.index, cursor.time);
    expect(row!.ttlLeft).toBe(60_023 - 102);
    store.getState().step(1);
    expect(store.getState().cursor.time).toBe(102);
    expect(selectSnapshot(store.getState())!.metrics.reads).toBe(2);
    // Back from a moment between frames: the last step before it, at its own time.
    store.getState().seek(101.7);
    store.getState().step(-1);
    expect(store.getState().cursor.time).toBe(100);
    expect(stopAt(store).text).toBe('App 1 sends GET user:1 to Redis.');
  });

  test('a typed line is one step: "You run DEL user:3.", then its reply, never a second "You typed" for the same line', () => {
    const store = createLabStore({ scenario: 'invalidation', engine: defaultEngine });
    store.getState().console('DEL user:3');
    const texts = stepForward(store, 10).map((stop) => stop.text);
    expect(texts).toEqual(['You run DEL user:3.', 'DEL user:3 → (integer) 0.']);
  });

  test('one press is one event with its own sentence', () => {
    const { stops } = stepThrough('basics', [{ at: 0, action: { type: 'read', key: 'user:1' } }]);
    const texts = stops.map((stop) => stop.text);
    for (let i = 1; i < texts.length; i++) expect(texts[i], `step ${i}`).not.toBe(texts[i - 1]);
    expect(texts.at(-1)).toMatch(/App 1 answers user:1 from the database/);
  });

  describe('in every lab, with each of its actions', () => {
    test.each(scenarios.map((scenario) => [scenario.id, scenario] as const))('%s', async (_id, scenario) => {
      const { defaults, actions, store } = await labWithItsActions(scenario);
      // Each action, then a read in the state it left (Redis down, the database slow, the cache flushed).
      const read = scenario.actions.includes('read') ? actionByName('read', defaults) : null;
      actions.forEach((action, i) => {
        store.getState().seek(i * 700);
        store.getState().act(action as never);
        if (read && action!.type !== 'read') {
          store.getState().seek(i * 700 + 300);
          store.getState().act(read as never);
        }
      });
      const stops = stepForward(store, 200);
      expect(stops.length).toBeGreaterThan(actions.length);
      expectStopsTellOneMoment(store, stops);
      // A query's stated time is the time between the step where it starts and the step where it returns.
      const events = store.getState().trace.events;
      for (const stop of stops) {
        const event = events[stop.index - 1]!;
        if (event.type !== 'db.finished') continue;
        const start = stops.find((other) => events[other.index - 1]!.type === 'db.started' && (events[other.index - 1] as typeof event).queryId === event.queryId);
        if (start) expect(event.latencyMs, stop.text).toBe(stop.time - start.time);
      }
      expectMirror(store, stops);
    });
  });
});

/**
 * Plays from the start as the player does (16 ms frames) and reads the narration as the panel does,
 * at most once per refresh period and a slot late at worst: what a learner sees, and what the live
 * region says, while the lab plays.
 */
function playAndRead(store: LabStore, until: number) {
  const frames = manualFrames();
  const player = createPlayer(store, frames);
  store.getState().seek(0);
  store.getState().play();
  const seen: { text: string; beats: number[]; time: number }[] = [];
  let readAt = -Infinity;
  for (let frame = 0; frame < 20_000 && store.getState().playback.playing && store.getState().cursor.time < until; frame++) {
    frames.tick(16);
    if (frame * 16 - readAt < PANEL_REFRESH_MS + PANEL_REFRESH_MS / PANEL_PHASES) continue;
    readAt = frame * 16;
    read();
  }
  read();
  player.dispose();
  return seen;

  function read() {
    const { trace, cursor } = store.getState();
    const narration = narrationAt(trace.events, cursor.index, cursor.time, trace.length, false, true);
    if (narration && narration.text !== seen.at(-1)?.text) seen.push({ text: narration.text, beats: momentAt(trace.events, trace.length, cursor.index, cursor.time, true).map((beat) => beat.index), time: cursor.time });
  }
}

describe('Play', () => {
  test('lesson 3 at its pace: every moment is told, events at one instant in one sentence ("The database returns users/1…; app 1 sends SET…")', () => {
    const store = createLabStore({ scenario: 'read-path', engine: defaultEngine, options: { ttlMs: 60_000, dbLatencyMs: 20 } });
    store.getState().act({ type: 'read', key: 'user:1' });
    const seen = playAndRead(store, Infinity).map(({ text }) => text);
    expect(seen).toEqual([
      'You request user:1; a read of user:1 reaches app 1, which asks Redis first; app 1 sends GET user:1 to Redis.',
      'GET user:1 → (nil): a miss, so the app asks the database…',
      'The database starts reading users/1 (1 query running).',
      'The database returns users/1, version 1, after 20 ms; app 1 sends SET user:1 to Redis.',
      'SET user:1 → OK: the value is cached for 1 min.',
      'App 1 answers user:1 from the database in 24 ms.',
    ]);
  });

  describe('in every lab, with each of its actions, each narrated moment gets its turn unless the lab is busy', () => {
    test.each(scenarios.map((scenario) => [scenario.id, scenario] as const))('%s', async (_id, scenario) => {
      const { actions, store } = await labWithItsActions(scenario);
      actions.forEach((action, i) => {
        store.getState().seek(i * 700);
        store.getState().act(action as never);
      });
      const end = actions.length * 700;
      const told = new Set(playAndRead(store, end).flatMap(({ beats }) => beats));
      const { trace, playback } = store.getState();
      const missed = flowIndex(trace.events, trace.length)
        .beats.filter((beat) => beat.from < end - 700 && !told.has(beat.index) && !isBusy(trace.events, beat.from, playback.speed))
        .map((beat) => `${beat.from}: ${narrationAt(trace.events, beat.index, beat.at, trace.length)?.text}`);
      expect(missed).toEqual([]);
    });
  });
});
