import fc from 'fast-check';
import { Keyspace } from './keyspace.ts';

type Op = { kind: 'add'; key: string } | { kind: 'remove'; key: string } | { kind: 'step' };

const key = fc.integer({ min: 0, max: 400 }).map((n) => `key:${n}`);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: key.map((k) => ({ kind: 'add' as const, key: k })) },
  { weight: 3, arbitrary: key.map((k) => ({ kind: 'remove' as const, key: k })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'step' as const }) },
);

describe('the SCAN cursor over the bucket table', () => {
  test('every key present for the whole iteration is returned, even across grows and shrinks', () => {
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 300 }), fc.array(op, { maxLength: 600 }), (initial, ops) => {
        const db = new Keyspace(0);
        for (const k of initial) db.add(k, 'v');
        const everRemoved = new Set<string>();
        const seen: string[] = [];
        let cursor = db.scanStep(0, seen);
        for (const each of ops) {
          if (cursor === 0) break;
          if (each.kind === 'step') cursor = db.scanStep(cursor, seen);
          else if (each.kind === 'add') {
            if (!db.entries.has(each.key)) db.add(each.key, 'v');
          }
          else if (db.remove(each.key)) everRemoved.add(each.key);
        }
        while (cursor !== 0) cursor = db.scanStep(cursor, seen);
        const returned = new Set(seen);
        for (const k of initial) if (!everRemoved.has(k)) expect(returned.has(k)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('a full iteration without changes returns each key exactly once', () => {
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 400 }), (keys) => {
        const db = new Keyspace(0);
        for (const k of keys) db.add(k, 'v');
        const seen: string[] = [];
        let cursor = 0;
        do cursor = db.scanStep(cursor, seen);
        while (cursor !== 0);
        expect(seen.sort()).toEqual([...keys].sort());
      }),
    );
  });

  test('random keys are drawn from the live keys only', () => {
    const db = new Keyspace(0);
    for (let i = 0; i < 50; i++) db.add(`k${i}`, 'v');
    for (let i = 0; i < 45; i++) db.remove(`k${i}`);
    let state = 7;
    const next = () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return (t ^ (t >>> 14)) >>> 0;
    };
    const drawn = new Set(Array.from({ length: 200 }, () => db.randomKey(next)));
    expect([...drawn].sort()).toEqual(['k45', 'k46', 'k47', 'k48', 'k49']);
  });
});
