/**
 * Lesson 5's app for the code panel: invalidation by pattern, the loop its samples teach. The lab's
 * SCAN step button (world/console.ts `scanStep`) runs one pass of it per press, reporting `scan`
 * before the SCAN and `unlink` before the UNLINK of a non-empty batch; reads show the read path.
 */
import { parseSource, type CodeRendering } from './source.ts';

const scanStep: CodeRendering = {
  title: 'Invalidate by pattern: SCAN, then UNLINK each batch',
  ts: parseSource(`
// Delete every key matching pattern (user:42:*), one bounded SCAN step at a time.
async function invalidateByPattern(pattern: string, count: number): Promise<number> {
  let cursor = '0';
  let removed = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', count); @@scan
    if (keys.length > 0) removed += await redis.unlink(...keys); // an empty batch is normal @@unlink
    cursor = next;
  } while (cursor !== '0'); // only cursor 0 means the iteration is complete
  return removed;
}`),
  python: parseSource(`
def invalidate_by_pattern(pattern, count):
    """Delete every key matching pattern (user:42:*), one bounded SCAN step at a time."""
    cursor = 0
    removed = 0
    while True:
        cursor, keys = r.scan(cursor=cursor, match=pattern, count=count) @@scan
        if keys:  # an empty batch is normal
            removed += r.unlink(*keys) @@unlink
        if cursor == 0:  # only cursor 0 means the iteration is complete
            return removed`),
};

// Reads (strategy `plain`) find the strategies' read path in sources.ts; before any line, the loop.
export const renderings = { scanStep };
export const initial = 'scanStep';
