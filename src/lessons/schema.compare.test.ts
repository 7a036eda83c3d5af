import { validateLabBlock } from './schema.ts';
import { firstIssue } from './testing/first-issue.ts';

const block = (compare: unknown, extra: Record<string, unknown> = {}) => ({ scenario: 'invalidation', options: { ttlMs: 30_000 }, compare, ...extra });
const good = {
  left: { label: 'No invalidation', options: { invalidateOnWrite: 'none' } },
  right: { label: 'Delete on write', options: { invalidateOnWrite: 'delete' } },
  metrics: ['staleReads'],
  actions: ['read', 'write'],
};

describe('compare blocks', () => {
  test('a right side given once becomes a list of one; a list is kept in order', () => {
    const verdict = validateLabBlock(block(good));
    expect(verdict.ok && verdict.value.compare?.right.map((side) => side.label)).toEqual(['Delete on write']);
    const stampede = validateLabBlock({
      scenario: 'stampede',
      compare: { ...good, left: { label: 'Plain', options: { strategy: 'plain' } }, right: [{ label: 'Lock', options: { strategy: 'lock' } }, { label: 'SWR', options: { strategy: 'swr' } }], actions: ['burst'] },
    });
    expect(stampede.ok && stampede.value.compare?.right.map((side) => side.label)).toEqual(['Lock', 'SWR']);
  });

  test.each([
    [{ ...good, left: { label: 'x', options: { colour: 'red' } } }, 'compare.left.options.colour', /not an option of invalidation/],
    [{ ...good, right: [{ label: 'y', options: { invalidateOnWrite: 'sometimes' } }] }, 'compare.right.0.options', /invalidateOnWrite/],
    [{ ...good, right: { options: {} } }, 'compare.right.label', /is required/],
    [{ ...good, right: 'delete' }, 'compare.right', /mapping or a list/],
    [{ ...good, right: [] }, 'compare.right', /at least one side/],
    [{ ...good, right: { label: 'No invalidation', options: {} } }, 'compare', /used twice/],
    [{ ...good, metrics: ['speed'] }, 'compare.metrics', /"speed" is not a metric/],
    [{ ...good, metrics: ['reads', 'hits', 'misses', 'dbReads'] }, 'compare.metrics', /at most 3/],
    [{ ...good, actions: ['fastForwardToExpiry'] }, 'compare.actions', /cannot drive both sides at one moment/],
    [{ ...good, actions: ['burst'] }, 'compare.actions', /not offered by invalidation/],
    [{ ...good, sides: 2 }, 'compare.sides', /not a known field/],
    [{ ...good, pauseAt: 0 }, 'compare.pauseAt', /at least 1/],
    [{ ...good, pauseAt: 'soon' }, 'compare.pauseAt', /integer|number/],
  ])('%# names the field and the reason', (compare, field, reason) => {
    expect(firstIssue(block(compare))).toMatchObject({ field, reason: expect.stringMatching(reason) });
  });

  test('pauseAt is kept when given, absent otherwise', () => {
    const paused = validateLabBlock(block({ ...good, pauseAt: 120_000 }));
    expect(paused.ok && paused.value.compare?.pauseAt).toBe(120_000);
    const plain = validateLabBlock(block(good));
    expect(plain.ok && 'pauseAt' in plain.value.compare!).toBe(false);
  });

  test('a compare block has no check', () => {
    const found = firstIssue(block(good, { check: { kind: 'challenge', goal: 'x', condition: { metric: 'dbReads', op: '<=', value: 1 } } }));
    expect(found.field).toBe('check');
  });
});
