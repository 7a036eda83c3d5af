/** The write path: update the database, then delete the cached key (unless invalidation is off). */
import { type RequestContext, type Step, type ReadResult, redis, dbWrite } from './steps.ts';

/** The channel a writer publishes changed keys on when instances sync by pub/sub (lesson 15). */
export const INVALIDATE_CHANNEL = 'invalidate';

export function* writeThenInvalidate(ctx: RequestContext, key: string): Step<ReadResult> {
  ctx.line('db-write');
  const written = yield* dbWrite(key);
  if (!written.ok) return { value: null, from: 'none' };
  if (ctx.options.invalidateOnWrite === 'delete') {
    ctx.line('del');
    yield* redis(['DEL', key]);
  }
  if (ctx.options.syncMethod === 'pubsub') {
    // Lesson 15: every instance listening on the channel drops its local copy.
    ctx.line('publish');
    yield* redis(['PUBLISH', INVALIDATE_CHANNEL, key]);
  }
  ctx.dropOwnCopy(key);
  ctx.line('write-return');
  return { value: written.row?.value ?? null, from: 'database' };
}

