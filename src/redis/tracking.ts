/**
 * Client-side caching (tracking.c): which clients read which keys, BCAST prefixes, and the
 * invalidation messages sent when a key changes or a database is flushed.
 *
 * Default mode remembers every key a tracking client reads (read-only commands) and sends one
 * invalidation when the key next changes; BCAST mode sends every change under a prefix. Messages
 * are RESP3 pushes `["invalidate", [keys] | null]`, or with REDIRECT to a RESP2 connection in
 * subscribed mode, a `__redis__:invalidate` pub/sub message. With nobody tracking, the emulator's
 * per-command cost is one null test.
 */
import type { Reply } from './reply.ts';
import type { Session } from './session.ts';

export interface TrackingState {
  /** CLIENT ID of the connection that receives this client's invalidations; 0 for itself. */
  redirect: number;
  bcast: boolean;
  optin: boolean;
  optout: boolean;
  noloop: boolean;
  /** CLIENT CACHING yes/no given for the next command. */
  caching: boolean;
  /** The redirect target disconnected (TRACKINGINFO `broken_redirect`). */
  brokenRedirect: boolean;
  /** BCAST prefixes, kept sorted as Redis's radix tree lists them. */
  readonly prefixes: Set<string>;
}

interface PrefixState {
  /** Keys changed under the prefix since the last broadcast, with the client that changed each. */
  readonly keys: Map<string, Session | null>;
  readonly clients: Set<Session>;
}

const INVALIDATE: Reply = Object.freeze({ type: 'bulk', value: 'invalidate' });
const MESSAGE: Reply = Object.freeze({ type: 'bulk', value: 'message' });
const CHANNEL: Reply = Object.freeze({ type: 'bulk', value: '__redis__:invalidate' });
const NULL: Reply = Object.freeze({ type: 'bulk', value: null });

// Redis's rax walks client ids as little-endian bytes.
function byIdBytes(a: number, b: number): number {
  for (let shift = 0; shift < 56; shift += 8) {
    const x = Math.floor(a / 2 ** shift) % 256;
    const y = Math.floor(b / 2 ** shift) % 256;
    if (x !== y) return x - y;
  }
  return 0;
}

const byBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class TrackingTable {
  /** Tracking clients (INFO tracking_clients). */
  clients = 0;
  /** Key name → ids of the clients that read it (keys of every database share one table). */
  readonly keys = new Map<string, Set<number>>();
  readonly prefixes = new Map<string, PrefixState>();
  private pendingBroadcast = false;
  // trackingLimitUsedSlots's timeout_counter: calls in a row that ended still over the limit.
  private overLimitRuns = 0;

  constructor(private readonly sessionById: (id: number) => Session | undefined) {}

  /** Total remembered (key, client) pairs (INFO tracking_total_items). */
  get items(): number {
    let total = 0;
    for (const ids of this.keys.values()) total += ids.size;
    return total;
  }

  enable(session: Session, redirect: number, options: { bcast: boolean; optin: boolean; optout: boolean; noloop: boolean }, prefixes: readonly string[]): void {
    let state = session.tracking;
    if (state === null) {
      this.clients++;
      state = session.tracking = { redirect: 0, bcast: false, optin: false, optout: false, noloop: false, caching: false, brokenRedirect: false, prefixes: new Set() };
    }
    state.redirect = redirect;
    state.brokenRedirect = false;
    state.bcast = options.bcast;
    state.optin = options.optin;
    state.optout = options.optout;
    state.noloop = options.noloop;
    if (options.bcast) {
      for (const prefix of prefixes.length === 0 ? [''] : prefixes) {
        let bcast = this.prefixes.get(prefix);
        if (bcast === undefined) this.prefixes.set(prefix, (bcast = { keys: new Map(), clients: new Set() }));
        bcast.clients.add(session);
        state.prefixes.add(prefix);
      }
    }
  }

  disable(session: Session): void {
    const state = session.tracking;
    if (state === null) return;
    for (const prefix of state.prefixes) {
      const bcast = this.prefixes.get(prefix)!;
      bcast.clients.delete(session);
      if (bcast.clients.size === 0) this.prefixes.delete(prefix);
    }
    session.tracking = null;
    this.clients--;
  }

  /** trackingRememberKeys: after a read-only command of a default-mode tracking client. */
  remember(session: Session, keys: readonly string[]): void {
    const state = session.tracking!;
    if ((state.optin && !state.caching) || (state.optout && state.caching)) return;
    for (const key of keys) {
      let ids = this.keys.get(key);
      if (ids === undefined) this.keys.set(key, (ids = new Set()));
      ids.add(session.id);
    }
  }

  /**
   * trackingInvalidateKey: `by` changed `key`; `executing` is the client whose command is running
   * (its own invalidations come after its reply).
   */
  invalidate(key: string, by: Session | null, executing: Session | null): void {
    if (this.prefixes.size > 0) {
      for (const [prefix, bcast] of this.prefixes) {
        if (key.startsWith(prefix)) {
          bcast.keys.set(key, by);
          this.pendingBroadcast = true;
        }
      }
    }
    this.invalidateTracked(key, executing);
  }

  // The default-mode half of trackingInvalidateKey: the clients that read `key` hear of it.
  private invalidateTracked(key: string, executing: Session | null): void {
    const ids = this.keys.get(key);
    if (ids === undefined) return;
    this.keys.delete(key);
    for (const id of [...ids].sort(byIdBytes)) {
      const target = this.sessionById(id);
      if (target === undefined || target.tracking === null || target.tracking.bcast) continue;
      if (target.tracking.noloop && target === executing) continue;
      this.send(target, keyArray([key]), target === executing);
    }
  }

  /**
   * trackingLimitUsedSlots (before each command and in the cron, with tracking clients): over
   * `max` (tracking-table-max-keys; 0: none), invalidates keys until under it, at most 100 ×
   * (calls in a row still over + 1) per call. Redis picks them by a random walk of its radix tree;
   * the emulator takes the oldest.
   */
  limit(max: number): void {
    if (max === 0) return;
    if (this.keys.size <= max) {
      this.overLimitRuns = 0;
      return;
    }
    let effort = 100 * (this.overLimitRuns + 1);
    for (const key of this.keys.keys()) {
      if (effort-- <= 0) break;
      this.invalidateTracked(key, null);
      if (this.keys.size <= max) {
        this.overLimitRuns = 0;
        return;
      }
    }
    this.overLimitRuns++;
  }

  /**
   * trackingBroadcastInvalidationMessages: one message per prefix and client, keys in byte order;
   * `executing` (the client whose command just ran) gets its message after its reply.
   */
  broadcast(executing: Session | null): void {
    if (!this.pendingBroadcast) return;
    this.pendingBroadcast = false;
    for (const prefix of [...this.prefixes.keys()].sort(byBytes)) {
      const bcast = this.prefixes.get(prefix)!;
      if (bcast.keys.size === 0) continue;
      const changed = [...bcast.keys].sort((a, b) => byBytes(a[0], b[0]));
      bcast.keys.clear();
      const all = keyArray(changed.map(([key]) => key));
      for (const client of bcast.clients) {
        if (client.tracking?.noloop) {
          const others = changed.filter(([, by]) => by !== client).map(([key]) => key);
          if (others.length > 0) this.send(client, keyArray(others), client === executing);
        } else {
          this.send(client, all, client === executing);
        }
      }
    }
  }

  /** trackingInvalidateKeysOnFlush: a null invalidation to every tracking client; forget all keys. */
  flushed(sessions: Iterable<Session>, executing: Session | null): void {
    if (this.clients > 0) {
      for (const session of sessions) if (session.tracking !== null) this.send(session, NULL, session === executing);
    }
    this.keys.clear();
  }

  /** Forgets a closing connection. */
  forget(session: Session): void {
    this.disable(session);
  }

  // sendTrackingMessage: to the client or its redirect target, as a push or a RESP2 message.
  private send(client: Session, keys: Reply, afterReply: boolean): void {
    const state = client.tracking!;
    let target = client;
    let redirected = false;
    if (state.redirect !== 0) {
      const found = this.sessionById(state.redirect);
      if (found === undefined || found.closed) {
        state.brokenRedirect = true;
        if (client.protocol === 3) {
          client.deliver({ type: 'push', value: [{ type: 'bulk', value: 'tracking-redir-broken' }, { type: 'integer', value: state.redirect }] }, afterReply ? 'after-reply' : 'push');
        }
        return;
      }
      target = found;
      redirected = true;
    }
    let frame: Reply;
    if (target.protocol === 3) frame = { type: 'push', value: [INVALIDATE, keys] };
    else if (redirected && target.pubsub !== null) frame = { type: 'push', value: [MESSAGE, CHANNEL, keys] };
    else return; // RESP2 without a subscribed redirect target: nowhere to send it
    target.deliver(frame, afterReply && target === client ? 'after-reply' : 'push');
  }
}

function keyArray(keys: readonly string[]): Reply {
  return { type: 'array', value: keys.map((key): Reply => ({ type: 'bulk', value: key })) };
}
