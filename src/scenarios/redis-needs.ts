/**
 * What a run needs from the emulator beyond its first-load commands (GET, SET, DEL...): the lock
 * strategy releases its lock with a real `EVAL` (the Lua VM, `loadScripting()`), and scenarios
 * that keep lists, sets, sorted sets or streams need the rest of the command table
 * (`loadCommands()`). Both are separate chunks in the browser. A lab loads them *before* it runs
 * (the store awaits `prepareRedis`), never in the middle of a step, so a run replays the same
 * whatever was loaded when; a run started without them throws `RedisNotReadyError` rather than
 * recording the "not loaded" reply as if it were Redis's.
 *
 * @example
 * const need = redisNeedOf(getScenario('stampede'), { strategy: 'lock' }); // 'scripting'
 * if (!redisReady(need)) await prepareRedis(need);
 */
import { commandsLoadedFor, loadCommands, loadScripting } from '../redis/loading.ts';
import { dataTypeTasks } from './world/app-tasks.ts';
import { writeBehindCode } from './strategies/write-behind-loader.ts';
import type { ScenarioDefinition } from './scenario.ts';
import type { ScheduledAction, SimOptions } from './types.ts';

/** `commands`: the whole command table (and lesson 14's app tasks and write-behind, which send it); `scripting`: that plus the Lua VM. */
export type RedisNeed = 'commands' | 'scripting' | null;

/** What a run of `scenario` with these options needs loaded. */
export function redisNeedOf(scenario: Pick<ScenarioDefinition, 'needsCommands'> | undefined, options: Partial<SimOptions>): RedisNeed {
  if (options.strategy === 'lock') return 'scripting';
  // Write-behind queues changes in a list (RPUSH, LMOVE, LREM).
  return scenario?.needsCommands === true || options.writeMode === 'write-behind' ? 'commands' : null;
}

/**
 * The same for a run that may change its options on the way (a share link's, a script's): the
 * strongest need over the starting options and every `setOption` among the actions.
 */
export function redisNeedOfRun(scenario: Pick<ScenarioDefinition, 'needsCommands'> | undefined, options: Partial<SimOptions>, actions: readonly ScheduledAction[]): RedisNeed {
  let need = redisNeedOf(scenario, options);
  for (const { action } of actions) {
    if (action.type !== 'setOption') continue;
    const next = redisNeedOf(scenario, { ...options, [action.name]: action.value });
    if (next === 'scripting' || (next === 'commands' && need === null)) need = next;
  }
  return need;
}

export function redisReady(need: RedisNeed): boolean {
  if (need === null) return true;
  return commandsLoadedFor(need === 'scripting' ? 'EVAL' : 'LPUSH') && (need === 'scripting' || (dataTypeTasks.loaded && writeBehindCode.loaded));
}

/** Loads what `need` names (at once when it is already there). */
export function prepareRedis(need: RedisNeed): Promise<void> {
  if (need === null) return Promise.resolve();
  // A run that needs the VM may write behind too (no lesson offers both): its code comes along.
  return need === 'scripting' ? Promise.all([loadScripting(), writeBehindCode.load()]).then(() => undefined) : Promise.all([loadCommands(), dataTypeTasks.load(), writeBehindCode.load()]).then(() => undefined);
}

/** Thrown when a run would need a part of the emulator that is not loaded yet. */
export class RedisNotReadyError extends Error {
  constructor(readonly need: Exclude<RedisNeed, null>) {
    super(
      need === 'scripting'
        ? 'the lock strategy releases its lock with EVAL: load the Lua VM first (await loadScripting())'
        : "this lab's Redis keeps lists, sets, sorted sets or streams: load those commands first (await loadCommands())",
    );
    this.name = 'RedisNotReadyError';
  }
}

/** Throws RedisNotReadyError unless what a run with these options needs is loaded. */
export function assertRedisReady(scenario: Pick<ScenarioDefinition, 'needsCommands'> | undefined, options: Partial<SimOptions>): void {
  const need = redisNeedOf(scenario, options);
  if (need !== null && !redisReady(need)) throw new RedisNotReadyError(need);
}
