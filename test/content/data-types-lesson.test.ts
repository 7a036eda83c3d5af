// Lesson 14 (content/14-data-types.md) states what its lab's app tasks send and change: each
// number is pinned here to a rerun of the lab's scenario.
import { createSimulation } from '../../src/scenarios/simulation.ts';
import type { LearnerAction } from '../../src/scenarios/types.ts';
import { stateAt, workInFlight } from '../../src/scenarios/views.ts';

function runFresh(actions: readonly LearnerAction[]) {
  const sim = createSimulation({ scenario: 'data-types' });
  sim.runUntil(0);
  const commands: string[][] = [];
  let at = 0;
  for (const action of actions) {
    const from = sim.trace.length;
    sim.apply(action, at);
    sim.runUntil(at + 5_000);
    for (const event of sim.trace.slice(from)) if (event.type === 'redis.command' && event.actor === 0) commands.push([...event.argv]);
    at += 5_000;
  }
  return { sim, commands, names: commands.map((argv) => argv[0]) };
}

const exists = (sim: ReturnType<typeof createSimulation>, key: string) => sim.consoleExec(`EXISTS ${key}`);

test('the cache holds eight products, four of them tagged sale, among other keys a SCAN must walk', () => {
  const { sim } = runFresh([]);
  for (let i = 1; i <= 8; i++) expect(sim.consoleExec(`TYPE product:${i}`)).toEqual({ type: 'status', value: 'hash' });
  expect(sim.consoleExec('SCARD tag:sale')).toEqual({ type: 'integer', value: 4 });
  expect(sim.consoleExec('TYPE top:viewed')).toEqual({ type: 'status', value: 'zset' });
  expect(sim.consoleExec('TYPE recent:viewed')).toEqual({ type: 'status', value: 'list' });
  expect(sim.consoleExec('DBSIZE')).toMatchObject({ type: 'integer', value: expect.any(Number) });
  expect((sim.consoleExec('DBSIZE') as { value: number }).value).toBeGreaterThan(20);
});

test('cutting a cached price is 6 commands (WATCH, HGET, MULTI, HSET, XADD, EXEC), changes one field and keeps the TTL', () => {
  const before = runFresh([]).sim;
  const ttl = before.consoleExec('PTTL product:1');
  const { sim, names } = runFresh([{ type: 'updatePrice', key: 'product:1' }]);
  expect(names).toEqual(['WATCH', 'HGET', 'MULTI', 'HSET', 'XADD', 'EXEC']);
  expect(sim.consoleExec('HGET product:1 price')).toEqual({ type: 'bulk', value: '81' });
  expect(sim.consoleExec('HGET product:1 name')).toEqual({ type: 'bulk', value: 'Trail shoe' });
  expect((sim.consoleExec('PTTL product:1') as { value: number }).value).toBeGreaterThan((ttl as { value: number }).value - 10_000);
  expect(sim.consoleExec('XLEN cache:invalidations')).toEqual({ type: 'integer', value: 1 });
});

test('cutting the price of a product that is not cached sends UNWATCH and creates nothing', () => {
  const { sim, names } = runFresh([{ type: 'console', line: 'DEL product:2' }, { type: 'updatePrice', key: 'product:2' }]);
  expect(names).toEqual(['WATCH', 'HGET', 'UNWATCH']);
  expect(exists(sim, 'product:2')).toEqual({ type: 'integer', value: 0 });
});

test('the sale tag: 14 commands the SCAN way (4 SCAN, 8 HGET, UNLINK, XADD), then shoes through its set in 3', () => {
  const { sim, commands, names } = runFresh([
    { type: 'invalidateTagByScan', tag: 'sale' },
    { type: 'invalidateTag', tag: 'shoes' },
  ]);
  const scanWay = names.slice(0, 14);
  expect(scanWay.filter((name) => name === 'SCAN')).toHaveLength(4);
  expect(scanWay.filter((name) => name === 'HGET')).toHaveLength(8);
  expect(scanWay.slice(-2)).toEqual(['UNLINK', 'XADD']);
  expect([...commands[12]!].sort()).toEqual(['UNLINK', 'product:1', 'product:3', 'product:5', 'product:7']);
  expect(names.slice(14)).toEqual(['SMEMBERS', 'UNLINK', 'XADD']);
  for (const key of ['product:1', 'product:2', 'product:3', 'product:5', 'product:7', 'tag:shoes']) expect(exists(sim, key)).toEqual({ type: 'integer', value: 0 });
  for (const key of ['product:4', 'product:6', 'product:8']) expect(exists(sim, key)).toEqual({ type: 'integer', value: 1 });
});

test('through its set, the sale tag takes 3 commands and drops four products and the set', () => {
  const { sim, names } = runFresh([{ type: 'invalidateTag', tag: 'sale' }]);
  expect(names).toEqual(['SMEMBERS', 'UNLINK', 'XADD']);
  for (const key of ['product:1', 'product:3', 'product:5', 'product:7', 'tag:sale']) expect([key, exists(sim, key)]).toEqual([key, { type: 'integer', value: 0 }]);
});

test('a view is 4 commands; the recent list keeps the newest five and the view moves up the ranking', () => {
  const views: LearnerAction[] = ['product:8', 'product:8', 'product:8', 'product:4', 'product:2'].map((key) => ({ type: 'viewProduct', key }));
  const { sim, names } = runFresh(views);
  expect(names.slice(0, 4)).toEqual(['HGETALL', 'LPUSH', 'LTRIM', 'ZINCRBY']);
  expect(names).toHaveLength(20);
  expect(sim.consoleExec('LLEN recent:viewed')).toEqual({ type: 'integer', value: 5 });
  expect(sim.consoleExec('LINDEX recent:viewed 0')).toEqual({ type: 'bulk', value: 'product:2' });
  expect(sim.consoleExec('ZSCORE top:viewed product:8')).toMatchObject({ value: expect.anything() });
  expect(Number((sim.consoleExec('ZSCORE top:viewed product:8') as { value: unknown }).value)).toBe(6);
});

test('two tasks started at the same moment run one after the other on the app connection, never inside each other\'s MULTI', () => {
  const sim = createSimulation({ scenario: 'data-types' });
  sim.runUntil(0);
  sim.apply({ type: 'updatePrice', key: 'product:1' }, 10);
  sim.apply({ type: 'invalidateTag', tag: 'sale' }, 10);
  sim.runUntil(5_000);
  const names = sim.trace.flatMap((event) => (event.type === 'redis.command' && event.actor === 0 ? [event.argv[0]] : []));
  expect(names).toEqual(['WATCH', 'HGET', 'MULTI', 'HSET', 'XADD', 'EXEC', 'SMEMBERS', 'UNLINK', 'XADD']);
  expect(sim.consoleExec('EXISTS product:1')).toEqual({ type: 'integer', value: 0 });
});

test('an app task is work in flight from the moment it is queued to its last reply, even between two commands', () => {
  const sim = createSimulation({ scenario: 'data-types' });
  sim.runUntil(0);
  const from = sim.trace.length;
  sim.apply({ type: 'invalidateTagByScan', tag: 'sale' });
  sim.runUntilIdle(60_000);
  const events = sim.trace.slice(from);
  const started = events.findIndex((e) => e.type === 'task.started');
  const finished = events.findIndex((e) => e.type === 'task.finished');
  expect(started).toBeGreaterThanOrEqual(0);
  // runUntilIdle waited for the whole task, not just for requests (it sends none).
  expect(finished).toBeGreaterThan(started);
  expect(events.filter((e) => e.type === 'redis.command' && e.actor === 0)).toHaveLength(14);
  for (let i = from + started + 1; i <= from + finished; i++) {
    const state = stateAt(sim.trace, i);
    expect(state.inFlight, `event ${i}`).toHaveLength(0);
    expect(workInFlight(state), `event ${i}`).toBe(1);
  }
  expect(workInFlight(stateAt(sim.trace, from + finished + 1))).toBe(0);
});
