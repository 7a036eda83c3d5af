/** Plain cache-aside: GET; on a miss read the database, SET with a TTL, return. */
import { type RequestContext, type Step, type ReadResult, redis, dbRead, bulkValue, storeAndReturn, fallback, serveCached, serveAsIs } from './steps.ts';
import { parseSource, type StrategySource } from './source.ts';

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

export const plainSource: StrategySource = {
  ts: parseSource(`
async function getUser(id: string): Promise<User | null> {
  const key = \`user:\${id}\`;
  let cached: string | null;
  try {
    cached = await redis.get(key); @@get
  } catch {
    return db.findUser(id); // Redis failed: skip the cache @@fallback
  }
  if (cached === NOT_FOUND) return null; @@null-hit:null
  if (cached !== null) return JSON.parse(cached); @@hit
  const user = await db.findUser(id); @@db-read
  if (user === null) {
    await redis.set(key, NOT_FOUND, 'PX', NULL_TTL_MS); @@set-null:null
    return null; @@return-null
  }
  await redis.set(key, JSON.stringify(user), 'PX', TTL_MS); @@set:plain-ttl
  await redis.set(key, JSON.stringify(user), 'PX', TTL_MS + randomInt(JITTER_MS + 1)); @@set:jitter
  return user; @@return
}`),
  python: parseSource(`
def get_user(user_id):
    key = f"user:{user_id}"
    try:
        cached = r.get(key) @@get
    except redis.RedisError:
        return db.find_user(user_id)  # Redis failed: skip the cache @@fallback
    if cached == NOT_FOUND: @@null-hit:null
        return None @@:null
    if cached is not None:
        return json.loads(cached) @@hit
    user = db.find_user(user_id) @@db-read
    if user is None:
        r.set(key, NOT_FOUND, px=NULL_TTL_MS) @@set-null:null
        return None @@return-null
    r.set(key, json.dumps(user), px=TTL_MS) @@set:plain-ttl
    r.set(key, json.dumps(user), px=TTL_MS + random.randint(0, JITTER_MS)) @@set:jitter
    return user @@return`),
};
