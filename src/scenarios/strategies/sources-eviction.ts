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
    // Over maxmemory Redis evicts a key first
    // (maxmemory-policy), or refuses it: OOM.
    await redis.set(key, JSON.stringify(user), 'PX', TTL_MS); @@set
  } catch (error) {
    if (!String(error).includes('OOM')) throw error;
    // Full: alert, and still answer the read.
    alertCacheFull(); @@set-oom
  }
  return user; @@return
}`),
  python: parseSource(`${readToSet.python}
    try:
        # Over maxmemory Redis evicts a key first
        # (maxmemory-policy), or refuses it: OOM.
        r.set(key, json.dumps(user), px=TTL_MS) @@set
    except redis.exceptions.ResponseError as error:
        if not str(error).startswith("OOM"):
            raise
        # Full: alert, and still answer the read.
        alert_cache_full() @@set-oom
    return user @@return`),
};

export const renderings = { plain: read };
