import type { Reply } from './reply.ts';
import type { TrackingState } from './tracking.ts';
import type { CommandSpec } from './commands/shared.ts';
import type { WatchedKey } from './keyspace.ts';

/**
 * How an out-of-band reply reaches its connection: `push` is a message the client did not ask for
 * (pub/sub message, invalidation, a later frame of SUBSCRIBE's multi-frame reply), `deferred` is
 * the late reply of a command that blocked (BLPOP); after it the connection runs its held commands.
 * `after-reply` is a push caused by the session's own running command that Redis sends after that
 * command's reply (a tracking client's invalidation of a key it changed itself).
 */
export type OutOfBandKind = 'push' | 'deferred' | 'after-reply';
export type OutOfBandListener = (reply: Reply, kind: OutOfBandKind) => void;

/**
 * Returned by a command that blocks (BLPOP on an empty list) after it called `session.block()`:
 * it is not a reply and must not be shown or written; the real reply comes later through
 * `session.resume(reply)`. Compare by identity.
 */
export const BLOCKED: Reply = Object.freeze({ type: 'null' });

/** A connection's subscriptions: channels, patterns and shard channels (SSUBSCRIBE). */
export interface PubSubState {
  readonly channels: Set<string>;
  readonly patterns: Set<string>;
  readonly shardChannels: Set<string>;
}

/** A command queued inside MULTI, already looked up and arity-checked. */
export interface QueuedCommand {
  readonly spec: CommandSpec;
  readonly argv: readonly string[];
}

/**
 * Per-connection state, as Redis keeps it on `client`: selected database, RESP version, name,
 * subscriptions, tracking, and the out-of-band channel.
 * Create one per simulated connection with `redis.createSession()`.
 *
 * Out-of-band delivery: the emulator calls `deliver(reply)` to send a connection something outside
 * the reply of the command being run. The connection's owner (the RESP server, the lab console)
 * attaches one listener with `onOutOfBand`; until then replies wait in order and are handed over on
 * attach. Frames delivered while a command of this session runs come before that command's reply.
 *
 * @example
 * const stop = session.onOutOfBand((reply, kind) => socket.write(encodeReply(reply, session.protocol)));
 */
export class Session {
  /** Selected database, 0..15. */
  db = 0;
  /** RESP protocol version chosen with HELLO. */
  protocol: 2 | 3 = 2;
  /** CLIENT SETNAME / HELLO SETNAME; null when unnamed. */
  name: string | null = null;
  /** Set by QUIT: the server layer should close the connection after replying. */
  closed = false;
  /** Full name of the last command run (CLIENT INFO shows it). */
  lastCommand = 'NULL';
  // A number from the start: a field first defined as undefined would box every later store.
  lastCommandAt = 0;
  /** Bytes in the connection's query buffer (CLIENT LIST qbuf); the RESP server keeps it current. */
  queryBuffer = 0;
  /** Commands queued since MULTI, or null outside a transaction. */
  multi: QueuedCommand[] | null = null;
  /** A command was rejected while queueing: EXEC answers EXECABORT (Redis's CLIENT_DIRTY_EXEC). */
  multiRejected = false;
  /** A WATCHed key changed: EXEC answers a null array (Redis's CLIENT_DIRTY_CAS). */
  watchTouched = false;
  /** Keys this client WATCHes. */
  watched: WatchedKey[] = [];
  /** True while EXEC or a script runs: a blocking command must answer at once (CLIENT_DENY_BLOCKING). */
  denyBlocking = false;
  /** On the script client only, while a script runs: the client whose EVAL it is. */
  scriptCaller: Session | null = null;
  /** On the script client only, while a script runs: the keys its EVAL declared (for tracking). */
  scriptKeys: readonly string[] = [];
  /** True between `block()` and `resume()`: the connection holds its further commands. */
  blocked = false;
  /** Pub/sub state, created on first (P|S)SUBSCRIBE (see commands/pubsub.ts); non-null is Redis's CLIENT_PUBSUB. */
  pubsub: PubSubState | null = null;
  /** CLIENT TRACKING state; null when tracking is off (see tracking.ts). */
  tracking: TrackingState | null = null;

  private outOfBandListener: OutOfBandListener | null = null;
  private undelivered: Array<readonly [Reply, OutOfBandKind]> = [];

  constructor(
    /** CLIENT ID. */
    readonly id: number,
    /** Virtual ms when the session was created. */
    readonly createdAt: number,
    /** Address shown by CLIENT INFO / CLIENT LIST. */
    readonly address: string,
    /** The server's end of the connection (CLIENT LIST laddr). */
    readonly localAddress = '127.0.0.1:6379',
  ) {
    this.lastCommandAt = createdAt;
  }

  /** Subscribed channels plus patterns, shard channels apart (Redis's `clientSubscriptionsCount`). */
  get subscriptionCount(): number {
    return this.pubsub === null ? 0 : this.pubsub.channels.size + this.pubsub.patterns.size;
  }

  /**
   * Attaches the connection's writer (one at a time); replies delivered before are handed over
   * at once, in order. Returns the detach function.
   */
  onOutOfBand(listener: OutOfBandListener): () => void {
    this.outOfBandListener = listener;
    const waiting = this.undelivered;
    this.undelivered = [];
    for (const [reply, kind] of waiting) listener(reply, kind);
    return () => {
      if (this.outOfBandListener === listener) this.outOfBandListener = null;
    };
  }

  /** Sends a reply outside the current command's reply (a RESP3 push frame, or an array in RESP2). */
  deliver(reply: Reply, kind: OutOfBandKind = 'push'): void {
    if (this.closed) return;
    const listener = this.outOfBandListener;
    if (listener === null) this.undelivered.push([reply, kind]);
    else listener(reply, kind);
  }

  /** Marks the connection blocked: the running command then returns `BLOCKED`. */
  block(): void {
    this.blocked = true;
  }

  /** Ends a block with the command's late reply (sent as a `deferred` out-of-band reply). */
  resume(reply: Reply): void {
    this.blocked = false;
    this.deliver(reply, 'deferred');
  }
}
