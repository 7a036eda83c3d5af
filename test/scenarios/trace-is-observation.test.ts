/**
 * The trace is a pure observation: for every scenario in the registry, any seed and any options it
 * offers, a traced run and an untraced run of the same script count exactly the same (the metrics
 * and the per-second series). Anything the world does only while recording (an expiry cycle, a
 * draw, a listener) shows here as a difference.
 */
import fc from 'fast-check';
import { optionSpecs, type OptionName } from '../../src/scenarios/options.ts';
import { scenarios } from '../../src/scenarios/registry.ts';
import { createSimulation } from '../../src/scenarios/simulation.ts';
import { scriptFor } from './golden.ts';

/**
 * Values for each option, kept small so a run takes milliseconds: a wider range (a lock polled
 * every 1 ms, a database that cannot keep up) gives longer runs, not other paths. Enums take every
 * value. A new numeric option must be added here.
 */
const smallValues: Partial<Record<OptionName, fc.Arbitrary<number>>> = {
  ttlMs: fc.integer({ min: 50, max: 4000 }),
  jitterMs: fc.integer({ min: 0, max: 500 }),
  nullTtlMs: fc.integer({ min: 0, max: 1000 }),
  dbLatencyMs: fc.integer({ min: 0, max: 100 }),
  dbConnections: fc.integer({ min: 2, max: 10 }),
  lockTtlMs: fc.integer({ min: 10, max: 1000 }),
  retryMs: fc.integer({ min: 10, max: 100 }),
  beta: fc.double({ min: 0, max: 5, noNaN: true }),
  softTtlMs: fc.integer({ min: 1, max: 3000 }),
  instances: fc.integer({ min: 1, max: 4 }),
  readRatePerSec: fc.integer({ min: 0, max: 60 }),
  writeRatePerSec: fc.integer({ min: 0, max: 4 }),
  keyCount: fc.integer({ min: 1, max: 60 }),
  zipf: fc.double({ min: 0, max: 2, noNaN: true }),
  missingFraction: fc.double({ min: 0, max: 0.5, noNaN: true }),
  burstSize: fc.integer({ min: 1, max: 30 }),
  redisTimeoutMs: fc.integer({ min: 20, max: 300 }),
  retries: fc.integer({ min: 0, max: 3 }),
  seed: fc.integer({ min: 0, max: 2_147_483_647 }),
  // 0 takes the untraced run's fast path (a hit answered without the strategy's generator).
  redisLatencyMs: fc.integer({ min: 0, max: 5 }),
  // Memory for this many keys (0: no limit): with a limit, eviction depends on what expired when.
  cacheKeys: fc.integer({ min: 0, max: 40 }),
  maxmemorySamples: fc.integer({ min: 1, max: 10 }),
  backoffMs: fc.integer({ min: 5, max: 100 }),
  localTtlMs: fc.integer({ min: 0, max: 3000 }),
  localCacheSize: fc.integer({ min: 1, max: 20 }),
  messageDelayMs: fc.integer({ min: 0, max: 100 }),
  messageLoss: fc.double({ min: 0, max: 1, noNaN: true }),
  workerDelayMs: fc.integer({ min: 0, max: 3000 }),
};

function valuesOf(name: OptionName): fc.Arbitrary<unknown> {
  const spec = optionSpecs[name];
  if (spec.type === 'enum') return fc.constantFrom(...spec.values);
  const values = smallValues[name];
  if (values === undefined) throw new Error(`no small values for option ${name}: add them to smallValues`);
  return values;
}

/** Lesson 14's app tasks, which the golden script does not send. */
const appTasks: [number, { readonly type: string; readonly [field: string]: unknown }][] = [
  [300, { type: 'viewProduct', key: 'product:1' }],
  [1500, { type: 'updatePrice', key: 'product:1' }],
  [2500, { type: 'invalidateTag', tag: 'sale' }],
  [3500, { type: 'viewProduct', key: 'product:2' }],
  [6000, { type: 'invalidateTagByScan', tag: 'sale' }],
];

function run(scenarioId: string, seed: number, options: Record<string, unknown>, trace: boolean) {
  const scenario = scenarios.find((s) => s.id === scenarioId)!;
  const checked = scenario.validateOptions(options).options;
  const script = [
    ...scriptFor(scenario.actions, scenario.defaultKey, Object.keys(scenario.optionSchema), checked.burstSize),
    ...appTasks.filter(([, action]) => (scenario.actions as readonly string[]).includes(action.type)),
  ].sort((a, b) => a[0] - b[0]);
  const sim = createSimulation({ scenario: scenario.id, options, seed, trace });
  sim.runUntil(0);
  // Bounded waits: a run whose database cannot keep up never goes idle.
  for (const [at, action] of script) {
    sim.apply(action as never, at);
    sim.runUntilIdle(Math.max(sim.now, at) + 2000);
  }
  sim.runUntil(Math.max(sim.now, 12_000));
  sim.runUntilIdle(sim.now + 5000);
  return { metrics: sim.metrics(), timeSeries: sim.timeSeries(), events: sim.trace.length };
}

describe('traced and untraced runs count the same', () => {
  test.each(scenarios.map((s) => s.id))('%s: any seed, any options it offers', (id) => {
    const scenario = scenarios.find((s) => s.id === id)!;
    const names = Object.keys(scenario.optionSchema) as OptionName[];
    const options = fc.record(Object.fromEntries(names.map((name) => [name, valuesOf(name)])), { requiredKeys: [] });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_147_483_647 }), options, (seed, chosen) => {
        const traced = run(id, seed, chosen, true);
        const untraced = run(id, seed, chosen, false);
        expect(traced.events).toBeGreaterThan(0);
        expect(untraced.events).toBe(0);
        expect(untraced.metrics).toEqual(traced.metrics);
        expect(untraced.timeSeries).toEqual(traced.timeSeries);
      }),
      { numRuns: 6 },
    );
  }, 60_000);
});
