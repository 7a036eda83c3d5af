/**
 * The network between the app instances and Redis: one-way latency, a timeout when Redis is down,
 * and retries with exponential backoff. A command either answers at once (no latency, Redis up)
 * or the client resumes later with the reply or the final failure.
 */
import type { Reply } from '../../redis/reply.ts';
import type { Actor } from '../events.ts';
import type { RedisResult } from '../strategies/steps.ts';
import type { World } from '../world.ts';

/** Returned by `send` when the client resumes later. */
export const WAIT = Symbol('wait');

/** Who sends: an app request (resumed with the result) or the console. */
export interface LinkClient {
  readonly actor: Actor;
  readonly requestId: number | null;
  /** The reply or the final failure, for a command that did not answer at once. */
  resume(result: RedisResult): void;
}

/** One command on its way, for the paths that finish later (latency, timeouts, retries). */
interface InFlightCommand {
  readonly client: LinkClient;
  readonly argv: readonly string[];
  readonly attempt: number;
  readonly commandId: number;
  readonly sentAt: number;
}

export class RedisLink {
  /** Whether the server answers (redisDown / redisUp). */
  up = true;
  private nextId = 1;

  constructor(private readonly world: World) {}

  /** A fresh command id (the console takes one per typed line, even one that does not parse). */
  newCommandId(): number {
    return this.nextId++;
  }

  /** Send a command; with zero latency and Redis up the result comes back at once, otherwise WAIT and the client resumes. */
  send(client: LinkClient, argv: readonly string[], attempt = 0): RedisResult | typeof WAIT {
    const world = this.world;
    const now = world.now;
    const commandId = this.nextId++;
    const latency = world.options.redisLatencyMs;
    world.metrics.redisCommand(now);
    world.recorder.command(commandId, client.requestId, client.actor, argv, now + latency);
    if (latency === 0 && this.up) {
      const reply = this.execute(client, commandId, argv);
      world.recorder.reply(commandId, client.requestId, client.actor, argv, reply, now);
      return { ok: true, reply };
    }
    const command: InFlightCommand = { client, argv, attempt, commandId, sentAt: now };
    if (latency === 0) this.awaitTimeout(command);
    else world.scheduler.schedule(now + latency, () => this.arrive(command));
    return WAIT;
  }

  /** An untraced app GET with no latency and Redis up: the fast path's first command. */
  getNow(key: string, session: unknown): Reply {
    this.nextId++;
    this.world.metrics.redisCommand(this.world.now);
    return this.world.redis.exec(['GET', key], session);
  }

  /** The command reaches the server (after the latency), which answers after the latency again. */
  private arrive(command: InFlightCommand): void {
    if (!this.up) {
      this.awaitTimeout(command);
      return;
    }
    const world = this.world;
    const { client, commandId, argv } = command;
    const reply = this.execute(client, commandId, argv);
    const executedAt = world.now;
    world.scheduler.schedule(executedAt + world.options.redisLatencyMs, () => {
      world.recorder.reply(commandId, client.requestId, client.actor, argv, reply, executedAt);
      // The trace counts an app command's error reply as a failed command (metrics.ts); so does the untraced run.
      if (reply.type === 'error' && client.actor !== 'console') world.metrics.redisError(world.now);
      client.resume({ ok: true, reply });
    });
  }

  /** Redis is down: the client hears nothing and gives up after redisTimeoutMs. */
  private awaitTimeout(command: InFlightCommand): void {
    this.world.scheduler.schedule(command.sentAt + this.world.options.redisTimeoutMs, () => this.timedOut(command));
  }

  /** Record the failure; retry after a backoff that doubles each attempt, or give up. */
  private timedOut(command: InFlightCommand): void {
    const world = this.world;
    const { client, attempt } = command;
    const options = world.options;
    const retryAt = attempt < options.retries ? world.now + options.backoffMs * 2 ** attempt : null;
    world.metrics.redisError(world.now);
    world.recorder.failed({
      commandId: command.commandId,
      requestId: client.requestId,
      actor: client.actor,
      argv: command.argv,
      error: 'timeout',
      message: `no reply within ${options.redisTimeoutMs} ms`,
      attempt,
      retryAt,
    });
    if (retryAt === null) {
      client.resume({ ok: false, error: 'timeout' });
      return;
    }
    world.scheduler.schedule(retryAt, () => {
      const result = this.send(client, command.argv, attempt + 1);
      if (result !== WAIT) client.resume(result);
    });
  }

  /** Execute on the server now and record what it did to the keyspace. */
  execute(client: LinkClient, commandId: number, argv: readonly string[]): Reply {
    const world = this.world;
    const before = world.recorder.keyspaceBefore(client.actor, argv);
    const reply = world.redis.exec(argv, world.sessionOf(client.actor));
    world.recorder.executed(commandId, client.requestId, client.actor, argv, reply, before);
    return reply;
  }
}
