/** Which Redis the simulation runs on. */
import type { RedisPort } from './redis-port.ts';
import { StandInRedis } from './standin-redis.ts';

export function createRedisPort(now: () => number): RedisPort {
  return new StandInRedis(now);
}
