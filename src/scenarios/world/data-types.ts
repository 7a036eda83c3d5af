/**
 * Lesson 14's app: products cached as hashes, a set of product keys per tag, a sorted set of views
 * (the cached top-N), a list of recently viewed products and a stream that logs every
 * invalidation. Each learner action is an app task: Redis commands sent one after another by app
 * instance 0 over the same link as the strategies' (latency, timeouts, counted in redisCommands),
 * each command chosen from the replies before it.
 */
import type { Reply } from '../../redis/reply.ts';
import type { World } from '../world.ts';
import { WAIT, type LinkClient } from './redis-link.ts';

/** A task yields the next command and gets its reply back (null when Redis failed). */
type AppTask = Generator<readonly string[], void, Reply | null>;

export const INVALIDATION_STREAM = 'cache:invalidations';
export const RECENT_LIST = 'recent:viewed';
export const TOP_VIEWED = 'top:viewed';
/** How many recently viewed products the list keeps (LTRIM 0 RECENT_KEPT-1). */
export const RECENT_KEPT = 5;
/** SCAN's COUNT in the tag-by-SCAN invalidation. */
export const SCAN_COUNT = 10;

/**
 * A task on the queue: its commands, its name (the action that started it, which is also the code
 * panel's rendering of it: strategies/sources-data-types.ts) and the id its trace events carry.
 */
interface NamedTask {
  readonly name: string;
  readonly task: AppTask;
  readonly taskId: number;
}

/** Tasks waiting for app instance 0's connection, per world: one runs at a time. */
const queues = new WeakMap<World, NamedTask[]>();

/** Who runs the tasks' code: app instance 0, serving no request. */
const APP = { requestId: null, instance: 0 } as const;

/**
 * Run a task as app instance 0: each command goes out when the previous reply is back. Tasks share
 * that one connection, so a task started while another is running waits for it: a second task's
 * commands must never land inside the first one's MULTI. It is recorded as `task.started` when
 * queued and `task.finished` after its last reply, so the lab knows when the action's work is done.
 */
export function runAppTask(world: World, name: string, task: AppTask): void {
  const queue = queues.get(world) ?? [];
  queues.set(world, queue);
  queue.push({ name, task, taskId: world.apps.taskStarted(APP.instance, name) });
  if (queue.length === 1) start(world, queue);
}

function start(world: World, queue: NamedTask[]): void {
  const { name, task, taskId } = queue[0]!;
  const advance = (input: Reply | null): void => {
    for (;;) {
      const next = task.next(input);
      if (next.done) {
        queue.shift();
        world.apps.taskFinished(taskId, APP.instance, name);
        if (queue.length > 0) start(world, queue);
        return;
      }
      // The line that sends a command is named by it (HGETALL: 'hgetall').
      world.recorder.line(APP, name, next.value[0]!.toLowerCase());
      const result = world.link.send(client, next.value);
      if (result === WAIT) return;
      input = result.ok ? result.reply : null;
    }
  };
  const client: LinkClient = { actor: APP.instance, requestId: null, resume: (result) => advance(result.ok ? result.reply : null) };
  advance(null);
}

/** The strings of an array reply, or of a set reply (what SMEMBERS answers in RESP3). */
const texts = (reply: Reply | null): string[] =>
  (reply?.type === 'array' || reply?.type === 'set') && reply.value !== null ? reply.value.flatMap((item) => (item.type === 'bulk' && item.value !== null ? [item.value] : [])) : [];

/** Read a product (HGETALL), then remember the view: the recent list and the view counts. */
export function* viewProduct(key: string): AppTask {
  yield ['HGETALL', key];
  yield ['LPUSH', RECENT_LIST, key];
  yield ['LTRIM', RECENT_LIST, '0', String(RECENT_KEPT - 1)];
  yield ['ZINCRBY', TOP_VIEWED, '1', key];
}

/**
 * Take 10% off one product's price with HSET of that one field. HSET on a key that has expired
 * would create a hash holding only `price`, so the update is a check-then-set: WATCH, read the
 * field, and only if the product is cached, HSET inside MULTI/EXEC (EXEC fails if the key changed
 * or expired meanwhile). Each change is logged to the invalidation stream.
 */
export function* updatePrice(key: string): AppTask {
  yield ['WATCH', key];
  const price = yield ['HGET', key, 'price'];
  if (price?.type !== 'bulk' || price.value === null) {
    yield ['UNWATCH'];
    return;
  }
  const next = String(Math.max(1, Math.round(Number(price.value) * 0.9)));
  yield ['MULTI'];
  yield ['HSET', key, 'price', next];
  yield ['XADD', INVALIDATION_STREAM, '*', 'key', key, 'field', 'price'];
  yield ['EXEC'];
}

/** Drop every product with this tag: read the tag's set, UNLINK its members and the set, log it. */
export function* invalidateTag(tag: string): AppTask {
  const members = texts(yield ['SMEMBERS', `tag:${tag}`]);
  yield ['UNLINK', ...members, `tag:${tag}`];
  yield ['XADD', INVALIDATION_STREAM, '*', 'tag', tag, 'keys', String(members.length)];
}

/**
 * The same without tag sets, as lesson 5 would: SCAN every product key, read each one's `tags`
 * field, then UNLINK the ones that carry the tag. Its cost grows with the whole keyspace.
 */
export function* invalidateTagByScan(tag: string): AppTask {
  const found: string[] = [];
  let cursor = '0';
  do {
    const reply = yield ['SCAN', cursor, 'MATCH', 'product:*', 'COUNT', String(SCAN_COUNT)];
    if (reply?.type !== 'array' || reply.value === null) return;
    const [next, batch] = reply.value;
    cursor = next?.type === 'bulk' && next.value !== null ? next.value : '0';
    for (const key of texts(batch ?? null)) {
      const tags = yield ['HGET', key, 'tags'];
      if (tags?.type === 'bulk' && tags.value !== null && tags.value.split(',').includes(tag)) found.push(key);
    }
  } while (cursor !== '0');
  if (found.length > 0) yield ['UNLINK', ...found];
  yield ['XADD', INVALIDATION_STREAM, '*', 'tag', tag, 'keys', String(found.length)];
}

/** The lab's starting cache: eight products, their tag sets, view counts, recent views, sessions. */
export const PRODUCTS: readonly { readonly id: number; readonly name: string; readonly price: number; readonly tags: readonly string[]; readonly views: number }[] = [
  { id: 1, name: 'Trail shoe', price: 90, tags: ['shoes', 'sale'], views: 9 },
  { id: 2, name: 'Road shoe', price: 120, tags: ['shoes'], views: 4 },
  { id: 3, name: 'Rain jacket', price: 150, tags: ['jackets', 'sale'], views: 12 },
  { id: 4, name: 'Wool hat', price: 25, tags: ['hats'], views: 2 },
  { id: 5, name: 'Running sock', price: 12, tags: ['shoes', 'sale'], views: 7 },
  { id: 6, name: 'Down jacket', price: 240, tags: ['jackets'], views: 5 },
  { id: 7, name: 'Sun hat', price: 30, tags: ['hats', 'sale'], views: 1 },
  { id: 8, name: 'Day pack', price: 70, tags: ['bags'], views: 3 },
];

/** Sessions and other keys that share the keyspace, so a SCAN has more than products to walk. */
export const OTHER_KEYS = 24;

/** Fill the cache at time 0 and record what it holds. */
export function seedDataTypes(world: World): void {
  const ttlSeconds = String(Math.max(1, Math.round(world.options.ttlMs / 1000)));
  const commands: string[][] = [];
  const tags = new Map<string, string[]>();
  for (const product of PRODUCTS) {
    const key = `product:${product.id}`;
    commands.push(['HSET', key, 'name', product.name, 'price', String(product.price), 'tags', product.tags.join(',')], ['EXPIRE', key, ttlSeconds]);
    for (const tag of product.tags) tags.set(tag, [...(tags.get(tag) ?? []), key]);
    commands.push(['ZADD', TOP_VIEWED, String(product.views), key]);
  }
  for (const [tag, keys] of tags) commands.push(['SADD', `tag:${tag}`, ...keys]);
  commands.push(['RPUSH', RECENT_LIST, 'product:3', 'product:1', 'product:5']);
  for (let i = 1; i <= OTHER_KEYS; i++) commands.push(['SET', `session:${i}`, `user-${i}`, 'EX', ttlSeconds]);
  world.seedCommands(commands);
}
