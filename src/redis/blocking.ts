/**
 * Clients blocked on keys (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH), as blocked.c keeps them: per key,
 * in the order they blocked. After every command the emulator offers each watched key to its
 * waiters; a waiter that can be served gets its late reply through `session.resume`. Timeouts
 * run on the injected clock (`RedisEmulator.handleBlockedTimeouts`).
 */
import type { Reply } from './reply.ts';
import type { Keyspace } from './keyspace.ts';
import type { Session } from './session.ts';
import type { RedisEmulator as Engine } from './emulator.ts';

export interface Waiter {
  readonly session: Session;
  readonly db: Keyspace;
  readonly keys: readonly string[];
  /** Absolute virtual ms, or 0 for no timeout. */
  readonly deadline: number;
  /** The reply when the key can serve this waiter now, or null to keep waiting. */
  readonly serve: (engine: Engine, key: string) => Reply | null;
  /** What a timeout replies (a null array for every list command). */
  readonly timeoutReply: Reply;
}

export class BlockingRegistry {
  /** `${db}\0${key}` → waiters in blocking order. */
  private readonly byKey = new Map<string, Waiter[]>();
  private readonly bySession = new Map<Session, Waiter>();
  /** Blocked clients (INFO clients: blocked_clients). A plain field: every command reads it. */
  size = 0;

  block(waiter: Waiter): void {
    this.unblock(waiter.session);
    this.bySession.set(waiter.session, waiter);
    this.size = this.bySession.size;
    for (const key of new Set(waiter.keys)) {
      const slot = `${waiter.db.id}\0${key}`;
      const list = this.byKey.get(slot);
      if (list === undefined) this.byKey.set(slot, [waiter]);
      else list.push(waiter);
    }
    waiter.session.block();
  }

  /** Forgets a session's block without replying (its connection closed). */
  unblock(session: Session): Waiter | undefined {
    const waiter = this.bySession.get(session);
    if (waiter === undefined) return undefined;
    this.bySession.delete(session);
    this.size = this.bySession.size;
    for (const key of new Set(waiter.keys)) {
      const slot = `${waiter.db.id}\0${key}`;
      const list = this.byKey.get(slot);
      if (list === undefined) continue;
      const at = list.indexOf(waiter);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) this.byKey.delete(slot);
    }
    return waiter;
  }

  /** Serves every waiter whose key can serve it, until nothing changes (a BLMOVE may feed another). */
  serve(engine: Engine): void {
    let progress = true;
    while (progress && this.byKey.size > 0) {
      progress = false;
      for (const [slot, waiters] of [...this.byKey]) {
        const key = slot.slice(slot.indexOf('\0') + 1);
        for (const waiter of [...waiters]) {
          if (!this.bySession.has(waiter.session)) continue;
          if (waiter.db.index[key] === undefined) break;
          const reply = waiter.serve(engine, key);
          if (reply === null) break;
          this.unblock(waiter.session);
          waiter.session.resume(reply);
          progress = true;
        }
      }
    }
  }

  /** Replies to every waiter whose deadline has passed. */
  expire(now: number): void {
    for (const waiter of [...this.bySession.values()]) {
      if (waiter.deadline !== 0 && now > waiter.deadline) {
        this.unblock(waiter.session);
        waiter.session.resume(waiter.timeoutReply);
      }
    }
  }

  /** Waiters with a deadline: Redis's timeout table (INFO clients: clients_in_timeout_table). */
  withTimeout(): number {
    let count = 0;
    for (const waiter of this.bySession.values()) if (waiter.deadline !== 0) count++;
    return count;
  }

  /** The earliest deadline, so a scheduler knows when to call `handleBlockedTimeouts` (Infinity: none). */
  nextDeadline(): number {
    let next = Infinity;
    for (const waiter of this.bySession.values()) if (waiter.deadline !== 0 && waiter.deadline < next) next = waiter.deadline;
    return next;
  }
}
