/**
 * Lesson 14's app tasks (data-types.ts) load on demand, like the list, set and stream commands
 * they send: a lab with the data-types scenario awaits `prepareRedis('commands')`, which loads
 * both, before it runs. Nothing else in a lab's first load needs them.
 */
let tasks: typeof import('./data-types.ts') | null = null;

export async function loadDataTypeTasks(): Promise<void> {
  tasks ??= await import('./data-types.ts');
}

export function dataTypeTasksLoaded(): boolean {
  return tasks !== null;
}

/** The loaded module; a run that reaches here without it was not prepared. */
export function dataTypeTasks(): typeof import('./data-types.ts') {
  if (tasks === null) throw new Error("lesson 14's app tasks are not loaded: await prepareRedis('commands') first");
  return tasks;
}
