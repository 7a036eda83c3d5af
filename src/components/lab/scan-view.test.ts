import fc from 'fast-check';
import { createSimulation } from '../../scenarios/simulation.ts';
import { hashKey } from '../../redis/keyspace.ts';
import { scanSteps, visitedBuckets, visitOrder } from './scan-view.ts';

test('buckets are visited in reverse-binary order', () => {
  expect(visitOrder(4)).toEqual([0, 2, 1, 3]);
  expect(visitOrder(8)).toEqual([0, 4, 2, 6, 1, 5, 3, 7]);
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 10 }), (bits) => {
      const order = visitOrder(2 ** bits);
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 2 ** bits }, (_, i) => i));
    }),
  );
});

test('one call visits from its cursor up to the cursor it returns', () => {
  expect(visitedBuckets(0, 6, 8)).toEqual([0, 4, 2]);
  expect(visitedBuckets(6, 0, 8)).toEqual([6, 1, 5, 3, 7]);
});

test("on lesson 5's lab the drawn table agrees with the emulator: each step returns exactly the matching keys of the buckets it visited", () => {
  const sim = createSimulation({ scenario: 'pattern-invalidation' });
  for (let i = 0; i < 20; i++) sim.apply({ type: 'scanStep', pattern: 'user:42:*', count: 2, deleteMatches: i % 2 === 0 });
  sim.runUntilIdle();
  const steps = scanSteps(sim.trace, sim.trace.length);
  expect(steps.length).toBeGreaterThan(3);
  expect(steps[0]!.cursor).toBe(0);
  expect(steps[0]!.tableSize).toBe(16);
  const glob = (key: string) => key.startsWith('user:42:');
  for (const step of steps) {
    const inVisited = step.visited.flatMap((bucket) => step.buckets![bucket]!).filter(glob);
    expect([...step.returned].sort()).toEqual(inVisited.sort());
    for (const [index, bucket] of step.buckets!.entries()) for (const key of bucket) expect(hashKey(key) & (step.tableSize - 1)).toBe(index);
  }
  // Stepping on, the cursor came back to 0: the iteration ended.
  expect(steps.some((step) => step.nextCursor === 0)).toBe(true);
});

test('a KEYS call is drawn as one step over every bucket: it examines every key and returns exactly the matching ones', () => {
  const sim = createSimulation({ scenario: 'pattern-invalidation' });
  sim.apply({ type: 'console', line: 'KEYS user:42:*' });
  sim.apply({ type: 'scanStep', pattern: 'user:42:*', count: 2, deleteMatches: false });
  sim.runUntilIdle();
  const [keys, scan] = scanSteps(sim.trace, sim.trace.length);
  expect(keys!.command).toBe('KEYS');
  expect(keys!.visited).toEqual(Array.from({ length: keys!.tableSize }, (_, i) => i));
  const all = keys!.buckets!.flat();
  expect(keys!.examined).toBe(all.length);
  expect([...keys!.returned].sort()).toEqual(all.filter((key) => key.startsWith('user:42:')).sort());
  // A SCAN step examines the keys of the buckets it visited, and no others.
  expect(scan!.command).toBe('SCAN');
  expect(scan!.examined).toBe(scan!.visited.flatMap((bucket) => scan!.buckets![bucket]!).length);
  expect(scan!.examined).toBeLessThan(keys!.examined);
});
