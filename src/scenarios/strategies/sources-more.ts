/** The lock, coalesce, XFetch, stale-while-revalidate and write paths' renderings for the code panel (see sources.ts). */
import { parseSource, type StrategySource } from './source.ts';
import { guardSet, indent, pyPart, tsPart } from './sources.ts';

// lock.ts's UNLOCK_SCRIPT, written out: importing it would split lock.ts into a chunk of its own in
// the lab's first load. test/scenarios/code-renderings.test.ts keeps the two equal.
const UNLOCK_SCRIPT = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

const lockSource: StrategySource = {
  ts: parseSource(`
// Delete the lock only if it still holds our token: checked and deleted in one step on the server.
const UNLOCK_SCRIPT = \`${UNLOCK_SCRIPT}\`;
${tsPart.header}
  const token = randomUUID();
  for (;;) {
${indent(4, tsPart.get)}
${indent(4, tsPart.hit)}
    const locked = await redis.set(\`lock:\${key}\`, token, 'NX', 'PX', LOCK_TTL_MS); @@lock
    if (locked === 'OK') {
      try {
        const user = await db.findUser(id); @@db-read
${indent(8, tsPart.storeEither)}
      } finally {
        await redis.eval(UNLOCK_SCRIPT, 1, \`lock:\${key}\`, token); // only if still ours @@unlock
      }
    }
    await sleep(RETRY_MS); // someone else is rebuilding: check the cache again @@wait
  }
}`),
  python: parseSource(`
# Delete the lock only if it still holds our token: checked and deleted in one step on the server.
UNLOCK_SCRIPT = "${UNLOCK_SCRIPT}"

${pyPart.header()}
    token = str(uuid.uuid4())
    while True:
${indent(8, pyPart.get())}
${indent(8, pyPart.hit)}
        if r.set(f"lock:{key}", token, nx=True, px=LOCK_TTL_MS): @@lock
            try:
                user = db.find_user(user_id) @@db-read
${indent(16, pyPart.storeEither())}
                return user @@return
            finally:
                r.eval(UNLOCK_SCRIPT, 1, f"lock:{key}", token)  # only if still ours @@unlock
        time.sleep(RETRY_MS / 1000)  # someone else is rebuilding @@wait`),
};

const coalesceSource: StrategySource = {
  ts: parseSource(`
const inFlight = new Map<string, Promise<User | null>>();
${tsPart.header}
${indent(2, tsPart.get)}
${indent(2, tsPart.hit)}
  const pending = inFlight.get(key);
  if (pending) return pending; // share the read already under way @@join
  const load = (async () => {
    const user = await db.findUser(id); @@db-read
${indent(4, tsPart.storeEither)}
  })().finally(() => inFlight.delete(key));
  inFlight.set(key, load);
  return load;
}`),
  python: parseSource(`
in_flight = {}  # key -> asyncio.Future shared by concurrent misses
${pyPart.header('await ')}
${indent(4, pyPart.get('await '))}
${indent(4, pyPart.hit)}
    if key in in_flight:
        return await in_flight[key]  # share the read already under way @@join
    future = asyncio.get_running_loop().create_future()
    in_flight[key] = future
    try:
        user = await db.find_user(user_id) @@db-read
${indent(8, pyPart.storeEither('await '))}
        future.set_result(user)
        return user @@return
    finally:
        del in_flight[key]`),
};

const xfetchSource: StrategySource = {
  ts: parseSource(`
// nowMs(): the clock in ms (Date.now in production), random(): a draw in [0, 1)${tsPart.header}
${indent(2, tsPart.get)}
  if (cached !== null) {
    const { value, delta, expiresAt } = JSON.parse(cached);
    // Recompute early with a probability that grows as expiry nears. @@check
    if (nowMs() - delta * BETA * Math.log(random()) < expiresAt) return value; @@hit
  }
  const start = nowMs(); @@early
${indent(2, tsPart.load)}
  const delta = nowMs() - start;
  const entry = { value: user, delta, expiresAt: nowMs() + TTL_MS };
${indent(2, guardSet.ts(`
await redis.set(key, JSON.stringify(entry), 'PX', TTL_MS); @@set`))}
  return user; @@return
}`),
  python: parseSource(`${pyPart.header()}
${indent(4, pyPart.get())}
    if cached is not None:
        entry = json.loads(cached)
        # Recompute early with a probability that grows as expiry nears. @@check
        if now_ms() - entry["delta"] * BETA * math.log(random.random()) < entry["expires_at"]:
            return entry["value"] @@hit
    start = now_ms() @@early
${indent(4, pyPart.load)}
    delta = now_ms() - start
    entry = {"value": user, "delta": delta, "expires_at": now_ms() + TTL_MS}
${indent(4, guardSet.python(`
r.set(key, json.dumps(entry), px=TTL_MS) @@set`))}
    return user @@return`),
};

const swrSource: StrategySource = {
  ts: parseSource(`
// nowMs(): the clock in ms (Date.now in production)
const refreshing = new Set<string>();
${tsPart.header}
${indent(2, tsPart.get)}
  if (cached !== null) {
    const { value, softExpiresAt } = JSON.parse(cached);
    if (nowMs() > softExpiresAt && !refreshing.has(key)) {
      refreshing.add(key);
      void refresh(id, key).finally(() => refreshing.delete(key)); // no await @@refresh
    }
    return value; // fresh or a little stale, but at once @@hit
  }
${indent(2, tsPart.load)}
  const entry = { value: user, softExpiresAt: nowMs() + SOFT_TTL_MS };
${indent(2, guardSet.ts(`
await redis.set(key, JSON.stringify(entry), 'PX', HARD_TTL_MS); @@set`))}
  return user; @@return
}

async function refresh(id: string, key: string): Promise<void> {
  const user = await db.findUser(id); @@bg-read
  const entry = { value: user, softExpiresAt: nowMs() + SOFT_TTL_MS };
  await redis.set(key, JSON.stringify(entry), 'PX', HARD_TTL_MS); @@bg-set
}`),
  python: parseSource(`
refreshing = set()
${pyPart.header()}
${indent(4, pyPart.get())}
    if cached is not None:
        entry = json.loads(cached)
        if now_ms() > entry["soft_expires_at"] and key not in refreshing:
            refreshing.add(key)
            executor.submit(refresh, user_id, key)  # in the background @@refresh
        return entry["value"]  # fresh or a little stale, but at once @@hit
${indent(4, pyPart.load)}
    entry = {"value": user, "soft_expires_at": now_ms() + SOFT_TTL_MS}
${indent(4, guardSet.python(`
r.set(key, json.dumps(entry), px=HARD_TTL_MS) @@set`))}
    return user @@return

def refresh(user_id, key):
    try:
        user = db.find_user(user_id) @@bg-read
        entry = {"value": user, "soft_expires_at": now_ms() + SOFT_TTL_MS}
        r.set(key, json.dumps(entry), px=HARD_TTL_MS) @@bg-set
    finally:
        refreshing.discard(key)`),
};

const writeSource: StrategySource = {
  title: 'Write then invalidate',
  ts: parseSource(`
async function updateUser(id: string, changes: Partial<User>): Promise<void> {
  await db.updateUser(id, changes); @@db-write
  await redis.del(\`user:\${id}\`); // the next read loads the new row @@del
} @@write-return`),
  python: parseSource(`
def update_user(user_id, changes):
    db.update_user(user_id, changes) @@db-write
    r.delete(f"user:{user_id}")  # the next read loads the new row @@del
    return @@write-return`),
};

// h-writebehind: lesson 2's write-behind (write-behind.ts), as the lesson's samples write it.
const writeBehindSource: StrategySource = {
  title: 'Write-behind: queue, then a worker',
  ts: parseSource(`
const WRITE_QUEUE = 'queue:user-writes';
const IN_PROGRESS = 'queue:user-writes:in-progress';

// Write-behind: change the cache now, and queue the database write at the tail of a Redis list.
async function updateUserWriteBehind(user: User): Promise<void> {
  await redis.set(\`user:\${user.id}\`, JSON.stringify(user), 'PX', TTL_MS); @@wb-set
  await redis.rpush(WRITE_QUEUE, JSON.stringify(user)); @@wb-push
} @@wb-return

// What the write-behind worker runs: move queued changes into the database, oldest first.
async function flushPendingWrites(): Promise<number> {
  let applied = 0;
  for (;;) {
    // Take the oldest change and park it in the in-progress list, in one atomic step.
    const job = await redis.lmove(WRITE_QUEUE, IN_PROGRESS, 'LEFT', 'RIGHT'); @@lmove
    if (job === null) return applied; @@drained
    const user = JSON.parse(job) as User;
    await db.updateUser(user.id, user); @@db-apply
    await redis.lrem(IN_PROGRESS, 1, job); // the database has it: forget it @@lrem
    applied += 1;
  }
}`),
  python: parseSource(`
WRITE_QUEUE = "queue:user-writes"
IN_PROGRESS = "queue:user-writes:in-progress"


def update_user_write_behind(user):
    """Change the cache now and queue the database write at the tail of a Redis list."""
    r.set(f"user:{user['id']}", json.dumps(user), px=TTL_MS) @@wb-set
    r.rpush(WRITE_QUEUE, json.dumps(user)) @@wb-push
    return @@wb-return


def flush_pending_writes():
    """What the write-behind worker runs: move queued changes into the database, oldest first."""
    applied = 0
    while True:
        # Take the oldest change and park it in the in-progress list, in one atomic step.
        job = r.lmove(WRITE_QUEUE, IN_PROGRESS, "LEFT", "RIGHT") @@lmove
        if job is None:
            return applied @@drained
        user = json.loads(job)
        db.update_user(user["id"], user) @@db-apply
        r.lrem(IN_PROGRESS, 1, job)  # the database has it: forget it @@lrem
        applied += 1`),
};

export const renderings: { readonly [name in 'lock' | 'coalesce' | 'xfetch' | 'swr' | 'write' | 'write-behind']: StrategySource } = {
  write: writeSource,
  'write-behind': writeBehindSource,
  lock: lockSource,
  coalesce: coalesceSource,
  xfetch: xfetchSource,
  swr: swrSource,
};
