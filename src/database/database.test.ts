import { Scheduler } from '../engine/scheduler.ts';
import { Trace } from '../engine/trace.ts';
import type { DbEvent } from './events.ts';
import { createRandom } from '../engine/random.ts';
import { SimDatabase, versionOf, type Row } from './database.ts';
import { fixedLatency, sampleLatency } from './latency.ts';

function setup(connections: number, latencyMs: number) {
  const scheduler = new Scheduler();
  const trace = new Trace<DbEvent>();
  const db = new SimDatabase({ scheduler, trace, random: createRandom(1), connections, latency: fixedLatency(latencyMs) });
  db.insert('users', '1', { name: 'Ada' });
  return { scheduler, trace, db };
}

describe('SimDatabase', () => {
  test('a connection limit queues queries FIFO and the wait shows in the trace', () => {
    const { scheduler, trace, db } = setup(2, 100);
    const done: [number, number][] = [];
    for (let i = 0; i < 5; i++) db.read({ table: 'users', id: '1', requestId: i, instance: 0 }, () => done.push([i, scheduler.now]));
    scheduler.runUntil(1000);
    expect(done).toEqual([[0, 100], [1, 100], [2, 200], [3, 200], [4, 300]]);
    expect(db.peakConcurrency).toBe(2);
    const waits = trace.events.flatMap((e) => (e.type === 'db.started' ? [e.waitMs] : []));
    expect(waits).toEqual([0, 0, 100, 100, 200]);
  });

  test('reads see the row as of their start; writes commit at their end with a new version', () => {
    const { scheduler, db } = setup(10, 100);
    const seen: (Row | null)[] = [];
    db.read({ table: 'users', id: '1', requestId: 1, instance: 0 }, (row) => seen.push(row));
    scheduler.runUntil(10);
    db.write({ table: 'users', id: '1', requestId: 2, instance: 0, latencyMs: 20 }, (row) => seen.push(row));
    scheduler.runUntil(1000);
    expect(seen.map((r) => r?.version)).toEqual([2, 1]);
    expect(db.peek('users', '1')?.version).toBe(2);
    expect(versionOf(db.peek('users', '1')!.value)).toBe(2);
  });

  test('faults: slow overrides the latency, down fails queries', () => {
    const { scheduler, db } = setup(10, 10);
    const results: [boolean, number][] = [];
    db.setFault('slow', 500);
    db.read({ table: 'users', id: '1', requestId: 1, instance: 0 }, (_row, ok) => results.push([ok, scheduler.now]));
    scheduler.runUntil(1000);
    db.setFault('down');
    db.read({ table: 'users', id: '1', requestId: 2, instance: 0 }, (_row, ok) => results.push([ok, scheduler.now]));
    scheduler.runUntil(2000);
    expect(results).toEqual([[true, 500], [false, 1000]]);
  });

  test('lazy tables create rows on first use; missing ids read as null', () => {
    const { scheduler, db } = setup(10, 0);
    db.defineTable('products', (id) => Number(id) % 2 === 1);
    expect(db.peek('products', '3')?.version).toBe(1);
    expect(db.peek('products', '4')).toBeNull();
    let row: Row | null | undefined;
    db.read({ table: 'products', id: '4', requestId: 1, instance: 0 }, (r) => (row = r));
    scheduler.runUntil(1);
    expect(row).toBeNull();
  });

  test('a lognormal latency is long-tailed around its median', () => {
    const random = createRandom(2);
    const samples = Array.from({ length: 20_000 }, () => sampleLatency({ kind: 'lognormal', medianMs: 20, sigma: 1 }, random)).sort((a, b) => a - b);
    expect(samples[10_000]).toBeGreaterThanOrEqual(19);
    expect(samples[10_000]).toBeLessThanOrEqual(21);
    expect(samples[19_800]! / samples[10_000]!).toBeGreaterThan(6); // p99 ≈ e^2.33 ≈ 10x the median
  });
});
