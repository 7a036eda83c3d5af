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
];

const byId = new Map<string, ScenarioDefinition>(scenarios.map((s) => [s.id, s]));

export function getScenario(id: string): ScenarioDefinition | undefined {
  return byId.get(id);
}

export type { ScenarioDefinition } from './scenario.ts';

