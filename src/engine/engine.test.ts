import { Scheduler, Priority } from './scheduler.ts';
import { createRandom } from './random.ts';
import { createTrace } from './trace.ts';

describe('Scheduler', () => {
  test('runs events by time, then priority, then the order they were scheduled', () => {
    const s = new Scheduler();
    const log: string[] = [];
    s.schedule(10, () => log.push('b10'), Priority.normal);
    s.schedule(5, () => log.push('a5'));
    s.schedule(10, () => log.push('c10-first'), Priority.expiry);
    s.schedule(10, () => log.push('d10'), Priority.normal);
    s.schedule(10, () => log.push('e10-action'), Priority.action);
    s.runUntil(100);
    expect(log).toEqual(['a5', 'c10-first', 'b10', 'd10', 'e10-action']);
    expect(s.now).toBe(100);
  });

  test('events scheduled in the past run now; events after the horizon wait', () => {
    const s = new Scheduler();
    const seen: number[] = [];
    s.schedule(50, () => {
      seen.push(s.now);
      s.schedule(10, () => seen.push(s.now));
      s.schedule(70.9, () => seen.push(s.now));
    });
    s.runUntil(60);
    expect(seen).toEqual([50, 50]);
    expect(s.peekTime()).toBe(70);
    s.runUntil(70);
    expect(seen).toEqual([50, 50, 70]);
  });

  test('keeps order across thousands of random events (heap property)', () => {
    const s = new Scheduler();
    const random = createRandom(3);
    const seen: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const at = random.int(0, 1000);
      s.schedule(at, () => seen.push(at));
    }
    s.runUntil(1000);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen).toHaveLength(5000);
  });
});

describe('createRandom', () => {
  test('the same seed gives the same stream; forks are independent of later draws', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const xs = Array.from({ length: 5 }, () => a.float());
    expect(Array.from({ length: 5 }, () => b.float())).toEqual(xs);
    expect(createRandom(42).fork('db').float()).not.toBe(createRandom(42).fork('keys').float());
  });

  test('a fork does not depend on how much the parent drew before it', () => {
    const fresh = createRandom(42).fork('db');
    const used = createRandom(42);
    for (let i = 0; i < 1000; i++) used.float();
    const late = used.fork('db');
    expect(Array.from({ length: 5 }, () => late.float())).toEqual(Array.from({ length: 5 }, () => fresh.float()));
    // ... and drawing from the fork leaves the parent's stream as it was.
    const parent = createRandom(42);
    const reference = createRandom(42);
    const child = parent.fork('db');
    for (let i = 0; i < 10; i++) child.float();
    expect(parent.float()).toBe(reference.float());
  });

  test('exponential draws have mean 1/rate', () => {
    const r = createRandom(1);
    let sum = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) sum += r.exponential(4);
    // sd of the mean: 0.25 / sqrt(n) ≈ 0.00056
    expect(Math.abs(sum / n - 0.25)).toBeLessThan(0.003);
  });
});

describe('Trace', () => {
  type Note = { seq: number; at: number; type: 'note'; text: string };

  test('stamps seq in order; a trace that does not record keeps nothing', () => {
    const t = createTrace<Note>(true);
    t.push({ type: 'note', at: 0, text: 'a' });
    t.push({ type: 'note', at: 1, text: 'b' });
    expect(t.recording).toBe(true);
    expect(t.events.map((e) => e.seq)).toEqual([0, 1]);
    const off = createTrace<Note>(false);
    off.push({ type: 'note', at: 0, text: 'a' });
    expect(off.recording).toBe(false);
    expect(off.events).toEqual([]);
  });
});
