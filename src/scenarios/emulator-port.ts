/** The Redis emulator behind the simulation's RedisPort (database 0 is the cache). */
import { RedisEmulator } from '../redis/emulator.ts';
import type { Session } from '../redis/session.ts';
import type { Reply } from '../redis/reply.ts';
import type { KeyEntry } from '../engine/trace.ts';
import type { RedisPort } from './redis-port.ts';

export class EmulatorPort implements RedisPort {
  readonly emulator: RedisEmulator;

  constructor(now: () => number) {
    this.emulator = new RedisEmulator({ now });
  }

  createSession(): unknown {
    return this.emulator.createSession();
  }

  exec(argv: readonly string[], session: unknown): Reply {
    return this.emulator.exec(argv, session as Session);
  }

  onExpired(listener: (key: string) => void): void {
    this.emulator.subscribe((event) => {
      if (event.type === 'expired' && event.db === 0) listener(event.key);
    });
  }

  activeExpireCycle(): void {
    this.emulator.activeExpireCycle();
  }

  inspect(key: string): KeyEntry | null {
    const value = this.emulator.peek(key, 0);
    if (value === undefined) return null;
    const when = this.emulator.dbs[0]!.expires.get(key);
    const expireAt = when === undefined ? null : Number(when);
    if (typeof value === 'string') return { type: 'string', value, expireAt };
    const fields: string[] = [];
    for (const [field, v] of value) fields.push(`${field}=${v}`);
    return { type: 'hash', value: fields.join(' '), expireAt };
  }

  keys(): string[] {
    const keys: string[] = [];
    for (const key of this.emulator.dbs[0]!.data.keys()) if (this.emulator.peek(key, 0) !== undefined) keys.push(key);
    return keys.sort();
  }
}
