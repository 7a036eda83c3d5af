// CONFIG GET/SET/RESETSTAT (config.c): Redis 7.0.15's parameter list with its defaults, typed
// checks for the parameters the emulator acts on, aliases, and all-or-nothing SET.
import type { Reply } from '../reply.ts';
import type { RedisEmulator as Engine } from '../emulator.ts';
import { globMatch } from '../glob.ts';
import { formatKeyspaceEvents, parseKeyspaceEvents } from '../notify.ts';
import { POLICIES, type Policy } from '../evict.ts';
import { Evictor } from '../evictor.ts';
import { parseInt64 } from '../numbers.ts';
import type { EncodingLimits } from '../encoding-limits.ts';
import { CONFIG_DEFAULTS } from './config-defaults.ts';
import { bulkReply, cString, formattedError, OK, SYNTAX, type CommandRun } from './shared.ts';

// 7.0's renamed parameters: the old name reads and writes the new one.
const ALIASES: Readonly<Record<string, string>> = {
  'hash-max-ziplist-entries': 'hash-max-listpack-entries',
  'hash-max-ziplist-value': 'hash-max-listpack-value',
  'zset-max-ziplist-entries': 'zset-max-listpack-entries',
  'zset-max-ziplist-value': 'zset-max-listpack-value',
  'list-max-ziplist-size': 'list-max-listpack-size',
  'slave-ignore-maxmemory': 'replica-ignore-maxmemory',
  'slaveof': 'replicaof',
  'slave-serve-stale-data': 'replica-serve-stale-data',
  'slave-read-only': 'replica-read-only',
  'slave-priority': 'replica-priority',
  'slave-lazy-flush': 'replica-lazy-flush',
  'slave-announce-ip': 'replica-announce-ip',
  'slave-announce-port': 'replica-announce-port',
  'min-slaves-to-write': 'min-replicas-to-write',
  'min-slaves-max-lag': 'min-replicas-max-lag',
};

const IMMUTABLE = new Set([
  'daemonize', 'databases', 'io-threads', 'io-threads-do-reads', 'logfile', 'pidfile', 'supervised', 'unixsocket',
  'unixsocketperm', 'cluster-enabled', 'cluster-config-file', 'always-show-logo', 'set-proc-title', 'syslog-enabled',
  'syslog-ident', 'syslog-facility', 'appenddirname', 'disable-thp', 'aof-timestamp-enabled', 'enable-protected-configs',
  'enable-debug-command', 'enable-module-command', 'tcp-backlog', 'oom-score-adj-values', 'cluster-port',
]);

const INT_MAX = 2147483647n;
const LLONG_MAX = 9223372036854775807n;
type Check = (value: string) => string | null | { error: string };

function bounded(min: bigint, max: bigint): Check {
  return (value) => {
    const n = parseInt64(value);
    if (n === null) return { error: "argument couldn't be parsed into an integer" };
    if (n < min || n > max) return { error: `argument must be between ${min} and ${max} inclusive` };
    return String(n);
  };
}

/** memtoull: digits and an optional unit (k = 1000, kb = 1024, ... gb), case-insensitive. */
export function parseMemory(value: string): number | null {
  const match = /^(\d+)(b|k|kb|m|mb|g|gb)?$/i.exec(value);
  if (match === null) return null;
  const units: Record<string, number> = { b: 1, k: 1e3, kb: 1024, m: 1e6, mb: 1024 ** 2, g: 1e9, gb: 1024 ** 3 };
  const n = Number(match[1]) * units[(match[2] ?? 'b').toLowerCase()]!;
  return Number.isSafeInteger(n) ? n : null;
}

const memory: Check = (value) => {
  const n = parseMemory(value);
  return n === null ? { error: 'argument must be a memory value' } : String(n);
};

const CHECKS: Readonly<Record<string, Check>> = {
  maxmemory: memory,
  'hash-max-listpack-value': memory,
  'zset-max-listpack-value': memory,
  'proto-max-bulk-len': memory,
  'stream-node-max-bytes': memory,
  'maxmemory-policy': (value) =>
    (POLICIES as readonly string[]).includes(value.toLowerCase())
      ? value.toLowerCase()
      : { error: `argument(s) must be one of the following: ${POLICIES.join(', ')}` },
  'maxmemory-samples': bounded(1n, INT_MAX),
  'latency-tracking': (value) => {
    const flag = value.toLowerCase();
    return flag === 'yes' || flag === 'no' ? flag : { error: "argument must be 'yes' or 'no'" };
  },
  'lfu-log-factor': bounded(0n, INT_MAX),
  'lfu-decay-time': bounded(0n, INT_MAX),
  'list-compress-depth': bounded(0n, INT_MAX),
  'list-max-listpack-size': bounded(-INT_MAX - 1n, INT_MAX),
  'hash-max-listpack-entries': bounded(0n, LLONG_MAX),
  'zset-max-listpack-entries': bounded(0n, LLONG_MAX),
  'set-max-intset-entries': bounded(0n, LLONG_MAX),
  'stream-node-max-entries': bounded(0n, LLONG_MAX),
  'tracking-table-max-keys': bounded(0n, LLONG_MAX),
  'notify-keyspace-events': (value) => {
    const flags = parseKeyspaceEvents(value);
    return flags === null ? { error: "Invalid event class character. Use 'Ag$lshzxeKEtmdn'." } : formatKeyspaceEvents(flags);
  },
};

// Parameters the engine acts on: where a stored value goes.
const LIMIT_FIELDS: Readonly<Record<string, keyof EncodingLimits>> = {
  'hash-max-listpack-entries': 'hashEntries',
  'hash-max-listpack-value': 'hashValue',
  'zset-max-listpack-entries': 'zsetEntries',
  'zset-max-listpack-value': 'zsetValue',
  'set-max-intset-entries': 'intsetEntries',
  'stream-node-max-entries': 'streamNodeEntries',
  'stream-node-max-bytes': 'streamNodeBytes',
  'list-max-listpack-size': 'listSize',
};

function apply(engine: Engine, name: string, value: string): void {
  const eviction = engine.eviction;
  const field = LIMIT_FIELDS[name];
  if (field !== undefined) engine.encodingLimits[field] = Math.min(Number(value), Number.MAX_SAFE_INTEGER);
  else if (name === 'maxmemory') engine.setMaxmemory(Number(value), Evictor);
  else if (name === 'maxmemory-policy') engine.setEvictionPolicy(value as Policy);
  else if (name === 'maxmemory-samples') eviction.samples = Number(value);
  else if (name === 'lfu-log-factor') eviction.lfuLogFactor = Number(value);
  else if (name === 'lfu-decay-time') eviction.lfuDecayTime = Number(value);
  else if (name === 'latency-tracking') engine.latencyTracking = value === 'yes';
  else if (name === 'tracking-table-max-keys') engine.trackingMaxKeys = Number(value);
  else if (name === 'notify-keyspace-events') engine.notifyKeyspaceEvents = parseKeyspaceEvents(value)!;
}

const configs = new WeakMap<Engine, Map<string, string>>();

function configOf(engine: Engine): Map<string, string> {
  let values = configs.get(engine);
  if (values === undefined) {
    values = new Map(CONFIG_DEFAULTS.filter(([name]) => ALIASES[name] === undefined));
    configs.set(engine, values);
  }
  return values;
}

export const configGet: CommandRun = (engine, argv) => {
  const values = configOf(engine);
  values.set('port', String(engine.tcpPort)); // the port a RESP server really listens on
  const pairs: Array<readonly [Reply, Reply]> = [];
  const seen = new Set<string>();
  for (let i = 2; i < argv.length; i++) {
    const pattern = argv[i]!;
    for (const [name] of CONFIG_DEFAULTS) {
      if (seen.has(name) || !globMatch(pattern, name, true)) continue;
      seen.add(name);
      pairs.push([bulkReply(name), bulkReply(values.get(ALIASES[name] ?? name)!)]);
    }
  }
  return { type: 'map', value: pairs };
};

export const configSet: CommandRun = (engine, argv) => {
  if (argv.length % 2 === 1) return SYNTAX;
  const values = configOf(engine);
  const given = new Set<string>();
  for (let i = 2; i < argv.length; i += 2) {
    const name = argv[i]!.toLowerCase();
    const canonical = ALIASES[name] ?? name;
    if (!values.has(canonical)) {
      return formattedError(`ERR Unknown option or number of arguments for CONFIG SET - '${cString(argv[i]!)}'`);
    }
    if (IMMUTABLE.has(canonical)) return failed(argv[i]!, "can't set immutable config");
    if (given.has(name)) return failed(argv[i]!, 'duplicate parameter');
    given.add(name);
  }
  const parsed: Array<readonly [string, string]> = [];
  for (let i = 2; i < argv.length; i += 2) {
    const name = ALIASES[argv[i]!.toLowerCase()] ?? argv[i]!.toLowerCase();
    const check = CHECKS[name];
    const value = check === undefined ? argv[i + 1]! : check(argv[i + 1]!);
    if (value !== null && typeof value === 'object') return failed(argv[i]!, value.error);
    parsed.push([name, value ?? argv[i + 1]!]);
  }
  for (const [name, value] of parsed) {
    values.set(name, value);
    apply(engine, name, value);
  }
  return OK;
};

function failed(name: string, why: string): Reply {
  return formattedError(`ERR CONFIG SET failed (possibly related to argument '${cString(name).toLowerCase()}') - ${why}`);
}

export const configResetstat: CommandRun = (engine) => {
  engine.resetStats();
  return OK;
};
