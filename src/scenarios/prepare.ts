/**
 * Scenarios whose setup loads lazily (`loadSetup`: the eviction lab's memory limit, and with
 * `needsCommands` the emulator's CONFIG it sends), loaded once per page or process before their
 * first simulation.
 *
 * @example
 * if (!scenarioReady('eviction')) await prepareScenario('eviction');
 */
import type { World } from './world.ts';
import { getScenario } from './registry.ts';
import { loadCommands } from '../redis/loading.ts';

const setups = new Map<string, (world: World) => void>();

/** Whether a simulation of `id` can start now. */
export function scenarioReady(id: string): boolean {
  return getScenario(id)?.loadSetup === undefined || setups.has(id);
}

/** The lazily loaded setup of `id`, once `prepareScenario` has loaded it. */
export function loadedSetup(id: string): ((world: World) => void) | undefined {
  return setups.get(id);
}

/** Loads what scenario `id` needs (nothing for most); safe to call more than once. */
export async function prepareScenario(id: string): Promise<void> {
  const scenario = getScenario(id);
  const load = scenario?.loadSetup;
  if (load === undefined || setups.has(id)) return;
  const [setup] = await Promise.all([load(), scenario?.needsCommands ? loadCommands() : undefined]);
  setups.set(id, setup);
}
