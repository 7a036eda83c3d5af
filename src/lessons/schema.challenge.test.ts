import { parse as parseYaml } from 'yaml';
import { validateLabBlock } from './schema.ts';
import { firstIssue } from './testing/first-issue.ts';

const hitRatio = { metric: 'hitRatio', op: '>=', value: 0.9 };
const noStale = { metric: 'staleReads', op: '==', value: 0 };
const block = (condition: unknown) => ({ scenario: 'read-write-mix', check: { kind: 'challenge', goal: 'G', requires: 'setOption', condition } });

describe('challenge conditions', () => {
  test('one condition is kept as written; a list is kept in order, every item checked', () => {
    const one = validateLabBlock(block(hitRatio));
    expect(one.ok && one.value.check).toMatchObject({ condition: hitRatio });
    const two = validateLabBlock(block([hitRatio, noStale]));
    expect(two.ok && two.value.check).toMatchObject({ condition: [hitRatio, noStale] });
  });

  test('the list reads as YAML the way lesson 2 writes it', () => {
    const raw = parseYaml(
      [
        'scenario: read-write-mix',
        'check:',
        '  kind: challenge',
        '  goal: G',
        '  condition:',
        '    - { metric: hitRatio, op: ">=", value: 0.9 }',
        '    - { metric: staleReads, op: "==", value: 0 }',
      ].join('\n'),
    );
    const verdict = validateLabBlock(raw);
    expect(verdict.ok && verdict.value.check).toMatchObject({ condition: [hitRatio, noStale] });
  });

  test.each([
    ['an unknown metric in a list', [hitRatio, { ...noStale, metric: 'wrongAnswers' }], 'check.condition.1.metric', /must be one of .*staleReads.* \(got "wrongAnswers"\)/],
    ['a bad op', [{ ...hitRatio, op: '=>' }], 'check.condition.0.op', /must be one of <, <=, >, >=, ==, != \(got "=>"\)/],
    ['a value that is not a number', [hitRatio, { ...noStale, value: 'none' }], 'check.condition.1.value', /must be a number \(got "none"\)/],
    ['a missing value', { metric: 'staleReads', op: '==' }, 'check.condition.value', /is required/],
    ['an item that is not a mapping', ['staleReads == 0'], 'check.condition.0', /must be a mapping/],
    ['an empty list', [], 'check.condition', /one comparison or a list of 1 to 3 \(got 0\)/],
    ['too many conditions', [hitRatio, noStale, noStale, noStale], 'check.condition', /list of 1 to 3 \(got 4\)/],
    ['a condition that is text', 'hit ratio at least 90%', 'check.condition', /must be a mapping or a list of mappings/],
    ['a hit ratio written as a percentage', { ...hitRatio, value: 90 }, 'check.condition.value', /fraction from 0 to 1 .*write 90% as 0\.9; got 90/],
    ['a percentage hit ratio in a list', [noStale, { ...hitRatio, value: 90 }], 'check.condition.1.value', /fraction from 0 to 1/],
  ])('%s is refused, naming the field and the reason', (_name, condition, field, reason) => {
    expect(firstIssue(block(condition))).toMatchObject({ field, reason: expect.stringMatching(reason) });
  });
});

describe('challenge keep', () => {
  const kept = (keep: unknown) => ({ scenario: 'hit-ratio', check: { kind: 'challenge', goal: 'G', requires: 'setOption', keep, condition: hitRatio } });

  test('options of the scenario at values it accepts are kept as written', () => {
    const verdict = validateLabBlock(kept({ readRatePerSec: 40, zipf: 0 }));
    expect(verdict.ok && verdict.value.check).toMatchObject({ keep: { readRatePerSec: 40, zipf: 0 } });
  });

  test.each([
    ['an option the scenario does not have', { strategy: 'lock' }, 'check.keep.strategy', /is not an option of hit-ratio/],
    ['a value out of range', { zipf: 9 }, 'check.keep.zipf', /zipf/],
    ['a value of the wrong type', { keyCount: 'twenty' }, 'check.keep.keyCount', /keyCount/],
    ['keep as text', 'zipf 0', 'check.keep', /mapping/],
  ])('%s is refused, naming the field', (_name, keep, field, reason) => {
    expect(firstIssue(kept(keep))).toMatchObject({ field, reason: expect.stringMatching(reason) });
  });
});
