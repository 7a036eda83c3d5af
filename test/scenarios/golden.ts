/**
 * Golden runs: every lesson scenario (and the stampede with each strategy) with its default
 * options and a scripted set of learner actions, reduced to a compact fingerprint: a sha256 of the
 * JSON trace, one short hash per 256 events (so a failure names the first differing stretch), the
 * event counts by type and the metrics of the traced and the untraced run.
 *
 * `UPDATE_GOLDEN=1 npx vitest run test/scenarios/golden.test.ts` rewrites the fixture and keeps
 * each full trace in `.tmp/golden/baseline/`, so a later failure prints the first differing event.
 * The actions are plain data on purpose: the script must outlive refactors of the action types.
 */
import { createHash } from 'node:crypto';
import { createSimulation } from '../../src/scenarios/simulation.ts';
import { scenarios } from '../../src/scenarios/registry.ts';
import { stateAt } from '../../src/scenarios/views.ts';

export const CHUNK = 256;

type Action = { readonly type: string; readonly [field: string]: unknown };

export interface GoldenRun {
  readonly name: string;
  readonly scenario: string;
  readonly options: Record<string, unknown>;
}

export interface Fingerprint {
  readonly sha256: string;
  readonly events: number;
  readonly chunks: readonly string[];
  readonly counts: Readonly<Record<string, number>>;
  readonly metrics: unknown;
  readonly viewMetrics: unknown;
  readonly untracedMetrics: unknown;
}

export const goldenRuns: readonly GoldenRun[] = [
  ...scenarios.map((s) => ({ name: s.id, scenario: s.id, options: {} })),
  ...['lock', 'coalesce', 'xfetch', 'swr'].map((strategy) => ({ name: `stampede-${strategy}`, scenario: 'stampede', options: { strategy, instances: 2 } })),
  { name: 'playground-busy', scenario: 'playground', options: { readRatePerSec: 40, writeRatePerSec: 2, missingFraction: 0.2, nullTtlMs: 500, jitterMs: 300, strategy: 'coalesce', instances: 3 } },
  // h-sync: lesson 15's local caches, with lost and late messages.
  { name: 'many-caches-bcast-lossy', scenario: 'many-caches', options: { syncMethod: 'bcast', messageLoss: 0.3, messageDelayMs: 50, readRatePerSec: 20, writeRatePerSec: 1 } },
  // h-writebehind: lesson 2's write-behind (a queue list drained by a worker), with a busy worker.
  { name: 'read-write-mix-write-behind', scenario: 'read-write-mix', options: { writeMode: 'write-behind', workerDelayMs: 500, writeRatePerSec: 5 } },
];

/** The scripted actions for a scenario: every action it offers, at fixed times. */
export function scriptFor(offered: readonly string[], defaultKey: string, optionNames: readonly string[], burstSize: number): [number, Action][] {
  const key = defaultKey;
  const all: [number, Action][] = [
    [0, { type: 'read', key }],
    [400, { type: 'read', key }],
    [800, { type: 'readMissing' }],
    [1200, { type: 'write', key }],
    [1600, { type: 'read', key }],
    [1900, { type: 'flushCache' }],
    [2000, { type: 'burst', key, count: burstSize }],
    [3000, { type: 'slowRead', key, dbLatencyMs: 300 }],
    [3050, { type: 'write', key }],
    [3400, { type: 'read', key }],
    [4000, { type: 'console', line: 'SET greeting hello PX 700' }],
    [4000, { type: 'console', line: 'GET greeting' }],
    [4010, { type: 'console', line: 'KEYS user:*' }],
    [4020, { type: 'console', line: 'SET "bad' }],
    [4030, { type: 'console', line: 'TTL user:1' }],
    [4040, { type: 'console', line: 'INCR counter' }],
    [4050, { type: 'console', line: 'STRLEN user:1' }],
    [4500, { type: 'scanStep', pattern: 'user:42:*', count: 3 }],
    [4600, { type: 'scanStep', pattern: 'user:42:*', count: 3 }],
    [4700, { type: 'scanStep', pattern: 'user:42:*', count: 3 }],
    [4800, { type: 'scanStep', pattern: 'user:42:*', count: 3 }],
    [4900, { type: 'scanStep', pattern: 'user:42:*', count: 3 }],
    [5500, { type: 'redisDown' }],
    [5600, { type: 'read', key }],
    [5700, { type: 'console', line: 'GET user:1' }],
    [6500, { type: 'redisUp' }],
    [6600, { type: 'read', key }],
    [7000, { type: 'dbSlow', latencyMs: 400 }],
    [7100, { type: 'read', key: 'user:2' }],
    [7800, { type: 'dbNormal' }],
    [8000, { type: 'flushCache' }],
    // A cold key under a burst: readers wait for a lock or join a load.
    [8000, { type: 'burst', key, count: Math.min(burstSize, 10) }],
    [8150, { type: 'read', key }],
    [9000, { type: 'fastForwardToExpiry' }],
    [9000, { type: 'read', key }],
  ];
  const script = all.filter(([, action]) => offered.includes(action.type) || (action.type === 'read' && offered.includes('read')));
  // Option changes: strategy to lock when offered, and the first numeric option nudged.
  if (offered.includes('setOption')) {
    if (optionNames.includes('strategy')) script.push([5000, { type: 'setOption', name: 'strategy', value: 'lock' }]);
    if (optionNames.includes('ttlMs')) script.push([5000, { type: 'setOption', name: 'ttlMs', value: 1500 }]);
    if (optionNames.includes('readRatePerSec')) script.push([5050, { type: 'setOption', name: 'readRatePerSec', value: 30 }]);
    if (optionNames.includes('keyCount')) script.push([5100, { type: 'setOption', name: 'keyCount', value: 15 }]);
    script.push([5150, { type: 'setOption', name: 'notAnOption', value: 1 }]);
    script.push([5160, { type: 'setOption', name: 'ttlMs', value: -4 }]);
  }
  return script.sort((a, b) => a[0] - b[0]);
}

function short(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Run one golden scenario; `trace` false is the untraced fast path (metrics only). */
export function runGolden(run: GoldenRun, trace = true): { trace: readonly unknown[]; metrics: unknown; viewMetrics: unknown } {
  const scenario = scenarios.find((s) => s.id === run.scenario)!;
  const options = scenario.validateOptions(run.options).options;
  const script = scriptFor(scenario.actions, scenario.defaultKey, Object.keys(scenario.optionSchema), options.burstSize);
  const sim = createSimulation({ scenario: scenario.id, options: run.options, trace });
  sim.runUntil(0);
  for (const [at, action] of script) {
    // The store's way: apply at the cursor, then run until quiet (bounded).
    sim.apply(action as never, at);
    sim.runUntilIdle(Math.max(sim.now, at) + 30_000);
  }
  sim.runUntil(Math.max(sim.now, 12_000));
  sim.runUntilIdle();
  const events = sim.trace as readonly unknown[];
  return { trace: events, metrics: sim.metrics(), viewMetrics: trace ? stateAt(sim.trace, sim.trace.length).metrics : null };
}

export function fingerprint(run: GoldenRun): { fingerprint: Fingerprint; lines: string[] } {
  const traced = runGolden(run, true);
  const untraced = runGolden(run, false);
  const lines = traced.trace.map((event) => JSON.stringify(event));
  const chunks: string[] = [];
  for (let i = 0; i < lines.length; i += CHUNK) chunks.push(short(lines.slice(i, i + CHUNK).join('\n')));
  const counts: Record<string, number> = {};
  for (const event of traced.trace as { type: string }[]) counts[event.type] = (counts[event.type] ?? 0) + 1;
  return {
    fingerprint: {
      sha256: createHash('sha256').update(JSON.stringify(traced.trace)).digest('hex'),
      events: lines.length,
      chunks,
      counts: Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1))),
      metrics: traced.metrics,
      viewMetrics: traced.viewMetrics,
      untracedMetrics: untraced.metrics,
    },
    lines,
  };
}

/** Where two traces first differ, as a readable message. */
export function firstDifference(expected: readonly string[] | null, actual: readonly string[], expectedChunks: readonly string[], actualChunks: readonly string[]): string {
  if (expected !== null) {
    const n = Math.max(expected.length, actual.length);
    for (let i = 0; i < n; i++) {
      if (expected[i] !== actual[i]) return `first differing event #${i}\n  expected: ${expected[i] ?? '(none)'}\n  actual:   ${actual[i] ?? '(none)'}`;
    }
    return 'traces are equal event by event';
  }
  const chunk = expectedChunks.findIndex((hash, i) => hash !== actualChunks[i]);
  const at = (chunk < 0 ? Math.min(expectedChunks.length, actualChunks.length) : chunk) * CHUNK;
  return `first differing stretch starts at or after event #${at} (no baseline trace in .tmp/golden/baseline to compare event by event); actual events from there:\n${actual.slice(at, at + 8).join('\n')}`;
}
