/**
 * Single-flight per app instance: concurrent misses for one key on one instance share a single
 * database read (instances do not coordinate, so expect one read per instance per expiry).
 */
import { type RequestContext, type Step, type ReadResult, redis, dbRead, join, resolveFlight, bulkValue, cacheRow, fallback, serveCached, serveAsIs } from './steps.ts';

export function* coalesceRead(ctx: RequestContext, key: string): Step<ReadResult> {
  ctx.line('get');
  const cached = yield* redis(['GET', key]);
  if (!cached.ok) return yield* fallback(ctx, key);
  const served = serveCached(ctx, key, bulkValue(cached), serveAsIs);
  if (served !== undefined) return { value: served, from: 'cache' };
  if (ctx.flights.has(key)) {
    ctx.line('join');
    const shared = yield* join(key);
    return { value: shared, from: 'coalesced' };
  }
  ctx.line('db-read');
  ctx.flights.add(key);
  const row = yield* dbRead(key);
  if (row.ok) yield* cacheRow(ctx, key, row.row);
  const loaded = row.ok ? row.row?.value ?? null : null;
  yield* resolveFlight(key, loaded);
  if (!row.ok) return { value: null, from: 'none' };
  ctx.line('return');
  return { value: loaded, from: 'database' };
}

