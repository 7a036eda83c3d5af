/**
 * Lesson 14's app tasks (data-types.ts) load on demand, like the list, set and stream commands
 * they send: a lab with the data-types scenario awaits `prepareRedis('commands')`, which loads
 * both, before it runs. Nothing else in a lab's first load needs them.
 */
import { lazyModule } from '../lazy-module.ts';

export const dataTypeTasks = lazyModule(() => import('./data-types.ts'), "lesson 14's app tasks");
