/** Plain cache-aside: GET; on a miss read the database, SET with a TTL, return. */
import { type RequestContext, type Step, type ReadResult, redis, dbRead, bulkValue, storeAndReturn, fallback, serveCached, serveAsIs } from './steps.ts';

export function* plainRead(ctx: RequestContext, key: string): Step<ReadResult> {
  ctx.line('get');
  const cached = yield* redis(['GET', key]);
  if (!cached.ok) return yield* fallback(ctx, key);
  const served = serveCached(ctx, key, bulkValue(cached), serveAsIs);
  if (served !== undefined) return { value: served, from: 'cache' };
  ctx.line('db-read');
  const row = yield* dbRead(key);
  if (!row.ok) return { value: null, from: 'none' };
  return yield* storeAndReturn(ctx, key, row.row, 'database');
}

