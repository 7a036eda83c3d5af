/**
 * Lesson 15: each app instance keeps a small cache in its own memory in front of Redis, and Redis
 * messages tell it when to drop a copy. Loaded on demand with the `many-caches` scenario
 * (`prepareScenario`), so no other lab pays for it.
 *
 * - An instance keeps a value it read from Redis (a GET hit) for `localTtlMs`, at most
 *   `localCacheSize` keys, least recently used first out. A value it loaded from the database is
 *   not kept: under CLIENT TRACKING only a value read from Redis is tracked, and one rule for every
 *   method keeps the comparison fair.
 * - Each instance has a second connection that listens (`syncMethod`): `pubsub` SUBSCRIBEs to the
 *   channel writers PUBLISH changed keys on; `keyspace` PSUBSCRIBEs to Redis's keyspace
 *   notifications; `tracking` and `bcast` turn on CLIENT TRACKING on the data connection with
 *   REDIRECT to the listening one, which SUBSCRIBEs to `__redis__:invalidate` (RESP2).
 * - What Redis delivers to a listening connection is a real frame from the emulator; the world then
 *   carries it to the instance after `redisLatencyMs + messageDelayMs`, or loses it with probability
 *   `messageLoss`, drawn from the run's own seeded stream, so a run replays exactly.
 */
// Types only: a value imported from the eagerly loaded modules would split them into a shared chunk
// and grow every lab's first load; the world hands over what this module needs (its random stream,
// the writers' channel).
import type { Random } from '../../engine/random.ts';
import type { Reply } from '../../redis/reply.ts';
import type { SyncMethod } from '../types.ts';
import type { World } from '../world.ts';
import type { LocalCacheHooks } from './instances.ts';

/** Redis's RESP2 channel for client-tracking invalidations sent with REDIRECT. */
export const TRACKING_CHANNEL = '__redis__:invalidate';
/** The keyspace notification classes the `keyspace` method turns on: K keyspace, g generic (del, expire), $ string (set), x expired, e evicted. */
export const KEYSPACE_EVENTS = 'Kg$xe';

interface LocalEntry {
  readonly value: string;
  readonly expiresAt: number;
}

interface Listener {
  readonly session: unknown;
  /** The data connection's tracking is on (to turn it off when the method changes). */
  tracking: boolean;
}

/**
 * The commands an instance sends to start listening: on its listening connection, then on its data
 * connection (`listenerId` is the listening connection's CLIENT ID).
 */
export function listenCommands(method: SyncMethod, keyPrefix: string, listenerId: number, channel: string): { listener: string[][]; data: string[][] } {
  switch (method) {
    case 'none':
      return { listener: [], data: [] };
    case 'pubsub':
      return { listener: [['SUBSCRIBE', channel]], data: [] };
    case 'keyspace':
      return { listener: [['PSUBSCRIBE', `__keyspace@0__:${keyPrefix}*`]], data: [] };
    case 'tracking':
      return { listener: [['SUBSCRIBE', TRACKING_CHANNEL]], data: [['CLIENT', 'TRACKING', 'ON', 'REDIRECT', String(listenerId)]] };
    case 'bcast':
      return { listener: [['SUBSCRIBE', TRACKING_CHANNEL]], data: [['CLIENT', 'TRACKING', 'ON', 'REDIRECT', String(listenerId), 'BCAST', 'PREFIX', keyPrefix]] };
  }
}

/** A frame's elements as text for the trace: strings as they are, a nested array as [a, b], nil as (nil). */
function frameText(reply: Reply): string {
  if (reply.type === 'bulk' || reply.type === 'status') return reply.value ?? '(nil)';
  if (reply.type === 'integer') return String(reply.value);
  if ((reply.type === 'array' || reply.type === 'push' || reply.type === 'set') && reply.value !== null) return `[${reply.value.map(frameText).join(', ')}]`;
  return '(nil)';
}

/** The keys a frame invalidates (null = all of them), or undefined when it is not an invalidation. */
export function invalidatedKeys(frame: readonly Reply[], channel: string): readonly string[] | null | undefined {
  const text = (reply: Reply | undefined): string | null => (reply?.type === 'bulk' ? reply.value : null);
  const kind = text(frame[0]);
  if (kind === 'message') {
    const from = text(frame[1]);
    const payload = frame[2];
    if (from === channel) return text(payload) === null ? undefined : [text(payload)!];
    if (from === TRACKING_CHANNEL) {
      if (payload === undefined) return undefined;
      if (payload.type === 'array' && payload.value !== null) return payload.value.map((key) => text(key) ?? '');
      return null; // a flush: every key
    }
    return undefined;
  }
  if (kind === 'pmessage') {
    const channel = text(frame[2]);
    const at = channel?.indexOf(':') ?? -1;
    return channel !== null && channel.startsWith('__keyspace@') && at > 0 ? [channel.slice(at + 1)] : undefined;
  }
  if (kind === 'invalidate') {
    // RESP3 push: ["invalidate", [keys] | null] (the console may turn tracking on for itself).
    const keys = frame[1];
    return keys?.type === 'array' && keys.value !== null ? keys.value.map((key) => text(key) ?? '') : null;
  }
  return undefined;
}

export class LocalCaches implements LocalCacheHooks {
  private readonly caches: Map<string, LocalEntry>[] = [];
  private readonly listeners: Listener[] = [];
  private readonly random: Random;
  private method: SyncMethod = 'none';
  private nextMessageId = 1;
  messagesOnTheWay = 0;
  /** For CONFIG SET: a listening connection may be in subscribed mode, where RESP2 refuses it. */
  private readonly admin: unknown;

  /** `channel`: the one writers PUBLISH changed keys on (`INVALIDATE_CHANNEL` of strategies/write.ts). */
  constructor(
    private readonly world: World,
    private readonly channel: string,
  ) {
    this.admin = world.redis.createSession();
    // Its own stream (a fork takes no draw from its parent): message loss never shifts the workload's or the strategies' draws.
    this.random = world.strategyRandom.fork('local-caches');
  }

  private get keyPrefix(): string {
    return `${this.world.keys.prefix}:`;
  }

  get(instance: number, key: string): string | undefined {
    const cache = this.caches[instance];
    const entry = cache?.get(key);
    if (cache === undefined || entry === undefined) return undefined;
    if (this.world.now > entry.expiresAt) {
      cache.delete(key);
      this.world.recorder.local({ type: 'local.dropped', at: this.world.now, instance, key, reason: 'expired' });
      return undefined;
    }
    // Least recently used first out: a read moves the key to the back of the Map's order.
    cache.delete(key);
    cache.set(key, entry);
    return entry.value;
  }

  keep(instance: number, key: string, value: string): void {
    const { localTtlMs, localCacheSize } = this.world.options;
    const cache = this.caches[instance];
    if (localTtlMs === 0 || cache === undefined) return;
    cache.delete(key);
    for (const oldest of cache.keys()) {
      if (cache.size < localCacheSize) break;
      cache.delete(oldest);
      this.world.recorder.local({ type: 'local.dropped', at: this.world.now, instance, key: oldest, reason: 'evicted' });
    }
    const expiresAt = this.world.now + localTtlMs;
    cache.set(key, { value, expiresAt });
    this.world.recorder.local({ type: 'local.stored', at: this.world.now, instance, key, version: this.world.versionOf(value), expiresAt });
  }

  wrote(instance: number, key: string): void {
    if (this.caches[instance]?.delete(key)) this.world.recorder.local({ type: 'local.dropped', at: this.world.now, instance, key, reason: 'write' });
  }

  ensure(count: number): void {
    while (this.caches.length < count) {
      const instance = this.caches.length;
      this.caches.push(new Map());
      const session = this.world.redis.createSession();
      this.world.redis.onPush(session, (reply) => this.received(instance, reply));
      const listener: Listener = { session, tracking: false };
      this.listeners.push(listener);
      this.listen(instance, listener);
    }
  }

  optionChanged(name: string): void {
    if (name !== 'syncMethod' || this.world.options.syncMethod === this.method) return;
    this.listeners.forEach((listener, instance) => this.stopListening(instance, listener));
    this.start();
  }

  /** Wire every instance for the method in force. */
  start(): void {
    const method = this.world.options.syncMethod;
    this.method = method;
    // Keyspace notifications are off by default in Redis; only that method needs them.
    this.world.redis.exec(['CONFIG', 'SET', 'notify-keyspace-events', method === 'keyspace' ? KEYSPACE_EVENTS : ''], this.admin);
    this.listeners.forEach((listener, instance) => this.listen(instance, listener));
    const sample = listenCommands(method, this.keyPrefix, 0, this.channel);
    const shown = [...sample.data, ...sample.listener].map((argv) => argv.join(' ').replace(' REDIRECT 0', ' REDIRECT <id>'));
    this.world.recorder.note(
      method === 'none'
        ? 'No sync: each instance keeps its local copies until their local TTL ends, whatever happens in Redis.'
        : `Each instance listens on a second connection: ${shown.join(', then ')}.`,
    );
  }

  private listen(instance: number, listener: Listener): void {
    const redis = this.world.redis;
    const id = redis.exec(['CLIENT', 'ID'], listener.session);
    const commands = listenCommands(this.method, this.keyPrefix, id.type === 'integer' ? Number(id.value) : 0, this.channel);
    for (const argv of commands.listener) redis.exec(argv, listener.session);
    for (const argv of commands.data) redis.exec(argv, this.world.apps.sessionOf(instance));
    listener.tracking = commands.data.length > 0;
  }

  private stopListening(instance: number, listener: Listener): void {
    const redis = this.world.redis;
    redis.exec(['UNSUBSCRIBE'], listener.session);
    redis.exec(['PUNSUBSCRIBE'], listener.session);
    if (listener.tracking) redis.exec(['CLIENT', 'TRACKING', 'OFF'], this.world.apps.sessionOf(instance));
    listener.tracking = false;
  }

  /** Redis delivered a frame to an instance's listening connection: carry it there, or lose it. */
  private received(instance: number, reply: Reply): void {
    if (reply.type !== 'push' && reply.type !== 'array') return;
    const frame = reply.value ?? [];
    const keys = invalidatedKeys(frame, this.channel);
    if (keys === undefined) return;
    const world = this.world;
    const { messageLoss, messageDelayMs, redisLatencyMs } = world.options;
    const messageId = this.nextMessageId++;
    const lost = messageLoss > 0 && this.random.float() < messageLoss;
    const arrivesAt = world.now + redisLatencyMs + messageDelayMs;
    world.recorder.local({ type: 'sync.message', at: world.now, messageId, instance, frame: frame.map(frameText), keys, arrivesAt, lost });
    if (lost) return;
    this.messagesOnTheWay++;
    world.scheduler.schedule(arrivesAt, () => this.deliver(messageId, instance, keys));
  }

  private deliver(messageId: number, instance: number, keys: readonly string[] | null): void {
    this.messagesOnTheWay--;
    const cache = this.caches[instance]!;
    const dropped: string[] = [];
    // The instance's message handler runs (the code panel's listener lines).
    const listener = { requestId: null, instance };
    this.world.recorder.line(listener, 'listener', 'on-message');
    this.world.recorder.line(listener, 'listener', keys === null ? 'drop-all' : 'drop');
    if (keys === null) {
      dropped.push(...cache.keys());
      cache.clear();
    } else for (const key of keys) if (cache.delete(key)) dropped.push(key);
    this.world.recorder.local({ type: 'sync.delivered', at: this.world.now, messageId, instance, dropped });
  }
}

/** Give the world's instances local caches and start listening by the method in its options. */
export function installLocalCaches(world: World, channel: string): LocalCaches {
  const local = new LocalCaches(world, channel);
  world.apps.local = local;
  local.ensure(world.options.instances);
  local.start();
  return local;
}
