/**
 * The code panel's TypeScript and Python rendering of plain cache-aside (see source.ts); the other
 * strategies' and the write path's are in sources-more.ts, loaded when one of them is shown. Only the lazily loaded code panel imports this module, so the text stays out of a lab's
 * first load; the line ids match the `ctx.line(...)` calls in each strategy.
 */
import type { StrategyName } from '../types.ts';
import { parseSource, type StrategySource } from './source.ts';

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


/** A write path's rendering (write.ts, write-behind.ts): at once when loaded, else after `loadStrategySource`. */
export function writeSourceNow(path: WritePath = 'write'): StrategySource | undefined {
  return more?.[path];
}

/** The write paths' renderings: cache-aside's write then invalidate, and write-behind's write and worker. */
export type WritePath = 'write' | 'write-behind';

/**
 * A strategy's rendering: at once for plain, else after its module loads.
 *
 * @example
 * const source = strategySourceNow('lock') ?? (await loadStrategySource('lock'));
 */
export function strategySourceNow(name: StrategyName): StrategySource | undefined {
  return name === 'plain' ? plainSource : more?.[name];
}

let more: typeof import('./sources-more.ts').moreSources | null = null;

export async function loadStrategySource(name: StrategyName | WritePath): Promise<StrategySource> {
  more ??= (await import('./sources-more.ts')).moreSources;
  return name === 'write' || name === 'write-behind' ? more[name] : strategySourceNow(name)!;
}
