import { TYPE_HELP } from './help-types';
/** One row of the console's HELP table: what a command does and how to call it. */
export interface CommandHelp {
  readonly name: string;
  readonly syntax: string;
  readonly summary: string;
  readonly group: 'string' | 'keys' | 'hash' | 'list' | 'set' | 'sorted-set' | 'stream' | 'transactions' | 'scripting' | 'pubsub' | 'connection' | 'server';
}

/** The commands the emulator answers, grouped as redis-cli groups them. Summaries are ours. */
export const COMMAND_HELP: readonly CommandHelp[] = [
  { name: 'GET', group: 'string', syntax: 'GET key', summary: 'Read the string stored at a key, or (nil) if there is none.' },
  { name: 'SET', group: 'string', syntax: 'SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]', summary: 'Store a string, optionally only if absent (NX) or present (XX), with a TTL.' },
  { name: 'SETNX', group: 'string', syntax: 'SETNX key value', summary: 'Store a string only if the key does not exist; 1 if stored.' },
  { name: 'SETEX', group: 'string', syntax: 'SETEX key seconds value', summary: 'Store a string with a TTL in seconds.' },
  { name: 'PSETEX', group: 'string', syntax: 'PSETEX key milliseconds value', summary: 'Store a string with a TTL in milliseconds.' },
  { name: 'GETSET', group: 'string', syntax: 'GETSET key value', summary: 'Store a string and return the old one.' },
  { name: 'GETDEL', group: 'string', syntax: 'GETDEL key', summary: 'Read a string and delete the key.' },
  { name: 'GETEX', group: 'string', syntax: 'GETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | PERSIST]', summary: "Read a string and change its TTL." },
  { name: 'MGET', group: 'string', syntax: 'MGET key [key ...]', summary: 'Read several strings in one round trip.' },
  { name: 'MSET', group: 'string', syntax: 'MSET key value [key value ...]', summary: 'Store several strings in one round trip.' },
  { name: 'MSETNX', group: 'string', syntax: 'MSETNX key value [key value ...]', summary: 'Store several strings only if none of the keys exists.' },
  { name: 'GETRANGE', group: 'string', syntax: 'GETRANGE key start end', summary: 'Read part of a string by byte offsets (negative counts from the end).' },
  { name: 'SETRANGE', group: 'string', syntax: 'SETRANGE key offset value', summary: 'Overwrite part of a string from a byte offset.' },
  { name: 'INCR', group: 'string', syntax: 'INCR key', summary: 'Add 1 to the integer stored at a key.' },
  { name: 'INCRBY', group: 'string', syntax: 'INCRBY key increment', summary: 'Add an integer to the integer stored at a key.' },
  { name: 'DECR', group: 'string', syntax: 'DECR key', summary: 'Subtract 1 from the integer stored at a key.' },
  { name: 'DECRBY', group: 'string', syntax: 'DECRBY key decrement', summary: 'Subtract an integer from the integer stored at a key.' },
  { name: 'INCRBYFLOAT', group: 'string', syntax: 'INCRBYFLOAT key increment', summary: 'Add a decimal number to the number stored at a key.' },
  { name: 'APPEND', group: 'string', syntax: 'APPEND key value', summary: 'Append to a string; returns the new length.' },
  { name: 'STRLEN', group: 'string', syntax: 'STRLEN key', summary: 'Length in bytes of the string stored at a key.' },
  { name: 'DEL', group: 'keys', syntax: 'DEL key [key ...]', summary: 'Delete keys; returns how many existed.' },
  { name: 'UNLINK', group: 'keys', syntax: 'UNLINK key [key ...]', summary: 'Delete keys (reclaiming memory in the background on a real server).' },
  { name: 'EXISTS', group: 'keys', syntax: 'EXISTS key [key ...]', summary: 'Count how many of the keys exist.' },
  { name: 'EXPIRE', group: 'keys', syntax: 'EXPIRE key seconds [NX | XX | GT | LT]', summary: 'Give a key a TTL in seconds.' },
  { name: 'PEXPIRE', group: 'keys', syntax: 'PEXPIRE key milliseconds [NX | XX | GT | LT]', summary: 'Give a key a TTL in milliseconds.' },
  { name: 'EXPIREAT', group: 'keys', syntax: 'EXPIREAT key unix-time-seconds [NX | XX | GT | LT]', summary: 'Make a key expire at a Unix time in seconds.' },
  { name: 'PEXPIREAT', group: 'keys', syntax: 'PEXPIREAT key unix-time-milliseconds [NX | XX | GT | LT]', summary: 'Make a key expire at a Unix time in milliseconds.' },
  { name: 'TTL', group: 'keys', syntax: 'TTL key', summary: 'Seconds left before a key expires; -1 without a TTL, -2 if absent.' },
  { name: 'PTTL', group: 'keys', syntax: 'PTTL key', summary: 'Milliseconds left before a key expires; -1 without a TTL, -2 if absent.' },
  { name: 'EXPIRETIME', group: 'keys', syntax: 'EXPIRETIME key', summary: 'The Unix time in seconds at which a key expires; -1 or -2 as for TTL.' },
  { name: 'PEXPIRETIME', group: 'keys', syntax: 'PEXPIRETIME key', summary: 'The Unix time in milliseconds at which a key expires; -1 or -2 as for TTL.' },
  { name: 'PERSIST', group: 'keys', syntax: 'PERSIST key', summary: "Remove a key's TTL." },
  { name: 'TYPE', group: 'keys', syntax: 'TYPE key', summary: 'The type of the value at a key, or none.' },
  { name: 'KEYS', group: 'keys', syntax: 'KEYS pattern', summary: 'Every key matching a glob pattern (blocks a real server: prefer SCAN).' },
  { name: 'SCAN', group: 'keys', syntax: 'SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]', summary: 'Walk the keyspace a few keys at a time; start and end at cursor 0.' },
  { name: 'RENAME', group: 'keys', syntax: 'RENAME key newkey', summary: 'Rename a key, replacing any key with the new name.' },
  { name: 'RENAMENX', group: 'keys', syntax: 'RENAMENX key newkey', summary: 'Rename a key only if the new name is free.' },
  { name: 'RANDOMKEY', group: 'keys', syntax: 'RANDOMKEY', summary: 'Any one key of the selected database.' },
  { name: 'TOUCH', group: 'keys', syntax: 'TOUCH key [key ...]', summary: 'Count the keys that exist, marking them as recently used.' },
  { name: 'HSET', group: 'hash', syntax: 'HSET key field value [field value ...]', summary: 'Set fields of a hash; returns how many were new.' },
  { name: 'HMSET', group: 'hash', syntax: 'HMSET key field value [field value ...]', summary: 'Set fields of a hash (older form of HSET); replies OK.' },
  { name: 'HSETNX', group: 'hash', syntax: 'HSETNX key field value', summary: 'Set a hash field only if it does not exist yet.' },
  { name: 'HGET', group: 'hash', syntax: 'HGET key field', summary: 'Read one field of a hash.' },
  { name: 'HMGET', group: 'hash', syntax: 'HMGET key field [field ...]', summary: 'Read several fields of a hash.' },
  { name: 'HGETALL', group: 'hash', syntax: 'HGETALL key', summary: 'Read every field and value of a hash.' },
  { name: 'HDEL', group: 'hash', syntax: 'HDEL key field [field ...]', summary: 'Delete fields of a hash.' },
  { name: 'HEXISTS', group: 'hash', syntax: 'HEXISTS key field', summary: 'Whether a hash has a field: 1 or 0.' },
  { name: 'HLEN', group: 'hash', syntax: 'HLEN key', summary: 'How many fields a hash has.' },
  { name: 'HSTRLEN', group: 'hash', syntax: 'HSTRLEN key field', summary: 'Length in bytes of one hash field value.' },
  { name: 'HKEYS', group: 'hash', syntax: 'HKEYS key', summary: 'Every field name of a hash.' },
  { name: 'HVALS', group: 'hash', syntax: 'HVALS key', summary: 'Every value of a hash.' },
  { name: 'HINCRBY', group: 'hash', syntax: 'HINCRBY key field increment', summary: 'Add an integer to a hash field.' },
  { name: 'MULTI', group: 'transactions', syntax: 'MULTI', summary: 'Start a transaction: the next commands answer QUEUED and run together at EXEC.' },
  { name: 'EXEC', group: 'transactions', syntax: 'EXEC', summary: "Run the queued commands at once; (nil) if a WATCHed key changed since WATCH." },
  { name: 'DISCARD', group: 'transactions', syntax: 'DISCARD', summary: 'Drop the queued commands and the WATCHes.' },
  { name: 'WATCH', group: 'transactions', syntax: 'WATCH key [key ...]', summary: 'Make the next EXEC fail if one of these keys changes first (check-and-set).' },
  { name: 'UNWATCH', group: 'transactions', syntax: 'UNWATCH', summary: 'Forget the WATCHed keys.' },
  { name: 'EVAL', group: 'scripting', syntax: 'EVAL script numkeys [key [key ...]] [arg [arg ...]]', summary: 'Run a Lua script atomically; it reads KEYS and ARGV and calls redis.call(...).' },
  { name: 'EVALSHA', group: 'scripting', syntax: 'EVALSHA sha1 numkeys [key [key ...]] [arg [arg ...]]', summary: 'Run a script cached by SCRIPT LOAD or an earlier EVAL, by its SHA1.' },
  { name: 'EVAL_RO', group: 'scripting', syntax: 'EVAL_RO script numkeys [key [key ...]] [arg [arg ...]]', summary: 'Run a Lua script that may only read.' },
  { name: 'EVALSHA_RO', group: 'scripting', syntax: 'EVALSHA_RO sha1 numkeys [key [key ...]] [arg [arg ...]]', summary: 'Run a cached script that may only read.' },
  { name: 'SCRIPT', group: 'scripting', syntax: 'SCRIPT LOAD script | EXISTS sha1 [sha1 ...] | FLUSH [ASYNC | SYNC] | KILL | HELP', summary: 'Cache a script and get its SHA1, check or empty the script cache.' },
  { name: 'PING', group: 'connection', syntax: 'PING [message]', summary: 'Check the connection: PONG, or the message back.' },
  { name: 'ECHO', group: 'connection', syntax: 'ECHO message', summary: 'Return the message.' },
  { name: 'SELECT', group: 'connection', syntax: 'SELECT index', summary: 'Switch this connection to another database (0–15).' },
  { name: 'CLIENT', group: 'connection', syntax: 'CLIENT SETNAME name | GETNAME | ID | INFO | LIST | NO-EVICT ON|OFF | TRACKING ON|OFF [REDIRECT id] [PREFIX prefix ...] [BCAST] [OPTIN] [OPTOUT] [NOLOOP] | CACHING YES|NO | GETREDIR | TRACKINGINFO', summary: 'Name this connection, list the connections, or turn on client-side caching (TRACKING).' },
  { name: 'HELLO', group: 'connection', syntax: 'HELLO [protover [AUTH username password] [SETNAME clientname]]', summary: 'Pick the protocol (2 or 3) and describe the server.' },
  { name: 'AUTH', group: 'connection', syntax: 'AUTH [username] password', summary: 'Log in (this server has no password set).' },
  { name: 'RESET', group: 'connection', syntax: 'RESET', summary: 'Start this connection over: database 0, RESP2, no name, no MULTI, WATCH, subscriptions or tracking.' },
  { name: 'QUIT', group: 'connection', syntax: 'QUIT', summary: 'Close the connection.' },
  { name: 'DBSIZE', group: 'server', syntax: 'DBSIZE', summary: 'How many keys the selected database holds.' },
  { name: 'FLUSHDB', group: 'server', syntax: 'FLUSHDB [ASYNC | SYNC]', summary: 'Delete every key of the selected database.' },
  { name: 'FLUSHALL', group: 'server', syntax: 'FLUSHALL [ASYNC | SYNC]', summary: 'Delete every key of every database.' },
  { name: 'INFO', group: 'server', syntax: 'INFO [section]', summary: 'Server statistics, e.g. keyspace_hits, keyspace_misses, used_memory and evicted_keys.' },
  { name: 'TIME', group: 'server', syntax: 'TIME', summary: "The server's clock: seconds and microseconds." },
  { name: 'CONFIG', group: 'server', syntax: 'CONFIG GET parameter [parameter ...] | SET parameter value | RESETSTAT', summary: 'Read or change settings, or reset the statistics INFO shows.' },
  { name: 'MEMORY', group: 'server', syntax: 'MEMORY USAGE key [SAMPLES count] | DOCTOR | HELP', summary: 'Bytes a key and its value take, as Redis counts them (INFO memory has used_memory and maxmemory).' },
  { name: 'COMMAND', group: 'server', syntax: 'COMMAND [COUNT | INFO name ... | DOCS name ... | LIST | GETKEYS command ... | GETKEYSANDFLAGS command ... | HELP]', summary: 'Describe the commands the server knows.' },
  ...TYPE_HELP,
  { name: 'SUBSCRIBE', group: 'pubsub', syntax: 'SUBSCRIBE channel [channel ...]', summary: 'Listen for messages published to channels (e.g. cache invalidations).' },
  { name: 'UNSUBSCRIBE', group: 'pubsub', syntax: 'UNSUBSCRIBE [channel [channel ...]]', summary: 'Stop listening to channels (all when none is named).' },
  { name: 'PSUBSCRIBE', group: 'pubsub', syntax: 'PSUBSCRIBE pattern [pattern ...]', summary: 'Listen to every channel matching a glob pattern, e.g. __keyevent@0__:*.' },
  { name: 'PUNSUBSCRIBE', group: 'pubsub', syntax: 'PUNSUBSCRIBE [pattern [pattern ...]]', summary: 'Stop listening to patterns.' },
  { name: 'PUBLISH', group: 'pubsub', syntax: 'PUBLISH channel message', summary: 'Send a message to a channel; returns how many clients received it.' },
  { name: 'SSUBSCRIBE', group: 'pubsub', syntax: 'SSUBSCRIBE shardchannel [shardchannel ...]', summary: 'Listen to shard channels (on one server, like SUBSCRIBE with their own count).' },
  { name: 'SUNSUBSCRIBE', group: 'pubsub', syntax: 'SUNSUBSCRIBE [shardchannel [shardchannel ...]]', summary: 'Stop listening to shard channels (all when none is named).' },
  { name: 'SPUBLISH', group: 'pubsub', syntax: 'SPUBLISH shardchannel message', summary: 'Send a message to a shard channel; returns how many clients received it.' },
  { name: 'PUBSUB', group: 'pubsub', syntax: 'PUBSUB CHANNELS [pattern] | NUMSUB [channel ...] | NUMPAT', summary: 'Which channels have subscribers, and how many.' },
];

const byName = new Map(COMMAND_HELP.map((entry) => [entry.name, entry]));

/** Looks a command up by name, case-insensitively. */
export function findCommandHelp(name: string): CommandHelp | undefined {
  return byName.get(name.toUpperCase());
}

/**
 * The text `HELP` prints: with no topic, every command with its summary; with a command name,
 * its syntax and summary in redis-cli's layout; with `@group`, that group's commands.
 *
 * @example helpText(['TTL']) // '\n  TTL key\n  summary: Seconds left ...\n  group: keys\n'
 */
export function helpText(topic: readonly string[], table: readonly CommandHelp[] = COMMAND_HELP): string {
  if (topic.length === 0) {
    const width = Math.max(...table.map((entry) => entry.name.length));
    return [
      'Commands this console understands (HELP <command> for its syntax, HELP @<group> for a group):',
      '',
      ...table.map((entry) => `  ${entry.name.padEnd(width)}  ${entry.summary}`),
      '',
      'Console keys: Up/Down walk the history, Ctrl+L or CLEAR clears the screen.',
    ].join('\n');
  }
  const first = topic[0]!;
  if (first.startsWith('@')) {
    const group = first.slice(1).toLowerCase();
    const members = table.filter((entry) => entry.group === group);
    if (members.length === 0) return `No commands in group @${group}. Groups: ${groups(table).map((g) => `@${g}`).join(', ')}`;
    return members.map(describe).join('\n');
  }
  const name = topic.join(' ').toUpperCase();
  const entry = table.find((candidate) => candidate.name === name) ?? table.find((candidate) => candidate.name === first.toUpperCase());
  return entry ? describe(entry) : `No help for ${topic.join(' ')}. Type HELP for the list of commands.`;
}

function describe(entry: CommandHelp): string {
  return `\n  ${entry.syntax}\n  summary: ${entry.summary}\n  group: ${entry.group}\n`;
}

function groups(table: readonly CommandHelp[]): string[] {
  return [...new Set(table.map((entry) => entry.group))];
}
