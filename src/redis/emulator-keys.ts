/**
 * The emulator's keyspace side (Redis's db.c and expire.c): the databases, the clock, key lookups
 * with lazy expiry and hit/miss counting, writes' signalModifiedKey, the active expiry cycle,
 * keyspace notifications and the registries the lazily loaded commands create. The layers above:
 * emulator-stats.ts (INFO counters, memory, eviction), emulator-clients.ts (connections, event
 * listeners, scripting) and emulator.ts (running commands).
 */
import { runExpireCycle, type ExpireBudget } from './expire.ts';
import { Keyspace, NO_EXPIRY, type Entry, type StoredValue } from './keyspace.ts';
import type { Reply } from './reply.ts';
import type { Session } from './session.ts';
import type { BlockingRegistry } from './blocking.ts';
import { defaultEncodingLimits, type EncodingLimits } from './encoding-limits.ts';
import type { PubSubRegistry } from './pubsub.ts';
import type { TrackingTable } from './tracking.ts';
import { NOTIFY_EXPIRED, NOTIFY_KEY_MISS, NOTIFY_NEW, publishKeyspaceEvent } from './notify.ts';
import { lfuTouch, lruClock, type EvictionConfig } from './evict.ts';
import { loadedParts, parts } from './loading.ts';

/** Events for views: every executed command, every expired key, every flush. */
export type RedisEvent =
  | {
      readonly type: 'command';
      readonly at: number;
      readonly db: number;
      readonly client: number;
      readonly argv: readonly string[];
      readonly reply: Reply;
      /** Key arguments of the command (from its key positions). */
      readonly keys: readonly string[];
      /** Keyspace hits and misses this command counted (INFO keyspace_hits/misses). */
      readonly hits: number;
      readonly misses: number;
    }
  | { readonly type: 'expired'; readonly at: number; readonly db: number; readonly key: string; readonly how: 'lazy' | 'active' }
  /** maxmemory made Redis delete the key (performEvictions). */
  | { readonly type: 'evicted'; readonly at: number; readonly db: number; readonly key: string }
  | { readonly type: 'flushed'; readonly at: number; readonly db: number | 'all' };

export type RedisListener = (event: RedisEvent) => void;

/** What TYPE answers for an existing key. */
export type KeyType = 'string' | 'hash' | 'list' | 'set' | 'zset' | 'stream';
/** Called when a command or an expiry changed a key; `by` is null for expiry. */
export type KeyModifiedHook = (db: Keyspace, key: string, by: Session | null) => void;

/** A read-only row of the keyspace view. */
export interface KeyInfo {
  readonly key: string;
  readonly type: KeyType;
  /** Absolute expiry in ms, or null when the key is persistent. */
  readonly expireAt: number | null;
  /** The value as one line of text (see preview.ts); truncated to `previewLength` chars. */
  readonly preview: string;
  /** String length in bytes, or the number of fields, elements, members or entries. */
  readonly size: number;
}

export interface RedisEmulatorOptions {
  /** The clock: integer milliseconds since the Unix epoch (virtual or real). */
  readonly now: () => number;
  /** Seed of RANDOMKEY's generator (default 1). */
  readonly seed?: number;
}

/** Counters INFO reports; CONFIG RESETSTAT zeroes them. */
export interface RedisStats {
  commands: number;
  hits: number;
  misses: number;
  expiredKeys: number;
  /** INFO expired_stale_perc: running estimate of expired keys among sampled volatile ones, in %. */
  expiredStalePercent: number;
  /** INFO expired_time_cap_reached_count. */
  expiredTimeCapReached: number;
  connections: number;
  errorReplies: number;
  evictedKeys: number;
  /** Commands refused before running (unknown, arity, OOM, ...): INFO's rejected_calls. */
  rejectedCalls: number;
}

export const DATABASES = 16;

/** The keyspace side of `RedisEmulator` (see emulator.ts); not constructed on its own. */
export abstract class KeyspaceEngine {
  /** Virtual ms, read once per command like Redis's cached `server.mstime`. */
  now = 0;
  readonly dbs: readonly Keyspace[];
  readonly stats: RedisStats = { commands: 0, hits: 0, misses: 0, expiredKeys: 0, expiredStalePercent: 0, expiredTimeCapReached: 0, connections: 0, errorReplies: 0, evictedKeys: 0, rejectedCalls: 0 };
  /** maxmemory, maxmemory-policy, maxmemory-samples, lfu-log-factor, lfu-decay-time (CONFIG SET). */
  readonly eviction: EvictionConfig = { maxmemory: 0, policy: 'noeviction', samples: 5, lfuLogFactor: 10, lfuDecayTime: 1 };
  /** Redis's LRU_CLOCK(): seconds, 24 bits, set with `now`; what an access stores in `Entry.lru`. */
  lruClock = 0;
  /** An LFU policy is set: keys' `lru` holds LFU data (kept in step by `setEvictionPolicy`). */
  lfu = false;
  readonly startedAt: number;
  readonly sessions = new Set<Session>();
  /** The encoding thresholds (hash-max-listpack-entries, ...): CONFIG SET may change its fields. */
  readonly encodingLimits: EncodingLimits = defaultEncodingLimits();
  /** tracking-table-max-keys (0: no limit); see TrackingTable.limit. */
  trackingMaxKeys = 1_000_000;
  /** `notify-keyspace-events` as notify.ts flags; 0 (the default) publishes nothing. */
  notifyKeyspaceEvents = 0;
  // Created by the first command that needs one (those load with loadCommands()): null until then.
  protected blockingRegistry: BlockingRegistry | null = null;
  protected pubsubRegistry: PubSubRegistry | null = null;
  protected trackingTable: TrackingTable | null = null;
  protected readonly clock: () => number;
  // Per event type, so a command builds no event when only expiries are watched (the simulation's case).
  protected commandListeners: RedisListener[] = [];
  protected expiredListeners: RedisListener[] = [];
  protected flushedListeners: RedisListener[] = [];
  protected evictedListeners: RedisListener[] = [];
  protected keyModifiedHooks: readonly KeyModifiedHook[] = [];
  /** @internal The client whose command is running (null outside commands), for `onKeyModified` hooks. */
  currentClient: Session | null = null;
  /** @internal The session whose command is running (the script client inside a script). */
  modifyingSession: Session | null = null;
  protected randomState: number;
  // The database the next active expiry cycle starts with (Redis's static current_db).
  protected expireNextDb = 0;
  // The active expiry cycle's own generator, so its sampling leaves RANDOMKEY's sequence alone.
  protected expireRandomState: number;

  /** The TCP port INFO, CLIENT LIST (laddr) and CONFIG GET port report; a RESP server sets it. */
  tcpPort = 6379;

  constructor(options: RedisEmulatorOptions) {
    this.clock = options.now;
    this.now = Math.floor(this.clock());
    this.lruClock = lruClock(this.now);
    this.startedAt = this.now;
    this.randomState = (options.seed ?? 1) >>> 0 || 1;
    this.expireRandomState = this.randomState ^ 0x9e3779b9;
    const dbs: Keyspace[] = [];
    for (let i = 0; i < DATABASES; i++) dbs.push(new Keyspace(i, this));
    this.dbs = dbs;
  }

  /** Clients blocked on keys (BLPOP and friends). */
  get blocking(): BlockingRegistry {
    if (this.blockingRegistry === null) {
      this.blockingRegistry = new (parts().BlockingRegistry)();
      this.updatePlain();
    }
    return this.blockingRegistry;
  }

  /** Channel and pattern subscribers (PUBLISH, keyspace notifications). */
  get pubsub(): PubSubRegistry {
    return (this.pubsubRegistry ??= new (parts().PubSubRegistry)());
  }

  /** CLIENT TRACKING: remembered keys, BCAST prefixes, invalidation messages. */
  get tracking(): TrackingTable {
    if (this.trackingTable === null) {
      this.trackingTable = new (parts().TrackingTable)((id) => this.sessionById(id));
      this.updatePlain();
    }
    return this.trackingTable;
  }

  /** The open session with this CLIENT ID (Redis's lookupClientByID). */
  sessionById(id: number): Session | undefined {
    for (const session of this.sessions) if (session.id === id) return session;
    return undefined;
  }

  /**
   * Whether `exec` may take the plain path: true until something needs the full one (a command
   * listener, a key-modified hook, maxmemory, a blocked client's registry or a tracking table).
   */
  protected plain = true;

  protected updatePlain(): void {
    this.plain =
      this.commandListeners.length === 0 &&
      this.keyModifiedHooks.length === 0 &&
      this.eviction.maxmemory === 0 &&
      this.blockingRegistry === null &&
      this.trackingTable === null;
  }

  /**
   * Redis's active expiry (the slow cycle of expire.c, see expire.ts): samples volatile keys per
   * database and removes the expired ones, emitting `expired` events with `how: 'active'`, while
   * more than 10% of a sample was expired; with a `budget`, stops when its time is up. A database
   * with at most 20 volatile keys is checked whole. Returns how many keys expired.
   *
   * @example
   * redis.activeExpireCycle();                                            // the simulation: no time budget
   * redis.activeExpireCycle({ timeUp: () => wallClock() > deadline }); // a server: 25 ms at hz 10
   */
  activeExpireCycle(budget?: ExpireBudget): number {
    this.now = Math.floor(this.clock());
    this.lruClock = lruClock(this.now);
    const blocking = this.blockingRegistry;
    if (blocking !== null && blocking.size > 0) blocking.expire(this.now);
    const result = runExpireCycle(this, this.expireNextDb, budget);
    this.expireNextDb = result.nextDb;
    const stats = this.stats;
    if (result.timeCapReached) stats.expiredTimeCapReached++;
    // Redis's running estimate of the share of expired keys among the volatile ones.
    const stale = result.sampled === 0 ? 0 : result.expired / result.sampled;
    stats.expiredStalePercent = stale * 5 + stats.expiredStalePercent * 0.95;
    const tracking = this.trackingTable;
    if (tracking !== null && tracking.clients !== 0) {
      tracking.limit(this.trackingMaxKeys); // serverCron's trackingLimitUsedSlots
      tracking.broadcast(null);
    }
    return result.expired;
  }

  /**
   * Calls `listener` each time a key of database `db` gets a TTL (SET … PX, EXPIRE, GETEX, a
   * RENAME or COPY that carries one), so an owner's scheduler can run `activeExpireCycle` right
   * after it, as Redis's timer would soon after.
   *
   * @example
   * redis.onExpirySet((key, expireAt) => scheduler.schedule(expireAt + 1, () => redis.activeExpireCycle()));
   */
  onExpirySet(listener: (key: string, expireAt: number) => void, db = 0): void {
    this.dbs[db]!.expiryListeners.push(listener);
  }

  /** How many keys of database `db` have a TTL (INFO keyspace's `expires`). */
  volatileKeyCount(db = 0): number {
    return this.dbs[db]!.volatileKeys.length;
  }

  /**
   * Answers blocked clients (BLPOP, BLMOVE, ...) whose timeout has passed with their nil reply.
   * `activeExpireCycle` does this too; call this between cycles for finer timeouts.
   * Returns the next deadline (Infinity when none), for the owner's scheduler.
   */
  handleBlockedTimeouts(): number {
    this.now = Math.floor(this.clock());
    this.lruClock = lruClock(this.now);
    const blocking = this.blockingRegistry;
    if (blocking === null) return Infinity;
    if (blocking.size > 0) blocking.expire(this.now);
    return blocking.nextDeadline();
  }

  // ---- internals used by the command families -------------------------------------------

  /**
   * notifyKeyspaceEvent: publishes `event` about `key` when `notify-keyspace-events` enables the
   * class `type` (a NOTIFY_* flag of notify.ts). Call it after the change, as Redis does; with
   * notifications off (the default) it is one bit test.
   *
   * @example engine.notifyKeyspaceEvent(NOTIFY_STRING, 'set', key, db.id);
   */
  notifyKeyspaceEvent(type: number, event: string, key: string, dbid: number): void {
    const flags = this.notifyKeyspaceEvents;
    if ((flags & type) === 0) return;
    publishKeyspaceEvent(this.pubsub, flags, event, key, dbid);
  }

  /** @internal lookupKeyRead: expires lazily and counts a keyspace hit or miss. */
  lookupRead(db: Keyspace, key: string): Entry | undefined {
    const entry = db.index[key];
    if (entry === undefined) {
      this.stats.misses++;
      if (this.notifyKeyspaceEvents & NOTIFY_KEY_MISS) this.notifyKeyspaceEvent(NOTIFY_KEY_MISS, 'keymiss', key, db.id);
      return undefined;
    }
    if (this.now > entry.expireAt) {
      this.expireKey(db, key, 'lazy');
      this.stats.misses++;
      if (this.notifyKeyspaceEvents & NOTIFY_KEY_MISS) this.notifyKeyspaceEvent(NOTIFY_KEY_MISS, 'keymiss', key, db.id);
      return undefined;
    }
    this.stats.hits++;
    if (this.lfu) entry.lru = lfuTouch(entry.lru, this.now, this.eviction, this.nextRandom);
    else entry.lru = this.lruClock;
    return entry;
  }

  /** @internal lookupKeyReadWithFlags(NOTOUCH): counts a hit or miss, leaves the access time alone. */
  lookupNoTouch(db: Keyspace, key: string): Entry | undefined {
    const entry = db.index[key];
    if (entry === undefined || this.now > entry.expireAt) {
      if (entry !== undefined) this.expireKey(db, key, 'lazy');
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    return entry;
  }

  /** @internal lookupKeyWrite: expires lazily, counts nothing. */
  lookupWrite(db: Keyspace, key: string): Entry | undefined {
    const entry = db.index[key];
    if (entry === undefined) return undefined;
    if (this.now > entry.expireAt) {
      this.expireKey(db, key, 'lazy');
      return undefined;
    }
    if (this.lfu) entry.lru = lfuTouch(entry.lru, this.now, this.eviction, this.nextRandom);
    else entry.lru = this.lruClock;
    return entry;
  }

  /** @internal expireIfNeeded: true (and the key removed) when it was logically expired. */
  expireIfNeeded(db: Keyspace, key: string): boolean {
    const entry = db.index[key];
    if (entry === undefined || !(this.now > entry.expireAt)) return false;
    this.expireKey(db, key, 'lazy');
    return true;
  }

  /** @internal setKey: overwrite `entry` (from lookupWrite) or add the key; drops the TTL unless kept. */
  setKey(db: Keyspace, key: string, value: StoredValue, keepTtl: boolean, entry: Entry | undefined): Entry {
    if (entry === undefined) {
      entry = db.add(key, value);
      this.notifyKeyspaceEvent(NOTIFY_NEW, 'new', key, db.id);
    } else {
      entry.value = value;
      if (!keepTtl && entry.expireAt !== NO_EXPIRY) db.persist(key, entry);
    }
    this.signalModifiedKey(db, key);
    return entry;
  }

  /**
   * Every write calls this after it changes `key` (Redis's signalModifiedKey): it touches
   * WATCHes (transactions.ts) and runs the hooks added with `onKeyModified` (client tracking).
   * A write that changes nothing (SET NX on an existing key, HDEL of a missing field) does not call it.
   */
  signalModifiedKey(db: Keyspace, key: string, by?: Session | null): void {
    if (db.watchedKeys.size !== 0) parts().touchWatchedKey(db, key);
    if (this.plain) return; // no maxmemory, tracking table or hook: nothing else to tell
    if (db.tracked) db.touched(key);
    const modifier = by === undefined ? this.modifyingSession : by;
    const tracking = this.trackingTable;
    if (tracking !== null && (tracking.keys.size !== 0 || tracking.prefixes.size !== 0)) tracking.invalidate(key, modifier, this.currentClient);
    const hooks = this.keyModifiedHooks;
    for (let i = 0; i < hooks.length; i++) hooks[i]!(db, key, modifier);
  }

  /**
   * Adds a hook run on every `signalModifiedKey`, with the client whose command changed the key
   * (null for expiry). Returns the remove function.
   *
   * @example
   * const stop = redis.onKeyModified((db, key, by) => invalidate(db.id, key, by));
   */
  onKeyModified(hook: KeyModifiedHook): () => void {
    this.keyModifiedHooks = [...this.keyModifiedHooks, hook];
    this.updatePlain();
    return () => {
      this.keyModifiedHooks = this.keyModifiedHooks.filter((h) => h !== hook);
      this.updatePlain();
    };
  }

  /** @internal deleteExpiredKeyAndPropagate. */
  expireKey(db: Keyspace, key: string, how: 'lazy' | 'active'): void {
    db.remove(key);
    this.notifyKeyspaceEvent(NOTIFY_EXPIRED, 'expired', key, db.id);
    // No client changed it; the running client (if any) still gets its invalidation after its reply.
    this.signalModifiedKey(db, key, null);
    this.stats.expiredKeys++;
    if (this.expiredListeners.length > 0) this.emit(this.expiredListeners, { type: 'expired', at: this.now, db: db.id, key, how });
  }

  /** @internal flush one database or all; emits `flushed`. */
  flush(db: Keyspace | 'all'): void {
    // signalFlushedDb, before the keys go: a WATCHed key counts as touched only if it existed.
    const transactions = loadedParts;
    if (transactions !== null) {
      if (db === 'all') for (const each of this.dbs) transactions.touchAllWatchedKeysInDb(each);
      else transactions.touchAllWatchedKeysInDb(db);
    }
    if (db === 'all') for (const each of this.dbs) each.clear();
    else db.clear();
    const tracking = this.trackingTable;
    if (tracking !== null && (tracking.clients !== 0 || tracking.keys.size !== 0)) tracking.flushed(this.sessions, this.currentClient);
    if (this.flushedListeners.length > 0) this.emit(this.flushedListeners, { type: 'flushed', at: this.now, db: db === 'all' ? 'all' : db.id });
  }

  /** @internal a deterministic 32-bit generator (mulberry32) for RANDOMKEY. */
  nextRandom = (): number => {
    this.randomState = (this.randomState + 0x6d2b79f5) >>> 0;
    return mulberry32(this.randomState);
  };

  /** @internal the active expiry cycle's generator (same algorithm, its own state). */
  expireRandom(): number {
    this.expireRandomState = (this.expireRandomState + 0x6d2b79f5) >>> 0;
    return mulberry32(this.expireRandomState);
  }

  protected emit(listeners: readonly RedisListener[], event: RedisEvent): void {
    for (const listener of listeners) listener(event);
  }
}

function mulberry32(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}
