/**
 * Write-behind (lesson 2): a write SETs the new value in Redis and RPUSHes the change to a queue
 * list, and answers; a worker later takes changes oldest first with LMOVE into an in-progress
 * list, writes each to the database, then LREMs it. The code panel's rendering is
 * `writeBehindSource` in sources-more.ts (line ids match the `ctx.line` calls here).
 *
 * Loaded on demand (write-behind-loader.ts). It imports types only: a value imported from the
 * eagerly loaded modules would split them into shared chunks and grow every lab's first load, so
 * the caller hands over what it needs (the queue names, the TTL, a queued row's key and version).
 */
import type { DbResult, Effect, ReadResult, RedisResult, RequestContext, Step } from './steps.ts';

export interface WriteBehindQueues {
  /** The changes the database has not taken yet. */
  readonly queue: string;
  /** The changes the worker is writing to the database. */
  readonly inProgress: string;
}

function* send(argv: readonly string[]): Step<RedisResult> {
  return (yield { kind: 'redis', argv } satisfies Effect) as RedisResult;
}

/** The app's write: Redis has the new value at once; the database gets it from the queue. `ttlMs`: the SET's TTL (jitter included). */
export function* writeBehind(ctx: RequestContext, key: string, queues: WriteBehindQueues, ttlMs: () => number): Step<ReadResult> {
  const value = (yield { kind: 'next-row', key } satisfies Effect) as string;
  ctx.line('wb-set');
  const set = yield* send(['SET', key, value, 'PX', String(ttlMs())]);
  if (!set.ok) return { value: null, from: 'none' };
  ctx.line('wb-push');
  const queued = yield* send(['RPUSH', queues.queue, value]);
  if (!queued.ok) return { value: null, from: 'none' };
  ctx.line('wb-return');
  return { value, from: 'cache' };
}

/**
 * One run of the worker: move queued changes into the database until the queue is empty. A change
 * whose database write fails stays in the in-progress list (a real worker retries it from there).
 * `rowOf` names a queued row's cache key and version (`{"id":"1",...,"version":3}` → user:1, 3).
 */
export function* drainQueue(ctx: RequestContext, queues: WriteBehindQueues, rowOf: (job: string) => { key: string; version: number | undefined }): Step<ReadResult> {
  for (;;) {
    ctx.line('lmove');
    const moved = yield* send(['LMOVE', queues.queue, queues.inProgress, 'LEFT', 'RIGHT']);
    const job = moved.ok && moved.reply.type === 'bulk' ? moved.reply.value : null;
    if (job === null) {
      ctx.line('drained');
      return { value: null, from: moved.ok ? 'database' : 'none' };
    }
    ctx.line('db-apply');
    const { key, version } = rowOf(job);
    const written = (yield (version === undefined ? { kind: 'db', op: 'write', key } : { kind: 'db', op: 'write', key, version }) satisfies Effect) as DbResult;
    if (!written.ok) return { value: null, from: 'none' };
    ctx.line('lrem');
    yield* send(['LREM', queues.inProgress, '1', job]);
  }
}
