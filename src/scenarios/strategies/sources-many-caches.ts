/**
 * Lesson 15's app instance for the code panel: the read path through its local cache, the write
 * path, and the listener that drops local copies, in one rendering (reads, writes and messages
 * interleave). The listener's lines follow the sync method in force. Line ids: the strategies' own,
 * plus `local-get`, `local-hit` and `keep` (world/instances.ts), `drop-own` and the listener's
 * `on-message`, `drop`, `drop-all` (world/local-caches.ts).
 */
import { parseSource, type CodeRendering } from './source.ts';
import { guardSet, indent, pyPart, tsPart } from './sources.ts';

const instance: CodeRendering = {
  title: 'An app instance with a local cache',
  ts: parseSource(`
// This process's copies: least recently used out, each for LOCAL_TTL_MS.
const local = new LocalCache<string>(LOCAL_MAX_KEYS, LOCAL_TTL_MS);
const subscriber = new Redis(REDIS_URL); // a second connection @@:pubsub|keyspace|tracking|bcast
// No listener: a local copy lives until its local TTL ends. @@:none
subscriber.on('message', (channel: string, key: string) => { @@on-message:pubsub
  local.delete(key); // another instance changed it @@drop:pubsub
}); @@:pubsub
await subscriber.subscribe('invalidate'); @@:pubsub
await redis.config('SET', 'notify-keyspace-events', 'Kg$xe'); @@:keyspace
subscriber.on('pmessage', (_pattern: string, channel: string) => { @@on-message:keyspace
  // Whatever happened to the key, our copy is old. @@:keyspace
  local.delete(channel.slice('__keyspace@0__:'.length)); @@drop:keyspace
}); @@:keyspace
await subscriber.psubscribe('__keyspace@0__:user:*'); @@:keyspace
const listenerId = Number(await subscriber.call('CLIENT', 'ID')); @@:tracking|bcast
subscriber.on('messageBuffer', (channel: Buffer, message: unknown) => { @@on-message:tracking|bcast
  if (!Array.isArray(message)) local.clear(); // null: a flush, every copy goes @@drop-all:tracking|bcast
  else for (const key of message) local.delete(String(key)); @@drop:tracking|bcast
}); @@:tracking|bcast
await subscriber.subscribe('__redis__:invalidate'); @@:tracking|bcast
await redis.call('CLIENT', 'TRACKING', 'ON', 'REDIRECT', String(listenerId)); @@:tracking
await redis.call('CLIENT', 'TRACKING', 'ON', 'REDIRECT', String(listenerId), 'BCAST', 'PREFIX', 'user:'); @@:bcast
${tsPart.header}
  const copy = local.get(key); @@local-get
  if (copy !== undefined) return JSON.parse(copy); // Redis never sees this read @@local-hit
${indent(2, tsPart.get)}
  if (cached !== null) { @@hit
    // Keep only what Redis holds: it can say when it changes.
    local.set(key, cached); @@keep
    return JSON.parse(cached);
  }
${indent(2, tsPart.load)}
${indent(2, guardSet.ts(`
await redis.set(key, JSON.stringify(user), 'PX', TTL_MS); @@set`))}
  return user; // not kept: the next read keeps it from Redis @@return
}

async function updateUser(id: string, changes: Partial<User>): Promise<void> {
  const key = \`user:\${id}\`;
  await db.updateUser(id, changes); @@db-write
  await redis.del(key); // the next read loads the new row @@del
  await redis.publish('invalidate', key); // everyone else's copy @@publish:pubsub
  local.delete(key); // our own copy @@drop-own
} @@write-return`),
  python: parseSource(`
# This process's copies: least recently used out, each for LOCAL_TTL_S.
local = LocalCache(LOCAL_MAX_KEYS, LOCAL_TTL_S)
# No listener: a local copy lives until its local TTL ends. @@:none
listener = r.pubsub(ignore_subscribe_messages=True)  # a second connection @@:pubsub|keyspace|tracking|bcast
 @@:pubsub|keyspace|tracking|bcast
 @@:pubsub|keyspace|tracking|bcast
def on_invalidate(message): @@on-message:pubsub
    local.pop(message["data"], None)  # another instance changed it @@drop:pubsub
 @@:pubsub
 @@:pubsub
listener.subscribe(invalidate=on_invalidate) @@:pubsub
def on_keyspace_event(message): @@on-message:keyspace
    # Whatever happened to the key, our copy is old. @@:keyspace
    local.pop(message["channel"][len("__keyspace@0__:"):], None) @@drop:keyspace
 @@:keyspace
 @@:keyspace
r.config_set("notify-keyspace-events", "Kg$xe") @@:keyspace
listener.psubscribe(**{"__keyspace@0__:user:*": on_keyspace_event}) @@:keyspace
def on_tracking(message): @@on-message:tracking|bcast
    if message["data"] is None:  # a flush: every copy goes @@:tracking|bcast
        local.clear() @@drop-all:tracking|bcast
    else: @@:tracking|bcast
        for key in message["data"]: @@:tracking|bcast
            local.pop(key, None) @@drop:tracking|bcast
 @@:tracking|bcast
 @@:tracking|bcast
listener.execute_command("CLIENT", "ID") @@:tracking|bcast
listener_id = listener.parse_response(block=True) @@:tracking|bcast
listener.subscribe(**{"__redis__:invalidate": on_tracking}) @@:tracking|bcast
r.execute_command("CLIENT", "TRACKING", "ON", "REDIRECT", listener_id) @@:tracking
r.execute_command("CLIENT", "TRACKING", "ON", "REDIRECT", listener_id, "BCAST", "PREFIX", "user:") @@:bcast
listener.run_in_thread(sleep_time=0.01)  # runs each handler @@:pubsub|keyspace|tracking|bcast

${pyPart.header()}
    copy = local.get(key) @@local-get
    if copy is not None:
        return json.loads(copy)  # Redis never sees this read @@local-hit
${indent(4, pyPart.get())}
    if cached is not None: @@hit
        # Keep only what Redis holds: it can say when it changes.
        local[key] = cached @@keep
        return json.loads(cached)
${indent(4, pyPart.load)}
${indent(4, guardSet.python(`
r.set(key, json.dumps(user), px=TTL_MS) @@set`))}
    return user  # not kept: the next read keeps it from Redis @@return


def update_user(user_id, changes):
    key = f"user:{user_id}"
    db.update_user(user_id, changes) @@db-write
    r.delete(key)  # the next read loads the new row @@del
    r.publish("invalidate", key)  # everyone else's copy @@publish:pubsub
    local.pop(key, None)  # our own copy @@drop-own
    return @@write-return`),
};

// Reads run the plain strategy; writes and the listener report their own names.
export const renderings = { plain: instance, write: instance, listener: instance };
