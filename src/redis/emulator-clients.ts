/**
 * The emulator's connections and deliveries: sessions (createSession, closeSession), event
 * listeners (subscribe), the script cache and the Lua side, and the read-only views the UI draws
 * (snapshot, inspect). Between emulator-stats.ts below and emulator.ts above.
 */
import { NO_EXPIRY, type StoredValue } from './keyspace.ts';
import { Session } from './session.ts';
import { previewValue, valueSize, valueType } from './preview.ts';
import type { CachedScript } from './commands/scripting.ts';
import { loadCommandDocs, loadCommands, loadScripting, parts } from './loading.ts';
import { StatsEngine } from './emulator-stats.ts';
import { lfuCounter } from './evict.ts';
import type { KeyInfo, KeyType, RedisEvent, RedisListener } from './emulator-keys.ts';

/** The connections side of `RedisEmulator` (see emulator.ts); not constructed on its own. */
export abstract class ClientsEngine extends StatsEngine {
  protected subscriptions: ReadonlyArray<{ listener: RedisListener; types: ReadonlySet<RedisEvent['type']> | null }> = [];
  protected nextClientId = 1;

  /** The script cache by lowercase sha (SCRIPT EXISTS works before the VM loads). */
  readonly scripts = new Map<string, CachedScript>();
  // Created on first use, so a server's CLIENT LIST shows only its real connections.
  protected defaultSession: Session | null = null;

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

  /**
   * Loads what COMMAND, COMMAND INFO and COMMAND DOCS describe beyond the rows (see `loadCommandDocs()`).
   *
   * @example
   * await redis.loadCommandDocs();
   * redis.exec(['COMMAND', 'DOCS', 'get']);
   */
  async loadCommandDocs(): Promise<void> {
    await loadCommandDocs();
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

  // processCommand's tail for tracking: CLIENT CACHING lasts one command (or one transaction),
  // and BCAST invalidations go out (Redis sends them before sleeping, once per event-loop turn).
  /** INFO clients' blocked_clients and clients_in_timeout_table (without loading the registry). */
  get blockedClients(): { blocked: number; withTimeout: number } {
    const registry = this.blockingRegistry;
    return registry === null ? { blocked: 0, withTimeout: 0 } : { blocked: registry.size, withTimeout: registry.withTimeout() };
  }

  protected afterTrackedCommand(argv: readonly string[], session: Session): void {
    const tracking = session.tracking;
    if (tracking !== null && tracking.caching && session.multi === null && argv[0]?.toLowerCase() !== 'client') {
      tracking.caching = false;
    }
    this.tracking.broadcast(session);
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

  protected indexListeners(): void {
    const wanting = (type: RedisEvent['type']) =>
      this.subscriptions.filter((s) => s.types === null || s.types.has(type)).map((s) => s.listener);
    this.commandListeners = wanting('command');
    this.expiredListeners = wanting('expired');
    this.flushedListeners = wanting('flushed');
    this.evictedListeners = wanting('evicted');
    this.updatePlain();
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

  /**
   * Under an LFU policy, a key's access counter as OBJECT FREQ shows it, without side effects;
   * undefined when no LFU policy is set or the key is absent.
   */
  keyFrequency(key: string, db = 0): number | undefined {
    const entry = this.dbs[db]?.entries.get(key);
    if (!this.lfu || entry === undefined) return undefined;
    return lfuCounter(entry.lru, Math.floor(this.clock()), this.eviction.lfuDecayTime);
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
}
