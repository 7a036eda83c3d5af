// For the schema tests: a lab block the schema must refuse, and the first thing it names.
import { validateLabBlock, type FieldIssue } from '../schema.ts';

/** The first issue `validateLabBlock` reports for `raw`; throws if it accepts the block. */
export function firstIssue(raw: unknown): FieldIssue {
  const verdict = validateLabBlock(raw);
  if (verdict.ok) throw new Error('expected the block to be refused');
  return verdict.issues[0]!;
}
