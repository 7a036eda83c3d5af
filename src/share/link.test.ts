import fc from 'fast-check';
import { getScenario, scenarios } from '../scenarios/registry.ts';
import type { OptionSpec } from '../scenarios/options.ts';
import type { ScheduledAction } from '../scenarios/types.ts';
import { actionSpecs, actionTypes, type FieldSpec } from '../scenarios/actions.ts';
import { LINK_MAX_RATE_PER_SEC, decodeShareQuery, embedHash, encodeShareQuery, lessonShareHash, parseEmbedHash, type ShareState } from './link.ts';

describe('share links', () => {
  it('encodes readable options and decodes them back', () => {
    const query = encodeShareQuery({ scenario: 'stampede', options: { strategy: 'lock', ttlMs: 5000 }, seed: 3, actions: [], cursor: null });
    expect(query).toBe('scenario=stampede&strategy=lock&ttlMs=5000&seed=3');
    expect(decodeShareQuery(query)).toEqual({ state: { scenario: 'stampede', options: { strategy: 'lock', ttlMs: 5000 }, seed: 3, actions: [], cursor: null }, notes: [] });
  });

  it('names every tampered field and keeps the rest', () => {
    const { state, notes } = decodeShareQuery('scenario=stampede&strategy=<img src=x onerror=alert(1)>&ttlMs=-4&colour=red&burstSize=20&seed=abc&event=1&time=x');
    expect(state.options).toEqual({ burstSize: 20 });
    expect(state.seed).toBeUndefined();
    expect(state.cursor).toBeNull();
    expect(notes.map((note) => note.split(':')[0])).toEqual(['strategy', 'ttlMs', 'colour', 'seed', 'event/time']);
  });

  it('falls back to the playground for an unknown scenario and ignores its options and actions', () => {
    const { state, notes } = decodeShareQuery('scenario=nope&ttlMs=100&actions=W1swLCJyZWFkIiwidXNlcjoxIl1d');
    expect(state.scenario).toBe('playground');
    expect(state.options).toEqual({});
    expect(state.actions).toEqual([]);
    expect(notes[0]).toContain('there is no scenario called "nope"');
    expect(notes).toHaveLength(3);
  });

  it('stops the action list at the first invalid entry, since later ones depend on it', () => {
    const actions: ScheduledAction[] = [
      { at: 0, action: { type: 'read', key: 'user:1' } },
      { at: 100, action: { type: 'burst', key: 'user:1', count: 50 } },
    ];
    const good = encodeShareQuery({ scenario: 'stampede', options: {}, actions, cursor: null });
    expect(decodeShareQuery(good).state.actions).toEqual(actions);
    const bad = btoa(JSON.stringify([[0, 'read', 'user:1'], [50, 'burst', 'user:1', 1e9], [60, 'read', 'user:1']])).replace(/=+$/, '');
    const decoded = decodeShareQuery(`scenario=stampede&actions=${bad}`);
    expect(decoded.state.actions).toEqual([{ at: 0, action: { type: 'read', key: 'user:1' } }]);
    expect(decoded.notes).toEqual(['actions: entry 2 is invalid (bad burst); it and the 1 after it were ignored']);
  });

  it('validates a setOption action against the scenario schema', () => {
    const encoded = btoa(JSON.stringify([[0, 'setOption', 'strategy', 'teleport']]));
    const decoded = decodeShareQuery(`scenario=stampede&actions=${encoded}`);
    expect(decoded.state.actions).toEqual([]);
    expect(decoded.notes[0]).toContain('strategy: must be one of');
  });

  it('keeps a cursor time between whole milliseconds exactly', () => {
    const state: ShareState = { scenario: 'basics', options: {}, actions: [], cursor: { index: 431, time: 143.33010000000002 } };
    expect(decodeShareQuery(encodeShareQuery(state)).state.cursor).toEqual(state.cursor);
    expect(decodeShareQuery('scenario=basics&event=3&time=1e3').notes).toEqual(['event/time: the position is not an event number and a time in ms; starting at the beginning']);
  });

  it('reads only plain decimal numbers: hex, binary, blank and NaN get a note naming the field and what was given', () => {
    const { state, notes } = decodeShareQuery('scenario=playground&ttlMs=0x10&dbLatencyMs=0b11&instances=%20&readRatePerSec=NaN&keyCount=1e2&zipf=.5');
    expect(state.options).toEqual({ keyCount: 100, zipf: 0.5 });
    expect(notes).toEqual([
      'ttlMs: must be a decimal number (got "0x10"); using 5000',
      'dbLatencyMs: must be a decimal number (got "0b11"); using 50',
      'instances: must be a decimal number (got " "); using 1',
      'readRatePerSec: must be a decimal number (got "NaN"); using 20',
    ]);
  });

  it('a NaN or infinite number (from a page script or postMessage) is named as such, not as null', () => {
    const playground = getScenario('playground')!;
    expect(playground.validateOptions({ ttlMs: Number.NaN, dbLatencyMs: Infinity }).messages).toEqual([
      'ttlMs: must be a number (got NaN); using 5000',
      'dbLatencyMs: must be a number (got Infinity); using 50',
    ]);
  });

  it('reads an outdated format version with a note', () => {
    expect(decodeShareQuery('v=0&scenario=basics').notes).toEqual(['v: link format "0" is not supported; read as version 1']);
  });

  it('routes: the embed hash carries the scenario in its path and round-trips', () => {
    const state: ShareState = { scenario: 'stampede', options: { strategy: 'lock' }, actions: [], cursor: { index: 4, time: 120 } };
    const hash = embedHash(state, { parentOrigin: 'https://docs.example' });
    expect(hash).toBe('#/embed/stampede?strategy=lock&event=4&time=120&parentOrigin=https%3A%2F%2Fdocs.example');
    const route = parseEmbedHash(hash);
    expect(route.state).toEqual(state);
    expect(route.notes).toEqual([]);
    expect(route.query.get('parentOrigin')).toBe('https://docs.example');
    expect(lessonShareHash('10-stampede', state)).toBe('#/lesson/10-stampede?scenario=stampede&strategy=lock&event=4&time=120');
  });

  it('a hash that is not an embed route opens the default with a note', () => {
    const route = parseEmbedHash('#/lesson/x');
    expect(route.state.scenario).toBe('playground');
    expect(route.notes[0]).toContain('is not an embed route');
  });
});

/** A valid value for one option spec. */
/** A valid value for one option spec, within what a link may carry. */
function optionValue(spec: OptionSpec, name = ''): fc.Arbitrary<unknown> {
  if (spec.type === 'enum') return fc.constantFrom(...spec.values);
  const max = name === 'readRatePerSec' || name === 'writeRatePerSec' ? Math.min(spec.max, LINK_MAX_RATE_PER_SEC) : spec.max;
  if (spec.type === 'integer') return fc.integer({ min: spec.min, max });
  return fc.double({ min: spec.min, max, noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
}

/** Any action of any registry entry, within the registry's limits: the codec must carry them all. */
const actionArb = (scenario: string): fc.Arbitrary<ScheduledAction['action']> => {
  const schema = getScenario(scenario)!.optionSchema;
  const names = Object.keys(schema);
  const setOption = fc.constantFrom(...names).chain((name) => optionValue(schema[name]!, name).map((value) => ({ type: 'setOption', name, value })));
  const entries = actionTypes.map((type) => {
    const { fields } = actionSpecs[type];
    if (fields.some((field) => field.kind === 'option')) return setOption;
    const model: Record<string, fc.Arbitrary<unknown>> = { type: fc.constant(type) };
    for (const field of fields as readonly FieldSpec[]) {
      model[field.name] =
        field.kind === 'text' ? fc.string({ maxLength: 60, unit: 'grapheme' }) : field.kind === 'int' ? fc.integer({ min: field.min, max: field.max }) : fc.boolean();
    }
    const required = ['type', ...fields.filter((field) => !('optional' in field && field.optional)).map((field) => field.name)];
    return fc.record(model, { requiredKeys: required });
  });
  return fc.oneof(...entries) as fc.Arbitrary<ScheduledAction['action']>;
};

const shareStateArb: fc.Arbitrary<ShareState> = fc.constantFrom(...scenarios.map((s) => s.id)).chain((scenario) => {
  const schema = getScenario(scenario)!.optionSchema;
  // `seed` rides as the state's own seed, which wins over the option of that name.
  const optionArbs = Object.fromEntries(Object.entries(schema).filter(([name]) => name !== 'seed').map(([name, spec]) => [name, optionValue(spec, name)]));
  return fc.record({
    scenario: fc.constant(scenario),
    options: fc.record(optionArbs, { requiredKeys: [] }),
    seed: fc.integer({ min: 0, max: 2_147_483_647 }),
    actions: fc
      .array(fc.tuple(fc.integer({ min: 0, max: 100_000 }), actionArb(scenario)), { maxLength: 8 })
      .map((list) => list.sort((a, b) => a[0] - b[0]).map(([at, action]) => ({ at, action }))),
    cursor: fc.option(
      fc.record({
        index: fc.integer({ min: 0, max: 100_000 }),
        time: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: 0, max: 1_000_000, noNaN: true }).map((t) => (t < 0.001 ? 0 : t))),
      }),
      { nil: null },
    ),
  });
});

describe('share link properties', () => {
  it('round trip: decode(encode(state)) is the state, with no notes', () => {
    fc.assert(
      fc.property(shareStateArb, (state) => {
        const decoded = decodeShareQuery(encodeShareQuery(state));
        expect(decoded.notes).toEqual([]);
        expect(decoded.state).toEqual(state);
        expect(parseEmbedHash(embedHash(state)).state).toEqual(state);
      }),
      { numRuns: 300 },
    );
  });

  it('garbage never throws and always yields a registered scenario', () => {
    const garbage = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.array(fc.tuple(fc.constantFrom('scenario', 'seed', 'actions', 'event', 'time', 'ttlMs', 'strategy', 'v', 'lesson', 'x'), fc.string({ unit: 'binary', maxLength: 60 }))).map((pairs) => new URLSearchParams(pairs).toString()),
      fc.jsonValue().map((value) => `scenario=stampede&actions=${btoa(unescape(encodeURIComponent(JSON.stringify(value)))).replace(/=+$/, '')}`),
    );
    fc.assert(
      fc.property(garbage, (text) => {
        const decoded = decodeShareQuery(text);
        expect(getScenario(decoded.state.scenario)).toBeDefined();
        const embedded = parseEmbedHash(`#/embed/${text}`);
        expect(getScenario(embedded.state.scenario)).toBeDefined();
        // Whatever was kept is valid: re-encoding it decodes with no notes.
        expect(decodeShareQuery(encodeShareQuery(decoded.state)).notes).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
