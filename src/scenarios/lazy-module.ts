/**
 * A module a run loads before it starts (a separate chunk in the browser) and then uses
 * synchronously: the simulation never awaits mid-step, so a run replays the same whenever the
 * module arrived. `prepareRedis` (redis-needs.ts) loads each one a run needs.
 *
 * @example
 * const tasks = lazyModule(() => import('./data-types.ts'), "lesson 14's app tasks");
 * await tasks.load();
 * tasks.get().seedDataTypes(world);
 */
export interface LazyModule<M> {
  /** Loads the module once; later calls resolve at once. */
  load(): Promise<void>;
  readonly loaded: boolean;
  /** The loaded module; throws when a run reaches here unprepared. */
  get(): M;
}

export function lazyModule<M>(importModule: () => Promise<M>, name: string): LazyModule<M> {
  let loadedModule: M | null = null;
  return {
    async load() {
      loadedModule ??= await importModule();
    },
    get loaded() {
      return loadedModule !== null;
    },
    get() {
      if (loadedModule === null) throw new Error(`${name} is not loaded yet: await prepareRedis('commands') first`);
      return loadedModule;
    },
  };
}
