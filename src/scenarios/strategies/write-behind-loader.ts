/**
 * Write-behind's code (write-behind.ts) loads on demand, with the list commands it sends: a run
 * with `writeMode: 'write-behind'` needs `prepareRedis('commands')`, which loads both (see
 * redis-needs.ts). No lab's first load carries it.
 */

/** The queue of changes the database has not taken yet, and the changes the worker is writing. */
export const WRITE_QUEUE = 'queue:user-writes';
export const IN_PROGRESS = `${WRITE_QUEUE}:in-progress`;

let code: typeof import('./write-behind.ts') | null = null;

export async function loadWriteBehind(): Promise<void> {
  code ??= await import('./write-behind.ts');
}

export function writeBehindLoaded(): boolean {
  return code !== null;
}

/** The loaded module; a run that reaches here without it was not prepared. */
export function writeBehindCode(): typeof import('./write-behind.ts') {
  if (code === null) throw new Error("write-behind is not loaded: await prepareRedis('commands') first");
  return code;
}
