/**
 * Redis's active expiry, as the lab shows it: a cycle right after each TTL the server sets, so an
 * expired key leaves when it expires (freeing memory under maxmemory, sending tracking
 * invalidations), not only when someone next reads it. It is the world's, in traced and untraced
 * runs alike: the trace only observes what it does, so both runs count the same.
 */
import { Priority, type Scheduler } from '../../engine/scheduler.ts';
import { countBefore } from '../../engine/search.ts';
import type { RedisPort } from '../redis-port.ts';

export class ActiveExpiry {
  /**
   * When cycles are due, ascending, each once (keys sharing an expiry share a cycle). Only the
   * earliest is sure to be on the scheduler: hundreds of pending cycles there would deepen the
   * heap every arrival goes through (a quarter of the headless run's time).
   */
  private readonly due: number[] = [];
  private readonly onScheduler = new Set<number>();

  constructor(
    private readonly redis: RedisPort,
    private readonly scheduler: Scheduler,
    private readonly redisUp: () => boolean,
  ) {
    // A key is alive while now <= expireAt, so it is gone 1 ms later.
    redis.onExpirySet((expireAt) => this.add(expireAt + 1));
  }

  private add(at: number): void {
    const due = this.due;
    const index = due.length === 0 || due[due.length - 1]! < at ? due.length : countBefore(due, (t) => t < at);
    if (due[index] === at) return;
    due.splice(index, 0, at);
    if (index === 0) this.schedule(at);
  }

  private schedule(at: number): void {
    this.onScheduler.add(at);
    this.scheduler.schedule(at, () => this.run(at), Priority.expiry);
  }

  /** A due cycle (the earliest: the scheduler runs them in time order), after putting the next one on the scheduler. */
  private run(at: number): void {
    this.onScheduler.delete(at);
    const due = this.due;
    // It is the earliest but for a TTL set in the past (clamped to now): find it then.
    if (due[0] === at) due.shift();
    else {
      const index = countBefore(due, (t) => t < at);
      if (due[index] === at) due.splice(index, 1);
    }
    const next = due[0];
    if (next !== undefined && !this.onScheduler.has(next)) this.schedule(next);
    if (this.redisUp()) this.redis.activeExpireCycle();
  }
}
