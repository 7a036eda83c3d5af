/**
 * The vocabulary strategies are written in. A strategy is a generator: it yields an effect
 * (a Redis command, a database query, a sleep...) and the world resumes it with the result when
 * the virtual clock gets there. So strategy code reads top to bottom like the lesson's code.
 */
import type { Reply } from '../../redis/reply.ts';
import type { Row } from '../../database/database.ts';
import type { ServedFrom } from '../events.ts';
import type { SimOptions } from '../types.ts';

export type Effect =
  | { readonly kind: 'redis'; readonly argv: readonly string[] }
  /** `version`: a write that stores this version (a queued change the write-behind worker applies) instead of the next. */
  | { readonly kind: 'db'; readonly op: 'read' | 'write'; readonly key: string; readonly version?: number }
  /** The row as this write changes it, built in the app before the database has it (write-behind): answered at once. */
  | { readonly kind: 'next-row'; readonly key: string }
  | { readonly kind: 'sleep'; readonly ms: number }
  /** Wait for this instance's in-flight load of `key` (single-flight). */
  | { readonly kind: 'join'; readonly key: string }
  /** Hand the loaded value to every request waiting on this instance's flight for `key`. */
  | { readonly kind: 'resolve'; readonly key: string; readonly value: string | null };

export type RedisResult = { readonly ok: true; readonly reply: Reply } | { readonly ok: false; readonly error: string };
export type DbResult = { readonly ok: true; readonly row: Row | null } | { readonly ok: false };

export type Step<T> = Generator<Effect, T, unknown>;

export interface ReadResult {
  readonly value: string | null;
  readonly from: ServedFrom;
  readonly early?: boolean;
}

/** What a strategy sees of the world while it runs one request. */
export interface RequestContext {
  readonly requestId: number;
  readonly instance: number;
  readonly options: Readonly<SimOptions>;
  now(): number;
  /** Mark a line of the strategy's code as executed (for the code panel). */
  line(id: string): void;
  /** Uniform in [0, 1) from the simulation's seeded stream. */
  random(): number;
  /** This app instance's keys being loaded (single-flight) or refreshed (swr). */
  readonly flights: Set<string>;
  readonly refreshing: Set<string>;
  /** Start a background refresh of `key` on this instance (swr). */
  spawnRefresh(key: string): void;
  /** A token unique to this request, for locks. */
  readonly token: string;
  /** The write is done: drop this instance's own local copy of `key`, where it keeps one (lesson 15). */
  dropOwnCopy(key: string): void;
  /** Record a lock step in the trace. */
  lockEvent(type: 'lock.acquired' | 'lock.released' | 'lock.waiting', lockKey: string, extra?: { retryAt?: number; released?: boolean }): void;
}

export function* redis(argv: readonly string[]): Step<RedisResult> {
  return (yield { kind: 'redis', argv }) as RedisResult;
}

export function* dbRead(key: string): Step<DbResult> {
  return (yield { kind: 'db', op: 'read', key }) as DbResult;
}

export function* dbWrite(key: string): Step<DbResult> {
  return (yield { kind: 'db', op: 'write', key }) as DbResult;
}

export function* sleep(ms: number): Step<void> {
  yield { kind: 'sleep', ms };
}

export function* join(key: string): Step<string | null> {
  return (yield { kind: 'join', key }) as string | null;
}

export function* resolveFlight(key: string, value: string | null): Step<void> {
  yield { kind: 'resolve', key, value };
}

/** The value cached for ids the database does not have (null caching). */
export const NULL_SENTINEL = '__null__';

/**
 * A strategy's rule for a value found in the cache (never the not-found sentinel): the value to
 * serve at once, or undefined to go on and load it. Written once per strategy and used by its
 * generator and by the world's untraced fast path alike.
 */
export type CacheRule = (ctx: RequestContext, key: string, cached: string) => string | undefined;

/** plain, lock and coalesce serve whatever the cache holds. */
export const serveAsIs: CacheRule = (_ctx, _key, cached) => cached;

/**
 * What a read does with its GET's value: the not-found sentinel answers null, a value the rule
 * serves answers that value (both are hits); undefined means go on to load it.
 */
export function serveCached(ctx: RequestContext, key: string, cached: string | null, rule: CacheRule): string | null | undefined {
  if (cached === null) return undefined;
  if (cached === NULL_SENTINEL) {
    ctx.line('null-hit');
    return null;
  }
  const value = rule(ctx, key, cached);
  if (value !== undefined) ctx.line('hit');
  return value;
}

/** The bulk string of a successful reply, or null (nil or not a bulk). */
export function bulkValue(result: RedisResult): string | null {
  return result.ok && result.reply.type === 'bulk' ? result.reply.value : null;
}

/** ttlMs plus a uniform random 0..jitterMs, so keys cached together expire apart. */
export function ttlWithJitter(ctx: RequestContext): number {
  const { ttlMs, jitterMs } = ctx.options;
  return jitterMs > 0 ? ttlMs + Math.floor(ctx.random() * (jitterMs + 1)) : ttlMs;
}

/**
 * The end of every read path after the database answered: cache the row (or the not-found
 * sentinel when null caching is on) and return it.
 */
export function* storeAndReturn(ctx: RequestContext, key: string, row: Row | null, from: ServedFrom): Step<ReadResult> {
  yield* cacheRow(ctx, key, row);
  ctx.line(row === null ? 'return-null' : 'return');
  return { value: row?.value ?? null, from };
}

/** SET the row with its TTL, or the not-found sentinel with nullTtlMs when null caching is on. */
export function* cacheRow(ctx: RequestContext, key: string, row: Row | null, encode: (row: Row) => string = (r) => r.value): Step<void> {
  if (row === null) {
    if (ctx.options.nullTtlMs > 0) {
      ctx.line('set-null');
      yield* redis(['SET', key, NULL_SENTINEL, 'PX', String(ctx.options.nullTtlMs)]);
    }
    return;
  }
  ctx.line('set');
  const stored = yield* redis(['SET', key, encode(row), 'PX', String(ttlWithJitter(ctx))]);
  // Full under noeviction (lesson 13): Redis refused the SET, and the read still answers.
  if (stored.ok && stored.reply.type === 'error' && stored.reply.message.startsWith('OOM')) ctx.line('set-oom');
}

/** When Redis failed: read the database directly, do not touch the cache. */
export function* fallback(ctx: RequestContext, key: string): Step<ReadResult> {
  ctx.line('fallback');
  const result = yield* dbRead(key);
  return { value: result.ok ? result.row?.value ?? null : null, from: result.ok ? 'fallback' : 'none' };
}
