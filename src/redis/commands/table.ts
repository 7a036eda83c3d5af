// The command table: one row per command, keyed by lowercased name (and uppercased, so the
// common spellings hit the Map without a toLowerCase per call). Figures are Redis 7.0's.
import * as strings from './strings.ts';
import * as keys from './keys.ts';
import * as server from './server.ts';
import type { CommandRun, CommandSpec } from './shared.ts';

export interface Row {
  arity: number;
  flags: string;
  keys?: readonly [number, number, number];
  group: string;
  acl?: string;
  since: string;
  /** COMMAND DOCS's texts: first-load rows leave them out, `installRows` adds them from table-types.ts. */
  summary?: string;
  complexity?: string;
  run: CommandRun;
}

const GROUP_ACL: Record<string, string> = {
  string: 'string',
  generic: 'keyspace',
  hash: 'hash',
  connection: 'connection',
  transactions: 'transaction',
  scripting: 'scripting',
  pubsub: 'pubsub',
};

function spec(name: string, row: Row, container?: string): CommandSpec {
  const [firstKey, lastKey, step] = row.keys ?? [0, 0, 0];
  const acl = (row.acl ?? GROUP_ACL[row.group] ?? '').split(' ').filter(Boolean);
  return {
    name,
    fullName: container === undefined ? name : `${container}|${name}`,
    arity: row.arity,
    flags: row.flags.split(' ').filter(Boolean),
    firstKey,
    lastKey,
    step,
    group: row.group,
    acl,
    since: row.since,
    summary: row.summary ?? '',
    complexity: row.complexity ?? 'O(1)',
    run: row.run,
    subcommands: null,
    latencyOwner: null,
    stat: null,
  };
}

export function containerSpec(
  name: string,
  group: string,
  since: string,
  summary: string,
  subs: Record<string, Omit<Row, 'group'> & { group?: string }>,
): CommandSpec {
  const subcommands = new Map<string, CommandSpec>();
  for (const [subName, row] of Object.entries(subs)) {
    subcommands.set(subName, spec(subName, { group, ...row }, name));
  }
  return {
    name,
    fullName: name,
    arity: -2,
    flags: [],
    firstKey: 0,
    lastKey: 0,
    step: 0,
    group,
    acl: name === 'command' ? ['connection'] : [],
    since,
    summary,
    complexity: name === 'command' ? 'O(N) where N is the total number of Redis commands' : 'Depends on subcommand.',
    run: null,
    subcommands,
    latencyOwner: null,
    stat: null,
  };
}

const K1: [number, number, number] = [1, 1, 1];
const KALL: [number, number, number] = [1, -1, 1];

const ROWS: Record<string, Row> = {
  // strings
  get: { arity: 2, flags: 'readonly fast', keys: K1, group: 'string', since: '1.0.0', run: strings.get },
  set: { arity: -3, flags: 'write denyoom', keys: K1, group: 'string', since: '1.0.0', run: strings.set },
  // keys
  del: { arity: -2, flags: 'write', keys: KALL, group: 'generic', since: '1.0.0', run: keys.del },
  unlink: { arity: -2, flags: 'write fast', keys: KALL, group: 'generic', since: '4.0.0', run: keys.del },
  scan: { arity: -2, flags: 'readonly', group: 'generic', since: '2.8.0', run: keys.scan },
  // connection and server
  flushall: { arity: -1, flags: 'write', group: 'server', acl: 'keyspace dangerous', since: '1.0.0', run: server.flushall },
};

const CONTAINER_SPECS: CommandSpec[] = [
  containerSpec('client', 'connection', '2.4.0', 'A container for client connection commands', {
    id: { arity: 2, flags: 'noscript loading stale sentinel', since: '5.0.0', run: server.clientId },
    getname: { arity: 2, flags: 'noscript loading stale sentinel', since: '2.6.9', run: server.clientGetname },
    setname: { arity: 3, flags: 'noscript loading stale sentinel', since: '2.6.9', run: server.clientSetname },
  }),
];

const table = new Map<string, CommandSpec>();
function add(command: CommandSpec): void {
  table.set(command.name, command);
  table.set(command.name.toUpperCase(), command);
}
for (const [name, row] of Object.entries(ROWS)) add(spec(name, row));
for (const container of CONTAINER_SPECS) add(container);

/** Every loaded command by lowercased and uppercased name (the data-type rows join on `loadCommands()`). */
export const COMMANDS: ReadonlyMap<string, CommandSpec> = table;

/**
 * The commands of table-types.ts (everything the labs never send: see loadCommands), named here so
 * that before they load they answer "not loaded" rather than "unknown command". They stay out of
 * the first load (a test keeps this list equal to the rows).
 */
export const LAZY_COMMANDS: ReadonlySet<string> = new Set(
  ('lpush rpush lpushx rpushx lpop rpop llen lrange ltrim lindex lset linsert lrem lmove rpoplpush lpos blpop brpop blmove brpoplpush ' +
    'sadd srem smembers sismember smismember scard sinter sinterstore sunion sunionstore sdiff sdiffstore sintercard spop srandmember smove sscan ' +
    'zadd zincrby zrem zcard zscore zmscore zrank zrevrank zcount zlexcount zrange zrangestore zrevrange zrangebyscore zrevrangebyscore ' +
    'zrangebylex zrevrangebylex zpopmin zpopmax zremrangebyrank zremrangebyscore zremrangebylex zscan zrandmember ' +
    'xadd xtrim xlen xdel xrange xrevrange xread hscan hrandfield hincrbyfloat copy lmpop blmpop zmpop bzmpop bzpopmin bzpopmax ' +
    'subscribe unsubscribe psubscribe punsubscribe publish ssubscribe sunsubscribe spublish pubsub client|tracking client|caching client|getredir client|trackinginfo command ' +
    'info object memory config client|info client|list ' +
    'hset hmset hsetnx hget hmget hgetall hdel hexists hlen hstrlen hkeys hvals hincrby rename renamenx randomkey ' +
    'getdel getset mget mset msetnx append strlen getrange setrange incr decr incrby decrby incrbyfloat ' +
    'expire pexpire expireat pexpireat persist hello auth client|no-evict client|help ' +
    'multi exec discard watch unwatch eval evalsha eval_ro evalsha_ro script reset ' +
    'setnx setex psetex getex exists type keys touch ttl pttl expiretime pexpiretime ping echo select quit dbsize flushdb time'
  ).split(' '),
);

/** Adds loaded rows, containers and subcommands to COMMANDS, and the first-load rows' docs (once per page: the table is shared by every emulator). */
export function installRows(
  rows: Record<string, Row>,
  containers: readonly CommandSpec[],
  subcommands: Record<string, Record<string, Row>>,
  docs: Record<string, readonly [summary: string, complexity?: string]>,
): void {
  for (const [fullName, [summary, complexity]] of Object.entries(docs)) {
    const [name, sub] = fullName.split('|') as [string, string | undefined];
    const command = (sub === undefined ? table.get(name) : table.get(name)!.subcommands!.get(sub)) as { summary: string; complexity: string };
    command.summary = summary;
    if (complexity !== undefined) command.complexity = complexity;
  }
  for (const [name, row] of Object.entries(rows)) add(spec(name, row));
  for (const container of containers) add(container);
  for (const [name, rows] of Object.entries(subcommands)) {
    const subs = table.get(name)!.subcommands as Map<string, CommandSpec>;
    for (const [subName, row] of Object.entries(rows)) subs.set(subName, spec(subName, row, name));
  }
}
