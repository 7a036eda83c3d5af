/** The write path: update the database, then delete the cached key (unless invalidation is off). */
import { type RequestContext, type Step, type ReadResult, redis, dbWrite } from './steps.ts';
import { parseSource, type StrategySource } from './source.ts';

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
  ctx.line('write-return');
  return { value: written.row?.value ?? null, from: 'database' };
}

export const writeSource: StrategySource = {
  ts: parseSource(`
async function updateUser(id: string, changes: Partial<User>): Promise<void> {
  await db.updateUser(id, changes); @@db-write
  await redis.del(\`user:\${id}\`); // the next read loads the new row @@del
  await redis.publish('invalidate', \`user:\${id}\`); // drop local copies @@publish:publish
} @@write-return`),
  python: parseSource(`
def update_user(user_id, changes):
    db.update_user(user_id, changes) @@db-write
    r.delete(f"user:{user_id}")  # the next read loads the new row @@del
    r.publish("invalidate", f"user:{user_id}")  # drop local copies @@publish:publish
    return @@write-return`),
};
