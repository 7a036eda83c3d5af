/**
 * The cache-aside trace schema: every event a lesson scenario records. The engine's `Trace<E>`
 * knows nothing of it; the database defines its own query events (`src/database/events.ts`).
 *
 * Every event has `seq` (its index in the trace, 0-based) and `at` (virtual ms). Events are in
 * non-decreasing `at` order. Times are integers. The same inputs give the same trace, byte for
 * byte (`JSON.stringify`).
 *
 * Contract for the lab: this file only grows (new event kinds, new optional fields); existing
 * kinds and fields keep their meaning.
 */
import type { Stamped, Unstamped } from '../engine/trace.ts';
import type { DbQueued, DbStarted, DbFinished } from '../database/events.ts';
import type { Reply } from '../redis/reply.ts';

export type { DbQueryBase, DbQueued, DbStarted, DbFinished } from '../database/events.ts';

/** Who issued a Redis command: an app instance (0-based) or the learner's console. */
export type Actor = number | 'console';

/** Where a served value came from. */
export type ServedFrom =
  | 'cache' //      answered from Redis without waiting for the database
  | 'database' //   the request read the database itself (a miss)
  | 'coalesced' //  it waited for another request's database read on the same instance
  | 'fallback' //   Redis failed, so it read the database directly
  | 'none' //       it gave up (database down, lock wait exhausted)
  | 'local'; //     the instance's own in-process cache answered (lesson 15), without asking Redis

/** A key's state as the keyspace view shows it (`null` in a change = the key is gone). */
export interface KeyEntry {
  readonly type: string; // 'string', 'hash', 'list', 'set', 'zset', ...
  /** A display rendering of the value (the string itself for strings). */
  readonly value: string;
  /** Absolute virtual ms after which the key is gone (alive while now <= expireAt), or null. */
  readonly expireAt: number | null;
}

export interface KeyChange {
  readonly key: string;
  readonly entry: KeyEntry | null;
}


/** A learner action or a scripted workload action was applied at `at`. */
export interface ActionEvent extends Stamped {
  readonly type: 'action';
  readonly action: LearnerActionRecord;
}

/** A request reached an app instance. */
export interface RequestArrived extends Stamped {
  readonly type: 'request.arrived';
  readonly requestId: number;
  readonly instance: number;
  readonly key: string;
  readonly kind: 'read' | 'write' | 'refresh' | 'drain';
  /** `refresh` requests are background work (swr) started by `parentId`. */
  readonly parentId?: number;
  /** Lesson 15, a read on an instance with a local cache: whether that cache had the key (a hit never asks Redis). */
  readonly local?: 'hit' | 'miss';
}

/**
 * An app instance executed a line of its code; `strategy` names the rendering (a read strategy,
 * 'write', 'write-behind', a lesson 14 task, 'listener') and `lineId` the line in it
 * (`strategies/sources.ts`: `codeRenderingNow(scenario, strategy, …)`). `requestId` is null for
 * code that serves no request: lesson 14's app tasks, lesson 15's invalidation listener, lesson 5's
 * SCAN step.
 */
export interface CodeLine extends Stamped {
  readonly type: 'code.line';
  readonly requestId: number | null;
  /** 'console': lesson 5's SCAN step, which the learner's console runs. */
  readonly instance: Actor;
  readonly strategy: string;
  readonly lineId: string;
}

/** A command left a client; it reaches Redis at `arrivesAt` (= `at` + network latency). */
export interface RedisCommandSent extends Stamped {
  readonly type: 'redis.command';
  readonly commandId: number;
  readonly requestId: number | null;
  readonly actor: Actor;
  readonly argv: readonly string[];
  readonly sentAt: number;
  readonly arrivesAt: number;
}

/** Redis executed a command (at `at`); `changes` are its effects on the keyspace. */
export interface RedisExecuted extends Stamped {
  readonly type: 'redis.executed';
  readonly commandId: number;
  readonly requestId: number | null;
  readonly actor: Actor;
  readonly argv: readonly string[];
  readonly reply: Reply;
  /** For cache reads (GET of a cached key): whether the key was there. */
  readonly outcome: 'hit' | 'miss' | null;
  readonly changes: readonly KeyChange[];
  /** Under an LFU policy: the key's access counter (OBJECT FREQ) after an app's GET or SET. */
  readonly freq?: number;
}

/** The reply reached the client at `arrivesAt` (= `at`); it left Redis at `sentAt`. */
export interface RedisReplyReceived extends Stamped {
  readonly type: 'redis.reply';
  readonly commandId: number;
  readonly requestId: number | null;
  readonly actor: Actor;
  readonly argv: readonly string[];
  readonly reply: Reply;
  readonly outcome: 'hit' | 'miss' | null;
  readonly sentAt: number;
  readonly arrivesAt: number;
}

/** A command failed on the client side (Redis down ⇒ timeout after `redisTimeoutMs`). */
export interface RedisFailed extends Stamped {
  readonly type: 'redis.error';
  readonly commandId: number;
  readonly requestId: number | null;
  readonly actor: Actor;
  readonly argv: readonly string[];
  readonly error: 'timeout' | 'down';
  readonly message: string;
  /** 0 for the first try; the client retries while attempt < retries. */
  readonly attempt: number;
  /** When the next attempt is sent, or null when the client gives up. */
  readonly retryAt: number | null;
}

export interface LockEvent extends Stamped {
  readonly type: 'lock.acquired' | 'lock.released' | 'lock.waiting';
  readonly requestId: number;
  readonly instance: number;
  readonly key: string; // the lock key, e.g. lock:user:1
  readonly token: string;
  /** For `lock.waiting`: when the waiter polls again. */
  readonly retryAt?: number;
  /** For `lock.released`: false if the token no longer matched (the lock had expired). */
  readonly released?: boolean;
}

/** Redis removed a key because its TTL passed (from the emulator's events). */
export interface KeyExpired extends Stamped {
  readonly type: 'key.expired';
  readonly key: string;
}

/** Redis deleted a key to stay under maxmemory (from the emulator's events), before running a command. */
export interface KeyEvicted extends Stamped {
  readonly type: 'key.evicted';
  readonly key: string;
}

export interface FaultChanged extends Stamped {
  readonly type: 'fault';
  readonly target: 'redis' | 'db';
  readonly state: 'up' | 'down' | 'slow' | 'normal';
  readonly latencyMs?: number;
}

/** A request finished and answered its caller. */
export interface ValueServed extends Stamped {
  readonly type: 'request.served';
  readonly requestId: number;
  readonly instance: number;
  readonly key: string;
  readonly kind: 'read' | 'write' | 'refresh' | 'drain';
  /** The row version served (reads) or written (writes); null = not found. */
  readonly version: number | null;
  /** A read returned a version older than the database's version at this instant. */
  readonly stale: boolean;
  /** Answered from the cache without waiting for the database. */
  readonly hit: boolean;
  readonly from: ServedFrom;
  readonly latencyMs: number;
  /** xfetch: this request recomputed before expiry. */
  readonly early?: boolean;
}

/** A simulation option changed (setOption). */
export interface OptionChanged extends Stamped {
  readonly type: 'option';
  readonly name: string;
  readonly value: unknown;
}

/** A console line the learner typed, and what came of it (the reply is in redis.* events). */
export interface ConsoleLine extends Stamped {
  readonly type: 'console';
  readonly line: string;
  /** The parse error, if the line could not be tokenized. */
  readonly error?: string;
  readonly commandId?: number;
}

/**
 * Something Redis sent the console's connection outside a reply: a pub/sub or keyspace
 * notification message, an invalidation, or a later frame of a multi-frame reply (SUBSCRIBE a b).
 */
export interface ConsolePush extends Stamped {
  readonly type: 'console.push';
  readonly reply: Reply;
}

/** The scenario's initial keyspace (warm keys), before any request. */
export interface KeyspaceSeeded extends Stamped {
  readonly type: 'keyspace.seeded';
  readonly changes: readonly KeyChange[];
  /** The database rows the warm copies were read from (absent when no copy came from a row). */
  readonly rows?: readonly SeededRow[];
}

/** A row behind a warm cached copy: it exists in the database at `version` from the start. */
export interface SeededRow {
  readonly key: string;
  readonly table: string;
  readonly id: string;
  readonly version: number;
}

/** A short sentence for the narration panel. */
export interface Narration extends Stamped {
  readonly type: 'note';
  readonly text: string;
  readonly requestId?: number;
}

/**
 * An app task (a sequence of Redis commands one action sends from one instance, each chosen from the
 * replies before it, such as lesson 14's "Cut a price") was queued on the instance's connection
 * (`task.started`) or got its last reply (`task.finished`). Between the two the action's work is
 * under way even when no command is on the wire.
 */
export interface AppTaskEvent extends Stamped {
  readonly type: 'task.started' | 'task.finished';
  readonly taskId: number;
  readonly instance: number;
  /** The action that started it, e.g. `updatePrice`. */
  readonly action: string;
}

// h-sync: local caches and the invalidation messages that keep them in sync (lesson 15).

/** An instance kept a value it read from Redis in its own memory until `expiresAt`. */
export interface LocalStored extends Stamped {
  readonly type: 'local.stored';
  readonly instance: number;
  readonly key: string;
  /** The row version inside the value (null when it has none). */
  readonly version: number | null;
  readonly expiresAt: number;
}

/** An instance dropped its local copy without a message: its own write, its local TTL, or room for another key. */
export interface LocalDropped extends Stamped {
  readonly type: 'local.dropped';
  readonly instance: number;
  readonly key: string;
  readonly reason: 'write' | 'expired' | 'evicted';
}

/**
 * Redis sent an invalidation message to an instance's listening connection (a pub/sub message, a
 * keyspace notification or a tracking invalidation); it reaches the instance at `arrivesAt`, or
 * never when `lost`.
 */
export interface SyncMessage extends Stamped {
  readonly type: 'sync.message';
  readonly messageId: number;
  readonly instance: number;
  /** The frame as Redis sent it, e.g. ["message", "invalidate", "user:1"]. */
  readonly frame: readonly string[];
  /** The keys it invalidates; null = every key (a flush). */
  readonly keys: readonly string[] | null;
  readonly arrivesAt: number;
  readonly lost: boolean;
}

/** The message reached its instance, which dropped the local copies in `dropped`. */
export interface SyncDelivered extends Stamped {
  readonly type: 'sync.delivered';
  readonly messageId: number;
  readonly instance: number;
  readonly dropped: readonly string[];
}

export type TraceEvent =
  | ActionEvent
  | RequestArrived
  | CodeLine
  | RedisCommandSent
  | RedisExecuted
  | RedisReplyReceived
  | RedisFailed
  | DbQueued
  | DbStarted
  | DbFinished
  | LockEvent
  | KeyExpired
  | KeyEvicted
  | FaultChanged
  | ValueServed
  | OptionChanged
  | ConsoleLine
  | ConsolePush
  | KeyspaceSeeded
  | Narration
  | LocalStored
  | LocalDropped
  | SyncMessage
  | SyncDelivered
  | AppTaskEvent;

export type TraceEventType = TraceEvent['type'];

/** An event before the trace stamps its `seq`. */
export type TraceEventInput = Unstamped<TraceEvent>;

/** The JSON-serializable form of a learner action, as recorded in `action` events. */
export interface LearnerActionRecord {
  readonly type: string;
  readonly [field: string]: unknown;
}
