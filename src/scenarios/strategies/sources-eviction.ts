/**
 * Lesson 13's app for the code panel: plain cache-aside against a Redis with maxmemory. The SET
 * after a miss is where eviction happens, and where noeviction answers OOM: the strategies emit
 * `set-oom` when it does (steps.ts), and the read still answers; the guard is every read path's
 * (`guardSet`), this rendering adds only the comment on eviction.
 */
import { parseSource, type CodeRendering } from './source.ts';
import { guardSet, indent, readToSet } from './sources.ts';

const read: CodeRendering = {
  title: 'Cache-aside with a full cache',
  ts: parseSource(`${readToSet.ts}
${indent(2, guardSet.ts(`
// Over maxmemory Redis evicts a key first
// (maxmemory-policy), or refuses it: OOM.
await redis.set(key, JSON.stringify(user), 'PX', TTL_MS); @@set`))}
  return user; @@return
}`),
  python: parseSource(`${readToSet.python}
${indent(4, guardSet.python(`
# Over maxmemory Redis evicts a key first
# (maxmemory-policy), or refuses it: OOM.
r.set(key, json.dumps(user), px=TTL_MS) @@set`))}
    return user @@return`),
};

export const renderings = { plain: read };
