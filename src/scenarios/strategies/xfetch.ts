/**
 * XFetch, probabilistic early expiration (Vattani, Chierichetti, Lowenstein, "Optimal
 * Probabilistic Cache Stampede Prevention", VLDB 2015): each reader recomputes early when
 * now - delta * beta * ln(rand()) >= expiry, where delta is how long the last recompute took.
 * One reader usually refreshes the value shortly before it expires, so nobody sees a miss.
 */
import type { Row } from '../../database/database.ts';
import { type RequestContext, type Step, type ReadResult, redis, dbRead, bulkValue, cacheRow, fallback, serveCached, type CacheRule } from './steps.ts';

/** What xfetch caches: the row plus the recompute time and the expiry it was stored with. */
export function encodeXFetch(row: Row, deltaMs: number, expiresAt: number): string {
  return `{"delta":${deltaMs},"expiresAt":${expiresAt},"value":${row.value}}`;
}

export function decodeXFetch(text: string): { delta: number; expiresAt: number; value: string } | null {
  const m = /^\{"delta":(\d+),"expiresAt":(-?\d+),"value":/.exec(text);
  if (!m) return null;
  return { delta: Number(m[1]), expiresAt: Number(m[2]), value: text.slice(m[0].length, -1) };
}

/** Serve the cached entry (true) or recompute early, for a uniform draw u in [0, 1). */
export function xfetchKeeps(entry: { readonly delta: number; readonly expiresAt: number }, now: number, beta: number, u: number): boolean {
  // -ln(1 - u) is an Exp(1) draw; 1 - u is in (0, 1] so the log is finite.
  const gap = -entry.delta * beta * Math.log(1 - u);
  // Redis keeps the key through expiresAt, so the paper's "expiry" instant is expiresAt + 1.
  return now + gap < entry.expiresAt + 1;
}

/** Serve the entry unless this reader draws an early recompute. */
export const xfetchFromCache: CacheRule = (ctx, _key, cached) => {
  const entry = decodeXFetch(cached);
  if (entry === null) return undefined;
  ctx.line('check');
  return xfetchKeeps(entry, ctx.now(), ctx.options.beta, ctx.random()) ? entry.value : undefined;
};

export function* xfetchRead(ctx: RequestContext, key: string): Step<ReadResult> {
  ctx.line('get');
  const cached = yield* redis(['GET', key]);
  if (!cached.ok) return yield* fallback(ctx, key);
  const text = bulkValue(cached);
  const served = serveCached(ctx, key, text, xfetchFromCache);
  if (served !== undefined) return { value: served, from: 'cache' };
  // A decodable entry the rule did not keep: this reader recomputes before expiry.
  const early = text !== null && decodeXFetch(text) !== null;
  if (early) ctx.line('early');
  ctx.line('db-read');
  const started = ctx.now();
  const row = yield* dbRead(key);
  if (!row.ok) return { value: null, from: 'none' };
  const delta = ctx.now() - started;
  const ttl = ctx.options.ttlMs;
  yield* cacheRow(ctx, key, row.row, (r) => encodeXFetch(r, delta, ctx.now() + ttl));
  ctx.line(row.row === null ? 'return-null' : 'return');
  return { value: row.row?.value ?? null, from: 'database', early };
}

