/**
 * Stale-while-revalidate: a value has a soft TTL (softTtlMs) inside its hard Redis TTL (ttlMs).
 * Past the soft TTL a hit still answers at once but starts one background refresh per instance;
 * only past the hard TTL does a reader wait for the database.
 */
import type { Row } from '../../database/database.ts';
import { type RequestContext, type Step, type ReadResult, redis, dbRead, bulkValue, cacheRow, fallback, serveCached, type CacheRule } from './steps.ts';
import { parseSource, type StrategySource } from './source.ts';

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

export const swrSource: StrategySource = {
  ts: parseSource(`
// nowMs(): the clock in ms (Date.now in production)
const refreshing = new Set<string>();

async function getUser(id: string): Promise<User | null> {
  const key = \`user:\${id}\`;
  const cached = await redis.get(key).catch(() => FAILED); @@get
  if (cached === FAILED) return db.findUser(id); // Redis failed: skip the cache @@fallback
  if (cached === NOT_FOUND) return null; @@null-hit:null
  if (cached !== null) {
    const { value, softExpiresAt } = JSON.parse(cached);
    if (nowMs() > softExpiresAt && !refreshing.has(key)) {
      refreshing.add(key);
      void refresh(id, key).finally(() => refreshing.delete(key)); // no await @@refresh
    }
    return value; // fresh or a little stale, but at once @@hit
  }
  const user = await db.findUser(id); @@db-read
  if (user === null) {
    await redis.set(key, NOT_FOUND, 'PX', NULL_TTL_MS); @@set-null:null
    return null; @@return-null
  }
  const entry = { value: user, softExpiresAt: nowMs() + SOFT_TTL_MS };
  await redis.set(key, JSON.stringify(entry), 'PX', HARD_TTL_MS); @@set
  return user; @@return
}

async function refresh(id: string, key: string): Promise<void> {
  const user = await db.findUser(id); @@bg-read
  const entry = { value: user, softExpiresAt: nowMs() + SOFT_TTL_MS };
  await redis.set(key, JSON.stringify(entry), 'PX', HARD_TTL_MS); @@bg-set
}`),
  python: parseSource(`
refreshing = set()

def get_user(user_id):
    key = f"user:{user_id}"
    try:
        cached = r.get(key) @@get
    except redis.RedisError:
        return db.find_user(user_id)  # Redis failed: skip the cache @@fallback
    if cached == NOT_FOUND: @@null-hit:null
        return None @@:null
    if cached is not None:
        entry = json.loads(cached)
        if now_ms() > entry["soft_expires_at"] and key not in refreshing:
            refreshing.add(key)
            executor.submit(refresh, user_id, key)  # in the background @@refresh
        return entry["value"]  # fresh or a little stale, but at once @@hit
    user = db.find_user(user_id) @@db-read
    if user is None:
        r.set(key, NOT_FOUND, px=NULL_TTL_MS) @@set-null:null
        return None @@return-null
    entry = {"value": user, "soft_expires_at": now_ms() + SOFT_TTL_MS}
    r.set(key, json.dumps(entry), px=HARD_TTL_MS) @@set
    return user @@return

def refresh(user_id, key):
    try:
        user = db.find_user(user_id) @@bg-read
        entry = {"value": user, "soft_expires_at": now_ms() + SOFT_TTL_MS}
        r.set(key, json.dumps(entry), px=HARD_TTL_MS) @@bg-set
    finally:
        refreshing.discard(key)`),
};
