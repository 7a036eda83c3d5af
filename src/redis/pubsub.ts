// The server side of pub/sub (pubsub.c): who listens to which channel and pattern, and PUBLISH.
import type { Reply } from './reply.ts';
import type { Session } from './session.ts';
import { globMatch } from './glob.ts';

const MESSAGE: Reply = Object.freeze({ type: 'bulk', value: 'message' });
const PMESSAGE: Reply = Object.freeze({ type: 'bulk', value: 'pmessage' });
const bulk = (value: string): Reply => ({ type: 'bulk', value });

/**
 * Channel and pattern subscribers. Channel subscribers are served in the order they subscribed.
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

  /** True when anything at all is subscribed (a publish with no subscriber costs two size checks). */
  get active(): boolean {
    return this.channels.size > 0 || this.patterns.size > 0;
  }

  /** Adds a channel subscription; false when the session already had it. */
  subscribe(session: Session, channel: string): boolean {
    const state = (session.pubsub ??= { channels: new Set(), patterns: new Set() });
    if (state.channels.has(channel)) return false;
    state.channels.add(channel);
    let listeners = this.channels.get(channel);
    if (listeners === undefined) this.channels.set(channel, (listeners = new Set()));
    listeners.add(session);
    return true;
  }

  unsubscribe(session: Session, channel: string): boolean {
    if (session.pubsub === null || !session.pubsub.channels.delete(channel)) return false;
    const listeners = this.channels.get(channel)!;
    listeners.delete(session);
    if (listeners.size === 0) this.channels.delete(channel);
    return true;
  }

  psubscribe(session: Session, pattern: string): boolean {
    const state = (session.pubsub ??= { channels: new Set(), patterns: new Set() });
    if (state.patterns.has(pattern)) return false;
    state.patterns.add(pattern);
    let listeners = this.patterns.get(pattern);
    if (listeners === undefined) this.patterns.set(pattern, (listeners = new Set()));
    listeners.add(session);
    return true;
  }

  punsubscribe(session: Session, pattern: string): boolean {
    if (session.pubsub === null || !session.pubsub.patterns.delete(pattern)) return false;
    const listeners = this.patterns.get(pattern)!;
    listeners.delete(session);
    if (listeners.size === 0) this.patterns.delete(pattern);
    return true;
  }

  /** Leaves subscribed mode when nothing is left (the emulator tests `session.pubsub !== null`). */
  settle(session: Session): void {
    if (session.pubsub !== null && session.subscriptionCount === 0) session.pubsub = null;
  }

  /** Drops every subscription of a closing connection, without replies. */
  forget(session: Session): void {
    if (session.pubsub === null) return;
    for (const channel of [...session.pubsub.channels]) this.unsubscribe(session, channel);
    for (const pattern of [...session.pubsub.patterns]) this.punsubscribe(session, pattern);
    session.pubsub = null;
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
