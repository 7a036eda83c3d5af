/**
 * Redis's active expiry, as the lab shows it. While a database has at most 20 keys with a TTL, a
 * cycle runs right after each of their expiries: a cycle checks so few keys whole, so an expired
 * key leaves when it expires (freeing memory under maxmemory, sending tracking invalidations), not
 * only when someone next reads it. With more, a cycle samples 20 keys at random and would rarely
 * meet the one that just expired, so cycles run on Redis's own timer instead (hz 10: every 100 ms),
 * at most ten a second however many TTLs are set. It is the world's, in traced and untraced runs
 * alike: the trace only observes what it does, so both runs count the same.
 */
import { Priority, type Scheduler } from '../../engine/scheduler.ts';
import { countBefore } from '../../engine/search.ts';
import { KEYS_PER_LOOP } from '../../redis/expire.ts';
import type { RedisPort } from '../redis-port.ts';

/** Redis's default hz: serverCron, and with it the slow expire cycle, runs every 100 ms. */
const CYCLE_EVERY_MS = 100;

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
    redis.onExpirySet((expireAt) => {
      const gone = expireAt + 1;
      this.add(redis.volatileKeyCount() > KEYS_PER_LOOP ? Math.ceil(gone / CYCLE_EVERY_MS) * CYCLE_EVERY_MS : gone);
    });
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
