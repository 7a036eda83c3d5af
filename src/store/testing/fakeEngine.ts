/**
 * A tiny stand-in for the simulation core, for store and view tests that must not depend on the
 * real scenarios' numbers: a read of a cached key is a hit after 2 ms; a miss reads the database
 * for 50 ms and sets the key with a 1 s TTL.
 */
import type { KeyEntry, TraceEvent, TraceEventInput } from '../../scenarios/events.ts';
import { Trace } from '../../engine/trace.ts';
import { metricsOf } from '../../scenarios/metrics.ts';
import type { LearnerAction, Metrics, ScheduledAction, SimOptions, SimState, Simulation, SimulationInput } from '../../scenarios/types.ts';
import { defaultOptions } from '../../scenarios/options.ts';
import type { LabEngine, ScenarioInfo } from '../engine.ts';
import { NIL, OK, bulk } from '../../redis/reply.ts';

const fakeScenario: ScenarioInfo = {
  id: 'fake',
  title: 'A fake scenario',
  fields: [
    { name: 'ttlMs', label: 'TTL', type: 'number', min: 100, max: 60_000, unit: 'ms', default: 1_000 },
    { name: 'strategy', label: 'Strategy', type: 'select', choices: ['plain', 'lock'], default: 'plain' },
  ],
  actions: ['read', 'readMissing', 'burst', 'write', 'redisDown', 'redisUp', 'flushCache'],
  defaultKey: 'user:1',
};

class FakeSimulation implements Simulation {
  readonly scenarioId = 'basics' as const;
  readonly redis = null;
  now = 0;
  private readonly recorded = new Trace<TraceEvent>();
  actions: ScheduledAction[] = [];
  private pending: TraceEventInput[] = [];
  private keyspace = new Map<string, KeyEntry>();
  private nextRequest = 1;
  private nextCommand = 1;

  constructor(
    readonly seed: number,
    readonly options: Readonly<SimOptions>,
  ) {}

  get trace(): readonly TraceEvent[] {
    return this.recorded.events;
  }

  private emit(event: TraceEventInput) {
    this.pending.push(event);
    this.pending.sort((a, b) => a.at - b.at);
  }

  private scheduleRead(key: string, at: number) {
    const requestId = this.nextRequest++;
    const commandId = this.nextCommand++;
    const entry = this.keyspace.get(key);
    const hit = entry !== undefined && (entry.expireAt === null || entry.expireAt >= at + 1);
    this.emit({ type: 'request.arrived', at, requestId, instance: 0, key, kind: 'read' });
    this.emit({ type: 'redis.command', at, commandId, requestId, actor: 0, argv: ['GET', key], sentAt: at, arrivesAt: at + 1 });
    this.emit({ type: 'redis.executed', at: at + 1, commandId, requestId, actor: 0, argv: ['GET', key], reply: hit ? bulk(entry!.value) : NIL, outcome: hit ? 'hit' : 'miss', changes: [] });
    this.emit({ type: 'redis.reply', at: at + 2, commandId, requestId, actor: 0, argv: ['GET', key], reply: hit ? bulk(entry!.value) : NIL, outcome: hit ? 'hit' : 'miss', sentAt: at + 1, arrivesAt: at + 2 });
    if (hit) {
      this.emit({ type: 'request.served', at: at + 2, requestId, instance: 0, key, kind: 'read', version: 1, stale: false, hit: true, from: 'cache', latencyMs: 2 });
      return;
    }
    this.emit({ type: 'db.started', at: at + 2, queryId: requestId, requestId, instance: 0, op: 'read', table: 'users', id: key, waitMs: 0, finishesAt: at + 52, active: 1 });
    this.emit({ type: 'db.finished', at: at + 52, queryId: requestId, requestId, instance: 0, op: 'read', table: 'users', id: key, version: 1, waitMs: 0, latencyMs: 50, ok: true, active: 0 });
    const setId = this.nextCommand++;
    const value = `{"id":"${key}"}`;
    const expireAt = at + 53 + this.options.ttlMs;
    this.keyspace.set(key, { type: 'string', value, expireAt });
    this.emit({ type: 'redis.command', at: at + 52, commandId: setId, requestId, actor: 0, argv: ['SET', key, value, 'PX', '1000'], sentAt: at + 52, arrivesAt: at + 53 });
    this.emit({ type: 'redis.executed', at: at + 53, commandId: setId, requestId, actor: 0, argv: ['SET', key, value], reply: OK, outcome: null, changes: [{ key, entry: { type: 'string', value, expireAt } }] });
    this.emit({ type: 'redis.reply', at: at + 54, commandId: setId, requestId, actor: 0, argv: ['SET', key, value], reply: OK, outcome: null, sentAt: at + 53, arrivesAt: at + 54 });
    this.emit({ type: 'request.served', at: at + 54, requestId, instance: 0, key, kind: 'read', version: 1, stale: false, hit: false, from: 'database', latencyMs: 54 });
  }

  apply(action: LearnerAction, atMs = this.now) {
    const at = Math.max(atMs, this.now);
    this.runUntil(at);
    this.actions.push({ at, action });
    this.emit({ type: 'action', at, action });
    if (action.type === 'read') this.scheduleRead(action.key, at);
    if (action.type === 'burst') for (let i = 0; i < action.count; i++) this.scheduleRead(action.key, at);
    if (action.type === 'flushCache') this.keyspace.clear();
    if (action.type === 'setOption') this.emit({ type: 'option', at, name: action.name, value: action.value });
    this.runUntil(at);
  }

  runUntil(ms: number) {
    while (this.pending.length > 0 && this.pending[0]!.at <= ms) {
      this.recorded.push(this.pending.shift()!);
    }
    this.now = Math.max(this.now, ms);
  }

  runUntilIdle(maxMs = Infinity) {
    const last = this.pending.at(-1)?.at ?? this.now;
    this.runUntil(Math.min(last, maxMs));
  }

  nextExpiryAt() {
    return null;
  }
  metrics(): Metrics {
    return metricsOf(this.trace);
  }
  timeSeries() {
    return [];
  }

  fork(atMs: number): Simulation {
    const copy = new FakeSimulation(this.seed, this.options);
    for (const scheduled of this.actions.filter((entry) => entry.at <= atMs)) copy.apply(scheduled.action, scheduled.at);
    copy.runUntil(atMs);
    return copy;
  }

  consoleExec() {
    return OK;
  }
}

/** Replays the trace prefix into the snapshot shape the views read. */
function fakeStateAt(trace: readonly TraceEvent[], index: number): SimState {
  const keyspace = new Map<string, KeyEntry>();
  let active = 0;
  for (const event of trace.slice(0, index)) {
    if (event.type === 'redis.executed') for (const change of event.changes) change.entry ? keyspace.set(change.key, change.entry) : keyspace.delete(change.key);
    if (event.type === 'db.started' || event.type === 'db.finished') active = event.active;
  }
  const metrics = metricsOf(trace, 0, index);
  const at = index > 0 ? trace[index - 1]!.at : 0;
  return { index, at, keyspace, db: { active, queued: 0, peak: 1 }, redisUp: true, inFlight: [], tasks: 0, messagesOnTheWay: 0, metrics };
}

export function fakeEngine(): LabEngine {
  return {
    scenario: (id) => (id === 'fake' ? fakeScenario : undefined),
    validateOptions(_id, raw) {
      const options: Record<string, unknown> = { ttlMs: 1_000, strategy: 'plain' };
      const messages: string[] = [];
      for (const [name, value] of Object.entries(raw)) {
        if (name === 'ttlMs') {
          if (typeof value === 'number' && value >= 100 && value <= 60_000) options.ttlMs = value;
          else messages.push(`ttlMs must be a number from 100 to 60000; got ${JSON.stringify(value)}.`);
        } else if (name === 'strategy') {
          if (value === 'plain' || value === 'lock') options.strategy = value;
          else messages.push(`strategy must be one of plain, lock; got ${JSON.stringify(value)}.`);
        } else messages.push(`${name} is not an option of this scenario, so it was ignored.`);
      }
      return { options, messages };
    },
    createSimulation: (input: SimulationInput) => new FakeSimulation(input.seed ?? 1, { ...defaultOptions({ ttlMs: 1_000 }), ...(input.options as Partial<SimOptions>) }),
    stateAt: fakeStateAt,
  };
}
