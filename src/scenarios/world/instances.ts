/**
 * The app instances: each has its own Redis connection, single-flight table and refresh set, and
 * runs requests through the configured strategy (a generator of effects the world performs).
 * Requests go round-robin unless an action names an instance.
 */
import { bumpRow, versionOf, type Row } from '../../database/database.ts';
import { strategies } from '../strategies/index.ts';
import type { DbResult, Effect, ReadResult, RedisResult, RequestContext, Step } from '../strategies/steps.ts';
import { serveCached, ttlWithJitter } from '../strategies/steps.ts';
import { swrRefresh } from '../strategies/swr.ts';
import { INVALIDATE_CHANNEL, writeThenInvalidate } from '../strategies/write.ts';
import { IN_PROGRESS, WRITE_QUEUE, writeBehindCode } from '../strategies/write-behind-loader.ts';
import type { SimOptions } from '../types.ts';
import type { World } from '../world.ts';
import type { LockEventType, RequestRef } from './recorder.ts';
import { WAIT, type LinkClient } from './redis-link.ts';

/** `drain`: one run of the write-behind worker, which copies queued writes to the database. */
const QUEUES = { queue: WRITE_QUEUE, inProgress: IN_PROGRESS };

export type RequestKind = 'read' | 'write' | 'refresh' | 'drain';

/**
 * Each instance's own in-process cache in front of Redis and what keeps it in sync (lesson 15).
 * The code is `local-caches.ts`, loaded on demand with its scenario; null everywhere else.
 */
export interface LocalCacheHooks {
  /** The instance's live local copy of `key`, or undefined. */
  get(instance: number, key: string): string | undefined;
  /** A read got `value` from Redis (a hit): keep it. */
  keep(instance: number, key: string, value: string): void;
  /** The instance wrote `key`: it drops its own copy. */
  wrote(instance: number, key: string): void;
  /** Instances up to `count` exist now. */
  ensure(count: number): void;
  /** Invalidation messages sent and not yet delivered (lost ones never arrive and are not counted). */
  readonly messagesOnTheWay: number;
  optionChanged(name: string): void;
}

interface InstanceState {
  readonly session: unknown;
  readonly flights: Set<string>;
  readonly refreshing: Set<string>;
  readonly waiters: Map<string, Request[]>;
}

/** One request running on one app instance; it is also the strategy's context. */
class Request implements RequestContext, RequestRef, LinkClient {
  gen!: Step<ReadResult>;
  dbLatencyMs: number | undefined;
  /** A draw the fast path already took for this request (XFetch's check), used first. */
  presetRandom: number | undefined;
  /** The code rendering its lines belong to: the read strategy's, `write` or `write-behind`. */
  source = '';
  constructor(
    private readonly apps: AppInstances,
    readonly requestId: number,
    readonly instance: number,
    readonly key: string,
    readonly kind: RequestKind,
    readonly arrivedAt: number,
  ) {}
  get actor(): number {
    return this.instance;
  }
  /** Built on demand: only lock holders need it. */
  get token(): string {
    return `${this.instance}-${this.requestId}`;
  }
  get options(): Readonly<SimOptions> {
    return this.apps.world.options;
  }
  get flights(): Set<string> {
    return this.apps.state(this.instance).flights;
  }
  get refreshing(): Set<string> {
    return this.apps.state(this.instance).refreshing;
  }
  now(): number {
    return this.apps.world.now;
  }
  line(id: string): void {
    const world = this.apps.world;
    world.recorder.line(this, this.source, id);
  }
  random(): number {
    const preset = this.presetRandom;
    if (preset === undefined) return this.apps.world.strategyRandom.float();
    this.presetRandom = undefined;
    return preset;
  }
  spawnRefresh(key: string): void {
    this.apps.spawnRefresh(key, this.instance, this.requestId);
  }
  dropOwnCopy(key: string): void {
    const local = this.apps.local;
    if (local === null) return;
    this.line('drop-own');
    local.wrote(this.instance, key);
  }
  lockEvent(type: LockEventType, lockKey: string, extra: { retryAt?: number; released?: boolean } = {}): void {
    this.apps.world.recorder.lock(type, this, lockKey, this.token, extra);
  }
  resume(result: RedisResult): void {
    this.apps.drive(this, result);
  }
}

/**
 * The strategy's context for the fast path's cache check, reused for every read so a hit
 * allocates nothing. It remembers a random draw so a read that goes on can reuse it.
 */
class FastCheck implements RequestContext {
  requestId = 0;
  instance = 0;
  drawn: number | undefined;
  constructor(private readonly apps: AppInstances) {}
  get options(): Readonly<SimOptions> {
    return this.apps.world.options;
  }
  get flights(): Set<string> {
    return this.apps.state(this.instance).flights;
  }
  get refreshing(): Set<string> {
    return this.apps.state(this.instance).refreshing;
  }
  get token(): string {
    return `${this.instance}-${this.requestId}`;
  }
  now(): number {
    return this.apps.world.now;
  }
  line(): void {}
  random(): number {
    const u = this.apps.world.strategyRandom.float();
    this.drawn = u;
    return u;
  }
  spawnRefresh(key: string): void {
    this.apps.spawnRefresh(key, this.instance, this.requestId);
  }
  dropOwnCopy(): void {}
  lockEvent(): void {}
}

export class AppInstances {
  /** Requests started and not yet answered, and a write-behind worker run due (so a run "until idle" waits for it). */
  inFlight = 0;
  /** App tasks (data-types.ts) queued or running. */
  tasks = 0;
  private nextTaskId = 1;
  private readonly instances: InstanceState[] = [];
  private nextRequestId = 1;
  private roundRobin = 0;
  private readonly fastCheck = new FastCheck(this);
  /** Local caches, when the scenario has them (lesson 15). */
  local: LocalCacheHooks | null = null;
  /** The channel writers PUBLISH changed keys on when instances sync by pub/sub. */
  readonly invalidateChannel = INVALIDATE_CHANNEL;
  /** Write-behind: the version each key's last queued change gave its row (the database may not have it yet). */
  private readonly queuedVersions = new Map<string, number>();
  /** Write-behind's worker: a run is scheduled, or one is running (and how many writes were queued meanwhile). */
  private workerScheduled = false;
  private workerRunning = false;
  private queuedDuringRun = 0;

  constructor(readonly world: World) {}

  state(instance: number): InstanceState {
    return this.instances[instance]!;
  }

  /** Start instances up to the `instances` option (instances are never removed). */
  ensure(count: number): void {
    while (this.instances.length < count) {
      this.instances.push({ session: this.world.redis.createSession(), flights: new Set(), refreshing: new Set(), waiters: new Map() });
    }
    this.local?.ensure(count);
  }

  sessionOf(instance: number): unknown {
    return this.instances[instance]!.session;
  }

  /** An app task is queued on `instance`'s connection: count and record it; returns its id. */
  taskStarted(instance: number, action: string): number {
    const taskId = this.nextTaskId++;
    this.tasks++;
    this.world.recorder.task('task.started', taskId, instance, action);
    return taskId;
  }

  /** The task got its last reply. */
  taskFinished(taskId: number, instance: number, action: string): void {
    this.tasks--;
    this.world.recorder.task('task.finished', taskId, instance, action);
  }

  spawnRefresh(key: string, instance: number, parentId: number): void {
    this.instances[instance]!.refreshing.add(key);
    this.start('refresh', key, instance, parentId);
  }

  /** A request arrives: on `instance`, or the next one round-robin. */
  start(kind: RequestKind, key: string, instance?: number, parentId?: number, dbLatencyMs?: number): void {
    const world = this.world;
    const count = world.options.instances;
    let target = instance ?? this.roundRobin;
    if (instance === undefined) this.roundRobin = (this.roundRobin + 1) % count;
    if (target >= count) target = target % count;
    const requestId = this.nextRequestId++;
    const local = kind === 'read' ? this.local : null;
    if (local !== null) {
      const value = local.get(target, key);
      if (value !== undefined) {
        // Answered from the instance's own memory: Redis never hears of this read.
        const request = new Request(this, requestId, target, key, kind, world.now);
        request.source = world.options.strategy;
        this.inFlight++;
        world.recorder.arrived(request, parentId, 'hit');
        request.line('local-get');
        request.line('local-hit');
        this.finish(request, { value, from: 'local' });
        return;
      }
    }
    // Untraced reads with an instant, live Redis send their GET here: a hit then needs no generator.
    let first: RedisResult | undefined;
    let presetRandom: number | undefined;
    if (kind === 'read' && !world.recorder.recording && world.link.up && world.options.redisLatencyMs === 0) {
      const now = world.now;
      const reply = world.link.getNow(key, this.instances[target]!.session);
      if (reply.type === 'bulk' && reply.value !== null) {
        const check = this.fastCheck;
        check.requestId = requestId;
        check.instance = target;
        check.drawn = undefined;
        const served = serveCached(check, key, reply.value, strategies[world.options.strategy].fromCache);
        if (served !== undefined) {
          world.metrics.read(now, 'cache', served !== null && world.isStale(key, served), 0, false);
          if (served !== null) this.local?.keep(target, key, served);
          return;
        }
        presetRandom = check.drawn;
      }
      first = { ok: true, reply };
    }
    const request = new Request(this, requestId, target, key, kind, world.now);
    request.dbLatencyMs = dbLatencyMs;
    request.presetRandom = presetRandom;
    this.inFlight++;
    world.recorder.arrived(request, parentId, local === null ? undefined : 'miss');
    const writeMode = world.options.writeMode;
    request.source = kind === 'drain' ? 'write-behind' : kind === 'write' ? (writeMode === 'write-behind' ? 'write-behind' : 'write') : world.options.strategy;
    if (local !== null) request.line('local-get');
    request.gen =
      kind === 'write'
        ? writeMode === 'write-behind'
          ? writeBehindCode.get().writeBehind(request, key, QUEUES, () => ttlWithJitter(request))
          : writeThenInvalidate(request, key)
        : kind === 'refresh'
          ? swrRefresh(request, key)
          : kind === 'drain'
            ? writeBehindCode.get().drainQueue(request, QUEUES, this.rowOfJob)
            : strategies[world.options.strategy].read(request, key);
    if (first === undefined) this.drive(request, undefined);
    else {
      // Every read strategy's first effect is that GET: skip it and hand over the reply instead.
      const step = request.gen.next();
      if (step.done || step.value.kind !== 'redis' || step.value.argv[0] !== 'GET') throw new Error('a read strategy must start with GET');
      this.drive(request, first);
    }
  }

  /** Run the request's generator until it waits for the clock or finishes. */
  drive(request: Request, input: unknown): void {
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
    const world = this.world;
    switch (effect.kind) {
      case 'redis':
        return world.link.send(request, effect.argv);
      case 'db': {
        const { table, id } = world.rowOf(effect.key);
        const query = {
          table, id, key: effect.key, requestId: request.requestId, instance: request.instance,
          ...(request.dbLatencyMs !== undefined ? { latencyMs: request.dbLatencyMs } : {}),
          ...(effect.version !== undefined ? { version: effect.version } : {}),
        };
        const done = (row: Row | null, ok: boolean): void => this.drive(request, ok ? ({ ok: true, row } satisfies DbResult) : ({ ok: false } satisfies DbResult));
        if (effect.op === 'read') world.db.read(query, done);
        else world.db.write(query, done);
        return WAIT;
      }
      case 'next-row':
        return this.nextRowValue(effect.key);
      case 'sleep':
        world.scheduler.schedule(world.now + effect.ms, () => this.drive(request, undefined));
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
        if (list) for (const waiter of list) world.scheduler.schedule(world.now, () => this.drive(waiter, effect.value));
        return undefined;
      }
    }
  }

  /** The request answers its caller: count it and record it. */
  private finish(request: Request, result: ReadResult): void {
    this.inFlight--;
    const world = this.world;
    const latencyMs = world.now - request.arrivedAt;
    let stale = false;
    if (request.kind === 'read') {
      stale = result.value !== null && world.isStale(request.key, result.value);
      world.metrics.read(world.now, result.from, stale, latencyMs, result.early === true);
    } else if (request.kind === 'write') world.metrics.write(world.now);
    world.recorder.served(request, result, latencyMs, stale);
    // Write-behind: a queued change wakes the worker; a run that saw more changes queued meanwhile checks again.
    if (request.kind === 'write' && request.source === 'write-behind' && result.value !== null) this.queued();
    else if (request.kind === 'drain') {
      this.workerRunning = false;
      if (this.queuedDuringRun > 0) this.scheduleWorker();
    }
    // Keep only a value read from Redis (lesson 15); a writer dropped its own copy (dropOwnCopy).
    if (this.local !== null && request.kind === 'read' && result.from === 'cache' && result.value !== null) {
      request.line('keep');
      this.local.keep(request.instance, request.key, result.value);
    }
  }

  /** Write-behind: the row a write queues, one version past the database's and the last queued change's. */
  private nextRowValue(key: string): string {
    const { table, id } = this.world.rowOf(key);
    const row = this.world.db.peek(table, id);
    const version = Math.max(row?.version ?? 0, this.queuedVersions.get(key) ?? 0) + 1;
    this.queuedVersions.set(key, version);
    return bumpRow(id, version, row?.value);
  }

  /** The cache key and version of a queued row: {"id":"1",...,"version":3} is user:1 at version 3. */
  private readonly rowOfJob = (job: string): { key: string; version: number | undefined } => {
    const id = /^\{"id":"([^"]*)"/.exec(job)?.[1];
    return { key: id === undefined ? job : `${this.world.keys.prefix}:${id}`, version: versionOf(job) ?? undefined };
  };

  private queued(): void {
    if (this.workerRunning) this.queuedDuringRun++;
    else this.scheduleWorker();
  }

  /** The worker wakes `workerDelayMs` after a change is queued (once per run) and drains the queue on app instance 0's connection. */
  private scheduleWorker(): void {
    if (this.workerScheduled) return;
    this.workerScheduled = true;
    this.inFlight++;
    const world = this.world;
    world.scheduler.schedule(world.now + world.options.workerDelayMs, () => {
      this.workerScheduled = false;
      this.inFlight--;
      this.workerRunning = true;
      this.queuedDuringRun = 0;
      this.start('drain', WRITE_QUEUE, 0);
    });
  }

}
