/**
 * Rebuild under a Redis lock: the reader that wins `SET lock:key token NX PX lockTtlMs` reads the
 * database; the others poll the cache every retryMs. The lock is released only if it still holds
 * the winner's token (check-and-delete in one Lua script, so it cannot delete someone else's lock).
 */
import { type RequestContext, type Step, type ReadResult, redis, dbRead, sleep, bulkValue, cacheRow, fallback, serveCached, serveAsIs } from './steps.ts';

/** The check-and-delete the release runs atomically on the server (a real EVAL in the lab too). */
export const UNLOCK_SCRIPT = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

export function* lockRead(ctx: RequestContext, key: string): Step<ReadResult> {
  const lockKey = `lock:${key}`;
  for (;;) {
    ctx.line('get');
    const cached = yield* redis(['GET', key]);
    if (!cached.ok) return yield* fallback(ctx, key);
    // After a wait too: the value came from the cache, so it is a hit.
    const served = serveCached(ctx, key, bulkValue(cached), serveAsIs);
    if (served !== undefined) return { value: served, from: 'cache' };
    ctx.line('lock');
    const locked = yield* redis(['SET', lockKey, ctx.token, 'NX', 'PX', String(ctx.options.lockTtlMs)]);
    // An error reply (OOM under noeviction, say) rejects the client's call as a timeout does: waiting
    // for a lock nobody can take would poll forever.
    if (!locked.ok || locked.reply.type === 'error') return yield* fallback(ctx, key);
    if (locked.reply.type === 'status') {
      ctx.lockEvent('lock.acquired', lockKey);
      ctx.line('db-read');
      const row = yield* dbRead(key);
      if (row.ok) yield* cacheRow(ctx, key, row.row);
      ctx.line('unlock');
      // A real EVAL on the emulator: the lab loads the Lua VM before it runs this strategy.
      const released = yield* redis(['EVAL', UNLOCK_SCRIPT, '1', lockKey, ctx.token]);
      ctx.lockEvent('lock.released', lockKey, { released: released.ok && released.reply.type === 'integer' && released.reply.value === 1 });
      if (!row.ok) return { value: null, from: 'none' };
      ctx.line('return');
      return { value: row.row?.value ?? null, from: 'database' };
    }
    ctx.line('wait');
    ctx.lockEvent('lock.waiting', lockKey, { retryAt: ctx.now() + ctx.options.retryMs });
    yield* sleep(ctx.options.retryMs);
  }
}

