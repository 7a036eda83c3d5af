// The server side of pub/sub (pubsub.c): who listens to which channel and pattern, and PUBLISH.
import type { Reply } from './reply.ts';
import type { PubSubState, Session } from './session.ts';
import { globMatch } from './glob.ts';

const MESSAGE: Reply = Object.freeze({ type: 'bulk', value: 'message' });
const PMESSAGE: Reply = Object.freeze({ type: 'bulk', value: 'pmessage' });
const SMESSAGE: Reply = Object.freeze({ type: 'bulk', value: 'smessage' });
const bulk = (value: string): Reply => ({ type: 'bulk', value });

/**
 * Channel, pattern and shard channel subscribers. Channel subscribers are served in the order they
 * subscribed. Shard channels (SSUBSCRIBE/SPUBLISH) are a namespace of their own that patterns never
 * match; standalone, as here, every shard channel lives on this one server.
 * Patterns are matched in the order they were first subscribed (Redis walks a hash table whose
 * order is seeded at random per process: a client matching several patterns sees them in an
 * order real Redis does not fix).
 *
 * @example
 * registry.subscribe(session, 'news');
 * registry.publish('news', 'hello'); // 1: session received ['message', 'news', 'hello']
 */
export class PubSubRegistry {
  readonly channels = new Map<string, Set<Session>>();
  readonly patterns = new Map<string, Set<Session>>();
  readonly shardChannels = new Map<string, Set<Session>>();

  /** True when anything at all is subscribed (a publish with no subscriber costs two size checks). */
  get active(): boolean {
    return this.channels.size > 0 || this.patterns.size > 0;
  }

  /** Adds a channel subscription; false when the session already had it. */
  subscribe(session: Session, channel: string): boolean {
    return add(this.channels, stateOf(session).channels, session, channel);
  }

  unsubscribe(session: Session, channel: string): boolean {
    return session.pubsub !== null && remove(this.channels, session.pubsub.channels, session, channel);
  }

  psubscribe(session: Session, pattern: string): boolean {
    return add(this.patterns, stateOf(session).patterns, session, pattern);
  }

  punsubscribe(session: Session, pattern: string): boolean {
    return session.pubsub !== null && remove(this.patterns, session.pubsub.patterns, session, pattern);
  }

  /** SSUBSCRIBE of one shard channel; false when the session already had it. */
  ssubscribe(session: Session, channel: string): boolean {
    return add(this.shardChannels, stateOf(session).shardChannels, session, channel);
  }

  sunsubscribe(session: Session, channel: string): boolean {
    return session.pubsub !== null && remove(this.shardChannels, session.pubsub.shardChannels, session, channel);
  }

  /** Leaves subscribed mode when nothing is left, shard channels included (the emulator tests `session.pubsub !== null`). */
  settle(session: Session): void {
    const state = session.pubsub;
    if (state !== null && state.channels.size + state.patterns.size + state.shardChannels.size === 0) session.pubsub = null;
  }

  /** Drops every subscription of a closing connection, without replies. */
  forget(session: Session): void {
    if (session.pubsub === null) return;
    for (const channel of [...session.pubsub.channels]) this.unsubscribe(session, channel);
    for (const pattern of [...session.pubsub.patterns]) this.punsubscribe(session, pattern);
    for (const channel of [...session.pubsub.shardChannels]) this.sunsubscribe(session, channel);
    session.pubsub = null;
  }

  /** SPUBLISH: delivers `smessage` frames to the shard channel's subscribers only (no patterns). */
  spublish(channel: string, message: string): number {
    const listeners = this.shardChannels.get(channel);
    if (listeners === undefined) return 0;
    const frame: Reply = { type: 'push', value: [SMESSAGE, bulk(channel), bulk(message)] };
    for (const session of listeners) session.deliver(frame);
    return listeners.size;
  }

  /** pubsubPublishMessage: delivers to channel then pattern subscribers; returns the receiver count. */
  publish(channel: string, message: string): number {
    let receivers = 0;
    const listeners = this.channels.get(channel);
    if (listeners !== undefined) {
      const frame: Reply = { type: 'push', value: [MESSAGE, bulk(channel), bulk(message)] };
      for (const session of listeners) {
        session.deliver(frame);
        receivers++;
      }
    }
    if (this.patterns.size === 0) return receivers;
    for (const [pattern, sessions] of this.patterns) {
      if (!globMatch(pattern, channel)) continue;
      const frame: Reply = { type: 'push', value: [PMESSAGE, bulk(pattern), bulk(channel), bulk(message)] };
      for (const session of sessions) {
        session.deliver(frame);
        receivers++;
      }
    }
    return receivers;
  }
}

function stateOf(session: Session): PubSubState {
  return (session.pubsub ??= { channels: new Set(), patterns: new Set(), shardChannels: new Set() });
}

function add(server: Map<string, Set<Session>>, own: Set<string>, session: Session, name: string): boolean {
  if (own.has(name)) return false;
  own.add(name);
  let listeners = server.get(name);
  if (listeners === undefined) server.set(name, (listeners = new Set()));
  listeners.add(session);
  return true;
}

// The last subscriber gone, the name goes too (so PUBSUB CHANNELS and INFO forget it).
function remove(server: Map<string, Set<Session>>, own: Set<string>, session: Session, name: string): boolean {
  if (!own.delete(name)) return false;
  const listeners = server.get(name)!;
  listeners.delete(session);
  if (listeners.size === 0) server.delete(name);
  return true;
}
