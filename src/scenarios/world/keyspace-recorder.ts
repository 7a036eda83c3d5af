/**
 * What a Redis command did to the keyspace, for the trace: exact for the command shapes the app
 * sends (GET, SET … PX n [NX], DEL, the lock's release script), a before/after diff for anything else (console
 * lines). Only a recording world has one: it observes and changes nothing (Redis's active expiry
 * is the world's, `active-expiry.ts`).
 */
import type { Scheduler } from '../../engine/scheduler.ts';
import type { Reply } from '../../redis/reply.ts';
import type { Actor, KeyChange, KeyEntry } from '../events.ts';
import type { RedisPort } from '../redis-port.ts';
import { UNLOCK_SCRIPT } from '../strategies/lock.ts';

export class KeyspaceRecorder {
  constructor(
    private readonly redis: RedisPort,
    private readonly scheduler: Scheduler,
  ) {}

  /** The keyspace before a command whose effects cannot be read from its arguments, else null. */
  before(actor: Actor, argv: readonly string[]): Map<string, KeyEntry> | null {
    return actor !== 'console' && isAppCommand(argv) ? null : this.redis.entries();
  }

  /** The command's changes, sorted by key for a diff. */
  changes(argv: readonly string[], reply: Reply, before: Map<string, KeyEntry> | null): KeyChange[] {
    let changes: KeyChange[];
    if (before === null) changes = appCommandChanges(argv, reply, this.scheduler.now);
    else {
      changes = [];
      const after = this.redis.entries();
      for (const [key, entry] of after) if (!sameEntry(before.get(key), entry)) changes.push({ key, entry });
      for (const key of before.keys()) if (!after.has(key)) changes.push({ key, entry: null });
      changes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    }
    return changes;
  }
}

/** The command shapes the strategies send: GET k, SET k v PX n [NX], SET k v NX PX n, DEL k..., the lock's release. */
function isAppCommand(argv: readonly string[]): boolean {
  const name = argv[0];
  if (name === 'GET') return argv.length === 2;
  if (name === 'DEL') return argv.length >= 2;
  if (name === 'EVAL') return isUnlock(argv);
  if (name !== 'SET') return false;
  const options = argv.slice(3).join(' ');
  return /^(NX )?PX \d+( NX)?$/.test(options);
}

/** What an app command did, from its arguments and reply. */
function appCommandChanges(argv: readonly string[], reply: Reply, now: number): KeyChange[] {
  switch (argv[0]) {
    case 'EVAL':
      // The release script deletes its one key (KEYS[1]) when it answers 1.
      return reply.type === 'integer' && reply.value === 1 ? [{ key: argv[3]!, entry: null }] : [];
    case 'SET': {
      if (reply.type !== 'status') return []; // NX lost: nothing changed
      const px = Number(argv[argv.indexOf('PX') + 1]);
      return [{ key: argv[1]!, entry: { type: 'string', value: argv[2]!, expireAt: now + px } }];
    }
    case 'DEL':
      return argv.slice(1).map((key) => ({ key, entry: null }));
    default:
      return [];
  }
}

function sameEntry(a: KeyEntry | undefined, b: KeyEntry): boolean {
  return a !== undefined && a.type === b.type && a.value === b.value && a.expireAt === b.expireAt;
}

/** `EVAL <the lock's release script> 1 lockKey token`: the one script the app sends. */
function isUnlock(argv: readonly string[]): boolean {
  return argv.length === 5 && argv[1] === UNLOCK_SCRIPT && argv[2] === '1';
}
