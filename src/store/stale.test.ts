import { createSimulation } from '../scenarios/simulation.ts';
import { stateAt } from '../scenarios/views.ts';
import { rowVersionsAt, staleCopies } from './stale.ts';

function runInvalidation(invalidateOnWrite: string) {
  const sim = createSimulation({ scenario: 'invalidation', options: { invalidateOnWrite }, seed: 1 });
  sim.apply({ type: 'read', key: 'user:3' }, 0);
  sim.apply({ type: 'write', key: 'user:3' }, 200);
  sim.runUntil(1_000);
  return sim.trace;
}

describe('stale cached copies', () => {
  test('a write without invalidation leaves the cached copy older than its row: stale until it changes', () => {
    const trace = runInvalidation('none');
    const written = trace.findIndex((e) => e.type === 'db.finished' && e.op === 'write') + 1;
    expect(staleCopies(trace, written - 1, stateAt(trace, written - 1).keyspace).size).toBe(0);
    expect([...staleCopies(trace, written, stateAt(trace, written).keyspace).values()]).toEqual([{ key: 'user:3', cachedVersion: 1, rowVersion: 2 }]);
    expect(rowVersionsAt(trace, written).get('user:3')).toMatchObject({ table: 'users', id: '3', version: 2 });
  });

  test('delete on write: stale only from the commit until the DEL lands, then nothing is', () => {
    const trace = runInvalidation('delete');
    const staleAt = trace.filter((e) => staleCopies(trace, e.seq + 1, stateAt(trace, e.seq + 1).keyspace).size > 0).map((e) => e.at);
    const committed = trace.find((e) => e.type === 'db.finished' && e.op === 'write')!.at;
    const deleted = trace.find((e) => e.type === 'redis.executed' && e.argv[0] === 'DEL')!.at;
    expect(staleAt.length).toBeGreaterThan(0);
    expect(Math.min(...staleAt)).toBe(committed);
    expect(Math.max(...staleAt)).toBeLessThan(deleted + 1);
  });
});
