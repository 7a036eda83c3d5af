/**
 * What the world records: one method per kind of trace event. A recording world writes events to
 * its trace; an untraced one (the headless fast path) gets `silentRecorder`, whose methods do
 * nothing, so the world never asks whether anyone is listening and builds no event it would drop.
 */
import { Trace } from '../../engine/trace.ts';
import type { Scheduler } from '../../engine/scheduler.ts';
import { versionOf } from '../../database/database.ts';
import type { Reply } from '../../redis/reply.ts';
import type { Actor, KeyChange, KeyEntry, LearnerActionRecord, SeededRow, ServedFrom, TraceEvent, TraceEventInput } from '../events.ts';
import { isHit } from '../metrics.ts';
import type { RedisPort } from '../redis-port.ts';
import { KeyspaceRecorder } from './keyspace-recorder.ts';

/** The request a recorded event is about. */
export interface RequestRef {
  readonly requestId: number;
  readonly instance: number;
  readonly key: string;
  readonly kind: 'read' | 'write' | 'refresh' | 'drain';
}

/** Who ran a line of app code. */
export interface LineRunner {
  readonly requestId: number | null;
  /** An app instance, or the console (lesson 5's SCAN step button). */
  readonly instance: Actor;
}

export type LockEventType = 'lock.acquired' | 'lock.released' | 'lock.waiting';

export interface WorldRecorder {
  readonly recording: boolean;
  /** The events recorded so far (always empty when not recording). */
  readonly events: readonly TraceEvent[];
  action(action: LearnerActionRecord): void;
  /** `local`: a read's local-cache outcome, on an instance that has a local cache (lesson 15). */
  arrived(request: RequestRef, parentId: number | undefined, local?: 'hit' | 'miss'): void;
  /** A line of app code ran: a request's, or (requestId null) an app task's or a listener's on `instance`. */
  line(who: LineRunner, strategy: string, lineId: string): void;
  lock(type: LockEventType, request: RequestRef, lockKey: string, token: string, extra: { retryAt?: number; released?: boolean }): void;
  served(request: RequestRef, result: { value: string | null; from: ServedFrom; early?: boolean }, latencyMs: number, stale: boolean): void;
  command(commandId: number, requestId: number | null, actor: Actor, argv: readonly string[], arrivesAt: number): void;
  /** The keyspace before a command, when its effects must be diffed (null: no need, or not recording). */
  keyspaceBefore(actor: Actor, argv: readonly string[]): Map<string, KeyEntry> | null;
  executed(commandId: number, requestId: number | null, actor: Actor, argv: readonly string[], reply: Reply, before: Map<string, KeyEntry> | null): void;
  reply(commandId: number, requestId: number | null, actor: Actor, argv: readonly string[], reply: Reply, sentAt: number): void;
  failed(failure: { commandId: number; requestId: number | null; actor: Actor; argv: readonly string[]; error: 'timeout' | 'down'; message: string; attempt: number; retryAt: number | null }): void;
  seeded(changes: readonly KeyChange[], rows?: readonly SeededRow[]): void;
  console(line: string, outcome: { error: string } | { commandId: number }): void;
  /** A frame Redis pushed to the console's connection outside a reply. */
  consolePush(reply: Reply): void;
  fault(target: 'redis' | 'db', state: 'up' | 'down' | 'slow' | 'normal', latencyMs?: number): void;
  option(name: string, value: unknown): void;
  note(text: string): void;
  /** An app task was queued (started) or got its last reply (finished). */
  task(type: 'task.started' | 'task.finished', taskId: number, instance: number, action: string): void;
  /** Lesson 15's events (local caches, sync messages), built by its lazily loaded code. */
  local(event: TraceEventInput & { type: 'local.stored' | 'local.dropped' | 'sync.message' | 'sync.delivered' }): void;
}

/** A GET by the app found the key (hit) or not (miss); other commands have no outcome. */
export function outcomeOf(actor: Actor, argv: readonly string[], reply: Reply): 'hit' | 'miss' | null {
  if (actor === 'console' || argv.length !== 2 || (argv[0] !== 'GET' && argv[0] !== 'get')) return null;
  return reply.type === 'bulk' && reply.value !== null ? 'hit' : 'miss';
}

export class TracingRecorder implements WorldRecorder {
  readonly recording = true;
  private readonly trace = new Trace<TraceEvent>();
  private readonly keyspace: KeyspaceRecorder;
  private lastServedValue = '';
  private lastServedVersion: number | null = null;

  constructor(
    private readonly scheduler: Scheduler,
    redis: RedisPort,
  ) {
    this.keyspace = new KeyspaceRecorder(redis, scheduler);
    redis.onExpired((key) => this.trace.push({ type: 'key.expired', at: scheduler.now, key }));
    redis.onEvicted((key) => this.trace.push({ type: 'key.evicted', at: scheduler.now, key }));
    this.redis = redis;
  }

  private readonly redis: RedisPort;

  get events(): readonly TraceEvent[] {
    return this.trace.events;
  }

  /** For the database, which records its own query events. */
  get sink(): Trace<TraceEvent> {
    return this.trace;
  }

  private get now(): number {
    return this.scheduler.now;
  }

  action(action: LearnerActionRecord): void {
    this.trace.push({ type: 'action', at: this.now, action: { ...action } });
  }

  arrived(request: RequestRef, parentId: number | undefined, local?: 'hit' | 'miss'): void {
    const event = { type: 'request.arrived' as const, at: this.now, requestId: request.requestId, instance: request.instance, key: request.key, kind: request.kind };
    this.trace.push({ ...event, ...(parentId === undefined ? {} : { parentId }), ...(local === undefined ? {} : { local }) });
  }

  line(who: LineRunner, strategy: string, lineId: string): void {
    this.trace.push({ type: 'code.line', at: this.now, requestId: who.requestId, instance: who.instance, strategy, lineId });
  }

  lock(type: LockEventType, request: RequestRef, lockKey: string, token: string, extra: { retryAt?: number; released?: boolean }): void {
    this.trace.push({ type, at: this.now, requestId: request.requestId, instance: request.instance, key: lockKey, token, ...extra });
  }

  served(request: RequestRef, result: { value: string | null; from: ServedFrom; early?: boolean }, latencyMs: number, stale: boolean): void {
    const event = {
      type: 'request.served' as const,
      at: this.now,
      requestId: request.requestId,
      instance: request.instance,
      key: request.key,
      kind: request.kind,
      version: result.value === null ? null : this.versionOfServed(result.value),
      stale,
      hit: request.kind === 'read' && isHit(result.from),
      from: result.from,
      latencyMs,
    };
    this.trace.push(result.early ? { ...event, early: true } : event);
  }

  /** versionOf, remembering the last answer: hot keys serve the same string again and again. */
  private versionOfServed(value: string): number | null {
    if (value !== this.lastServedValue) {
      this.lastServedValue = value;
      this.lastServedVersion = versionOf(value);
    }
    return this.lastServedVersion;
  }

  command(commandId: number, requestId: number | null, actor: Actor, argv: readonly string[], arrivesAt: number): void {
    this.trace.push({ type: 'redis.command', at: this.now, commandId, requestId, actor, argv, sentAt: this.now, arrivesAt });
  }

  keyspaceBefore(actor: Actor, argv: readonly string[]): Map<string, KeyEntry> | null {
    return this.keyspace.before(actor, argv);
  }

  executed(commandId: number, requestId: number | null, actor: Actor, argv: readonly string[], reply: Reply, before: Map<string, KeyEntry> | null): void {
    const changes = this.keyspace.changes(argv, reply, before);
    const event = { type: 'redis.executed' as const, at: this.now, commandId, requestId, actor, argv, reply, outcome: outcomeOf(actor, argv, reply), changes };
    // Under LFU the key's counter is what eviction compares: the lab shows it beside the key.
    const freq = actor === 'console' || argv[1] === undefined ? undefined : this.redis.frequency(argv[1]);
    this.trace.push(freq === undefined ? event : { ...event, freq });
  }

  reply(commandId: number, requestId: number | null, actor: Actor, argv: readonly string[], reply: Reply, sentAt: number): void {
    this.trace.push({ type: 'redis.reply', at: this.now, commandId, requestId, actor, argv, reply, outcome: outcomeOf(actor, argv, reply), sentAt, arrivesAt: this.now });
  }

  failed(failure: { commandId: number; requestId: number | null; actor: Actor; argv: readonly string[]; error: 'timeout' | 'down'; message: string; attempt: number; retryAt: number | null }): void {
    this.trace.push({ type: 'redis.error', at: this.now, ...failure });
  }

  seeded(changes: readonly KeyChange[], rows?: readonly SeededRow[]): void {
    this.trace.push({ type: 'keyspace.seeded', at: this.now, changes, rows });
  }

  console(line: string, outcome: { error: string } | { commandId: number }): void {
    this.trace.push({ type: 'console', at: this.now, line, ...outcome });
  }

  consolePush(reply: Reply): void {
    this.trace.push({ type: 'console.push', at: this.now, reply });
  }

  fault(target: 'redis' | 'db', state: 'up' | 'down' | 'slow' | 'normal', latencyMs?: number): void {
    this.trace.push(latencyMs === undefined ? { type: 'fault', at: this.now, target, state } : { type: 'fault', at: this.now, target, state, latencyMs });
  }

  option(name: string, value: unknown): void {
    this.trace.push({ type: 'option', at: this.now, name, value });
  }

  note(text: string): void {
    this.trace.push({ type: 'note', at: this.now, text });
  }

  task(type: 'task.started' | 'task.finished', taskId: number, instance: number, action: string): void {
    this.trace.push({ type, at: this.now, taskId, instance, action });
  }

  local(event: TraceEventInput): void {
    this.trace.push(event);
  }
}

const nothing = (): void => {};

/** Records nothing: the untraced world's recorder. */
export const silentRecorder: WorldRecorder = {
  recording: false,
  events: [],
  action: nothing,
  arrived: nothing,
  line: nothing,
  lock: nothing,
  served: nothing,
  command: nothing,
  keyspaceBefore: () => null,
  executed: nothing,
  reply: nothing,
  failed: nothing,
  seeded: nothing,
  console: nothing,
  consolePush: nothing,
  fault: nothing,
  option: nothing,
  note: nothing,
  task: nothing,
  local: nothing,
};
