/**
 * The simulated world: app instances running a cache-aside strategy against Redis and the
 * database, all on one virtual clock. It reacts to scheduled events and appends to the trace.
 */
import { Scheduler, Priority } from '../engine/scheduler.ts';
import { Trace, type Actor, type KeyChange, type KeyEntry, type ServedFrom } from '../engine/trace.ts';
import { createRandom, type Random } from '../engine/random.ts';
import { SimDatabase, versionOf, type Row } from '../database/database.ts';
import { fixedLatency, type LatencyModel } from '../database/latency.ts';
import { type Reply, error as errorReply, integer } from '../redis/reply.ts';
import { splitArgs } from '../redis/cli/parse.ts';
import type { RedisPort } from './redis-port.ts';
import type { Effect, ReadResult, RequestContext, Step, RedisResult, DbResult } from './strategies/steps.ts';
import { strategies } from './strategies/index.ts';
import { swrRefresh, decodeSwr, swrShouldRefresh } from './strategies/swr.ts';
import { decodeXFetch, xfetchKeeps } from './strategies/xfetch.ts';
import { NULL_SENTINEL } from './strategies/steps.ts';
import { writeThenInvalidate } from './strategies/write.ts';
import { UNLOCK_SCRIPT } from './strategies/lock.ts';
import { MetricsRecorder } from './metrics.ts';
import { KeySpace, type ArrivalSpec, type WorkloadSpec } from './workload.ts';
import { checkOption, optionSpecs, type OptionName } from './options.ts';
import type { LearnerAction, SimOptions } from './types.ts';

export interface WorldConfig {
  readonly options: SimOptions;
  readonly seed: number;
  readonly trace: boolean;
  readonly redis: (now: () => number) => RedisPort;
  /** The database latency model; default: fixed at options.dbLatencyMs. */
  readonly latency?: LatencyModel;
  readonly keys: WorkloadSpec['keys'];
}

type RequestKind = 'read' | 'write' | 'refresh';

/** One request running on one app instance; it is also the strategy's context. */
class Request implements RequestContext {
  gen!: Step<ReadResult>;
  lastLine: string | null = null;
  dbLatencyMs: number | undefined;
  constructor(
    private readonly world: World,
    readonly requestId: number,
    readonly instance: number,
    readonly key: string,
    readonly kind: RequestKind,
    readonly arrivedAt: number,
  ) {}
  /** Built on demand: only lock holders need it. */
  get token(): string {
    return `${this.instance}-${this.requestId}`;
  }
  get options(): Readonly<SimOptions> {
    return this.world.options;
  }
  get flights(): Set<string> {
    return this.world.instances[this.instance]!.flights;
  }
  get refreshing(): Set<string> {
    return this.world.instances[this.instance]!.refreshing;
  }
  now(): number {
    return this.world.scheduler.now;
  }
  line(id: string): void {
    const world = this.world;
    if (!world.trace.enabled) return;
    this.lastLine = id;
    world.trace.push({
      type: 'code.line',
      at: world.scheduler.now,
      requestId: this.requestId,
      instance: this.instance,
      strategy: this.kind === 'write' ? 'write' : world.options.strategy,
      lineId: id,
    });
  }
  /** A draw the world already took for this request (the fast path's XFetch check), used first. */
  presetRandom: number | undefined;
  random(): number {
    const preset = this.presetRandom;
    if (preset === undefined) return this.world.strategyRandom.float();
    this.presetRandom = undefined;
    return preset;
  }
  spawnRefresh(key: string): void {
    this.refreshing.add(key);
    this.world.startRequest('refresh', key, this.instance, this.requestId);
  }
  lockEvent(type: 'lock.acquired' | 'lock.released' | 'lock.waiting', lockKey: string, extra: { retryAt?: number; released?: boolean } = {}): void {
    const world = this.world;
    if (!world.trace.enabled) return;
    world.trace.push({ type, at: world.scheduler.now, requestId: this.requestId, instance: this.instance, key: lockKey, token: this.token, ...extra });
  }
}

interface InstanceState {
  readonly session: unknown;
  readonly flights: Set<string>;
  readonly refreshing: Set<string>;
  readonly waiters: Map<string, Request[]>;
}

export class World {
  readonly scheduler = new Scheduler();
  readonly trace: Trace;
  readonly metrics = new MetricsRecorder();
  readonly db: SimDatabase;
  readonly redis: RedisPort;
  keys: KeySpace;
  private readonly keysRandomSeed: Random;
  readonly instances: InstanceState[] = [];
  readonly strategyRandom: Random;
  private readonly workloadRandom: Random;
  private readonly consoleSession: unknown;
  // Pushes that Redis sends after the console command's reply (its own tracking invalidations).
  private consoleTrailer: Reply[] = [];
  options: SimOptions;
  redisUp = true;
  inFlight = 0;
  /** The reply to the last console line (for the session's consoleExec). */
  lastConsoleReply: Reply | null = null;
  private nextRequestId = 1;
  private nextCommandId = 1;
  private roundRobin = 0;
  private readonly expiryChecks = new Set<number>();
  private readonly arrivalGeneration = { read: 0, write: 0 };
  private readonly rowOfKey = new Map<string, { table: string; id: string }>();
  private scanCursor = new Map<string, string>();

  constructor(config: WorldConfig) {
    this.options = { ...config.options };
    this.trace = new Trace(config.trace);
    const random = createRandom(config.seed);
    this.strategyRandom = random.fork('strategy');
    this.workloadRandom = random.fork('workload');
    this.keysRandomSeed = random.fork('keys');
    this.keys = new KeySpace(config.keys, this.keysRandomSeed.fork('0'));
    this.db = new SimDatabase({
      scheduler: this.scheduler,
      trace: this.trace,
      random: random.fork('database'),
      connections: this.options.dbConnections,
      latency: config.latency ?? fixedLatency(this.options.dbLatencyMs),
      onStart: (op, active, query) => this.metrics.dbQuery(this.scheduler.now, op, query.key ?? `${query.table}:${query.id}`, active),
    });
    this.defineKeyTable();
    this.redis = config.redis(() => this.scheduler.now);
    // Only a traced run needs expiry events; listening makes the emulator build an event per command.
    if (this.trace.enabled) this.redis.onExpired((key) => this.trace.push({ type: 'key.expired', at: this.scheduler.now, key }));
    this.consoleSession = this.redis.createSession();
    if (this.trace.enabled) {
      this.redis.onPush(this.consoleSession, (reply, afterReply) => {
        if (afterReply) this.consoleTrailer.push(reply);
        else this.trace.push({ type: 'console.push', at: this.scheduler.now, reply });
      });
    }
    this.ensureInstances();
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

  private ensureInstances(): void {
    while (this.instances.length < this.options.instances) {
      this.instances.push({ session: this.redis.createSession(), flights: new Set(), refreshing: new Set(), waiters: new Map() });
    }
  }

  get now(): number {
    return this.scheduler.now;
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

  // ---------------------------------------------------------------- requests

  startRequest(kind: RequestKind, key: string, instance?: number, parentId?: number, dbLatencyMs?: number): void {
    const count = this.options.instances;
    let target = instance ?? this.roundRobin;
    if (instance === undefined) this.roundRobin = (this.roundRobin + 1) % count;
    if (target >= count) target = target % count;
    const requestId = this.nextRequestId++;
    // Untraced reads with an instant, live Redis send their GET here: a hit then needs no generator.
    let first: RedisResult | undefined;
    let presetRandom: number | undefined;
    if (kind === 'read' && !this.trace.enabled && this.redisUp && this.options.redisLatencyMs === 0) {
      const now = this.scheduler.now;
      this.nextCommandId++;
      this.metrics.redisCommand(now);
      const reply = this.redis.exec(['GET', key], this.instances[target]!.session);
      if (reply.type === 'bulk' && reply.value !== null) {
        const served = this.cachedHit(key, reply.value, target, requestId);
        if (typeof served === 'number') presetRandom = served;
        else if (served !== undefined) {
          this.finishRead(key, now, served, 'cache', false, false);
          return;
        }
      }
      first = { ok: true, reply };
    }
    const request = new Request(this, requestId, target, key, kind, this.scheduler.now);
    request.dbLatencyMs = dbLatencyMs;
    request.presetRandom = presetRandom;
    this.inFlight++;
    if (this.trace.enabled) {
      const event = { type: 'request.arrived' as const, at: this.now, requestId: request.requestId, instance: target, key, kind };
      this.trace.push(parentId === undefined ? event : { ...event, parentId });
    }
    request.gen =
      kind === 'write'
        ? writeThenInvalidate(request, key)
        : kind === 'refresh'
          ? swrRefresh(request, key)
          : strategies[this.options.strategy].read(request, key);
    if (first === undefined) this.drive(request, undefined);
    else {
      // Every read strategy's first effect is that GET: skip it and hand over the reply instead.
      const step = request.gen.next();
      if (step.done || step.value.kind !== 'redis' || step.value.argv[0] !== 'GET') throw new Error('a read strategy must start with GET');
      this.drive(request, first);
    }
  }

  /**
   * Whether the strategy serves the GET's value at once, decided by its own rule (xfetchKeeps,
   * swrShouldRefresh): the value served (null for the not-found sentinel), undefined when the read
   * goes on, or the random draw XFetch took before deciding to go on (the generator must reuse it).
   */
  private cachedHit(key: string, value: string, instance: number, requestId: number): string | null | undefined | number {
    if (value === NULL_SENTINEL) return null;
    switch (this.options.strategy) {
      case 'plain':
      case 'lock': // the first attempt: no wait yet, so a hit
      case 'coalesce':
        return value;
      case 'xfetch': {
        const entry = decodeXFetch(value);
        if (entry === null) return undefined;
        const u = this.strategyRandom.float();
        return xfetchKeeps(entry, this.scheduler.now, this.options.beta, u) ? entry.value : u;
      }
      case 'swr': {
        const entry = decodeSwr(value);
        if (entry === null) return undefined;
        const { refreshing } = this.instances[instance]!;
        if (swrShouldRefresh(entry, this.scheduler.now, refreshing, key)) {
          refreshing.add(key);
          this.startRequest('refresh', key, instance, requestId);
        }
        return entry.value;
      }
    }
  }

  /** Run the request's generator until it waits for the clock or finishes. */
  private drive(request: Request, input: unknown): void {
    for (;;) {
      const step = request.gen.next(input);
      if (step.done) {
        this.finish(request, step.value);
        return;
      }
      const now = this.effect(request, step.value);
      if (now === WAIT) return;
      input = now;
    }
  }

  /** Perform an effect: its result at once, or WAIT when the request resumes later. */
  private effect(request: Request, effect: Effect): unknown {
    switch (effect.kind) {
      case 'redis':
        return this.send(request, request.instance, effect.argv, undefined, 0);
      case 'unlock':
        return this.send(request, request.instance, [effect.lockKey], effect.token, 0);
      case 'db': {
        const { table, id } = this.rowOf(effect.key);
        const query = { table, id, key: effect.key, requestId: request.requestId, instance: request.instance, ...(request.dbLatencyMs !== undefined ? { latencyMs: request.dbLatencyMs } : {}) };
        const done = (row: Row | null, ok: boolean): void => this.drive(request, ok ? ({ ok: true, row } satisfies DbResult) : ({ ok: false } satisfies DbResult));
        if (effect.op === 'read') this.db.read(query, done);
        else this.db.write(query, done);
        return WAIT;
      }
      case 'sleep':
        this.scheduler.schedule(this.now + effect.ms, () => this.drive(request, undefined));
        return WAIT;
      case 'join': {
        const waiters = this.instances[request.instance]!.waiters;
        const list = waiters.get(effect.key);
        if (list) list.push(request);
        else waiters.set(effect.key, [request]);
        return WAIT;
      }
      case 'resolve': {
        const state = this.instances[request.instance]!;
        state.flights.delete(effect.key);
        const list = state.waiters.get(effect.key);
        state.waiters.delete(effect.key);
        if (list) for (const waiter of list) this.scheduler.schedule(this.now, () => this.drive(waiter, effect.value));
        return undefined;
      }
    }
  }

  private finish(request: Request, result: ReadResult): void {
    this.inFlight--;
    const now = this.now;
    const latencyMs = now - request.arrivedAt;
    if (request.kind === 'read' && !this.trace.enabled) {
      this.finishRead(request.key, request.arrivedAt, result.value, result.from, result.waited === true, result.early === true);
      return;
    }
    let version: number | null = null;
    let stale = false;
    if (result.value !== null) {
      if (request.kind === 'read') {
        version = this.versionOfServed(result.value);
        const { table, id } = this.rowOf(request.key);
        const current = this.db.peek(table, id);
        stale = version !== null && current !== null && current.version > version;
      } else version = this.versionOfServed(result.value);
    }
    const hit = result.from === 'cache' && result.waited !== true;
    if (request.kind === 'read') {
      this.metrics.read(request.arrivedAt, hit, stale, latencyMs);
      if (result.from === 'fallback') this.metrics.fallback(now);
      if (result.early) this.metrics.early(now);
    } else if (request.kind === 'write') this.metrics.write(now);
    if (this.trace.enabled) {
      const event = {
        type: 'request.served' as const,
        at: now,
        requestId: request.requestId,
        instance: request.instance,
        key: request.key,
        kind: request.kind,
        version,
        stale,
        hit: request.kind === 'read' && hit,
        from: result.from as ServedFrom,
        latencyMs,
      };
      this.trace.push(result.early ? { ...event, early: true } : event);
    }
  }

  /** An untraced read's metrics: only whether it hit and whether what it served was stale. */
  private finishRead(key: string, arrivedAt: number, value: string | null, from: ServedFrom, waited: boolean, early: boolean): void {
    const now = this.scheduler.now;
    let stale = false;
    // Until the database takes a write every row is at version 1, so nothing served can be older.
    if (value !== null && this.db.hasWrites) {
      const { table, id } = this.rowOf(key);
      const current = this.db.peek(table, id);
      if (current !== null && current.version > 1) {
        const version = this.versionOfServed(value);
        stale = version !== null && current.version > version;
      }
    }
    this.metrics.read(arrivedAt, from === 'cache' && !waited, stale, now - arrivedAt);
    if (from === 'fallback') this.metrics.fallback(now);
    if (early) this.metrics.early(now);
  }

  private lastServedValue = '';
  private lastServedVersion: number | null = null;

  /** versionOf, remembering the last answer: hot keys serve the same string again and again. */
  private versionOfServed(value: string): number | null {
    if (value !== this.lastServedValue) {
      this.lastServedValue = value;
      this.lastServedVersion = versionOf(value);
    }
    return this.lastServedVersion;
  }

  // ---------------------------------------------------------------- redis

  /**
   * Send a command from an instance. With zero network latency and Redis up the reply is
   * returned at once; otherwise the request resumes when the reply (or a timeout) arrives.
   */
  private send(request: Request | null, actor: Actor, argv: readonly string[], unlockToken: string | undefined, attempt: number): RedisResult | typeof WAIT {
    const now = this.now;
    const commandId = this.nextCommandId++;
    const latency = this.options.redisLatencyMs;
    const shown = unlockToken === undefined ? argv : ['EVAL', UNLOCK_SCRIPT, '1', argv[0]!, unlockToken];
    const requestId = request?.requestId ?? null;
    this.metrics.redisCommand(now);
    if (this.trace.enabled) {
      this.trace.push({ type: 'redis.command', at: now, commandId, requestId, actor, argv: shown, sentAt: now, arrivesAt: now + latency });
    }
    if (latency === 0) {
      if (!this.redisUp) {
        this.scheduleTimeout(request, actor, argv, unlockToken, attempt, commandId, shown, now);
        return WAIT;
      }
      const reply = this.execAtServer(actor, requestId, commandId, argv, shown, unlockToken);
      if (this.trace.enabled) this.traceReply(commandId, requestId, actor, shown, reply, now);
      return { ok: true, reply };
    }
    this.scheduler.schedule(now + latency, () => {
      if (!this.redisUp) {
        this.scheduleTimeout(request, actor, argv, unlockToken, attempt, commandId, shown, now);
        return;
      }
      const reply = this.execAtServer(actor, requestId, commandId, argv, shown, unlockToken);
      const executedAt = this.now;
      this.scheduler.schedule(executedAt + latency, () => {
        this.traceReply(commandId, requestId, actor, shown, reply, executedAt);
        if (request) this.drive(request, { ok: true, reply } satisfies RedisResult);
      });
    });
    return WAIT;
  }

  private traceReply(commandId: number, requestId: number | null, actor: Actor, argv: readonly string[], reply: Reply, sentAt: number): void {
    if (!this.trace.enabled) return;
    this.trace.push({ type: 'redis.reply', at: this.now, commandId, requestId, actor, argv, reply, outcome: outcomeOf(actor, argv, reply), sentAt, arrivesAt: this.now });
  }

  /** Redis is down: the client hears nothing and gives up after redisTimeoutMs. */
  private scheduleTimeout(request: Request | null, actor: Actor, argv: readonly string[], unlockToken: string | undefined, attempt: number, commandId: number, shown: readonly string[], sentAt: number): void {
    this.scheduler.schedule(sentAt + this.options.redisTimeoutMs, () => this.commandFailed(request, actor, argv, unlockToken, attempt, commandId, shown));
  }

  private commandFailed(request: Request | null, actor: Actor, argv: readonly string[], unlockToken: string | undefined, attempt: number, commandId: number, shown: readonly string[]): void {
    const retry = attempt < this.options.retries;
    const retryAt = retry ? this.now + this.options.backoffMs * 2 ** attempt : null;
    this.metrics.redisError(this.now);
    if (this.trace.enabled) {
      this.trace.push({
        type: 'redis.error',
        at: this.now,
        commandId,
        requestId: request?.requestId ?? null,
        actor,
        argv: shown,
        error: 'timeout',
        message: `no reply within ${this.options.redisTimeoutMs} ms`,
        attempt,
        retryAt,
      });
    }
    if (retryAt !== null) {
      this.scheduler.schedule(retryAt, () => {
        const result = this.send(request, actor, argv, unlockToken, attempt + 1);
        if (result !== WAIT && request) this.drive(request, result);
      });
    } else if (request) this.drive(request, { ok: false, error: 'timeout' } satisfies RedisResult);
  }

  /** Execute on the server now; record what it did to the keyspace. */
  private execAtServer(actor: Actor, requestId: number | null, commandId: number, argv: readonly string[], shown: readonly string[], unlockToken?: string): Reply {
    const session = actor === 'console' ? this.consoleSession : this.instances[actor]!.session;
    const tracing = this.trace.enabled;
    // The app's own commands have effects we can state exactly; anything else is diffed.
    const predictable = !tracing || unlockToken !== undefined || (actor !== 'console' && isAppCommand(argv));
    const before = tracing && !predictable ? this.redis.entries() : null;
    let reply: Reply;
    if (unlockToken !== undefined) {
      // The check-and-delete runs as one step on the server, as a Lua script would.
      const lockKey = argv[0]!;
      reply = this.redis.peek(lockKey) === unlockToken ? this.redis.exec(['DEL', lockKey], session) : integer(0);
    } else reply = this.redis.exec(argv, session);
    if (!tracing) return reply;
    let changes: KeyChange[];
    if (before === null) changes = appCommandChanges(argv, reply, unlockToken !== undefined, this.now);
    else {
      changes = [];
      const after = this.redis.entries();
      for (const [key, entry] of after) if (!sameEntry(before.get(key), entry)) changes.push({ key, entry });
      for (const key of before.keys()) if (!after.has(key)) changes.push({ key, entry: null });
      changes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    }
    for (const change of changes) if (change.entry?.expireAt != null) this.scheduleExpiryCheck(change.entry.expireAt + 1);
    this.trace.push({ type: 'redis.executed', at: this.now, commandId, requestId, actor, argv: shown, reply, outcome: outcomeOf(actor, argv, reply), changes });
    return reply;
  }

  /** Let the server's active expiry remove a key right after it expires, so the lab sees it go. */
  private scheduleExpiryCheck(at: number): void {
    if (this.expiryChecks.has(at)) return;
    this.expiryChecks.add(at);
    this.scheduler.schedule(
      at,
      () => {
        this.expiryChecks.delete(at);
        if (this.redisUp) this.redis.activeExpireCycle();
      },
      Priority.expiry,
    );
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

  /** Warm the cache before any request: SET each key to its row with `ttlMs` (0 = no TTL). */
  seedKeys(keys: readonly string[], ttlMs: number): void {
    const changes: KeyChange[] = [];
    for (const key of keys) {
      const { table, id } = this.rowOf(key);
      const row = this.db.peek(table, id);
      if (row === null) continue;
      // Seeded keys were cached by the app, so they get its jitter too.
      const jitter = this.options.jitterMs > 0 ? Math.floor(this.strategyRandom.float() * (this.options.jitterMs + 1)) : 0;
      const argv = ttlMs > 0 ? ['SET', key, row.value, 'PX', String(ttlMs + jitter)] : ['SET', key, row.value];
      this.redis.exec(argv, this.consoleSession);
      const entry: KeyEntry = { type: 'string', value: row.value, expireAt: ttlMs > 0 ? this.now + ttlMs + jitter : null };
      changes.push({ key, entry });
      if (entry?.expireAt != null && this.trace.enabled) this.scheduleExpiryCheck(entry.expireAt + 1);
    }
    if (this.trace.enabled) this.trace.push({ type: 'keyspace.seeded', at: this.now, changes });
  }

  /** Add rows beyond the key space (e.g. user:42:profile for the pattern lesson). */
  insertRows(keys: readonly string[]): void {
    for (const key of keys) {
      const { table, id } = this.rowOf(key);
      this.db.insert(table, id, { name: key });
    }
  }

  // ---------------------------------------------------------------- console

  /** Run a learner's redis-cli line on the simulation's Redis; the reply goes to the trace. */
  consoleLine(line: string): Reply {
    const reply = this.runConsoleLine(line);
    this.lastConsoleReply = reply;
    return reply;
  }

  private runConsoleLine(line: string): Reply {
    const argv = splitArgs(line);
    const commandId = this.nextCommandId++;
    if (argv === null) {
      if (this.trace.enabled) this.trace.push({ type: 'console', at: this.now, line, error: 'Invalid argument(s)' });
      return errorReply('Invalid argument(s)');
    }
    if (argv.length === 0) return errorReply('empty line');
    if (this.trace.enabled) {
      this.trace.push({ type: 'console', at: this.now, line, commandId });
      this.trace.push({ type: 'redis.command', at: this.now, commandId, requestId: null, actor: 'console', argv, sentAt: this.now, arrivesAt: this.now });
    }
    if (!this.redisUp) {
      const message = 'Could not connect to Redis: the server is down';
      this.metrics.redisError(this.now);
      if (this.trace.enabled) {
        this.trace.push({ type: 'redis.error', at: this.now, commandId, requestId: null, actor: 'console', argv, error: 'down', message, attempt: 0, retryAt: null });
      }
      return errorReply(message);
    }
    const reply = this.execAtServer('console', null, commandId, argv, argv);
    this.traceReply(commandId, null, 'console', argv, reply, this.now);
    for (const frame of this.consoleTrailer.splice(0)) this.trace.push({ type: 'console.push', at: this.now, reply: frame });
    return reply;
  }

  // ---------------------------------------------------------------- actions

  /** Apply a learner action now. */
  apply(action: LearnerAction): void {
    if (this.trace.enabled) this.trace.push({ type: 'action', at: this.now, action: { ...action } });
    switch (action.type) {
      case 'read':
        this.startRequest('read', action.key, action.instance);
        break;
      case 'readMissing':
        this.startRequest('read', this.keys.missingKey(), action.instance);
        break;
      case 'burst':
        for (let i = 0; i < action.count; i++) this.startRequest('read', action.key);
        break;
      case 'write':
        this.startRequest('write', action.key, action.instance);
        break;
      case 'slowRead':
        this.startRequest('read', action.key, action.instance, undefined, action.dbLatencyMs);
        break;
      case 'fastForwardToExpiry':
        break; // the session moves the clock; nothing changes in the world
      case 'redisDown':
      case 'redisUp':
        this.redisUp = action.type === 'redisUp';
        this.fault('redis', this.redisUp ? 'up' : 'down');
        break;
      case 'dbSlow':
        this.db.setFault('slow', action.latencyMs);
        this.fault('db', 'slow', action.latencyMs);
        break;
      case 'dbNormal':
        this.db.setFault('none');
        this.fault('db', 'normal');
        break;
      case 'flushCache':
        this.consoleLine('FLUSHALL');
        break;
      case 'console':
        this.consoleLine(action.line);
        break;
      case 'setOption':
        this.setOption(action.name, action.value);
        break;
      case 'scanStep':
        this.scanStep(action.pattern, action.count ?? 10, action.deleteMatches ?? true);
        break;
    }
  }

  private fault(target: 'redis' | 'db', state: 'up' | 'down' | 'slow' | 'normal', latencyMs?: number): void {
    if (!this.trace.enabled) return;
    this.trace.push(latencyMs === undefined ? { type: 'fault', at: this.now, target, state } : { type: 'fault', at: this.now, target, state, latencyMs });
  }

  setOption(name: OptionName, value: unknown): void {
    if (!(name in optionSpecs)) {
      if (this.trace.enabled) this.trace.push({ type: 'note', at: this.now, text: `${String(name)}: unknown option; ignored` });
      return;
    }
    const checked = checkOption(name, value);
    if ('error' in checked) {
      if (this.trace.enabled) this.trace.push({ type: 'note', at: this.now, text: `${checked.error}; ignored` });
      return;
    }
    (this.options as unknown as Record<string, unknown>)[name] = checked.value;
    if (this.trace.enabled) this.trace.push({ type: 'option', at: this.now, name, value: checked.value });
    if (name === 'instances') this.ensureInstances();
    if (name === 'dbConnections') this.db.connections = this.options.dbConnections;
    if (name === 'dbLatencyMs') this.db.latency = fixedLatency(this.options.dbLatencyMs);
    if (name === 'keyCount' || name === 'zipf' || name === 'missingFraction') this.rebuildKeys();
    if (name === 'readRatePerSec') this.startArrivals('read', { arrival: 'poisson', ratePerSec: this.options.readRatePerSec });
    if (name === 'writeRatePerSec') this.startArrivals('write', { arrival: 'poisson', ratePerSec: this.options.writeRatePerSec });
  }

  /** One SCAN step of a pattern invalidation, then DEL of what it returned. */
  private scanStep(pattern: string, count: number, deleteMatches: boolean): void {
    const cursor = this.scanCursor.get(pattern) ?? '0';
    const reply = this.consoleLine(`SCAN ${cursor} MATCH ${pattern} COUNT ${count}`);
    if (reply.type !== 'array' || reply.value === null) return;
    const [next, found] = reply.value;
    const nextCursor = next?.type === 'bulk' ? (next.value ?? '0') : '0';
    this.scanCursor.set(pattern, nextCursor);
    if (deleteMatches && found?.type === 'array' && found.value && found.value.length > 0) {
      const keys = found.value.flatMap((k) => (k.type === 'bulk' && k.value !== null ? [k.value] : []));
      this.consoleLine(['DEL', ...keys].map(quoteArg).join(' '));
    }
  }

  // ---------------------------------------------------------------- workload

  /** Start (or restart) an arrival stream of reads or writes, until `untilMs`. */
  startArrivals(kind: 'read' | 'write', spec: ArrivalSpec | null | undefined, untilMs = Infinity): void {
    const generation = ++this.arrivalGeneration[kind];
    if (!spec) return;
    const random = this.workloadRandom;
    const fire = (): void => {
      if (this.arrivalGeneration[kind] !== generation) return;
      const keys = this.keys;
      this.startRequest(kind, keys.keyOf(keys.count === 1 ? 1 : keys.pick(random.float())));
    };
    switch (spec.arrival) {
      case 'poisson': {
        if (!(spec.ratePerSec > 0)) return;
        // Keep exact (fractional) arrival times and round each down to its ms.
        let t = this.now + random.exponential(spec.ratePerSec) * 1000;
        const next = (): void => {
          if (this.arrivalGeneration[kind] !== generation) return;
          fire();
          t += random.exponential(spec.ratePerSec) * 1000;
          if (t <= untilMs) this.scheduler.schedule(t, next, Priority.arrival);
        };
        if (t <= untilMs) this.scheduler.schedule(t, next, Priority.arrival);
        break;
      }
      case 'periodic': {
        let t = spec.startMs ?? this.now + spec.everyMs;
        const next = (): void => {
          if (this.arrivalGeneration[kind] !== generation) return;
          fire();
          t += spec.everyMs;
          if (t <= untilMs) this.scheduler.schedule(t, next, Priority.arrival);
        };
        if (t <= untilMs) this.scheduler.schedule(t, next, Priority.arrival);
        break;
      }
      case 'burst':
        if (spec.atMs <= untilMs) {
          this.scheduler.schedule(spec.atMs, () => {
            for (let i = 0; i < spec.count; i++) fire();
          }, Priority.arrival);
        }
        break;
    }
  }
}

const WAIT = Symbol('wait');


function outcomeOf(actor: Actor, argv: readonly string[], reply: Reply): 'hit' | 'miss' | null {
  if (actor === 'console' || argv.length !== 2 || (argv[0] !== 'GET' && argv[0] !== 'get')) return null;
  return reply.type === 'bulk' && reply.value !== null ? 'hit' : 'miss';
}

/** The command shapes the strategies send: GET k, SET k v PX n [NX], SET k v NX PX n, DEL k... */
function isAppCommand(argv: readonly string[]): boolean {
  const name = argv[0];
  if (name === 'GET') return argv.length === 2;
  if (name === 'DEL') return argv.length >= 2;
  if (name !== 'SET') return false;
  const options = argv.slice(3).join(' ');
  return /^(NX )?PX \d+( NX)?$/.test(options);
}

/** What an app command did, from its arguments and reply. */
function appCommandChanges(argv: readonly string[], reply: Reply, isUnlock: boolean, now: number): KeyChange[] {
  if (isUnlock) return reply.type === 'integer' && reply.value === 1 ? [{ key: argv[0]!, entry: null }] : [];
  switch (argv[0]) {
    case 'SET': {
      if (reply.type !== 'status') return []; // NX lost: nothing changed
      const px = Number(argv[argv.indexOf('PX') + 1]);
      return [{ key: argv[1]!, entry: { type: 'string', value: argv[2]!, expireAt: now + px } }];
    }
    case 'DEL':
      return argv.slice(1).map((key) => ({ key, entry: null }));
    default:
      return [];
  }
}

function sameEntry(a: KeyEntry | undefined, b: KeyEntry): boolean {
  return a !== undefined && a.type === b.type && a.value === b.value && a.expireAt === b.expireAt;
}

function quoteArg(arg: string): string {
  return /^[\x21-\x7e]+$/.test(arg) && !/["'\\]/.test(arg) ? arg : `"${arg.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
