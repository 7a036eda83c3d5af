/**
 * The small slice of the Redis emulator the simulation needs, so the app model does not depend
 * on the emulator's internals. `inspect` and `keys` feed the keyspace view of the trace.
 */
import type { Reply } from '../redis/reply.ts';
import type { KeyEntry } from '../engine/trace.ts';

export type RedisPortEvent = { readonly type: 'expired'; readonly key: string } | { readonly type: 'other' };

export interface RedisPort {
  createSession(): unknown;
  exec(argv: readonly string[], session: unknown): Reply;
  /** Listen for keys the server removed because their TTL passed. */
  onExpired(listener: (key: string) => void): void;
  activeExpireCycle(): void;
  /** The key's state without side effects (no lazy expiry, no stats), or null if absent/expired. */
  inspect(key: string): KeyEntry | null;
  /** Every live key, without side effects. */
  keys(): string[];
  /** The underlying emulator, for the lab's console. */
  readonly emulator: unknown;
}
