import { createSimulation } from '../../scenarios/simulation.ts';
import { stateAt } from '../../scenarios/views.ts';
import { staleKeys } from './database-view.ts';

function runInvalidation(invalidateOnWrite: string) {
  const sim = createSimulation({ scenario: 'invalidation', options: { invalidateOnWrite }, seed: 1 });
  sim.apply({ type: 'read', key: 'user:3' }, 0);
  sim.apply({ type: 'write', key: 'user:3' }, 200);
  sim.runUntil(1_000);
  return sim.trace;
}

const staleAfter = (trace: ReturnType<typeof runInvalidation>, index: number) => staleKeys(trace, index, stateAt(trace, index).keyspace);

describe('staleKeys (the request flow marker)', () => {
  test('a write without invalidation leaves the cached copy older than its row: stale from the commit on', () => {
    const trace = runInvalidation('none');
    const written = trace.findIndex((e) => e.type === 'db.finished' && e.op === 'write') + 1;
    expect(staleAfter(trace, written - 1)).toEqual([]);
    expect(staleAfter(trace, written)).toEqual(['user:3']);
    expect(staleAfter(trace, trace.length)).toEqual(['user:3']);
  });

  test('delete on write: stale only from the commit until the DEL lands', () => {
    const trace = runInvalidation('delete');
    const staleAt = trace.filter((e) => staleAfter(trace, e.seq + 1).length > 0).map((e) => e.at);
    const committed = trace.find((e) => e.type === 'db.finished' && e.op === 'write')!.at;
    const deleted = trace.find((e) => e.type === 'redis.executed' && e.argv[0] === 'DEL')!.at;
    expect(Math.min(...staleAt)).toBe(committed);
    expect(Math.max(...staleAt)).toBeLessThan(deleted + 1);
  });
});
