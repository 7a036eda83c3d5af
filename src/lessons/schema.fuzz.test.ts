/**
 * Fuzz of the lesson schema: a lab block or frontmatter is whatever YAML an author (or a bad merge)
 * wrote. Whatever it is, validation returns a verdict naming known fields, and never throws.
 * Time-bounded: each property stops after its time limit even if not all runs are done.
 */
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { COMPARISON_OPS, FRACTION_METRICS, MAX_CONDITIONS, METRIC_NAMES } from '../scenarios/checks.ts';
import {
  LEARNER_ACTIONS,
  challengeCheckSchema,
  conditionSchema,
  frontmatterSchema,
  labBlockSchema,
  predictCheckSchema,
  situationSchema,
  NAMED_ACTIONS,
  validateFrontmatter,
  validateLabBlock,
} from './schema.ts';

const TIME_LIMIT_MS = 1_500;
const bounded = { numRuns: 2_000, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false } as const;

/** Every field path an issue may name: `(root)`, `(yaml)` or a path through the schemas. */
const knownFields = new Set<string>([
  '(root)',
  ...Object.keys(frontmatterSchema),
  ...Object.keys(labBlockSchema),
  ...Object.keys(challengeCheckSchema).map((name) => `check.${name}`),
  ...Object.keys(predictCheckSchema).map((name) => `check.${name}`),
  ...Object.keys(conditionSchema).map((name) => `check.condition.${name}`),
  ...Object.keys(conditionSchema).map((name) => `check.expect.${name}`),
  ...Object.keys(situationSchema).map((name) => `check.situation.${name}`),
  'check.condition',
  // A list of conditions names each item by its index.
  ...Array.from({ length: MAX_CONDITIONS }, (_, i) => [`check.condition.${i}`, ...Object.keys(conditionSchema).map((name) => `check.condition.${i}.${name}`)]).flat(),
  'check.situation.actions',
]);

/** A verdict is either a value or issues; each issue names a field and says why in words. */
function checkVerdict(verdict: ReturnType<typeof validateLabBlock> | ReturnType<typeof validateFrontmatter>, input: unknown): void {
  if (verdict.ok) return;
  expect(verdict.issues.length).toBeGreaterThan(0);
  for (const issue of verdict.issues) {
    expect(typeof issue.reason).toBe('string');
    expect(issue.reason.length).toBeGreaterThan(0);
    // An unknown field is named as the author wrote it.
    const unknownKey = issue.reason.startsWith('is not a known field');
    if (!unknownKey) expect(knownFields.has(issue.field), `${issue.field} for ${fc.stringify(input).slice(0, 200)}`).toBe(true);
    // What the author wrote is quoted shortened, so a huge value never floods the build log.
    expect(issue.reason.length).toBeLessThan(400);
  }
}

const anyValue = fc.anything({ maxDepth: 3, withBigInt: true, withNullPrototype: true, withObjectString: true, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true });

/** Text as an author writes it: non-empty, no space at either end (the schema trims). */
const words = (maxLength = 40) => fc.string({ minLength: 1, maxLength }).map((s) => s.trim()).filter((s) => s !== '');

/** A valid challenge condition: a hit ratio or share is a fraction from 0 to 1, any other metric any number. */
const validCondition = fc.record({ metric: fc.constantFrom(...METRIC_NAMES), op: fc.constantFrom(...COMPARISON_OPS), value: fc.double({ noNaN: true, noDefaultInfinity: true }) }).map((condition) =>
  FRACTION_METRICS.includes(condition.metric) && !(condition.value >= 0 && condition.value <= 1) ? { ...condition, value: Math.abs(condition.value) % 1 } : condition,
);

/** A valid lab block, built from the schema's own vocabulary. */
const validCheck = fc.oneof(
  fc.record(
    {
      kind: fc.constant('challenge' as const),
      goal: words(),
      requires: fc.constantFrom(...LEARNER_ACTIONS),
      condition: fc.oneof(validCondition, fc.array(validCondition, { minLength: 1, maxLength: MAX_CONDITIONS })),
      hint: words(),
    },
    { requiredKeys: ['kind', 'goal', 'condition'] },
  ),
  fc.uniqueArray(words(12), { minLength: 2, maxLength: 4 }).chain((choices) =>
    fc.record(
      {
        kind: fc.constant('predict' as const),
        prompt: fc.constant('Hit or miss?'),
        choices: fc.constant(choices),
        answer: fc.constantFrom(...choices),
      },
      { requiredKeys: ['kind', 'prompt', 'choices', 'answer'] },
    ).chain((check) =>
      // A reveal comes with what its run shows, and optionally the situation it runs in.
      fc.option(
        fc.record(
          {
            reveal: fc.constantFrom(...NAMED_ACTIONS),
            expect: fc.record({ metric: fc.constantFrom(...METRIC_NAMES), op: fc.constantFrom(...COMPARISON_OPS), value: fc.double({ noNaN: true, noDefaultInfinity: true }) }),
            situation: fc.record({ actions: fc.array(fc.record({ do: fc.constantFrom(...NAMED_ACTIONS), at: fc.nat({ max: 600_000 }) }), { maxLength: 3 }), revealAt: fc.nat({ max: 600_000 }) }),
          },
          { requiredKeys: ['reveal', 'expect'] },
        ),
        { nil: undefined },
      ).map((reveal) => (reveal ? { ...check, ...reveal } : check)),
    ),
  ),
);
const validLab = fc.record(
  {
    scenario: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
    options: fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(fc.integer(), fc.string({ maxLength: 10 })), { maxKeys: 4 }),
    seed: fc.nat(),
    title: words(),
    check: validCheck,
  },
  { requiredKeys: ['scenario'] },
);

describe('lesson schema fuzz', () => {
  it('any value at all as a lab block or frontmatter: a verdict naming fields, never a throw', () => {
    fc.assert(
      fc.property(anyValue, (raw) => {
        checkVerdict(validateLabBlock(raw), raw);
        checkVerdict(validateFrontmatter(raw), raw);
      }),
      bounded,
    );
  });

  it('random YAML text as a lab block: a verdict naming fields, never a throw', () => {
    const yamlish = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fc.tuple(fc.constantFrom('scenario', 'options', 'seed', 'title', 'check', 'kind', 'x'), fc.string({ maxLength: 30 })), { maxLength: 6 }).map((lines) =>
        lines.map(([key, value]) => `${key}: ${value}`).join('\n'),
      ),
    );
    fc.assert(
      fc.property(yamlish, (text) => {
        let raw: unknown;
        try {
          raw = parseYaml(text);
        } catch {
          return; // the build reports invalid YAML itself, as `(yaml)`
        }
        checkVerdict(validateLabBlock(raw), raw);
      }),
      bounded,
    );
  });

  it('a valid block validates to itself', () => {
    fc.assert(
      fc.property(validLab, (lab) => {
        const verdict = validateLabBlock(lab);
        expect(verdict).toEqual({ ok: true, value: lab });
      }),
      bounded,
    );
  });

  it('a predict answer and its choice match when both carry the same stray spaces', () => {
    const verdict = validateLabBlock({ scenario: 'basics', check: { kind: 'predict', prompt: 'Hit?', choices: ['Hit ', 'Miss'], answer: 'Hit ' } });
    expect(verdict).toMatchObject({ ok: true, value: { check: { choices: ['Hit', 'Miss'], answer: 'Hit' } } });
  });

  it('a valid block with one field replaced by garbage is refused, naming that field', () => {
    const fields = Object.keys(labBlockSchema) as (keyof typeof labBlockSchema)[];
    fc.assert(
      fc.property(validLab, fc.constantFrom(...fields), anyValue, (lab, field, garbage) => {
        const broken = { ...lab, [field]: garbage };
        const verdict = validateLabBlock(broken);
        if (verdict.ok) {
          // Only a value that is itself valid for the field (or absent, for an optional one) passes.
          if (garbage === undefined || garbage === null) expect(field === 'scenario').toBe(false);
          return;
        }
        expect(verdict.issues.some((issue) => issue.field === field || issue.field.startsWith(`${field}.`))).toBe(true);
      }),
      bounded,
    );
  });
});
