/**
 * Write-behind's code (write-behind.ts) loads on demand, with the list commands it sends: a run
 * with `writeMode: 'write-behind'` needs `prepareRedis('commands')`, which loads both (see
 * redis-needs.ts). No lab's first load carries it.
 */
import { lazyModule } from '../lazy-module.ts';

/** The queue of changes the database has not taken yet, and the changes the worker is writing. */
export const WRITE_QUEUE = 'queue:user-writes';
export const IN_PROGRESS = `${WRITE_QUEUE}:in-progress`;

export const writeBehindCode = lazyModule(() => import('./write-behind.ts'), 'write-behind');
