/** Which Redis the simulation runs on: the emulator. */
import type { RedisPort } from './redis-port.ts';
import { EmulatorPort } from './emulator-port.ts';

export function createRedisPort(now: () => number): RedisPort {
  return new EmulatorPort(now);
}
