/**
 * The code panel's renderings (see source.ts) and the one place that finds them: `codeRenderingNow`
 * / `loadCodeRendering` answer, for a scenario and a `code.line` event's `strategy`, the code to
 * show. Plain cache-aside comes with this module; the other strategies' and the write path's
 * (sources-more.ts) and the renderings of scenarios that run their own app code (lessons 13-15:
 * sources-<scenario>.ts; lesson 5's SCAN loop too) load the first time one is shown. Only the lazily loaded code panel
 * imports this module, so none of the text is in a lab's first load.
 *
 * Renderings are built from the read path's shared pieces below (`tsPart`, `pyPart`), so a line
 * every strategy runs (the GET, the fallback, the load) is written once.
 */
import { parseSource, type StrategySource } from './source.ts';

/** Indent each line of a piece by `spaces` (pieces are written at column 0). */
export function indent(spaces: number, piece: string): string {
  const pad = ' '.repeat(spaces);
  return piece
    .replace(/^\n/, '')
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

/**
 * The SET that caches a loaded row, guarded: under maxmemory with noeviction Redis refuses it with
 * OOM, the app emits `set-oom` (steps.ts `cacheRow`) and still answers. Every read path that caches
 * a row shows it this way, lesson 13's included; `sets` is written at column 0.
 */
export const guardSet = {
  ts: (sets: string) => `
try {
${indent(2, sets)}
} catch (error) {
  if (!String(error).includes('OOM')) throw error;
  // Full: alert, and still answer the read.
  alertCacheFull(); @@set-oom
}`,
  python: (sets: string) => `
try:
${indent(4, sets)}
except redis.exceptions.ResponseError as error:
    if not str(error).startswith("OOM"):
        raise
    # Full: alert, and still answer the read.
    alert_cache_full() @@set-oom`,
};

/** The read path's TypeScript pieces; line ids as the strategies emit them (steps.ts). */
export const tsPart = {
  header: `
async function getUser(id: string): Promise<User | null> {
  const key = \`user:\${id}\`;`,
  get: `
const cached = await redis.get(key).catch(() => FAILED); @@get
if (cached === FAILED) return db.findUser(id); // Redis failed: skip the cache @@fallback
if (cached === NOT_FOUND) return null; @@null-hit:null`,
  hit: `
if (cached !== null) return JSON.parse(cached); @@hit`,
  /** Load the row; an unknown id is cached as NOT_FOUND when null caching is on. */
  load: `
const user = await db.findUser(id); @@db-read
if (user === null) {
  await redis.set(key, NOT_FOUND, 'PX', NULL_TTL_MS); @@set-null:null
  return null; @@return-null
}`,
  /** Cache the row or the not-found marker, then return (lock, coalesce). */
  storeEither: `${guardSet.ts(`
if (user !== null) await redis.set(key, JSON.stringify(user), 'PX', TTL_MS); @@set
else await redis.set(key, NOT_FOUND, 'PX', NULL_TTL_MS); @@set-null:null`)}
return user; @@return`,
};

/** The read path's Python pieces; `aw` is 'await ' in the asyncio rendering (coalesce). */
export const pyPart = {
  header: (aw = '') => `
${aw ? 'async ' : ''}def get_user(user_id):
    key = f"user:{user_id}"`,
  get: (aw = '') => `
try:
    cached = ${aw}r.get(key) @@get
except redis.RedisError:
    return ${aw}db.find_user(user_id)  # Redis failed: skip the cache @@fallback
if cached == NOT_FOUND: @@null-hit:null
    return None @@:null`,
  hit: `
if cached is not None:
    return json.loads(cached) @@hit`,
  load: `
user = db.find_user(user_id) @@db-read
if user is None:
    r.set(key, NOT_FOUND, px=NULL_TTL_MS) @@set-null:null
    return None @@return-null`,
  storeEither: (aw = '') =>
    guardSet.python(`
if user is not None:
    ${aw}r.set(key, json.dumps(user), px=TTL_MS) @@set
else: @@:null
    ${aw}r.set(key, NOT_FOUND, px=NULL_TTL_MS) @@set-null:null`),
};

/** getUser up to caching the loaded row: plain's, and lesson 13's, which guards that SET. */
export const readToSet = {
  ts: `${tsPart.header}
${indent(2, tsPart.get)}
${indent(2, tsPart.hit)}
${indent(2, tsPart.load)}`,
  python: `${pyPart.header()}
${indent(4, pyPart.get())}
${indent(4, pyPart.hit)}
${indent(4, pyPart.load)}`,
};

export const plainSource: StrategySource = {
  ts: parseSource(`${readToSet.ts}
${indent(2, guardSet.ts(`
await redis.set(key, JSON.stringify(user), 'PX', TTL_MS); @@set:plain-ttl
await redis.set(key, JSON.stringify(user), 'PX', TTL_MS + randomInt(JITTER_MS + 1)); @@set:jitter`))}
  return user; @@return
}`),
  python: parseSource(`${readToSet.python}
${indent(4, guardSet.python(`
r.set(key, json.dumps(user), px=TTL_MS) @@set:plain-ttl
r.set(key, json.dumps(user), px=TTL_MS + random.randint(0, JITTER_MS)) @@set:jitter`))}
    return user @@return`),
};

/** A module of renderings, by the name `code.line` events give as their `strategy`. */
export interface RenderingSet {
  readonly renderings: Readonly<Record<string, StrategySource>>;
  /** What a scenario's panel shows before its app has run a line (default: the strategy option's). */
  readonly initial?: string;
}

// Scenarios whose app runs code of its own; every other scenario shows the strategies'.
const ownRenderings: Readonly<Record<string, () => Promise<RenderingSet>>> = {
  eviction: () => import('./sources-eviction.ts'),
  'data-types': () => import('./sources-data-types.ts'),
  'many-caches': () => import('./sources-many-caches.ts'),
  // Lesson 5: its SCAN step button's loop; its reads fall through to the read path.
  'pattern-invalidation': () => import('./sources-pattern-invalidation.ts'),
};

// By scenario id, and the strategies' (sources-more.ts) as MORE.
const MORE = 'strategies';
const loaded = new Map<string, RenderingSet>();

/**
 * The rendering `scenario`'s panel shows for a `code.line` event's `strategy` (`name`), or, before
 * any line ran (`name` null), the scenario's first (its `strategy` option's for strategy labs);
 * undefined until its module has loaded (`loadCodeRendering`).
 *
 * @example
 * const code = codeRenderingNow('data-types', 'updatePrice', 'plain') ?? (await loadCodeRendering('data-types', 'updatePrice', 'plain'));
 */
export function codeRenderingNow(scenario: string, name: string | null, strategy: string): StrategySource | undefined {
  if (scenario in ownRenderings) {
    const own = loaded.get(scenario);
    if (own === undefined) return undefined;
    const found = own.renderings[name ?? own.initial ?? strategy];
    if (found !== undefined) return found;
  }
  const wanted = name ?? strategy;
  if (wanted === 'plain') return plainSource;
  return loaded.get(MORE)?.renderings[wanted] ?? (loaded.has(MORE) ? plainSource : undefined);
}

/** Whether `scenario` shows code of its own rather than the strategies'. */
export function hasOwnRenderings(scenario: string): boolean {
  return scenario in ownRenderings;
}

export async function loadCodeRendering(scenario: string, name: string | null, strategy: string): Promise<StrategySource> {
  const own = ownRenderings[scenario];
  if (own !== undefined && !loaded.has(scenario)) loaded.set(scenario, await own());
  const now = codeRenderingNow(scenario, name, strategy);
  if (now !== undefined) return now;
  if (!loaded.has(MORE)) loaded.set(MORE, await import('./sources-more.ts'));
  return codeRenderingNow(scenario, name, strategy)!;
}
