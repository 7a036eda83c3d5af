// Lesson 2's first lab (content/02-when-to-use.md, "Try it"), step 3: the number of stale reads the
// text states for ten seconds after On write = none is what the metrics panel shows then, whenever
// the learner made the change. The panel counts from the change (`lastChangeSeq`), so the count
// depends only on the writes that land in those ten seconds; the text states the range, not one run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLessons } from '../../src/lessons/build/load.ts';
import { createSimulation } from '../../src/scenarios/simulation.ts';
import { metricsOf } from '../../src/scenarios/metrics.ts';
import { lastChangeSeq } from '../../src/components/lab/Metrics.tsx';
import type { LearnerAction, ScenarioId } from '../../src/scenarios/types.ts';

const root = join(import.meta.dirname, '..', '..');
const lessons = await loadLessons(join(root, 'content'), root);
const lesson = lessons.find(({ file }) => file.endsWith('02-when-to-use.md'))!;
const text = readFileSync(join(root, 'content', '02-when-to-use.md'), 'utf8');
const block = lesson.module.blocks.find((b) => b.kind === 'lab' && b.lab.check?.kind === 'challenge');
const lab = block?.kind === 'lab' ? block.lab : null;

const set = (name: string, value: unknown) => ({ type: 'setOption', name, value }) as LearnerAction;

test('step 3 states the stale reads ten seconds after On write = none as a range that every moment of the change falls in', () => {
  const stated = /Ten\s+seconds\s+after\s+the\s+change[^.]*?between\s+([\d,]+)\s+and\s+([\d,]+)\s+of\s+about\s+([\d,]+)\s+reads/.exec(text);
  expect(stated, 'step 3 states "Ten seconds after the change … between N and M of about R reads"').not.toBeNull();
  const [low, high, reads] = stated!.slice(1).map((n) => Number(n.replace(/,/g, ''))) as [number, number, number];
  // Steps 1 and 2 as a learner takes them: play a while, lower the writes to 2 per second, play on, then step 3.
  const seen: number[] = [];
  for (const playFor of [3000, 10_000, 20_000]) {
    for (const thenFor of [3000, 10_000, 30_000]) {
      const sim = createSimulation({ scenario: lab!.scenario as ScenarioId, options: lab!.options });
      sim.runUntil(playFor);
      sim.apply(set('writeRatePerSec', 2));
      sim.runUntil(sim.now + thenFor);
      sim.apply(set('invalidateOnWrite', 'none'));
      const changedAt = sim.now;
      sim.runUntil(changedAt + 10_000);
      const window = metricsOf(sim.trace, lastChangeSeq(sim.trace, sim.trace.length), sim.trace.length);
      expect(window.hitRatio).toBeGreaterThan(0.99);
      expect(Math.abs(window.reads - reads) / reads).toBeLessThan(0.1);
      seen.push(window.staleReads);
    }
  }
  for (const stale of seen) expect(stale, `stale reads seen: ${seen.join(', ')}`).toBeGreaterThanOrEqual(low);
  for (const stale of seen) expect(stale, `stale reads seen: ${seen.join(', ')}`).toBeLessThanOrEqual(high);
});
