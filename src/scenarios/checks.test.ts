import { COMPARISON_OPS, compare, conditionsOf, describeCondition, joinAnd, metricLabel } from './checks.ts';

describe('compare', () => {
  // Each op against a value below, equal to and above 5: a swapped or off-by-one op fails a row.
  test.each([
    ['<', [true, false, false]],
    ['<=', [true, true, false]],
    ['>', [false, false, true]],
    ['>=', [false, true, true]],
    ['==', [false, true, false]],
    ['!=', [true, false, true]],
  ] as const)('%s', (op, expected) => {
    expect([4, 5, 6].map((actual) => compare(actual, op, 5))).toEqual(expected);
  });

  test('every op the schema accepts is judged', () => {
    expect(COMPARISON_OPS.map((op) => typeof compare(1, op, 1))).toEqual(COMPARISON_OPS.map(() => 'boolean'));
  });

  test('fractions compare exactly (hit ratios)', () => {
    expect(compare(0.8, '>=', 0.8)).toBe(true);
    expect(compare(0.7999, '>=', 0.8)).toBe(false);
  });
});

describe('describeCondition', () => {
  test.each([
    [{ metric: 'dbReads', op: '<=', value: 1 }, 'database reads at most 1'],
    [{ metric: 'hitRatio', op: '>=', value: 0.8 }, 'hit ratio at least 80%'],
    [{ metric: 'staleReads', op: '==', value: 0 }, 'stale reads exactly 0'],
    [{ metric: 'staleShare', op: '<=', value: 0.1 }, 'share of stale reads at most 10%'],
    [{ metric: 'errors', op: '<', value: 3 }, 'failed Redis commands below 3'],
    [{ metric: 'fallbacks', op: '>', value: 0 }, 'fallbacks to the database above 0'],
    [{ metric: 'misses', op: '!=', value: 2 }, 'cache misses not 2'],
    [{ metric: 'somethingNew', op: '<=', value: 4 }, 'somethingNew at most 4'],
    // As the goals write them: "at least 10,000 reads".
    [{ metric: 'reads', op: '>=', value: 10000 }, 'reads at least 10,000'],
  ] as const)('%j reads "%s"', (condition, text) => {
    expect(describeCondition(condition)).toBe(text);
  });

  test('a list states every condition, joined as a sentence', () => {
    const hitRatio = { metric: 'hitRatio', op: '>=', value: 0.9 } as const;
    const noStale = { metric: 'staleReads', op: '==', value: 0 } as const;
    expect(describeCondition([hitRatio])).toBe('hit ratio at least 90%');
    expect(describeCondition([hitRatio, noStale])).toBe('hit ratio at least 90% and stale reads exactly 0');
    expect(describeCondition([hitRatio, noStale, { metric: 'failedReads', op: '==', value: 0 }])).toBe('hit ratio at least 90%, stale reads exactly 0 and failed reads exactly 0');
    expect(conditionsOf(hitRatio)).toEqual([hitRatio]);
    expect(conditionsOf([hitRatio, noStale])).toEqual([hitRatio, noStale]);
    expect(joinAnd([])).toBe('');
  });

  test('an unlabelled metric is shown by its name', () => {
    expect(metricLabel('latencyMs.p95')).toBe('p95 latency (ms)');
    expect(metricLabel('nope')).toBe('nope');
  });
});
