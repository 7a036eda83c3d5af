/**
 * The interactive session: determinism, forks, live-versus-replay equality, and the stateAt views.
 */
import { createSimulation } from '../../src/scenarios/simulation.ts';
import { stateAt, SNAPSHOT_EVERY } from '../../src/scenarios/views.ts';
import { consoleResult } from '../../src/components/lab/panels/ConsoleTab.tsx';
import type { RedisEmulator } from '../../src/redis/emulator.ts';
import type { ScheduledAction } from '../../src/scenarios/types.ts';

const script: ScheduledAction[] = [
  { at: 100, action: { type: 'burst', key: 'user:3', count: 10 } },
  { at: 900, action: { type: 'write', key: 'user:3' } },
  { at: 1500, action: { type: 'console', line: 'SET greeting hello PX 700' } },
  { at: 2000, action: { type: 'redisDown' } },
  { at: 2100, action: { type: 'readMissing' } },
  { at: 2600, action: { type: 'redisUp' } },
  { at: 3000, action: { type: 'setOption', name: 'strategy', value: 'lock' } },
  { at: 3000, action: { type: 'flushCache' } },
  { at: 3001, action: { type: 'burst', key: 'user:3', count: 5 } },
];

function traceOf(seed: number, until = 8000): string {
  const sim = createSimulation({ scenario: 'playground', options: { readRatePerSec: 50, writeRatePerSec: 2, missingFraction: 0.1 }, seed, actions: script });
  sim.runUntil(until);
  return JSON.stringify(sim.trace);
}

describe('determinism', () => {
  test('the same scenario, options, seed and actions give the same trace, byte for byte', () => {
    const a = traceOf(5);
    expect(a.length).toBeGreaterThan(10_000);
    expect(traceOf(5)).toBe(a);
  });

  test('another seed gives another trace', () => {
    expect(traceOf(6)).not.toBe(traceOf(5));
  });

  test('events are in time order and seq is the index', () => {
    const sim = createSimulation({ scenario: 'playground', seed: 2, actions: script });
    sim.runUntil(5000);
    sim.trace.forEach((e, i) => {
      expect(e.seq).toBe(i);
      if (i > 0) expect(e.at).toBeGreaterThanOrEqual(sim.trace[i - 1]!.at);
    });
  });
});

describe('live sessions and forks', () => {
  test('acting live gives the same trace as replaying the recorded actions', () => {
    const live = createSimulation({ scenario: 'stampede', options: { strategy: 'lock', instances: 2 }, seed: 4 });
    live.runUntil(50);
    live.apply({ type: 'burst', key: 'user:1', count: 20 }, 50);
    live.runUntilIdle();
    live.apply({ type: 'read', key: 'user:1' }, live.now);
    live.runUntil(400);
    live.apply({ type: 'fastForwardToExpiry' }, 400);
    live.apply({ type: 'burst', key: 'user:1', count: 5 }, live.now);
    live.runUntil(live.now + 1000);
    const replay = createSimulation({ scenario: 'stampede', options: { strategy: 'lock', instances: 2 }, seed: 4, actions: live.actions });
    replay.runUntil(live.now);
    expect(JSON.stringify(replay.trace)).toBe(JSON.stringify(live.trace));
  });

  test('fork(t) drops later actions and equals a fresh run to t', () => {
    const sim = createSimulation({ scenario: 'basics', seed: 1 });
    sim.apply({ type: 'read', key: 'user:1' }, 10);
    sim.apply({ type: 'write', key: 'user:1' }, 500);
    sim.apply({ type: 'read', key: 'user:1' }, 900);
    sim.runUntil(2000);
    const fork = sim.fork(600);
    expect(fork.now).toBe(600);
    expect(fork.actions.map((a) => a.at)).toEqual([10, 500]);
    const fresh = createSimulation({ scenario: 'basics', seed: 1, actions: sim.actions.slice(0, 2) });
    fresh.runUntil(600);
    expect(JSON.stringify(fork.trace)).toBe(JSON.stringify(fresh.trace));
    // The original trace up to 600 is a prefix of nothing new: the fork does not see the read at 900.
    expect(fork.trace.some((e) => e.at > 600)).toBe(false);
  });

  test('setOption on the workload knobs changes what is read from then on', () => {
    const sim = createSimulation({ scenario: 'playground', options: { keyCount: 500, readRatePerSec: 100, zipf: 0 }, seed: 2 });
    sim.runUntil(5000);
    sim.apply({ type: 'setOption', name: 'keyCount', value: 3 });
    sim.apply({ type: 'setOption', name: 'readRatePerSec', value: 400 });
    const from = sim.trace.length;
    sim.runUntil(10_000);
    const keys = new Set(sim.trace.slice(from).flatMap((e) => (e.type === 'request.arrived' && e.kind === 'read' ? [e.key] : [])));
    expect([...keys].sort()).toEqual(['user:1', 'user:2', 'user:3']);
    const reads = sim.trace.slice(from).filter((e) => e.type === 'request.arrived' && e.kind === 'read').length;
    expect(reads).toBeGreaterThan(1800); // ~400/s for 5 s
    expect(sim.workload).toMatchObject({ keyCount: 3, readRatePerSec: 400 });
  });

  test('console lines run on the simulation\'s own emulator and their replies are in the trace', () => {
    const sim = createSimulation({ scenario: 'read-path', seed: 1 });
    expect(sim.consoleExec('SET note "hello world" EX 5')).toEqual({ type: 'status', value: 'OK' });
    expect(sim.consoleExec('GET note')).toEqual({ type: 'bulk', value: 'hello world' });
    expect((sim.redis as RedisEmulator).peek('note')).toBe('hello world');
    const replies = sim.trace.filter((e) => e.type === 'redis.reply' && e.actor === 'console');
    expect(replies).toHaveLength(2);
    expect(sim.consoleExec('GET "unbalanced')).toMatchObject({ type: 'error' });
    expect(sim.nextExpiryAt()).toBe(5000);
  });

  test('a glob pattern deeper than Redis allows answers an empty array in the console, as Redis does', () => {
    const sim = createSimulation({ scenario: 'read-path', seed: 1 });
    sim.consoleExec('SET ' + 'a'.repeat(5000) + ' v');
    expect(sim.consoleExec('KEYS ' + '*a'.repeat(5000))).toEqual({ type: 'array', value: [] });
    expect(sim.consoleExec('SCAN 0 MATCH ' + '*a'.repeat(5000) + ' COUNT 100')).toMatchObject({
      type: 'array',
      value: [{ type: 'bulk', value: '0' }, { type: 'array', value: [] }],
    });
    const line = 'KEYS ' + '*a'.repeat(5000);
    sim.consoleExec(line);
    expect(consoleResult(sim.trace, line)).toEqual({ output: '(empty array)', isError: false });
  });
});

describe('stateAt', () => {
  const sim = createSimulation({ scenario: 'playground', options: { readRatePerSec: 80, writeRatePerSec: 3 }, seed: 9, actions: script });
  sim.runUntil(20_000);
  const trace = sim.trace;

  test('at the end it matches the emulator and the session metrics', () => {
    const end = stateAt(trace, trace.length);
    const emulator = sim.redis as RedisEmulator;
    const live = emulator.snapshot(0).filter((k) => k.expireAt === null || k.expireAt >= sim.now);
    expect([...end.keyspace.keys()].sort()).toEqual(live.map((k) => k.key).sort());
    for (const key of live) expect(end.keyspace.get(key.key)?.expireAt).toBe(key.expireAt);
    expect(end.metrics).toEqual(sim.metrics());
    expect(end.inFlight.length).toBeGreaterThanOrEqual(0);
  });

  test('stepping backward gives the same state as computing it from scratch', () => {
    expect(trace.length).toBeGreaterThan(3 * SNAPSHOT_EVERY);
    for (const index of [trace.length - 1, 2 * SNAPSHOT_EVERY + 7, SNAPSHOT_EVERY, 5, 0]) {
      const viaSnapshots = stateAt(trace, index);
      const fresh = stateAt([...trace], index); // a new array has no snapshots yet
      expect(JSON.stringify({ ...viaSnapshots, keyspace: [...viaSnapshots.keyspace] })).toBe(
        JSON.stringify({ ...fresh, keyspace: [...fresh.keyspace] }),
      );
    }
  });

  test('stepping backward one event at a time (undo) matches stepping forward, through faults, bursts, console, flush and expiries', () => {
    const end = trace.findIndex((e) => e.at > 7500); // past the first TTL expiries
    expect(end).toBeGreaterThan(2 * SNAPSHOT_EVERY);
    const show = (index: number, t: typeof trace): string => {
      const state = stateAt(t, index);
      return JSON.stringify({ ...state, keyspace: [...state.keyspace] });
    };
    const forward = [...trace]; // its own snapshots and last state
    const expected: string[] = [];
    for (let index = 0; index <= end; index++) expected.push(show(index, forward));
    const backward = [...trace];
    for (let index = end; index >= 0; index--) expect(show(index, backward)).toBe(expected[index]);
    // And forward again from the start, after all that undoing.
    for (let index = 0; index <= end; index += 97) expect(show(index, backward)).toBe(expected[index]);
  });

  test('a key is visible while at <= expireAt and gone after', () => {
    const basics = createSimulation({ scenario: 'basics', options: { ttlMs: 1000 }, seed: 1 });
    basics.apply({ type: 'read', key: 'user:1' });
    basics.runUntilIdle();
    const expireAt = basics.nextExpiryAt()!;
    basics.runUntil(expireAt + 5);
    const t = basics.trace;
    const lastBefore = t.findLastIndex((e) => e.at <= expireAt);
    expect(stateAt(t, lastBefore + 1).keyspace.has('user:1')).toBe(true);
    expect(t.some((e) => e.type === 'key.expired' && e.key === 'user:1' && e.at === expireAt + 1)).toBe(true);
    expect(stateAt(t, t.length).keyspace.has('user:1')).toBe(false);
  });
});
