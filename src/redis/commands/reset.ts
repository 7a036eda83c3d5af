// RESET (networking.c clearClientConnectionState): the connection as if it had just connected.
import type { CommandRun } from './shared.ts';
import { statusReply } from './shared.ts';
import { discard, unwatch } from './transactions.ts';

export const reset: CommandRun = (engine, argv, session, db) => {
  engine.tracking.disable(session);
  session.db = 0;
  session.protocol = 2;
  if (session.multi !== null) discard(engine, argv, session, db);
  unwatch(engine, argv, session, db);
  // Subscriptions end without unsubscribe frames.
  engine.pubsub.forget(session);
  session.name = null;
  return statusReply('RESET');
};
