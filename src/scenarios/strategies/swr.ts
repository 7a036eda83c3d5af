/**
 * Stale-while-revalidate: a value has a soft TTL (softTtlMs) inside its hard Redis TTL (ttlMs).
 * Past the soft TTL a hit still answers at once but starts one background refresh per instance;
 * only past the hard TTL does a reader wait for the database.
 */
import type { Row } from '../../database/database.ts';
import { type RequestContext, type Step, type ReadResult, redis, dbRead, bulkValue, cacheRow, fallback, serveCached, type CacheRule } from './steps.ts';

export function encodeSwr(row: Row, softExpiresAt: number): string {
  return `{"softExpiresAt":${softExpiresAt},"value":${row.value}}`;
}

export function decodeSwr(text: string): { softExpiresAt: number; value: string } | null {
  const m = /^\{"softExpiresAt":(-?\d+),"value":/.exec(text);
  if (!m) return null;
  return { softExpiresAt: Number(m[1]), value: text.slice(m[0].length, -1) };
}

/** Past the soft TTL, and this instance is not refreshing the key yet: start a refresh. */
export function swrShouldRefresh(entry: { readonly softExpiresAt: number }, now: number, refreshing: ReadonlySet<string>, key: string): boolean {
  return now > entry.softExpiresAt && !refreshing.has(key);
}

/** Serve the entry at once; past its soft TTL also start one background refresh on this instance. */
export const swrFromCache: CacheRule = (ctx, key, cached) => {
  const entry = decodeSwr(cached);
  if (entry === null) return undefined;
  if (swrShouldRefresh(entry, ctx.now(), ctx.refreshing, key)) {
    ctx.line('refresh');
    ctx.spawnRefresh(key);
  }
  return entry.value;
};

export function* swrRead(ctx: RequestContext, key: string): Step<ReadResult> {
  ctx.line('get');
  const cached = yield* redis(['GET', key]);
  if (!cached.ok) return yield* fallback(ctx, key);
  const served = serveCached(ctx, key, bulkValue(cached), swrFromCache);
  if (served !== undefined) return { value: served, from: 'cache' };
  ctx.line('db-read');
  const row = yield* dbRead(key);
  if (!row.ok) return { value: null, from: 'none' };
  yield* cacheRow(ctx, key, row.row, (r) => encodeSwr(r, ctx.now() + ctx.options.softTtlMs));
  ctx.line(row.row === null ? 'return-null' : 'return');
  return { value: row.row?.value ?? null, from: 'database' };
}

/** The background refresh a stale hit starts. */
export function* swrRefresh(ctx: RequestContext, key: string): Step<ReadResult> {
  ctx.line('bg-read');
  const row = yield* dbRead(key);
  if (row.ok && row.row !== null) {
    ctx.line('bg-set');
    yield* redis(['SET', key, encodeSwr(row.row, ctx.now() + ctx.options.softTtlMs), 'PX', String(ctx.options.ttlMs)]);
  }
  ctx.refreshing.delete(key);
  return { value: row.ok ? row.row?.value ?? null : null, from: row.ok ? 'database' : 'none' };
}

