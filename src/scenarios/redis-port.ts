/**
 * The small slice of the Redis emulator the simulation needs, so the app model depends only on
 * the emulator's public surface. `peek` and `entries` feed the keyspace view of the trace.
 */
import type { Reply } from '../redis/reply.ts';
import type { KeyEntry } from './events.ts';

export interface RedisPort {
  createSession(): unknown;
  exec(argv: readonly string[], session: unknown): Reply;
  /** Listen for keys the server removed because their TTL passed. */
  onExpired(listener: (key: string) => void): void;
  /** Listen for keys the server deleted to stay under maxmemory. */
  onEvicted(listener: (key: string) => void): void;
  /** Under an LFU policy, a key's access counter (OBJECT FREQ) without side effects; else undefined. */
  frequency(key: string): number | undefined;
  /** INFO's used_memory. */
  usedMemory(): number;
  activeExpireCycle(): void;
  /** Listen for each TTL the server sets on a key (the time it expires at). */
  onExpirySet(listener: (expireAt: number) => void): void;
  /** How many keys of database 0 have a TTL (INFO keyspace's `expires`). */
  volatileKeyCount(): number;
  /**
   * Listen for what the server sends a session outside its replies (pub/sub messages,
   * invalidations); `afterReply` marks frames that belong after the running command's reply.
   */
  onPush(session: unknown, listener: (reply: Reply, afterReply: boolean) => void): void;
  /** A string key's value without side effects (no lazy expiry, no stats), or undefined. */
  peek(key: string): string | undefined;
  /** Every live key of database 0 with its full value, without side effects. */
  entries(): Map<string, KeyEntry>;
  /** The underlying emulator, for the lab's console. */
  readonly emulator: unknown;
}
