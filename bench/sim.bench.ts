/**
 * Simulation benchmarks: headless throughput (trace off), scaling with key count and strategy,
 * and the cost of stepping the lab's cursor backward and forward on a 100,000-event trace.
 * Run: npm run bench -- sim
 */
import { runBatch, type BatchSpec } from '../src/scenarios/batch.ts';
import { loadScripting } from '../src/redis/loading.ts';
import { createSimulation } from '../src/scenarios/simulation.ts';
import { stateAt } from '../src/scenarios/views.ts';
import type { Metrics, StrategyName } from '../src/scenarios/types.ts';
import os from 'node:os';

const HOUR = 3_600_000;

interface Timing {
  reads: number;
  /** Medians over the runs: the machine is shared, so one run can be slowed by other jobs. */
  seconds: number;
  cpuSeconds: number;
  perSecond: number;
  /** Per CPU second of this process: the figure that does not depend on other load on the machine. */
  perCpuSecond: number;
  hitRatio: number;
  runs: number;
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

function timeBatch(spec: BatchSpec, runs = 3): Timing {
  const walls: number[] = [];
  const cpus: number[] = [];
  let metrics: Metrics | null = null;
  for (let run = 0; run < runs; run++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    metrics = runBatch(spec).metrics;
    walls.push((performance.now() - started) / 1000);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1e6);
  }
  const seconds = median(walls);
  const cpuSeconds = median(cpus);
  if (metrics === null) throw new Error('no runs');
  return { reads: metrics.reads, seconds, cpuSeconds, perSecond: metrics.reads / seconds, perCpuSecond: metrics.reads / cpuSeconds, hitRatio: metrics.hitRatio, runs };
}

const row = (name: string, r: Timing): string =>
  `| ${name} | ${fmt(r.reads)} | ${r.seconds.toFixed(2)} | ${r.cpuSeconds.toFixed(2)} | ${fmt(r.perSecond)} | ${fmt(r.perCpuSecond)} | ${r.hitRatio.toFixed(4)} |`;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Wall and CPU time of each call; CPU time separates our own cost from time the OS gave to other jobs. */
function timeSteps(indexes: number[], step: (index: number) => void): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const index of indexes) {
    const c = process.cpuUsage();
    const t0 = performance.now();
    step(index);
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

const stats = (xs: number[]): string => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return `${mean.toFixed(3)} / ${sorted[Math.floor(0.99 * sorted.length)]!.toFixed(3)} / ${sorted.at(-1)!.toFixed(3)}`;
};

export default async function bench(): Promise<void> {
  // The lock strategy releases with a real EVAL, so its rows need the Lua VM.
  await loadScripting();
  // Warm the JIT so the first row is not a compile benchmark.
  timeBatch({ seed: 1, durationMs: 60_000, keys: { count: 1, popularity: 'uniform', missingFraction: 0 }, reads: { arrival: 'poisson', ratePerSec: 1000 }, options: { ttlMs: 10_000, dbLatencyMs: 100 } });

  const headline = timeBatch({
    seed: 1,
    durationMs: HOUR,
    keys: { count: 1, popularity: 'uniform', missingFraction: 0 },
    reads: { arrival: 'poisson', ratePerSec: 1000 },
    options: { ttlMs: 10_000, dbLatencyMs: 100 },
  }, 5);
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; medians of ${headline.runs} runs (headline) or 3 (others)`);
  console.log('| run | simulated reads | wall s | CPU s | reads per wall s | reads per CPU s | hit ratio |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  console.log(row('1 key, 1000 reads/s, 1 h virtual, plain, trace off', headline));

  const rows: string[] = [];
  for (const count of [1, 1000, 100_000]) {
    const r = timeBatch({
      seed: 1,
      durationMs: 10 * 60_000,
      keys: { count, popularity: { zipf: 1 }, missingFraction: 0 },
      reads: { arrival: 'poisson', ratePerSec: 1000 },
      writes: { arrival: 'poisson', ratePerSec: 1 },
      options: { ttlMs: 10_000, dbLatencyMs: 100 },
    });
    rows.push(row(`${fmt(count)} key${count === 1 ? "" : "s"} (Zipf 1), 1 write/s, plain, 10 min`, r));
  }
  for (const strategy of ['plain', 'lock', 'coalesce', 'xfetch', 'swr'] as StrategyName[]) {
    const r = timeBatch({
      seed: 1,
      durationMs: 10 * 60_000,
      keys: { count: 1000, popularity: { zipf: 1 }, missingFraction: 0 },
      reads: { arrival: 'poisson', ratePerSec: 1000 },
      options: { ttlMs: 10_000, dbLatencyMs: 100, strategy, instances: 4, softTtlMs: 5000 },
    });
    rows.push(row(`1,000 keys (Zipf 1), 4 instances, ${strategy}, 10 min`, r));
  }
  console.log(rows.join('\n'));

  // The lab's path: a traced session with Redis latency, then cursor steps over its trace.
  const started = performance.now();
  const sim = createSimulation({ scenario: 'playground', options: { readRatePerSec: 200, writeRatePerSec: 2, keyCount: 200 }, seed: 1 });
  while (sim.trace.length < 100_000) sim.runUntil(sim.now + 1000);
  const traceMs = performance.now() - started;
  const trace = sim.trace.slice(0, 100_000);
  const firstStarted = performance.now();
  stateAt(trace, trace.length);
  const firstMs = performance.now() - firstStarted;
  const back = timeSteps(Array.from({ length: 2000 }, (_, k) => trace.length - 1 - k), (i) => stateAt(trace, i));
  const forward = timeSteps(Array.from({ length: 2000 }, (_, k) => 40_001 + k), (i) => stateAt(trace, i));
  // A jump back then a walk forward, as when the learner drags the scrubber and then plays.
  const jumps = timeSteps(Array.from({ length: 200 }, (_, k) => (k * 7919) % trace.length), (i) => stateAt(trace, i));
  console.log('');
  console.log('| trace view (100,000 events) | wall ms: mean / p99 / max | CPU ms: mean / p99 / max |');
  console.log('|---|---|---|');
  console.log(`| record the trace (${(sim.now / 1000).toFixed(0)} s virtual, 200 reads/s, 1 ms Redis latency) | ${traceMs.toFixed(0)} | |`);
  console.log(`| first stateAt at the end (builds the snapshots) | ${firstMs.toFixed(1)} | |`);
  console.log(`| step backward (2,000 steps from the end) | ${stats(back.wall)} | ${stats(back.cpu)} |`);
  console.log(`| step forward (2,000 steps mid-trace) | ${stats(forward.wall)} | ${stats(forward.cpu)} |`);
  console.log(`| jump anywhere (200 scattered indexes) | ${stats(jumps.wall)} | ${stats(jumps.cpu)} |`);
}
