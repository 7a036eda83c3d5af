/**
 * Fuzz of the share-link decoder: a link is whatever someone typed, truncated, or crafted. Whatever
 * it is, decoding never throws, keeps only what the limits allow, explains the rest in one short
 * note per field, and what it kept re-encodes to a link that opens with no notes.
 * Time-bounded: each property stops after its time limit even if not all runs are done.
 */
import fc from 'fast-check';
import { getScenario, scenarios } from '../scenarios/registry.ts';
import { MAX_ACTIONS, decodeShareQuery, encodeShareQuery, fitShareState, parseEmbedHash, parseLessonHash, RESERVED_KEYS, type ShareState } from './link.ts';
import type { ScheduledAction } from '../scenarios/types.ts';

const TIME_LIMIT_MS = 1_500;
const bounded = { numRuns: 3_000, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false } as const;

const base64url = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const ACTION_TYPES = ['read', 'write', 'readMissing', 'burst', 'dbSlow', 'console', 'setOption', 'scanStep', 'slowRead', 'fastForwardToExpiry', 'redisDown', 'redisUp', 'dbNormal', 'flushCache', 'teleport'];

/** A field value near and past every limit the decoder has. */
const edgyValue = fc.oneof(
  fc.integer({ min: -5, max: 70_000 }),
  fc.constantFrom(0, 1, 63, 64, 999, 1000, 1001, 60_000, 60_001, 604_800_000, 604_800_001, 2 ** 53, -0, 0.5, 1e21, Number.MAX_VALUE),
  fc.string({ maxLength: 20 }),
  fc.nat(2_000).map((n) => 'k'.repeat(n)),
  fc.constantFrom(null, true, false, 'ttlMs', 'strategy', 'lock', '5000', 'NaN', '0x10'),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** A tuple shaped like an action: a time, a type (mostly real), then fields near the limits. */
const tupleArb = fc.tuple(edgyValue, fc.constantFrom(...ACTION_TYPES), fc.array(edgyValue, { maxLength: 5 })).map(([at, type, rest]) => [at, type, ...rest]);

const actionsParam = fc.oneof(
  fc.array(tupleArb, { maxLength: 12 }).map((tuples) => base64url(JSON.stringify(tuples))),
  // Around the action-count limit, with valid reads.
  fc.integer({ min: MAX_ACTIONS - 2, max: MAX_ACTIONS + 2 }).map((n) => base64url(JSON.stringify(Array.from({ length: n }, (_, i) => [i, 'read', 'user:1'])))),
  fc.jsonValue({ maxDepth: 3 }).map((value) => base64url(JSON.stringify(value))),
  fc.string({ unit: 'binary', maxLength: 100 }),
);

const keyArb = fc.oneof(fc.constantFrom(...RESERVED_KEYS, 'ttlMs', 'strategy', 'readRatePerSec', 'burstSize', 'colour', 'theme', 'parentOrigin'), fc.string({ maxLength: 12 }));
const valueArb = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.integer().map(String), fc.double().map(String), fc.constantFrom(...scenarios.map((s) => s.id)));
const queryArb = fc
  .tuple(fc.array(fc.tuple(keyArb, valueArb), { maxLength: 10 }), fc.option(actionsParam, { nil: undefined }))
  .map(([pairs, actions]) => {
    const query = new URLSearchParams(pairs);
    if (actions !== undefined) query.append('actions', actions);
    return query.toString();
  });

/** Every note names a field (`name: …`) and stays short, whatever the link held. */
function checkNotes(notes: readonly string[]): void {
  for (const note of notes) {
    expect(note).toMatch(/^(?:[\w./-]{1,40}|key "(?:[^"\\]|\\.)*"): /);
    expect(note.length).toBeLessThanOrEqual(400);
  }
}

describe('share link decoder fuzz', () => {
  it('any query: never throws, keeps only valid state, explains the rest, and what it kept opens with no notes', () => {
    fc.assert(
      fc.property(queryArb, (text) => {
        const { state, notes } = decodeShareQuery(text);
        expect(getScenario(state.scenario)).toBeDefined();
        checkNotes(notes);
        expect(state.actions.length).toBeLessThanOrEqual(MAX_ACTIONS);
        for (let i = 1; i < state.actions.length; i++) expect(state.actions[i]!.at).toBeGreaterThanOrEqual(state.actions[i - 1]!.at);
        expect(decodeShareQuery(encodeShareQuery(state))).toEqual({ state, notes: [] });
      }),
      bounded,
    );
  });

  it('any hash, as an app or an embed route: never throws, always a registered scenario', () => {
    const hash = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.tuple(fc.constantFrom('#/lesson/', '#/embed/', '#/', ''), fc.string({ maxLength: 20 }), queryArb, fc.string({ maxLength: 10 })).map(
        ([route, name, query, anchor]) => `${route}${name}?${query}#${anchor}`,
      ),
    );
    fc.assert(
      fc.property(hash, (text) => {
        const embedded = parseEmbedHash(text);
        expect(getScenario(embedded.state.scenario)).toBeDefined();
        checkNotes(embedded.notes);
        const lesson = parseLessonHash(text);
        if (lesson) checkNotes(decodeShareQuery(lesson.query).notes);
      }),
      bounded,
    );
  });

  it('the encoder holds only what the decoder accepts: a fitted state opens whole, with no notes', () => {
    const text = fc.oneof(fc.string({ maxLength: 20 }), fc.nat(3_000).map((n) => 'x'.repeat(n)));
    const action: fc.Arbitrary<ScheduledAction['action']> = fc.oneof(
      fc.record({ type: fc.constant('read' as const), key: text }),
      fc.record({ type: fc.constant('console' as const), line: text }),
      fc.record({ type: fc.constant('burst' as const), key: text, count: fc.integer({ min: 1, max: 1000 }) }),
      fc.constant({ type: 'flushCache' as const }),
    );
    const state: fc.Arbitrary<ShareState> = fc
      .array(fc.tuple(fc.nat(1_000_000), action), { maxLength: 260 })
      .map((list) => ({ scenario: 'playground', options: {}, actions: list.sort((a, b) => a[0] - b[0]).map(([at, a]) => ({ at, action: a })), cursor: null }));
    fc.assert(
      fc.property(state, (full) => {
        const { state: fitted, uncaptured } = fitShareState(full);
        expect(decodeShareQuery(encodeShareQuery(fitted))).toEqual({ state: fitted, notes: [] });
        expect(fitted.actions).toEqual(full.actions.slice(0, fitted.actions.length));
        if (uncaptured) expect(uncaptured).toMatchObject({ index: fitted.actions.length, count: full.actions.length - fitted.actions.length });
        else expect(fitted.actions).toHaveLength(full.actions.length);
      }),
      { ...bounded, numRuns: 200 },
    );
  });

  it('a huge link is refused with a note before any of it is parsed', () => {
    const { state, notes } = decodeShareQuery(`scenario=basics&ttlMs=${'9'.repeat(100_000)}`);
    expect(state.options).toEqual({});
    expect(notes).toEqual(['link: too long; ignored']);
  });
});
