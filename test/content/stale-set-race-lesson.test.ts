// Lesson 4's "Run the stale set race" (content/04-invalidation.md, step 3): what the step says the
// keyspace and the stale-read counter show is pinned to a rerun of the button's script.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getScenario } from '../../src/scenarios/registry.ts';
import { createSimulation } from '../../src/scenarios/simulation.ts';

const text = readFileSync(join(import.meta.dirname, '..', '..', 'content', '04-invalidation.md'), 'utf8');
const step = /^3\. Now watch the race[\s\S]*?(?=^4\. )/m.exec(text)?.[0].replace(/\s+/g, ' ') ?? '';

test('the race step says what the replay shows: the writer deletes nothing, the old row comes back, two stale reads', () => {
  const sim = createSimulation({ scenario: 'invalidation', options: { ttlMs: 30000, dbLatencyMs: 40, invalidateOnWrite: 'none' } });
  for (const { at, action } of getScenario('invalidation')!.scripts!['stale-set-race']!) sim.apply(action, at);
  sim.runUntilIdle();
  const writerDel = sim.trace.find((event) => event.type === 'redis.reply' && event.argv[0] === 'DEL' && event.actor !== 'console');
  // The reader missed, so nothing is cached when the writer's DEL arrives.
  expect(writerDel?.type === 'redis.reply' && writerDel.reply).toEqual({ type: 'integer', value: 0 });
  expect(step).toMatch(/finds nothing to delete/);
  expect(step).not.toMatch(/the key is deleted, then comes back/);
  // The slow reader's own answer is stale, and so is the next hit.
  expect(sim.metrics().staleReads).toBe(2);
  expect(step).toMatch(/a second \*stale read\*/);
});
