// The command table: one row per command, keyed by lowercased name (and uppercased, so the
// common spellings hit the Map without a toLowerCase per call). Figures are Redis 7.0's.
import * as strings from './strings.ts';
import * as keys from './keys.ts';
import * as hashes from './hashes.ts';
import * as server from './server.ts';
import * as object from './object.ts';
import * as config from './config.ts';
import * as memory from './memory.ts';
import { reset } from './reset.ts';
import * as transactions from './transactions.ts';
import * as scripting from './scripting.ts';
import type { CommandRun, CommandSpec } from './shared.ts';

export interface Row {
  arity: number;
  flags: string;
  keys?: readonly [number, number, number];
  group: string;
  acl?: string;
  since: string;
  summary: string;
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
    summary: row.summary,
    complexity: row.complexity ?? 'O(1)',
    run: row.run,
    subcommands: null,
    latencyOwner: null,
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
  };
}

const K1: [number, number, number] = [1, 1, 1];
const KALL: [number, number, number] = [1, -1, 1];

const ROWS: Record<string, Row> = {
  // strings
  get: { arity: 2, flags: 'readonly fast', keys: K1, group: 'string', since: '1.0.0', summary: 'Get the value of a key', run: strings.get },
  set: { arity: -3, flags: 'write denyoom', keys: K1, group: 'string', since: '1.0.0', summary: 'Set the string value of a key', run: strings.set },
  setnx: { arity: 3, flags: 'write denyoom fast', keys: K1, group: 'string', since: '1.0.0', summary: 'Set the value of a key, only if the key does not exist', run: strings.setnx },
  setex: { arity: 4, flags: 'write denyoom', keys: K1, group: 'string', since: '2.0.0', summary: 'Set the value and expiration of a key', run: strings.setex },
  psetex: { arity: 4, flags: 'write denyoom', keys: K1, group: 'string', since: '2.6.0', summary: 'Set the value and expiration in milliseconds of a key', run: strings.psetex },
  getex: { arity: -2, flags: 'write fast', keys: K1, group: 'string', since: '6.2.0', summary: 'Get the value of a key and optionally set its expiration', run: strings.getex },
  getdel: { arity: 2, flags: 'write fast', keys: K1, group: 'string', since: '6.2.0', summary: 'Get the value of a key and delete the key', run: strings.getdel },
  getset: { arity: 3, flags: 'write denyoom fast', keys: K1, group: 'string', since: '1.0.0', summary: 'Set the string value of a key and return its old value', run: strings.getset },
  mget: { arity: -2, flags: 'readonly fast', keys: KALL, group: 'string', since: '1.0.0', summary: 'Get the values of all the given keys', run: strings.mget },
  mset: { arity: -3, flags: 'write denyoom', keys: [1, -1, 2], group: 'string', since: '1.0.1', summary: 'Set multiple keys to multiple values', run: strings.mset },
  msetnx: { arity: -3, flags: 'write denyoom', keys: [1, -1, 2], group: 'string', since: '1.0.1', summary: 'Set multiple keys to multiple values, only if none of the keys exist', run: strings.msetnx },
  append: { arity: 3, flags: 'write denyoom fast', keys: K1, group: 'string', since: '2.0.0', summary: 'Append a value to a key', run: strings.append },
  strlen: { arity: 2, flags: 'readonly fast', keys: K1, group: 'string', since: '2.2.0', summary: 'Get the length of the value stored in a key', run: strings.strlen },
  getrange: { arity: 4, flags: 'readonly', keys: K1, group: 'string', since: '2.4.0', summary: 'Get a substring of the string stored at a key', run: strings.getrange },
  setrange: { arity: 4, flags: 'write denyoom', keys: K1, group: 'string', since: '2.2.0', summary: 'Overwrite part of a string at key starting at the specified offset', run: strings.setrange },
  incr: { arity: 2, flags: 'write denyoom fast', keys: K1, group: 'string', since: '1.0.0', summary: 'Increment the integer value of a key by one', run: strings.incr },
  decr: { arity: 2, flags: 'write denyoom fast', keys: K1, group: 'string', since: '1.0.0', summary: 'Decrement the integer value of a key by one', run: strings.decr },
  incrby: { arity: 3, flags: 'write denyoom fast', keys: K1, group: 'string', since: '1.0.0', summary: 'Increment the integer value of a key by the given amount', run: strings.incrby },
  decrby: { arity: 3, flags: 'write denyoom fast', keys: K1, group: 'string', since: '1.0.0', summary: 'Decrement the integer value of a key by the given number', run: strings.decrby },
  incrbyfloat: { arity: 3, flags: 'write denyoom fast', keys: K1, group: 'string', since: '2.6.0', summary: 'Increment the float value of a key by the given amount', run: strings.incrbyfloat },
  // keys
  del: { arity: -2, flags: 'write', keys: KALL, group: 'generic', since: '1.0.0', summary: 'Delete a key', run: keys.del },
  unlink: { arity: -2, flags: 'write fast', keys: KALL, group: 'generic', since: '4.0.0', summary: 'Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.', run: keys.del },
  exists: { arity: -2, flags: 'readonly fast', keys: KALL, group: 'generic', since: '1.0.0', summary: 'Determine if a key exists', run: keys.exists },
  type: { arity: 2, flags: 'readonly fast', keys: K1, group: 'generic', since: '1.0.0', summary: 'Determine the type stored at key', run: keys.type },
  keys: { arity: 2, flags: 'readonly', group: 'generic', acl: 'keyspace dangerous', since: '1.0.0', summary: 'Find all keys matching the given pattern', run: keys.keys },
  scan: { arity: -2, flags: 'readonly', group: 'generic', since: '2.8.0', summary: 'Incrementally iterate the keys space', run: keys.scan },
  rename: { arity: 3, flags: 'write', keys: [1, 2, 1], group: 'generic', since: '1.0.0', summary: 'Rename a key', run: keys.rename },
  renamenx: { arity: 3, flags: 'write fast', keys: [1, 2, 1], group: 'generic', since: '1.0.0', summary: 'Rename a key, only if the new key does not exist', run: keys.renamenx },
  randomkey: { arity: 1, flags: 'readonly', group: 'generic', since: '1.0.0', summary: 'Return a random key from the keyspace', run: keys.randomkey },
  touch: { arity: -2, flags: 'readonly fast', keys: KALL, group: 'generic', since: '3.2.1', summary: 'Alters the last access time of a key(s). Returns the number of existing keys specified.', run: keys.touch },
  expire: { arity: -3, flags: 'write fast', keys: K1, group: 'generic', since: '1.0.0', summary: "Set a key's time to live in seconds", run: keys.expire },
  pexpire: { arity: -3, flags: 'write fast', keys: K1, group: 'generic', since: '2.6.0', summary: "Set a key's time to live in milliseconds", run: keys.pexpire },
  expireat: { arity: -3, flags: 'write fast', keys: K1, group: 'generic', since: '1.2.0', summary: 'Set the expiration for a key as a UNIX timestamp', run: keys.expireat },
  pexpireat: { arity: -3, flags: 'write fast', keys: K1, group: 'generic', since: '2.6.0', summary: 'Set the expiration for a key as a UNIX timestamp specified in milliseconds', run: keys.pexpireat },
  ttl: { arity: 2, flags: 'readonly fast', keys: K1, group: 'generic', since: '1.0.0', summary: 'Get the time to live for a key in seconds', run: keys.ttl },
  pttl: { arity: 2, flags: 'readonly fast', keys: K1, group: 'generic', since: '2.6.0', summary: 'Get the time to live for a key in milliseconds', run: keys.pttl },
  expiretime: { arity: 2, flags: 'readonly fast', keys: K1, group: 'generic', since: '7.0.0', summary: 'Get the expiration Unix timestamp for a key', run: keys.expiretime },
  pexpiretime: { arity: 2, flags: 'readonly fast', keys: K1, group: 'generic', since: '7.0.0', summary: 'Get the expiration Unix timestamp for a key in milliseconds', run: keys.pexpiretime },
  persist: { arity: 2, flags: 'write fast', keys: K1, group: 'generic', since: '2.2.0', summary: 'Remove the expiration from a key', run: keys.persist },
  // hashes
  hset: { arity: -4, flags: 'write denyoom fast', keys: K1, group: 'hash', since: '2.0.0', summary: 'Set the string value of a hash field', run: hashes.hset },
  hmset: { arity: -4, flags: 'write denyoom fast', keys: K1, group: 'hash', since: '2.0.0', summary: 'Set multiple hash fields to multiple values', run: hashes.hmset },
  hsetnx: { arity: 4, flags: 'write denyoom fast', keys: K1, group: 'hash', since: '2.0.0', summary: 'Set the value of a hash field, only if the field does not exist', run: hashes.hsetnx },
  hget: { arity: 3, flags: 'readonly fast', keys: K1, group: 'hash', since: '2.0.0', summary: 'Get the value of a hash field', run: hashes.hget },
  hmget: { arity: -3, flags: 'readonly fast', keys: K1, group: 'hash', since: '2.0.0', summary: 'Get the values of all the given hash fields', run: hashes.hmget },
  hgetall: { arity: 2, flags: 'readonly', keys: K1, group: 'hash', since: '2.0.0', summary: 'Get all the fields and values in a hash', run: hashes.hgetall },
  hdel: { arity: -3, flags: 'write fast', keys: K1, group: 'hash', since: '2.0.0', summary: 'Delete one or more hash fields', run: hashes.hdel },
  hexists: { arity: 3, flags: 'readonly fast', keys: K1, group: 'hash', since: '2.0.0', summary: 'Determine if a hash field exists', run: hashes.hexists },
  hlen: { arity: 2, flags: 'readonly fast', keys: K1, group: 'hash', since: '2.0.0', summary: 'Get the number of fields in a hash', run: hashes.hlen },
  hstrlen: { arity: 3, flags: 'readonly fast', keys: K1, group: 'hash', since: '3.2.0', summary: 'Get the length of the value of a hash field', run: hashes.hstrlen },
  hkeys: { arity: 2, flags: 'readonly', keys: K1, group: 'hash', since: '2.0.0', summary: 'Get all the fields in a hash', run: hashes.hkeys },
  hvals: { arity: 2, flags: 'readonly', keys: K1, group: 'hash', since: '2.0.0', summary: 'Get all the values in a hash', run: hashes.hvals },
  hincrby: { arity: 4, flags: 'write denyoom fast', keys: K1, group: 'hash', since: '2.0.0', summary: 'Increment the integer value of a hash field by the given number', run: hashes.hincrby },
  // transactions
  multi: { arity: 1, flags: 'noscript loading stale fast allow_busy', group: 'transactions', since: '1.2.0', summary: 'Mark the start of a transaction block', run: transactions.multi },
  exec: { arity: 1, flags: 'noscript loading stale skip_slowlog', group: 'transactions', since: '1.2.0', summary: 'Execute all commands issued after MULTI', run: transactions.exec },
  discard: { arity: 1, flags: 'noscript loading stale fast allow_busy', group: 'transactions', since: '2.0.0', summary: 'Discard all commands issued after MULTI', run: transactions.discard },
  watch: { arity: -2, flags: 'noscript loading stale fast allow_busy', keys: KALL, group: 'transactions', since: '2.2.0', summary: 'Watch the given keys to determine execution of the MULTI/EXEC block', run: transactions.watch },
  unwatch: { arity: 1, flags: 'noscript loading stale fast allow_busy', group: 'transactions', since: '2.2.0', summary: 'Forget about all watched keys', run: transactions.unwatch },
  // scripting
  eval: { arity: -3, flags: 'noscript stale skip_monitor may_replicate no_mandatory_keys movablekeys', group: 'scripting', since: '2.6.0', summary: 'Execute a Lua script server side', run: scripting.evalCommand },
  evalsha: { arity: -3, flags: 'noscript stale skip_monitor may_replicate no_mandatory_keys movablekeys', group: 'scripting', since: '2.6.0', summary: 'Execute a Lua script server side', run: scripting.evalsha },
  eval_ro: { arity: -3, flags: 'readonly noscript stale skip_monitor no_mandatory_keys movablekeys', group: 'scripting', since: '7.0.0', summary: 'Execute a read-only Lua script server side', run: scripting.evalRo },
  evalsha_ro: { arity: -3, flags: 'readonly noscript stale skip_monitor no_mandatory_keys movablekeys', group: 'scripting', since: '7.0.0', summary: 'Execute a read-only Lua script server side', run: scripting.evalshaRo },
  // connection and server
  ping: { arity: -1, flags: 'fast sentinel', group: 'connection', since: '1.0.0', summary: 'Ping the server', run: server.ping },
  echo: { arity: 2, flags: 'loading stale fast', group: 'connection', since: '1.0.0', summary: 'Echo the given string', run: server.echo },
  select: { arity: 2, flags: 'loading stale fast', group: 'connection', since: '1.0.0', summary: 'Change the selected database for the current connection', run: server.select },
  reset: { arity: 1, flags: 'noscript loading stale fast no_auth allow_busy', group: 'connection', since: '6.2.0', summary: 'Reset the connection', run: reset },
  quit: { arity: -1, flags: 'noscript loading stale fast no_auth allow_busy', group: 'connection', since: '1.0.0', summary: 'Close the connection', run: server.quit },
  hello: { arity: -1, flags: 'noscript loading stale fast no_auth sentinel allow_busy', group: 'connection', since: '6.0.0', summary: 'Handshake with Redis', run: server.hello },
  auth: { arity: -2, flags: 'noscript loading stale fast no_auth sentinel allow_busy', group: 'connection', since: '1.0.0', summary: 'Authenticate to the server', run: server.auth },
  dbsize: { arity: 1, flags: 'readonly fast', group: 'server', acl: 'keyspace', since: '1.0.0', summary: 'Return the number of keys in the selected database', run: server.dbsize },
  flushdb: { arity: -1, flags: 'write', group: 'server', acl: 'keyspace dangerous', since: '1.0.0', summary: 'Remove all keys from the current database', run: server.flushdb },
  flushall: { arity: -1, flags: 'write', group: 'server', acl: 'keyspace dangerous', since: '1.0.0', summary: 'Remove all keys from all databases', run: server.flushall },
  info: { arity: -1, flags: 'loading stale sentinel', group: 'server', acl: 'dangerous', since: '1.0.0', summary: 'Get information and statistics about the server', run: server.info },
  time: { arity: 1, flags: 'loading stale fast', group: 'server', since: '2.6.0', summary: 'Return the current server time', run: server.time },
};

const CONTAINER_SPECS: CommandSpec[] = [
  containerSpec('object', 'generic', '2.2.3', 'A container for object introspection commands', {
    encoding: { arity: 3, flags: 'readonly', keys: [2, 2, 1], acl: 'keyspace', since: '2.2.3', summary: 'Inspect the internal encoding of a Redis object', run: object.objectEncoding },
    help: { arity: 2, flags: 'loading stale', acl: 'keyspace', since: '6.2.0', summary: 'Show helpful text about the different subcommands', run: object.objectHelp },
    freq: { arity: 3, flags: 'readonly', keys: [2, 2, 1], acl: 'keyspace', since: '4.0.0', summary: 'Get the logarithmic access frequency counter of a Redis object', run: memory.objectFreq },
    idletime: { arity: 3, flags: 'readonly', keys: [2, 2, 1], acl: 'keyspace', since: '2.2.3', summary: 'Get the time since a Redis object was last accessed', run: memory.objectIdletime },
    refcount: { arity: 3, flags: 'readonly', keys: [2, 2, 1], acl: 'keyspace', since: '2.2.3', summary: 'Get the number of references to the value of the key', run: memory.objectRefcount },
  }),
  containerSpec('memory', 'server', '4.0.0', 'A container for memory diagnostics commands', {
    doctor: { arity: 2, flags: '', since: '4.0.0', summary: 'Outputs memory problems report', run: memory.memoryDoctor },
    help: { arity: 2, flags: 'loading stale', since: '4.0.0', summary: 'Show helpful text about the different subcommands', run: memory.memoryHelp },
    usage: { arity: -3, flags: 'readonly', keys: [2, 2, 1], acl: 'keyspace', since: '4.0.0', summary: 'Estimate the memory usage of a key', complexity: 'O(N) where N is the number of samples.', run: memory.memoryUsageRun },
  }),
  containerSpec('client', 'connection', '2.4.0', 'A container for client connection commands', {
    id: { arity: 2, flags: 'noscript loading stale sentinel', since: '5.0.0', summary: 'Returns the client ID for the current connection', run: server.clientId },
    getname: { arity: 2, flags: 'noscript loading stale sentinel', since: '2.6.9', summary: 'Get the current connection name', run: server.clientGetname },
    setname: { arity: 3, flags: 'noscript loading stale sentinel', since: '2.6.9', summary: 'Set the current connection name', run: server.clientSetname },
    info: { arity: 2, flags: 'noscript loading stale sentinel', since: '6.2.0', summary: 'Returns information about the current client connection.', run: server.clientInfo },
    list: { arity: -2, flags: 'admin noscript loading stale sentinel', since: '2.4.0', summary: 'Get the list of client connections', run: server.clientList },
    'no-evict': { arity: 3, flags: 'admin noscript loading stale sentinel', since: '7.0.0', summary: 'Set client eviction mode for the current connection', run: server.clientNoEvict },
    help: { arity: 2, flags: 'loading stale sentinel', since: '5.0.0', summary: 'Show helpful text about the different subcommands', run: server.clientHelp },
  }),
  containerSpec('config', 'server', '2.0.0', 'A container for server configuration commands', {
    get: { arity: -3, flags: 'admin noscript loading stale', since: '2.0.0', summary: 'Get the values of configuration parameters', run: config.configGet },
    set: { arity: -4, flags: 'admin noscript loading stale', since: '2.0.0', summary: 'Set configuration parameters to the given values', run: config.configSet },
    resetstat: { arity: 2, flags: 'admin noscript loading stale', since: '2.0.0', summary: 'Reset the stats returned by INFO', run: config.configResetstat },
  }),
  containerSpec('script', 'scripting', '2.6.0', 'A container for Lua scripts management commands', {
    debug: { arity: 3, flags: 'noscript', since: '3.2.0', summary: 'Set the debug mode for executed scripts.', run: scripting.scriptDebug },
    exists: { arity: -3, flags: 'noscript', since: '2.6.0', summary: 'Check existence of scripts in the script cache.', complexity: 'O(N) with N being the number of scripts to check (so checking a single script is an O(1) operation).', run: scripting.scriptExists },
    flush: { arity: -2, flags: 'noscript', since: '2.6.0', summary: 'Remove all the scripts from the script cache.', complexity: 'O(N) with N being the number of scripts in cache', run: scripting.scriptFlush },
    help: { arity: 2, flags: 'loading stale', since: '5.0.0', summary: 'Show helpful text about the different subcommands', run: scripting.scriptHelp },
    kill: { arity: 2, flags: 'noscript allow_busy', since: '2.6.0', summary: 'Kill the script currently in execution.', run: scripting.scriptKill },
    load: { arity: 3, flags: 'noscript stale', since: '2.6.0', summary: 'Load the specified Lua script into the script cache.', complexity: 'O(N) with N being the length in bytes of the script body.', run: scripting.scriptLoad },
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
 * The commands of table-types.ts (lists, sets, sorted sets, streams and the hash and key commands
 * that came with them), named here so that before they load they answer "not loaded" rather than
 * "unknown command". They stay out of the first load: the labs never send them (a test keeps this
 * list equal to the rows).
 */
export const LAZY_COMMANDS: ReadonlySet<string> = new Set(
  ('lpush rpush lpushx rpushx lpop rpop llen lrange ltrim lindex lset linsert lrem lmove rpoplpush lpos blpop brpop blmove brpoplpush ' +
    'sadd srem smembers sismember smismember scard sinter sinterstore sunion sunionstore sdiff sdiffstore sintercard spop srandmember smove sscan ' +
    'zadd zincrby zrem zcard zscore zmscore zrank zrevrank zcount zlexcount zrange zrangestore zrevrange zrangebyscore zrevrangebyscore ' +
    'zrangebylex zrevrangebylex zpopmin zpopmax zremrangebyrank zremrangebyscore zremrangebylex zscan zrandmember ' +
    'xadd xtrim xlen xdel xrange xrevrange xread hscan hrandfield hincrbyfloat copy lmpop blmpop zmpop bzmpop bzpopmin bzpopmax ' +
    'subscribe unsubscribe psubscribe punsubscribe publish pubsub client|tracking client|caching client|getredir client|trackinginfo command'
  ).split(' '),
);

/** Adds loaded rows, containers and subcommands to COMMANDS (once per page: the table is shared by every emulator). */
export function installRows(
  rows: Record<string, Row>,
  containers: readonly CommandSpec[],
  subcommands: Record<string, Record<string, Row>>,
  complexity: Record<string, string>,
): void {
  for (const [name, text] of Object.entries(complexity)) (table.get(name) as { complexity: string }).complexity = text;
  for (const [name, row] of Object.entries(rows)) add(spec(name, row));
  for (const container of containers) add(container);
  for (const [name, rows] of Object.entries(subcommands)) {
    const subs = table.get(name)!.subcommands as Map<string, CommandSpec>;
    for (const [subName, row] of Object.entries(rows)) subs.set(subName, spec(subName, row, name));
  }
}
