/**
 * The lesson scenarios by id.
 *
 * @example
 * getScenario('stampede')?.validateOptions({ strategy: 'lock', colour: 'red' }).messages;
 * // ['colour: unknown option; ignored']
 */
import type { ScenarioDefinition } from './scenario.ts';
import * as lessons from './lessons/index.ts';

export const scenarios: readonly ScenarioDefinition[] = [
  lessons.basics,
  lessons.readWriteMix,
  lessons.readPath,
  lessons.invalidation,
  lessons.patternInvalidation,
  lessons.ttl,
  lessons.outage,
  lessons.hitRatio,
  lessons.bestPractices,
  lessons.stampede,
  lessons.nullCaching,
  lessons.playground,
  // h-evict: lesson 13
  lessons.eviction,
  // Lesson 14 (h-types).
  lessons.dataTypes,
  // h-sync
  lessons.manyCaches,
];

const byId = new Map<string, ScenarioDefinition>(scenarios.map((s) => [s.id, s]));

export function getScenario(id: string): ScenarioDefinition | undefined {
  return byId.get(id);
}

/**
 * Loads what a scenario needs before `createSimulation` (most need nothing): the lab awaits it
 * before it builds its store, so a scenario's extra code stays out of every other lab's first load.
 * `loadCommands` is the emulator's (`src/redis/index.ts`), passed in so the list of scenarios,
 * which the landing page reads, does not import the emulator.
 */
export function prepareScenario(id: string, loadCommands: () => Promise<void>): Promise<void> {
  const scenario = byId.get(id);
  return scenario?.prepare && !scenario.prepared() ? scenario.prepare(loadCommands) : Promise.resolve();
}

/** Whether `createSimulation` can run `id` now (unknown ids too: they fail with their own message). */
export function scenarioPrepared(id: string): boolean {
  return byId.get(id)?.prepared() ?? true;
}

export type { ScenarioDefinition } from './scenario.ts';

