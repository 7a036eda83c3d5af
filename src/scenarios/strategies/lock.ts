/**
 * Rebuild under a Redis lock: the reader that wins `SET lock:key token NX PX lockTtlMs` reads the
 * database; the others poll the cache every retryMs. The lock is released only if it still holds
 * the winner's token (check-and-delete in one Lua script, so it cannot delete someone else's lock).
 */
import { type RequestContext, type Step, type ReadResult, redis, dbRead, unlock, sleep, bulkValue, cacheRow, fallback, serveCached, serveAsIs } from './steps.ts';
import { parseSource, type StrategySource } from './source.ts';

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
    if (!locked.ok) return yield* fallback(ctx, key);
    if (locked.reply.type === 'status') {
      ctx.lockEvent('lock.acquired', lockKey);
      ctx.line('db-read');
      const row = yield* dbRead(key);
      if (row.ok) yield* cacheRow(ctx, key, row.row);
      ctx.line('unlock');
      const released = yield* unlock(lockKey, ctx.token);
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

export const lockSource: StrategySource = {
  ts: parseSource(`
async function getUser(id: string): Promise<User | null> {
  const key = \`user:\${id}\`;
  const token = randomUUID();
  for (;;) {
    const cached = await redis.get(key).catch(() => FAILED); @@get
    if (cached === FAILED) return db.findUser(id); // Redis failed: skip the cache @@fallback
    if (cached === NOT_FOUND) return null; @@null-hit:null
    if (cached !== null) return JSON.parse(cached); @@hit
    const locked = await redis.set(\`lock:\${key}\`, token, 'NX', 'PX', LOCK_TTL_MS); @@lock
    if (locked === 'OK') {
      try {
        const user = await db.findUser(id); @@db-read
        if (user !== null) await redis.set(key, JSON.stringify(user), 'PX', TTL_MS); @@set
        else await redis.set(key, NOT_FOUND, 'PX', NULL_TTL_MS); @@set-null:null
        return user; @@return
      } finally {
        // Delete the lock only if it is still ours (one atomic script).
        await redis.eval(UNLOCK_SCRIPT, 1, \`lock:\${key}\`, token); @@unlock
      }
    }
    await sleep(RETRY_MS); // someone else is rebuilding: check the cache again @@wait
  }
}`),
  python: parseSource(`
def get_user(user_id):
    key = f"user:{user_id}"
    token = str(uuid.uuid4())
    while True:
        try:
            cached = r.get(key) @@get
        except redis.RedisError:
            return db.find_user(user_id)  # Redis failed: skip the cache @@fallback
        if cached == NOT_FOUND: @@null-hit:null
            return None @@:null
        if cached is not None:
            return json.loads(cached) @@hit
        if r.set(f"lock:{key}", token, nx=True, px=LOCK_TTL_MS): @@lock
            try:
                user = db.find_user(user_id) @@db-read
                if user is not None:
                    r.set(key, json.dumps(user), px=TTL_MS) @@set
                else: @@:null
                    r.set(key, NOT_FOUND, px=NULL_TTL_MS) @@set-null:null
                return user @@return
            finally:
                # Delete the lock only if it is still ours (one atomic script).
                unlock(keys=[f"lock:{key}"], args=[token]) @@unlock
        time.sleep(RETRY_MS / 1000)  # someone else is rebuilding @@wait`),
};

/** The check-and-delete the unlock step runs atomically on the server. */
export const UNLOCK_SCRIPT = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";
