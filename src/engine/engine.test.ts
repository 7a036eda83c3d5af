import { Scheduler, Priority } from './scheduler.ts';
import { createRandom } from './random.ts';
import { Trace } from './trace.ts';

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
    expect(createRandom(42).fork('db').float()).toBe(createRandom(42).fork('db').float());
    expect(createRandom(42).fork('db').float()).not.toBe(createRandom(42).fork('keys').float());
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
  test('stamps seq in order; a disabled trace records nothing', () => {
    const t = new Trace();
    t.push({ type: 'note', at: 0, text: 'a' });
    t.push({ type: 'note', at: 1, text: 'b' });
    expect(t.events.map((e) => e.seq)).toEqual([0, 1]);
    const off = new Trace(false);
    off.push({ type: 'note', at: 0, text: 'a' });
    expect(off.length).toBe(0);
  });
});
