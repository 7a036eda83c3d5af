/** The Redis emulator behind the simulation's RedisPort (database 0 is the cache). */
import { RedisEmulator } from '../redis/emulator.ts';
import type { Session } from '../redis/session.ts';
import type { Reply } from '../redis/reply.ts';
import type { KeyEntry } from './events.ts';
import type { RedisPort } from './redis-port.ts';

export class EmulatorPort implements RedisPort {
  readonly emulator: RedisEmulator;

  constructor(private readonly now: () => number) {
    this.emulator = new RedisEmulator({ now });
  }

  createSession(): unknown {
    const session = this.emulator.createSession();
    // The simulation has no blocked-client model: BLPOP & co. answer at once, as inside MULTI,
    // rather than leaving a connection that silently takes a later push.
    session.denyBlocking = true;
    return session;
  }

  exec(argv: readonly string[], session: unknown): Reply {
    return this.emulator.exec(argv, session as Session);
  }

  onExpired(listener: (key: string) => void): void {
    this.emulator.subscribe((event) => {
      if (event.type === 'expired' && event.db === 0) listener(event.key);
    }, ['expired']);
  }

  onEvicted(listener: (key: string) => void): void {
    this.emulator.subscribe((event) => {
      if (event.type === 'evicted' && event.db === 0) listener(event.key);
    }, ['evicted']);
  }

  frequency(key: string): number | undefined {
    return this.emulator.keyFrequency(key, 0);
  }

  usedMemory(): number {
    return this.emulator.usedMemory();
  }

  onPush(session: unknown, listener: (reply: Reply, afterReply: boolean) => void): void {
    (session as Session).onOutOfBand((reply, kind) => listener(reply, kind === 'after-reply'));
  }

  activeExpireCycle(): void {
    this.emulator.activeExpireCycle();
  }

  onExpirySet(listener: (expireAt: number) => void): void {
    this.emulator.onExpirySet((_key, expireAt) => listener(expireAt), 0);
  }

  volatileKeyCount(): number {
    return this.emulator.volatileKeyCount(0);
  }

  peek(key: string): string | undefined {
    const value = this.emulator.peek(key, 0);
    return typeof value === 'string' ? value : undefined;
  }

  entries(): Map<string, KeyEntry> {
    const now = this.now();
    const live = this.emulator
      .snapshot(0, Number.MAX_SAFE_INTEGER)
      .filter((info) => info.expireAt === null || now <= info.expireAt)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return new Map(live.map((info) => [info.key, { type: info.type, value: info.preview, expireAt: info.expireAt }]));
  }
}
