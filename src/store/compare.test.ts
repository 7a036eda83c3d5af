import { createCompareStore } from './compare.ts';
import { defaultEngine } from './defaultEngine.ts';
import { selectSnapshot } from './selectors.ts';
import { continuousSince } from './types.ts';
import type { CompareStore } from './compare.ts';

const metrics = (pair: CompareStore) => pair.getState().sides.map((side) => selectSnapshot(side.getState())!.metrics);
const times = (pair: CompareStore) => pair.getState().sides.map((side) => side.getState().cursor.time);

function playToEnd(pair: CompareStore, limit = 5_000) {
  for (let i = 0; i < limit && pair.getState().playback.playing; i++) {
    pair.getState().tick(50);
    const [a, b] = times(pair);
    expect(a).toBe(b);
  }
  expect(pair.getState().playback.playing).toBe(false);
}

describe('createCompareStore', () => {
  test('one burst on both sides: the clock stays shared and the numbers differ as the strategies say', () => {
    const pair = createCompareStore({ scenario: 'stampede', engine: defaultEngine, sides: [{ strategy: 'plain' }, { strategy: 'lock' }] });
    pair.getState().setSpeed(64);
    pair.getState().act({ type: 'burst', key: 'user:1', count: 50 });
    expect(pair.getState().playback.playing).toBe(true);
    playToEnd(pair);
    const [plain, lock] = metrics(pair);
    expect(plain!.dbReads).toBe(50);
    expect(lock!.dbReads).toBe(1);
    expect(plain!.reads).toBe(50);
    expect(lock!.reads).toBe(50);
  });

  test('steps stop at the nearer beat of either side, and both cursors stand at the same moment', () => {
    const pair = createCompareStore({ scenario: 'invalidation', engine: defaultEngine, sides: [{ invalidateOnWrite: 'none' }, { invalidateOnWrite: 'delete' }] });
    pair.getState().act({ type: 'write', key: 'user:1' });
    pair.getState().pause();
    const seen: number[] = [];
    for (let i = 0; i < 40; i++) {
      pair.getState().step(1);
      const [a, b] = times(pair);
      expect(a).toBe(b);
      seen.push(a!);
    }
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    for (let i = 0; i < 10; i++) {
      pair.getState().step(-1);
      const [a, b] = times(pair);
      expect(a).toBe(b);
    }
  });

  test('a write without invalidation leaves a stale read on one side only', () => {
    const pair = createCompareStore({ scenario: 'invalidation', engine: defaultEngine, sides: [{ invalidateOnWrite: 'none' }, { invalidateOnWrite: 'delete' }] });
    pair.getState().setSpeed(64);
    for (const action of [{ type: 'write', key: 'user:1' }, { type: 'read', key: 'user:1' }] as const) {
      pair.getState().act(action);
      playToEnd(pair);
    }
    const [none, del] = metrics(pair);
    expect(none!.staleReads).toBe(1);
    expect(del!.staleReads).toBe(0);
  });

  test('another right-hand side takes the left side’s actions and stands at the same moment', () => {
    const pair = createCompareStore({ scenario: 'stampede', engine: defaultEngine, sides: [{ strategy: 'plain' }, { strategy: 'lock' }] });
    pair.getState().setSpeed(64);
    pair.getState().act({ type: 'burst', key: 'user:1', count: 50 });
    playToEnd(pair);
    pair.getState().replaceRight({ strategy: 'coalesce' });
    const [a, b] = times(pair);
    expect(b).toBe(a);
    expect(pair.getState().sides[1].getState().actionLog).toHaveLength(1);
    expect(metrics(pair)[1]!.dbReads).toBe(1);
  });

  test('a steady workload plays on until the pause moment, stops exactly there once, and plays past it when asked', () => {
    const pair = createCompareStore({ scenario: 'eviction', engine: defaultEngine, options: { cacheKeys: 25 }, sides: [{ maxmemoryPolicy: 'allkeys-lru' }, { maxmemoryPolicy: 'allkeys-lfu' }], pauseAt: 20_000 });
    pair.getState().setSpeed(64);
    pair.getState().play();
    playToEnd(pair);
    expect(times(pair)).toEqual([20_000, 20_000]);
    pair.getState().play();
    for (let i = 0; i < 20; i++) pair.getState().tick(50);
    expect(pair.getState().playback.playing).toBe(true);
    expect(times(pair)[0]).toBeGreaterThan(20_000);
    // The shared clock plays on: each side has run on continuously since the start (a busy lab keeps its dots on);
    // a seek is a jump, from which it starts again.
    expect(pair.getState().sides.map((side) => continuousSince(side.getState().cursor))).toEqual([0, 0]);
    pair.getState().seek(30_000);
    pair.getState().tick(50);
    expect(pair.getState().sides.map((side) => continuousSince(side.getState().cursor))).toEqual([30_000, 30_000]);
  });
});
