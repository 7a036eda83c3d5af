/**
 * Lesson 13's app for the code panel: plain cache-aside against a Redis with maxmemory. The SET
 * after a miss is where eviction happens, and where noeviction answers OOM: the strategies emit
 * `set-oom` when it does (steps.ts), and the read still answers.
 */
import { parseSource, type CodeRendering } from './source.ts';
import { readToSet } from './sources.ts';

const read: CodeRendering = {
  title: 'Cache-aside with a full cache',
  ts: parseSource(`${readToSet.ts}
  try {
    // Over maxmemory, Redis first evicts keys by maxmemory-policy; under noeviction it refuses.
    await redis.set(key, JSON.stringify(user), 'PX', TTL_MS); @@set
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith('OOM'))) throw error;
    alertCacheFull(); // OOM: the cache stopped learning, but the reader still gets the user @@set-oom
  }
  return user; @@return
}`),
  python: parseSource(`${readToSet.python}
    try:
        # Over maxmemory, Redis first evicts keys by maxmemory-policy; under noeviction it refuses.
        r.set(key, json.dumps(user), px=TTL_MS) @@set
    except redis.exceptions.ResponseError as error:
        if not str(error).startswith("OOM"):
            raise
        alert_cache_full()  # OOM: the cache stopped learning, but the reader still gets the user @@set-oom
    return user @@return`),
};

export const renderings = { plain: read };
