/**
 * The interactive session: a World built from (scenario, options, seed, actions), driven by the
 * lab or by tests. Everything it does is recorded in the trace.
 *
 * @example
 * const sim = createSimulation({ scenario: 'stampede', options: { strategy: 'lock' }, seed: 1 });
 * sim.apply({ type: 'burst', key: 'user:1', count: 50 });
 * sim.runUntilIdle();
 * sim.metrics().dbReads; // 1
 */
import { Priority } from '../engine/scheduler.ts';
import type { Reply } from '../redis/reply.ts';
import { World } from './world.ts';
import { formatDuration, listOf } from './format.ts';
import type { ConsoleLineResult } from './world/console.ts';
import { getScenario } from './registry.ts';
import { createRedisPort } from './redis-backend.ts';
import { assertRedisReady } from './redis-needs.ts';
import type { LearnerAction, Metrics, MetricsSecond, ScheduledAction, SimOptions, Simulation, SimulationInput } from './types.ts';

/** Safety bound for runUntilIdle without a limit: ten virtual minutes. */
const IDLE_HORIZON_MS = 600_000;

export function createSimulation(input: SimulationInput): Simulation {
  const scenario = getScenario(input.scenario);
  if (!scenario) throw new Error(`unknown scenario "${input.scenario}"`);
  const { options } = scenario.validateOptions(input.options ?? {});
  assertRedisReady(scenario, options);
  const seed = input.seed ?? (input.options?.['seed'] !== undefined ? options.seed : scenario.defaultSeed);
  const world = new World({
    options: { ...options, seed },
    seed,
    trace: input.trace ?? true,
    redis: createRedisPort,
    keys: scenario.keys(options),
  });
  scenario.setup?.(world);
  world.arrivals.start('read', options.readRatePerSec > 0 ? { arrival: 'poisson', ratePerSec: options.readRatePerSec } : null);
  world.arrivals.start('write', options.writeRatePerSec > 0 ? { arrival: 'poisson', ratePerSec: options.writeRatePerSec } : null);
  const actions: ScheduledAction[] = [];
  const schedule = (scheduled: ScheduledAction): void => {
    actions.push(scheduled);
    world.scheduler.schedule(scheduled.at, () => world.apply(scheduled.action), Priority.action);
  };
  for (const scheduled of input.actions ?? []) schedule(scheduled);

  const runUntil = (ms: number): void => world.scheduler.runUntil(ms);

  const sim: Simulation = {
    scenarioId: scenario.id,
    seed,
    get options(): Readonly<SimOptions> {
      return world.options;
    },
    get now() {
      return world.now;
    },
    trace: world.events,
    get actions() {
      return actions;
    },
    get workload() {
      const keys = world.keys;
      const o = world.options;
      return { keyCount: keys.count, zipf: o.zipf, missingFraction: keys.missingCount / keys.count, readRatePerSec: o.readRatePerSec, writeRatePerSec: o.writeRatePerSec };
    },
    redis: world.redis.emulator,
    apply(action: LearnerAction, atMs?: number) {
      const at = Math.max(world.now, Math.floor(atMs ?? world.now));
      schedule({ at, action });
      runUntil(at);
      if (action.type === 'fastForwardToExpiry') {
        const next = world.nextExpiryAt(action.key);
        if (next === null) return;
        const due = action.key ? [action.key] : world.keysExpiringAt(next);
        // A key is alive while now <= expireAt, so it is gone 1 ms later.
        runUntil(next + 1);
        // A down Redis runs no expiry cycle, so no key.expired marks the landing: say where time went and why nothing left.
        if (!world.link.up) {
          const names = due.length === 1 ? `${due[0]}'s TTL` : `the TTLs of ${listOf(due)}`;
          world.recorder.note(`Time jumped ${formatDuration(next + 1 - at)} ahead, to where ${names} ran out. Redis is down, so it removes nothing now: once it is back, a read of ${due.length === 1 ? 'it' : 'any of them'} will miss.`);
        }
      }
    },
    runUntil,
    runUntilIdle(maxMs?: number) {
      const limit = maxMs ?? world.now + IDLE_HORIZON_MS;
      const scheduler = world.scheduler;
      while (world.workInFlight > 0) {
        const next = scheduler.peekTime();
        if (next === null || next > limit) break;
        scheduler.step();
      }
    },
    nextExpiryAt: (key?: string) => world.nextExpiryAt(key),
    metrics: (): Metrics => world.metrics.snapshot(),
    timeSeries: (): readonly MetricsSecond[] => world.metrics.timeSeries(),
    fork(atMs: number): Simulation {
      const forked = createSimulation({
        scenario: input.scenario,
        options: input.options ?? {},
        seed,
        actions: actions.filter((a) => a.at <= atMs),
        trace: input.trace ?? true,
      });
      forked.runUntil(atMs);
      return forked;
    },
    consoleExec(line: string): Reply {
      world.console.last = null;
      sim.apply({ type: 'console', line });
      // Narrowed to null by the assignment above; apply() sets it.
      const result = world.console.last as ConsoleLineResult | null;
      if (result === null) return { type: 'error', message: 'no reply' };
      return result.replies.at(-1) ?? { type: 'error', message: result.error ?? 'empty line' };
    },
  };
  return sim;
}
