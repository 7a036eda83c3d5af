/**
 * The simulated world: app instances running a cache-aside strategy against Redis and the
 * database, all on one virtual clock. It reacts to scheduled events and records what happens.
 *
 * Its parts, each in `src/scenarios/world/`:
 * - `instances.ts`  the app instances and their requests (strategies run here, and the fast path)
 * - `redis-link.ts` the network to Redis: latency, timeouts, retries with backoff
 * - `arrivals.ts`   the workload's arrival streams
 * - `console.ts`    the learner's redis-cli lines
 * - `active-expiry.ts` Redis's active expiry, right after each TTL (traced or not)
 * - `recorder.ts`   what goes to the trace (nothing, at no cost, when the trace is off), with
 *   `keyspace-recorder.ts` for each command's effect on the keyspace
 * Learner actions are applied through the registry in `actions.ts`.
 */
import { Scheduler } from '../engine/scheduler.ts';
import { createRandom, type Random } from '../engine/random.ts';
import { SimDatabase, versionOf } from '../database/database.ts';
import { fixedLatency, type LatencyModel } from '../database/latency.ts';
import type { RedisPort } from './redis-port.ts';
import type { Actor, KeyChange, KeyEntry, SeededRow, TraceEvent } from './events.ts';
import { MetricsRecorder } from './metrics.ts';
import { KeySpace, type WorkloadSpec } from './workload.ts';
import { checkOption, optionSpecs, type OptionName } from './options.ts';
import { applyAction } from './actions.ts';
import { redisReady, RedisNotReadyError } from './redis-needs.ts';
import type { LearnerAction, SimOptions } from './types.ts';
import { AppInstances } from './world/instances.ts';
import { Arrivals } from './world/arrivals.ts';
import { WorldConsole } from './world/console.ts';
import { RedisLink } from './world/redis-link.ts';
import { naturalCompare } from './natural-order.ts';
import { ActiveExpiry } from './world/active-expiry.ts';
import { TracingRecorder, silentRecorder, type WorldRecorder } from './world/recorder.ts';
import type { Reply } from '../redis/reply.ts';

export interface WorldConfig {
  readonly options: SimOptions;
  readonly seed: number;
  readonly trace: boolean;
  readonly redis: (now: () => number) => RedisPort;
  /** The database latency model; default: fixed at options.dbLatencyMs. */
  readonly latency?: LatencyModel;
  readonly keys: WorkloadSpec['keys'];
}

export class World {
  readonly scheduler = new Scheduler();
  readonly recorder: WorldRecorder;
  readonly metrics = new MetricsRecorder();
  readonly db: SimDatabase;
  readonly redis: RedisPort;
  readonly link: RedisLink;
  readonly activeExpiry: ActiveExpiry;
  readonly apps: AppInstances;
  readonly arrivals: Arrivals;
  readonly console: WorldConsole;
  keys: KeySpace;
  private readonly keysRandomSeed: Random;
  readonly strategyRandom: Random;
  private readonly consoleSession: unknown;
  options: SimOptions;
  private readonly rowOfKey = new Map<string, { table: string; id: string }>();

  constructor(config: WorldConfig) {
    this.options = { ...config.options };
    const random = createRandom(config.seed);
    this.strategyRandom = random.fork('strategy');
    const workloadRandom = random.fork('workload');
    this.keysRandomSeed = random.fork('keys');
    this.keys = new KeySpace(config.keys, this.keysRandomSeed.fork('0'));
    this.redis = config.redis(() => this.scheduler.now);
    this.link = new RedisLink(this);
    // Before any setup command, so every TTL the server ever holds gets its cycle.
    this.activeExpiry = new ActiveExpiry(this.redis, this.scheduler, () => this.link.up);
    const tracing = config.trace ? new TracingRecorder(this.scheduler, this.redis) : null;
    this.recorder = tracing ?? silentRecorder;
    this.db = new SimDatabase({
      scheduler: this.scheduler,
      trace: tracing?.sink ?? { recording: false, push() {} },
      random: random.fork('database'),
      connections: this.options.dbConnections,
      latency: config.latency ?? fixedLatency(this.options.dbLatencyMs),
      onStart: (op, active, query) => this.metrics.dbQuery(this.scheduler.now, op, query.key ?? `${query.table}:${query.id}`, active),
    });
    this.defineKeyTable();
    this.consoleSession = this.redis.createSession();
    this.apps = new AppInstances(this);
    this.apps.ensure(this.options.instances);
    this.arrivals = new Arrivals(this, workloadRandom);
    this.console = new WorldConsole(this, this.consoleSession);
  }

  get now(): number {
    return this.scheduler.now;
  }

  /** The trace so far (empty when the world does not record). */
  get events(): readonly TraceEvent[] {
    return this.recorder.events;
  }

  /**
   * Work started and not yet finished: requests in flight, app tasks queued or running, invalidation
   * messages on their way. The world is idle, and an action's work is done, when this is 0
   * (`workInFlight` in views.ts is the same count read from a trace).
   */
  get workInFlight(): number {
    return this.apps.inFlight + this.apps.tasks + (this.apps.local?.messagesOnTheWay ?? 0);
  }

  /** The Redis connection of an app instance or of the console. */
  sessionOf(actor: Actor): unknown {
    return actor === 'console' ? this.consoleSession : this.apps.sessionOf(actor);
  }

  /** The table behind the workload's ids; rows exist lazily unless the id is missing. */
  private defineKeyTable(): void {
    const keys = this.keys;
    this.db.defineTable(`${keys.prefix}s`, (id) => {
      const n = Number(id);
      return Number.isInteger(n) && n >= 1 && n <= keys.count && !keys.isMissing(n);
    }, (id) => ({ name: `${keys.prefix} ${id}` }));
  }

  /** keyCount, zipf or missingFraction changed: a new key space (rows already read keep their versions). */
  private rebuildKeys(): void {
    const o = this.options;
    this.keys = new KeySpace(
      { count: o.keyCount, popularity: o.zipf > 0 ? { zipf: o.zipf } : 'uniform', missingFraction: o.missingFraction, prefix: this.keys.prefix },
      this.keysRandomSeed.fork(`${o.keyCount}/${o.zipf}/${o.missingFraction}`),
    );
    this.defineKeyTable();
  }

  /** The database row behind a cache key: user:42 → users/42. */
  rowOf(key: string): { table: string; id: string } {
    let row = this.rowOfKey.get(key);
    if (row === undefined) {
      const cut = key.indexOf(':');
      row = cut < 0 ? { table: 'items', id: key } : { table: `${key.slice(0, cut)}s`, id: key.slice(cut + 1) };
      if (this.rowOfKey.size < 100_000) this.rowOfKey.set(key, row);
    }
    return row;
  }

  /** A served value is stale when the database holds a newer version of its row right now. */
  isStale(key: string, value: string): boolean {
    // Until the database takes a write every row is at version 1, so nothing served can be older.
    if (!this.db.hasWrites) return false;
    const { table, id } = this.rowOf(key);
    const current = this.db.peek(table, id);
    if (current === null || current.version <= 1) return false;
    // Hot keys serve the same string again and again: parse its version once.
    if (value !== this.lastServedValue) {
      this.lastServedValue = value;
      this.lastServedVersion = versionOf(value);
    }
    const version = this.lastServedVersion;
    return version !== null && current.version > version;
  }

  /** The row version inside a cached value (for code loaded on demand, which must not import the database module itself). */
  versionOf(value: string): number | null {
    return versionOf(value);
  }

  private lastServedValue = '';
  private lastServedVersion: number | null = null;

  /** Apply a learner action now. */
  apply(action: LearnerAction): void {
    this.recorder.action(action);
    applyAction(this, action);
  }

  /** Run a command on the console's connection without recording it (scenario setup). */
  exec(argv: readonly string[]): Reply {
    return this.redis.exec(argv, this.consoleSession);
  }

  private readonly optionListeners: ((name: OptionName) => void)[] = [];

  /** Call `listener` after each option change (a scenario's setup reacting to its own options). */
  onOptionChange(listener: (name: OptionName) => void): void {
    this.optionListeners.push(listener);
  }

  /** Redis goes down or comes back. */
  setRedisUp(up: boolean): void {
    this.link.up = up;
    this.recorder.fault('redis', up ? 'up' : 'down');
  }

  setOption(name: OptionName, value: unknown): void {
    if (!(name in optionSpecs)) {
      this.recorder.note(`${String(name)}: unknown option; ignored`);
      return;
    }
    const checked = checkOption(name, value);
    if ('error' in checked) {
      this.recorder.note(`${checked.error}; ignored`);
      return;
    }
    // The lock's release is a real EVAL: switching to it needs the Lua VM already loaded.
    if (name === 'strategy' && checked.value === 'lock' && !redisReady('scripting')) throw new RedisNotReadyError('scripting');
    // Write-behind's queue is a list: its commands load with the rest of the command table.
    if (name === 'writeMode' && checked.value === 'write-behind' && !redisReady('commands')) throw new RedisNotReadyError('commands');
    (this.options as unknown as Record<string, unknown>)[name] = checked.value;
    this.recorder.option(name, checked.value);
    if (name === 'instances') this.apps.ensure(this.options.instances);
    if (name === 'dbConnections') this.db.connections = this.options.dbConnections;
    if (name === 'dbLatencyMs') this.db.latency = fixedLatency(this.options.dbLatencyMs);
    if (name === 'keyCount' || name === 'zipf' || name === 'missingFraction') this.rebuildKeys();
    for (const listener of this.optionListeners) listener(name);
    if (name === 'readRatePerSec') this.arrivals.start('read', { arrival: 'poisson', ratePerSec: this.options.readRatePerSec });
    if (name === 'writeRatePerSec') this.arrivals.start('write', { arrival: 'poisson', ratePerSec: this.options.writeRatePerSec });
    this.apps.local?.optionChanged(name);
  }

  /** The earliest expiry among live keys with a TTL (or of one key). */
  nextExpiryAt(only?: string): number | null {
    let next: number | null = null;
    for (const [key, entry] of this.redis.entries()) {
      if (only !== undefined && key !== only) continue;
      if (entry.expireAt !== null && entry.expireAt >= this.now && (next === null || entry.expireAt < next)) next = entry.expireAt;
    }
    return next;
  }

  /** The live keys whose TTL runs out at `expireAt` (ms), in natural order (user:2 before user:10). */
  keysExpiringAt(expireAt: number): string[] {
    const keys: string[] = [];
    for (const [key, entry] of this.redis.entries()) if (entry.expireAt === expireAt) keys.push(key);
    return keys.sort(naturalCompare);
  }

  /** Warm the cache before any request: SET each key to its row with `ttlMs` (0 = no TTL). */
  seedKeys(keys: readonly string[], ttlMs: number): void {
    const changes: KeyChange[] = [];
    const rows: SeededRow[] = [];
    for (const key of keys) {
      const { table, id } = this.rowOf(key);
      const row = this.db.peek(table, id);
      if (row === null) continue;
      rows.push({ key, table, id, version: row.version });
      // Seeded keys were cached by the app, so they get its jitter too.
      const jitter = this.options.jitterMs > 0 ? Math.floor(this.strategyRandom.float() * (this.options.jitterMs + 1)) : 0;
      const argv = ttlMs > 0 ? ['SET', key, row.value, 'PX', String(ttlMs + jitter)] : ['SET', key, row.value];
      this.redis.exec(argv, this.consoleSession);
      const entry: KeyEntry = { type: 'string', value: row.value, expireAt: ttlMs > 0 ? this.now + ttlMs + jitter : null };
      changes.push({ key, entry });
    }
    // The rows go in the trace too, so the database panel shows the row behind each warm copy (no read is counted).
    this.recorder.seeded(changes, rows);
  }

  /** Fill the cache with any commands before the first request (lesson 14's hashes, sets, lists...). */
  seedCommands(commands: readonly (readonly string[])[]): void {
    for (const argv of commands) this.redis.exec(argv, this.consoleSession);
    this.recorder.seeded([...this.redis.entries()].map(([key, entry]) => ({ key, entry })));
  }

  /** Add rows beyond the key space (e.g. user:42:profile for the pattern lesson). */
  insertRows(keys: readonly string[]): void {
    for (const key of keys) {
      const { table, id } = this.rowOf(key);
      this.db.insert(table, id, { name: key });
    }
  }
}
