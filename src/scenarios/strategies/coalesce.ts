/**
 * Single-flight per app instance: concurrent misses for one key on one instance share a single
 * database read (instances do not coordinate, so expect one read per instance per expiry).
 */
import { type RequestContext, type Step, type ReadResult, redis, dbRead, join, resolveFlight, bulkValue, cacheRow, fallback, serveCached, serveAsIs } from './steps.ts';
import { parseSource, type StrategySource } from './source.ts';

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

export const coalesceSource: StrategySource = {
  ts: parseSource(`
const inFlight = new Map<string, Promise<User | null>>();

async function getUser(id: string): Promise<User | null> {
  const key = \`user:\${id}\`;
  const cached = await redis.get(key).catch(() => FAILED); @@get
  if (cached === FAILED) return db.findUser(id); // Redis failed: skip the cache @@fallback
  if (cached === NOT_FOUND) return null; @@null-hit:null
  if (cached !== null) return JSON.parse(cached); @@hit
  const pending = inFlight.get(key);
  if (pending) return pending; // share the read already under way @@join
  const load = (async () => {
    const user = await db.findUser(id); @@db-read
    if (user !== null) await redis.set(key, JSON.stringify(user), 'PX', TTL_MS); @@set
    else await redis.set(key, NOT_FOUND, 'PX', NULL_TTL_MS); @@set-null:null
    return user; @@return
  })().finally(() => inFlight.delete(key));
  inFlight.set(key, load);
  return load;
}`),
  python: parseSource(`
in_flight = {}  # key -> asyncio.Future shared by concurrent misses

async def get_user(user_id):
    key = f"user:{user_id}"
    try:
        cached = await r.get(key) @@get
    except redis.RedisError:
        return await db.find_user(user_id)  # Redis failed: skip the cache @@fallback
    if cached == NOT_FOUND: @@null-hit:null
        return None @@:null
    if cached is not None:
        return json.loads(cached) @@hit
    if key in in_flight:
        return await in_flight[key]  # share the read already under way @@join
    future = asyncio.get_running_loop().create_future()
    in_flight[key] = future
    try:
        user = await db.find_user(user_id) @@db-read
        if user is not None:
            await r.set(key, json.dumps(user), px=TTL_MS) @@set
        else: @@:null
            await r.set(key, NOT_FOUND, px=NULL_TTL_MS) @@set-null:null
        future.set_result(user)
        return user @@return
    finally:
        del in_flight[key]`),
};
