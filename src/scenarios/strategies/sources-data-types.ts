/**
 * Lesson 14's app tasks (world/data-types.ts) for the code panel, one rendering per task, keyed by
 * the task's name. A task's line id is the lower-case name of the command the line sends: the
 * runner emits it just before it sends that command.
 */
import { parseSource, type CodeRendering } from './source.ts';

const viewProduct: CodeRendering = {
  title: 'View a product',
  ts: parseSource(`
// Show a product page: read the cached hash, then remember the view.
async function viewProduct(key: string): Promise<Record<string, string>> {
  const product = await redis.hgetall(key); @@hgetall
  await redis.lpush('recent:viewed', key); @@lpush
  await redis.ltrim('recent:viewed', 0, RECENT_KEPT - 1); // keep the newest five @@ltrim
  await redis.zincrby('top:viewed', 1, key); // the cached ranking @@zincrby
  return product;
}`),
  python: parseSource(`
def view_product(key):
    """Show a product page: read the cached hash, then remember the view."""
    product = r.hgetall(key) @@hgetall
    r.lpush("recent:viewed", key) @@lpush
    r.ltrim("recent:viewed", 0, RECENT_KEPT - 1)  # keep the newest five @@ltrim
    r.zincrby("top:viewed", 1, key)  # the cached ranking @@zincrby
    return product`),
};

const updatePrice: CodeRendering = {
  title: 'Cut a price: WATCH, then MULTI/EXEC',
  ts: parseSource(`
// Take 10% off a cached product's price, one field, only while it is cached.
async function cutPrice(key: string): Promise<boolean> {
  await redis.watch(key); @@watch
  const price = await redis.hget(key, 'price'); // also says whether it is cached @@hget
  if (price === null) {
    // Not cached: HSET would create a hash holding only price.
    await redis.unwatch(); @@unwatch
    return false;
  }
  const next = String(Math.max(1, Math.round(Number(price) * 0.9)));
  const result = await redis
    .multi() @@multi
    .hset(key, 'price', next) @@hset
    .xadd('cache:invalidations', '*', 'key', key, 'field', 'price') @@xadd
    .exec(); @@exec
  return result !== null; // null: the key changed after WATCH
}`),
  python: parseSource(`
def cut_price(key):
    """Take 10% off a cached product's price, one field, only while it is cached."""
    with r.pipeline() as pipe:
        pipe.watch(key) @@watch
        price = pipe.hget(key, "price")  # also says whether it is cached @@hget
        if price is None:
            # Not cached: HSET would create a hash holding only price.
            pipe.unwatch() @@unwatch
            return False
        new_price = max(1, int(int(price) * 0.9 + 0.5))
        pipe.multi() @@multi
        pipe.hset(key, "price", new_price) @@hset
        pipe.xadd("cache:invalidations", {"key": key, "field": "price"}) @@xadd
        try:
            pipe.execute() @@exec
        except redis.WatchError:
            return False  # the key changed after WATCH: nothing was written
        return True`),
};

const invalidateTag: CodeRendering = {
  title: 'Invalidate a tag through its set',
  ts: parseSource(`
// Drop every product with this tag: read the tag's set, UNLINK its members and the set, log it.
async function invalidateTag(tag: string): Promise<void> {
  const keys = await redis.smembers(\`tag:\${tag}\`); @@smembers
  await redis.unlink(...keys, \`tag:\${tag}\`); @@unlink
  await redis.xadd('cache:invalidations', '*', 'tag', tag, 'keys', String(keys.length)); @@xadd
}`),
  python: parseSource(`
def invalidate_tag(tag):
    """Drop every product with this tag: read the tag's set, UNLINK its members and the set, log it."""
    keys = r.smembers(f"tag:{tag}") @@smembers
    r.unlink(*keys, f"tag:{tag}") @@unlink
    r.xadd("cache:invalidations", {"tag": tag, "keys": len(keys)}) @@xadd`),
};

const invalidateTagByScan: CodeRendering = {
  title: 'Invalidate a tag with SCAN',
  ts: parseSource(`
// The same without tag sets, as lesson 5 would: walk every product key and read its tags.
async function invalidateTagByScan(tag: string): Promise<void> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'product:*', 'COUNT', SCAN_COUNT); @@scan
    cursor = next;
    for (const key of keys) {
      const tags = await redis.hget(key, 'tags'); @@hget
      if (tags !== null && tags.split(',').includes(tag)) found.push(key);
    }
  } while (cursor !== '0');
  if (found.length > 0) await redis.unlink(...found); @@unlink
  await redis.xadd('cache:invalidations', '*', 'tag', tag, 'keys', String(found.length)); @@xadd
}`),
  python: parseSource(`
def invalidate_tag_by_scan(tag):
    """The same without tag sets, as lesson 5 would: walk every product key and read its tags."""
    found = []
    cursor = 0
    while True:
        cursor, keys = r.scan(cursor, match="product:*", count=SCAN_COUNT) @@scan
        for key in keys:
            tags = r.hget(key, "tags") @@hget
            if tags is not None and tag in tags.split(","):
                found.append(key)
        if cursor == 0:
            break
    if found:
        r.unlink(*found) @@unlink
    r.xadd("cache:invalidations", {"tag": tag, "keys": len(found)}) @@xadd`),
};

export const renderings = { viewProduct, updatePrice, invalidateTag, invalidateTagByScan };
export const initial = 'viewProduct';
