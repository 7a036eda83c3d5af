// Transactions and scripts over the wire: every frame each of three connections receives, from a real
// redis-server 7.0, from the emulator's RESP server and from the in-process emulator, compared in
// order (see differential-multi.ts); the same scripts as differential-transactions.test.ts.
import { formatMultiDifference, multiDifferentialSuite } from './differential-multi.ts';
import { clientFieldsOnly, randomSteps, TRANSACTIONS, type Step } from './differential-transaction-scripts.ts';

const suite = multiDifferentialSuite('transactions over RESP, three clients');

// This harness writes `A: SET k v`; the shared scripts write `A SET k v`.
const wire = (steps: readonly Step[]): string[] => steps.map((step) => (step.startsWith('sleep ') ? step : `${step[0]}:${step.slice(1)}`));

test.each(Object.entries(TRANSACTIONS))('%s', async (_name, steps) => {
  const differences = await suite.differential.run(wire(steps), 3, (_argv, frames) => frames.map(clientFieldsOnly));
  expect(differences.map(formatMultiDifference)).toEqual([]);
});

test.each([
  ['RESP2', []],
  ['RESP3', ['A: HELLO 3', 'B: HELLO 3', 'C: HELLO 3']],
] as const)('seeded random transactions and scripts (%s)', async (_name, hello) => {
  const differences = await suite.differential.run([...hello, ...wire(randomSteps(4242, 600))], 3, (argv, frames) =>
    // HELLO's map holds the connection id and server details that differ by design.
    argv[0]?.toLowerCase() === 'hello' ? [] : frames,
  );
  expect(differences.map(formatMultiDifference)).toEqual([]);
});
