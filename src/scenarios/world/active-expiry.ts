/**
 * Redis's active expiry, as the lab shows it: a cycle right after each TTL the server sets, so an
 * expired key leaves when it expires (freeing memory under maxmemory, sending tracking
 * invalidations), not only when someone next reads it. It is the world's, in traced and untraced
 * runs alike: the trace only observes what it does, so both runs count the same.
 */
import { Priority, type Scheduler } from '../../engine/scheduler.ts';
import type { RedisPort } from '../redis-port.ts';

export class ActiveExpiry {
  /** Times a cycle is already scheduled at: keys sharing an expiry share one cycle. */
  private readonly due = new Set<number>();

  constructor(
    private readonly redis: RedisPort,
    private readonly scheduler: Scheduler,
    private readonly redisUp: () => boolean,
  ) {
    // A key is alive while now <= expireAt, so it is gone 1 ms later.
    redis.onExpirySet((expireAt) => this.scheduleCycle(expireAt + 1));
  }

  private scheduleCycle(at: number): void {
    if (this.due.has(at)) return;
    this.due.add(at);
    this.scheduler.schedule(
      at,
      () => {
        this.due.delete(at);
        if (this.redisUp()) this.redis.activeExpireCycle();
      },
      Priority.expiry,
    );
  }
}
