// What the lazily loaded commands need besides their rows (see loading.ts): the registries of
// blocked clients, pub/sub subscribers and tracked keys, and the transaction machinery. The
// emulator holds none of them until a command that needs one runs, so none is on first load.
export { BlockingRegistry } from './blocking.ts';
export { PubSubRegistry } from './pubsub.ts';
export { TrackingTable } from './tracking.ts';
export { execAbort, queueCommand, RUN_INSIDE_MULTI, touchAllWatchedKeysInDb, touchWatchedKey, unwatchAllKeys } from './commands/transactions.ts';
