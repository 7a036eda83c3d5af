// Over 400 lines: not split yet because several helpers edited it at once this session; the
// planned parts are lookup/expiry, sessions/delivery and stats/memory (see the report on issue 14).
/**
 * A Redis 7.0 compatible in-memory server: same replies, same errors, same stats, driven by an
 * injected clock. No timers inside: call `activeExpireCycle()` from your own scheduler.
 *
 * @example
 * const redis = new RedisEmulator({ now: () => clock.now() });
 * const session = redis.createSession();
 * redis.exec(['SET', 'user:1', 'Ada', 'EX', '60'], session); // { type: 'status', value: 'OK' }
 * redis.exec(['TTL', 'user:1'], session);                     // { type: 'integer', value: 60 }
 * const stop = redis.subscribe((event) => console.log(event.type));
 */
import type { Reply } from './reply.ts';
import { runExpireCycle, type ExpireBudget } from './expire.ts';
import { Keyspace, NO_EXPIRY, type Entry, type StoredValue } from './keyspace.ts';
import { Session } from './session.ts';
import type { BlockingRegistry } from './blocking.ts';
import { defaultEncodingLimits, type EncodingLimits } from './encoding-limits.ts';
import { previewValue, valueSize, valueType } from './preview.ts';
import { COMMANDS, LAZY_COMMANDS } from './commands/table.ts';
import { arityError, errorReply, formattedError, cString, type CommandSpec } from './commands/shared.ts';
import type { CachedScript, Scripting } from './commands/scripting.ts';
import type { PubSubRegistry } from './pubsub.ts';
import type { TrackingTable } from './tracking.ts';
import { NOTIFY_EVICTED, NOTIFY_EXPIRED, NOTIFY_KEY_MISS, NOTIFY_NEW, publishKeyspaceEvent } from './notify.ts';
import { isLfu, lfuTouch, lruClock, type EvictionConfig, type Policy } from './evict.ts';
import type { Evictor } from './evictor.ts';
import { CLIENT_MEMORY, FIRST_CLIENT_MEMORY, LATENCY_HISTOGRAM, STARTUP_MEMORY } from './memory.ts';
import { loadCommands, loadedParts, loadScripting, luaModule, parts } from './loading.ts';

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

export class RedisEmulator {
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
  /** used_memory_peak. */
  peakMemory = 0;
  /** The eviction pool, from the first CONFIG SET maxmemory on (null while nothing can evict). */
  private evictor: Evictor | null = null;
  readonly startedAt: number;
  readonly sessions = new Set<Session>();
  /** The encoding thresholds (hash-max-listpack-entries, ...): CONFIG SET may change its fields. */
  readonly encodingLimits: EncodingLimits = defaultEncodingLimits();
  /** `notify-keyspace-events` as notify.ts flags; 0 (the default) publishes nothing. */
  notifyKeyspaceEvents = 0;
  // Created by the first command that needs one (those load with loadCommands()): null until then.
  private blockingRegistry: BlockingRegistry | null = null;
  private pubsubRegistry: PubSubRegistry | null = null;
  private trackingTable: TrackingTable | null = null;
  private readonly clock: () => number;
  private subscriptions: ReadonlyArray<{ listener: RedisListener; types: ReadonlySet<RedisEvent['type']> | null }> = [];
  // Per event type, so a command builds no event when only expiries are watched (the simulation's case).
  private commandListeners: RedisListener[] = [];
  private expiredListeners: RedisListener[] = [];
  private flushedListeners: RedisListener[] = [];
  private nextClientId = 1;
  private keyModifiedHooks: readonly KeyModifiedHook[] = [];
  /** The script cache by lowercase sha (SCRIPT EXISTS works before the VM loads). */
  readonly scripts = new Map<string, CachedScript>();
  private loadedScripting: Scripting | null = null;
  /** @internal The client whose command is running (null outside commands), for `onKeyModified` hooks. */
  currentClient: Session | null = null;
  /** @internal The session whose command is running (the script client inside a script). */
  modifyingSession: Session | null = null;
  private randomState: number;
  // The database the next active expiry cycle starts with (Redis's static current_db).
  private expireNextDb = 0;
  // The active expiry cycle's own generator, so its sampling leaves RANDOMKEY's sequence alone.
  private expireRandomState: number;
  // Created on first use, so a server's CLIENT LIST shows only its real connections.
  private defaultSession: Session | null = null;
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

  /** A new connection: its own selected db, protocol and name. */
  createSession(connection?: { readonly addr: string; readonly laddr: string }): Session {
    const id = this.nextClientId++;
    const addr = connection?.addr ?? `127.0.0.1:${40000 + id}`;
    const session = new Session(id, Math.floor(this.clock()), addr, connection?.laddr ?? `127.0.0.1:${this.tcpPort}`);
    this.sessions.add(session);
    this.stats.connections++;
    return session;
  }

  /**
   * Loads the Lua VM (fengari, a separate chunk in the browser) so EVAL, EVALSHA and SCRIPT LOAD
   * can run; before it they answer an error saying to call this. Safe to call more than once.
   *
   * @example
   * await redis.loadScripting();
   * redis.exec(['EVAL', "return redis.call('GET', KEYS[1])", '1', 'user:1'], session);
   */
  async loadScripting(): Promise<void> {
    await loadScripting();
  }

  /**
   * Loads the list, set, sorted set and stream commands (see `loadCommands()`). Safe to call more than once.
   *
   * @example
   * await redis.loadCommands();
   * redis.exec(['LPUSH', 'queue', 'job:1']);
   */
  async loadCommands(): Promise<void> {
    await loadCommands();
  }

  /** Clients blocked on keys (BLPOP and friends). */
  get blocking(): BlockingRegistry {
    return (this.blockingRegistry ??= new (parts().BlockingRegistry)());
  }

  /** Channel and pattern subscribers (PUBLISH, keyspace notifications). */
  get pubsub(): PubSubRegistry {
    return (this.pubsubRegistry ??= new (parts().PubSubRegistry)());
  }

  /** CLIENT TRACKING: remembered keys, BCAST prefixes, invalidation messages. */
  get tracking(): TrackingTable {
    return (this.trackingTable ??= new (parts().TrackingTable)((id) => this.sessionById(id)));
  }

  /** @internal The script commands' Lua side, or null while the Lua module is not loaded (by any emulator). */
  get scripting(): Scripting | null {
    if (this.loadedScripting === null && luaModule !== null) this.loadedScripting = luaModule.createScripting(this);
    return this.loadedScripting;
  }

  /** @internal lookupCommand with subcommands: the spec argv names, or undefined. */
  lookupSpec(argv: readonly string[]): CommandSpec | undefined {
    const spec = lookupCommand(argv[0]!);
    if (spec === undefined || spec.subcommands === null || argv.length < 2) return spec;
    return spec.subcommands.get(argv[1]!.toLowerCase());
  }

  /** Forgets a closed connection (it no longer counts in INFO clients / CLIENT LIST). */
  closeSession(session: Session): void {
    this.blockingRegistry?.unblock(session);
    session.closed = true;
    if (session.watched.length !== 0) parts().unwatchAllKeys(session);
    this.sessions.delete(session);
    this.pubsubRegistry?.forget(session);
    this.trackingTable?.forget(session);
  }

  /** The open session with this CLIENT ID (Redis's lookupClientByID). */
  sessionById(id: number): Session | undefined {
    for (const session of this.sessions) if (session.id === id) return session;
    return undefined;
  }

  /**
   * Runs one command. `argv` are binary strings (see bytes.ts); the name is case-insensitive.
   *
   * @example
   * redis.exec(['INCR', 'hits']);               // { type: 'integer', value: 1 }
   * redis.exec(['GET', 'a', 'b']);              // ERR wrong number of arguments for 'get' command
   */
  exec(argv: readonly string[], session: Session = (this.defaultSession ??= this.createSession())): Reply {
    const reply = this.dispatch(argv, session);
    // Blocked clients are served once the whole command ran (after EXEC or EVAL, not inside).
    const blocking = this.blockingRegistry;
    if (blocking !== null && blocking.size !== 0) blocking.serve(this);
    const tracking = this.trackingTable;
    if (tracking !== null && tracking.clients !== 0) this.afterTrackedCommand(argv, session);
    return reply;
  }

  // processCommand's tail for tracking: CLIENT CACHING lasts one command (or one transaction),
  // and BCAST invalidations go out (Redis sends them before sleeping, once per event-loop turn).
  private afterTrackedCommand(argv: readonly string[], session: Session): void {
    const tracking = session.tracking;
    if (tracking !== null && tracking.caching && session.multi === null && argv[0]?.toLowerCase() !== 'client') {
      tracking.caching = false;
    }
    this.tracking.broadcast(session);
  }

  private dispatch(argv: readonly string[], session: Session): Reply {
    if (argv.length === 0) return errorReply('ERR empty command');
    const name = argv[0]!;
    let spec = lookupCommand(name);
    if (spec === undefined) {
      const error = LAZY_COMMANDS.has(name.toLowerCase()) ? notLoaded(name) : unknownCommand(argv);
      return this.finishRejected(argv, session, error);
    }
    if (spec.subcommands !== null && argv.length >= 2) {
      const sub = spec.subcommands.get(argv[1]!.toLowerCase());
      if (sub === undefined) {
        const lazy = `${spec.name}|${argv[1]!.toLowerCase()}`;
        if (LAZY_COMMANDS.has(lazy)) return this.finishRejected(argv, session, notLoaded(lazy));
        const error = formattedError(`ERR unknown subcommand '${cString(argv[1]!).slice(0, 128)}'. Try ${name.toUpperCase()} HELP.`);
        return this.finishRejected(argv, session, error);
      }
      spec = sub;
    }
    const arity = spec.arity;
    if ((arity > 0 && arity !== argv.length) || argv.length < -arity || spec.run === null) {
      if (spec.fullName === 'exec') return this.finishRejected(argv, session, parts().execAbort(session, arityError(spec.fullName)));
      return this.finishRejected(argv, session, arityError(spec.fullName));
    }
    // RESP2 subscribed mode: only (P)(UN)SUBSCRIBE, PING, QUIT and RESET (RESP3 has no limit).
    if (session.pubsub !== null && session.protocol === 2 && !ALLOWED_WHILE_SUBSCRIBED.has(spec.fullName)) {
      return this.finishRejected(argv, session, subscribedModeError(spec.fullName));
    }
    // processCommand: evict before every command; only a denyoom one is refused when that fails.
    if (this.eviction.maxmemory !== 0 && !this.evictIfNeeded() && spec.flags.includes('denyoom')) {
      return this.finishRejected(argv, session, OOM);
    }
    if (session.multi !== null && !parts().RUN_INSIDE_MULTI.has(spec.fullName)) return parts().queueCommand(session, spec, argv);
    return this.call(spec, argv, session);
  }

  /**
   * @internal Redis's call(): runs a command that passed lookup and arity checks, counts it and
   * emits its event. EXEC and scripts come through here for every command they run.
   */
  call(spec: CommandSpec, argv: readonly string[], session: Session): Reply {
    const run = spec.run!;
    const now = Math.floor(this.clock());
    if (now !== this.now) {
      this.now = now;
      this.lruClock = (now / 1000) & 0xffffff; // lruClock(now), only when the time moved
    }
    if (spec.latencyOwner !== this.latencyToken) this.trackLatency(spec);

    const stats = this.stats;
    const db = this.dbs[session.db]!;
    // Without listeners nothing reads the per-command hit and miss deltas.
    const caller = this.currentClient;
    const modifier = this.modifyingSession;
    // A script's commands act for the client that ran EVAL (tracking's NOLOOP and push order);
    // the script client itself is who changes keys (BCAST's NOLOOP compares with it).
    const client = session.scriptCaller ?? session;
    this.currentClient = client;
    this.modifyingSession = session;
    if (this.commandListeners.length === 0) {
      const reply = run(this, argv, session, db);
      this.currentClient = caller;
      this.modifyingSession = modifier;
      if (client.tracking !== null) this.rememberTrackedKeys(spec, argv, client, session);
      stats.commands++;
      session.lastCommand = spec.fullName;
      session.lastCommandAt = this.now;
      if (reply.type === 'error' && !uncountedErrors.has(reply)) this.countError(reply.message);
      return reply;
    }
    const hitsBefore = stats.hits;
    const missesBefore = stats.misses;
    const reply = run(this, argv, session, db);
    this.currentClient = caller;
    this.modifyingSession = modifier;
    if (client.tracking !== null) this.rememberTrackedKeys(spec, argv, client, session);
    stats.commands++;
    session.lastCommand = spec.fullName;
    session.lastCommandAt = this.now;
    if (reply.type === 'error' && !uncountedErrors.has(reply)) this.countError(reply.message);
    if (this.commandListeners.length > 0) {
      this.emit(this.commandListeners, {
        type: 'command',
        at: this.now,
        db: db.id,
        client: session.id,
        argv,
        reply,
        keys: commandKeys(spec, argv),
        hits: stats.hits - hitsBefore,
        misses: stats.misses - missesBefore,
      });
    }
    return reply;
  }

  // call(): a default-mode tracking client's read-only command remembers its keys, even on error.
  // Inside a script Redis 7.0 remembers the keys of the caller's own command (the keys EVAL
  // declared), not those of the script's command.
  private rememberTrackedKeys(spec: CommandSpec, argv: readonly string[], client: Session, session: Session): void {
    if (client.tracking!.bcast || !spec.flags.includes('readonly') || spec.group === 'pubsub') return;
    const keys = session.scriptCaller !== null ? session.scriptKeys : commandKeys(spec, argv);
    if (keys.length > 0) this.tracking.remember(client, keys);
  }

  private finishRejected(argv: readonly string[], session: Session, reply: Reply): Reply {
    if (session.multi !== null) session.multiRejected = true; // flagTransaction
    if (reply.type === 'error') this.countError(reply.message);
    this.stats.rejectedCalls++;
    if (this.commandListeners.length > 0) {
      this.emit(this.commandListeners, {
        type: 'command',
        at: Math.floor(this.clock()),
        db: session.db,
        client: session.id,
        argv,
        reply,
        keys: [],
        hits: 0,
        misses: 0,
      });
    }
    return reply;
  }

  /**
   * Listens to command, expired and flushed events, or only to the given types. Returns the
   * unsubscribe function.
   *
   * @example
   * const stop = redis.subscribe((e) => { if (e.type === 'expired') console.log(e.key, e.how); }, ['expired']);
   * stop();
   */
  subscribe(listener: RedisListener, types?: ReadonlyArray<RedisEvent['type']>): () => void {
    const subscription = { listener, types: types === undefined ? null : new Set(types) };
    this.subscriptions = [...this.subscriptions, subscription];
    this.indexListeners();
    return () => {
      this.subscriptions = this.subscriptions.filter((s) => s !== subscription);
      this.indexListeners();
    };
  }

  private indexListeners(): void {
    const wanting = (type: RedisEvent['type']) =>
      this.subscriptions.filter((s) => s.types === null || s.types.has(type)).map((s) => s.listener);
    this.commandListeners = wanting('command');
    this.expiredListeners = wanting('expired');
    this.flushedListeners = wanting('flushed');
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
    this.trackingTable?.broadcast(null);
    return result.expired;
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

  /**
   * A read-only view of one database for the UI: no stats, no lazy expiry, no events.
   *
   * @example
   * redis.snapshot(0); // [{ key: 'user:1', type: 'string', expireAt: 1700000060000, preview: 'Ada', size: 3 }]
   */
  snapshot(db = 0, previewLength = 80): KeyInfo[] {
    const keyspace = this.dbs[db];
    if (keyspace === undefined) return [];
    const rows: KeyInfo[] = [];
    for (const [key, { value, expireAt }] of keyspace.entries) {
      rows.push({
        key,
        type: valueType(value),
        expireAt: expireAt === NO_EXPIRY ? null : Number(expireAt),
        preview: previewValue(value, previewLength),
        size: valueSize(value),
      });
    }
    return rows;
  }

  /** The current value of a key without side effects (undefined when absent or logically expired). */
  peek(key: string, db = 0): StoredValue | undefined {
    const keyspace = this.dbs[db];
    if (keyspace === undefined) return undefined;
    const entry = keyspace.entries.get(key);
    if (entry === undefined || Math.floor(this.clock()) > entry.expireAt) return undefined;
    return entry.value;
  }

  /**
   * A key's value and expiry without side effects (undefined when absent or logically expired).
   *
   * @example
   * redis.inspect('user:1'); // { type: 'string', value: 'Ada', expireAt: 1700000060000 }
   */
  inspect(key: string, db = 0): { type: KeyType; value: StoredValue; expireAt: number | null } | undefined {
    const entry = this.dbs[db]?.entries.get(key);
    if (entry === undefined || Math.floor(this.clock()) > entry.expireAt) return undefined;
    const { value, expireAt } = entry;
    return { type: valueType(value), value, expireAt: expireAt === NO_EXPIRY ? null : Number(expireAt) };
  }

  /** Keys not logically expired, without side effects, in insertion order. */
  liveKeys(db = 0): string[] {
    const keyspace = this.dbs[db];
    if (keyspace === undefined) return [];
    const now = Math.floor(this.clock());
    const keys: string[] = [];
    for (const [key, entry] of keyspace.entries) if (!(now > entry.expireAt)) keys.push(key);
    return keys;
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
  signalModifiedKey(db: Keyspace, key: string, by: Session | null = this.modifyingSession): void {
    if (db.tracked) db.touched(key);
    if (db.watchedKeys.size !== 0) parts().touchWatchedKey(db, key);
    const tracking = this.trackingTable;
    if (tracking !== null && (tracking.keys.size !== 0 || tracking.prefixes.size !== 0)) tracking.invalidate(key, by, this.currentClient);
    const hooks = this.keyModifiedHooks;
    for (let i = 0; i < hooks.length; i++) hooks[i]!(db, key, by);
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
    return () => {
      this.keyModifiedHooks = this.keyModifiedHooks.filter((h) => h !== hook);
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

  /**
   * used_memory as Redis would report it: its startup figure, the connected clients, and every
   * key's incremental charge (memory.ts) plus the tables' slots. O(databases), not a scan.
   */
  usedMemory(): number {
    const clients = this.sessions.size;
    let used = STARTUP_MEMORY + (clients > 0 ? FIRST_CLIENT_MEMORY : 0) + CLIENT_MEMORY * clients;
    used += LATENCY_HISTOGRAM * this.latencyHistograms;
    for (const db of this.dbs) used += db.usedBytes();
    if (used > this.peakMemory) this.peakMemory = used;
    return used;
  }

  /**
   * @internal CONFIG SET maxmemory: with a limit, writes keep used_memory current as they go.
   * config.ts hands in `Evictor` so the eviction pool loads with CONFIG, not on first load.
   */
  setMaxmemory(bytes: number, evictor: typeof Evictor): void {
    this.evictor ??= new evictor(this.eviction, this.nextRandom);
    this.eviction.maxmemory = bytes;
    for (const db of this.dbs) {
      if (bytes !== 0 && !db.tracked) db.repriceAll();
      db.tracked = bytes !== 0;
    }
  }

  /** @internal CONFIG SET maxmemory-policy: LRU and LFU read a key's `lru` differently. */
  setEvictionPolicy(policy: Policy): void {
    this.eviction.policy = policy;
    this.lfu = isLfu(policy);
    this.evictor?.reset();
  }

  // performEvictions; false when memory stays over maxmemory (noeviction, nothing to evict).
  private evictIfNeeded(): boolean {
    this.now = Math.floor(this.clock());
    this.lruClock = lruClock(this.now);
    return this.evictor!.perform(this.dbs, this.now, () => this.usedMemory(), (db, key) => {
      db.remove(key);
      this.stats.evictedKeys++;
      this.signalModifiedKey(db, key, null);
      this.notifyKeyspaceEvent(NOTIFY_EVICTED, 'evicted', key, db.id);
    });
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

  // Commands with a latency histogram (memory.ts); a new token after RESETSTAT frees them all.
  private latencyToken: object = {};
  private latencyHistograms = 0;
  private latencySpecs = new Set<CommandSpec>();

  // The first call of a command since start or RESETSTAT: Redis allocates its latency histogram.
  private trackLatency(spec: CommandSpec): void {
    spec.latencyOwner = this.latencyToken;
    if (this.latencySpecs.has(spec)) return; // another emulator ran it meanwhile
    this.latencySpecs.add(spec);
    this.latencyHistograms++;
  }

  /** INFO errorstats: error replies by their first word (ERR, WRONGTYPE, OOM, ...). */
  readonly errorCodes = new Map<string, number>();

  private countError(message: string): void {
    this.stats.errorReplies++;
    const space = message.indexOf(' ');
    const code = space < 0 ? message : message.slice(0, space);
    this.errorCodes.set(code, (this.errorCodes.get(code) ?? 0) + 1);
  }

  /** @internal the active expiry cycle's generator (same algorithm, its own state). */
  expireRandom(): number {
    this.expireRandomState = (this.expireRandomState + 0x6d2b79f5) >>> 0;
    return mulberry32(this.expireRandomState);
  }

  /** @internal CONFIG RESETSTAT. */
  resetStats(): void {
    this.stats.commands = 0;
    this.stats.hits = 0;
    this.stats.misses = 0;
    this.stats.expiredKeys = 0;
    this.stats.expiredStalePercent = 0;
    this.stats.expiredTimeCapReached = 0;
    this.stats.connections = 0;
    this.stats.errorReplies = 0;
    this.stats.evictedKeys = 0;
    this.stats.rejectedCalls = 0;
    this.errorCodes.clear();
    this.latencyToken = {};
    this.latencyHistograms = 0;
    this.latencySpecs.clear();
  }

  /** @internal the command table, for COMMAND. */
  get commandTable(): ReadonlyMap<string, CommandSpec> {
    return COMMANDS;
  }

  private emit(listeners: readonly RedisListener[], event: RedisEvent): void {
    for (const listener of listeners) listener(event);
  }
}

function mulberry32(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/**
 * Error replies already counted in total_error_replies: a script passing on the error of one of
 * its commands (Redis's ERR_REPLY_FLAG_NO_STATS_UPDATE) adds it to this set.
 */
export const uncountedErrors = new WeakSet<Reply>();

// A direct-mapped cache from the exact name string to its command: most callers reuse a few
// spellings, and a slot check is cheaper than a Map lookup (plus a lowercase copy for mixed case).
const CACHE_SLOTS = 64;
const cachedNames: Array<string | undefined> = new Array<string | undefined>(CACHE_SLOTS).fill(undefined);
const cachedSpecs: Array<CommandSpec | undefined> = new Array<CommandSpec | undefined>(CACHE_SLOTS).fill(undefined);

function lookupCommand(name: string): CommandSpec | undefined {
  const length = name.length;
  if (length === 0) return COMMANDS.get(name);
  const slot = (name.charCodeAt(0) * 7 + name.charCodeAt(length - 1) * 3 + length) & (CACHE_SLOTS - 1);
  if (cachedNames[slot] === name) return cachedSpecs[slot];
  const spec = COMMANDS.get(name) ?? COMMANDS.get(name.toLowerCase());
  // Only real commands are cached: unknown names must not push a hot command out.
  if (spec !== undefined && length <= 32) {
    cachedNames[slot] = name;
    cachedSpecs[slot] = spec;
  }
  return spec;
}

function commandKeys(spec: CommandSpec, argv: readonly string[]): readonly string[] {
  if (spec.firstKey <= 0) return [];
  const last = spec.lastKey < 0 ? argv.length + spec.lastKey : spec.lastKey;
  const keys: string[] = [];
  for (let i = spec.firstKey; i <= last && i < argv.length; i += spec.step) keys.push(argv[i]!);
  return keys;
}

const OOM = errorReply("OOM command not allowed when used memory > 'maxmemory'.");

const ALLOWED_WHILE_SUBSCRIBED: ReadonlySet<string> = new Set(['ping', 'subscribe', 'unsubscribe', 'psubscribe', 'punsubscribe', 'quit', 'reset']);

function subscribedModeError(fullName: string): Reply {
  return errorReply(
    `ERR Can't execute '${fullName}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`,
  );
}

const SCRIPT_COMMANDS: ReadonlySet<string> = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'script']);

function notLoaded(name: string): Reply {
  const lower = name.toLowerCase();
  const call = SCRIPT_COMMANDS.has(lower) ? '`await loadScripting()` (or `await redis.loadScripting()`)' : '`await loadCommands()` (or `await redis.loadCommands()`)';
  return errorReply(
    `ERR '${lower}' is not loaded in this emulator yet: call ${call} before the first list, set, sorted set, stream, transaction, script, pub/sub, tracking, COMMAND, CONFIG, INFO, MEMORY or OBJECT command`,
  );
}

// Redis's wording: at most 128 chars of the name and of the quoted arguments, C strings, no CR/LF.
function unknownCommand(argv: readonly string[]): Reply {
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++) {
    args += `'${cString(argv[i]!).slice(0, 128 - args.length)}' `;
  }
  return formattedError(`ERR unknown command '${cString(argv[0]!).slice(0, 128)}', with args beginning with: ${args}`);
}

export { Session };
