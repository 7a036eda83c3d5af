/**
 * `workDoneBy` (where the work an action started has played out, read from a trace) agrees with
 * `workInFlight(stateAt(...))` at every moment: it counts the same work, one event at a time.
 */
import { goldenRuns, runGolden } from './golden.ts';
import type { TraceEvent } from '../../src/scenarios/events.ts';
import { stateAt, workInFlight } from '../../src/scenarios/views.ts';
import { workDoneBy } from '../../src/scenarios/work-done.ts';

/** The first moment end after `from` with no work in flight, found by rebuilding the state there. */
function slowly(trace: readonly TraceEvent[], from: number): number | null {
  for (let i = from + 1; i <= trace.length; i++) {
    const momentEnds = i === trace.length || trace[i]!.at > trace[i - 1]!.at;
    if (momentEnds && workInFlight(stateAt(trace, i)) === 0) return i;
  }
  return null;
}

test.each(goldenRuns.map((run) => [run.name, run] as const))('%s: after each learner action, work is done where the rebuilt state says', (_name, run) => {
  const trace = runGolden(run).trace as readonly TraceEvent[];
  const actions = trace.flatMap((event, index) => (event.type === 'action' ? [index] : [])).slice(0, 12);
  expect(actions.length).toBeGreaterThan(0);
  for (const from of actions) {
    const expected = slowly(trace, from);
    if (expected !== null) {
      // Not yet with the cursor before that moment's end; then there, however far past it the cursor is.
      expect(workDoneBy(trace, from, expected - 1), `from ${from}`).toBeNull();
      expect(workDoneBy(trace, from, trace.length), `from ${from}`).toBe(expected);
      expect(workDoneBy(trace, from, expected), `from ${from}`).toBe(expected);
    } else expect(workDoneBy(trace, from, trace.length)).toBeNull();
  }
});
