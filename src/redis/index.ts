/**
 * The public surface of the Redis emulator.
 *
 * @example
 * import { RedisEmulator, utf8ToBinary } from './redis/index.ts';
 * const redis = new RedisEmulator({ now: () => clock.now() });
 * const session = redis.createSession();
 * redis.exec(['SET', utf8ToBinary('user:1'), utf8ToBinary('{"name":"Ada"}'), 'EX', '60'], session);
 * redis.exec(['GET', 'user:1'], session); // { type: 'bulk', value: '{"name":"Ada"}' }
 * redis.snapshot(0);                      // keys with type, expireAt and a value preview
 * scheduler.every(100, () => redis.activeExpireCycle()); // the owner's clock drives expiry
 */
export { RedisEmulator, DATABASES } from './emulator.ts';
export { loadScripting, loadCommands, loadCommandDocs, loadCommandsFor, commandsLoadedFor } from './loading.ts';
export type { RedisEvent, RedisListener, KeyInfo, KeyType, RedisEmulatorOptions, RedisStats } from './emulator.ts';
export { Session, BLOCKED } from './session.ts';
export type { EncodingLimits } from './encoding-limits.ts';
export type { Reply } from './reply.ts';
export { utf8ToBinary, binaryToUtf8, bytesToBinary, binaryToBytes } from './bytes.ts';
export { globMatch } from './glob.ts';
export { parseInt64 } from './numbers.ts';
export { parseLongDouble, formatLongDoubleHuman } from './long-double.ts';
