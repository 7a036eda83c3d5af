// INFO, CLIENT INFO/LIST/NO-EVICT/HELP, HELLO and AUTH (server.c, networking.c): server commands
// only a learner types, never the labs, so they load with `loadCommands()`, not on first load.
import { parseInt64 } from '../numbers.ts';
import { memorySection } from './memory.ts';
import { REDIS_VERSION, setName } from './server.ts';
import type { RedisEmulator as Engine } from '../emulator.ts';
import type { Session } from '../session.ts';
import type { Keyspace } from '../keyspace.ts';
import { arrayReply, bulkReply, cString, EMPTY_ARRAY, errorReply, formattedError, intReply, OK, optionIs, statusReply, SYNTAX, type CommandRun } from './shared.ts';

// getClientInfoString's flags: P pub/sub, x MULTI, t tracking, R broken redirect, B BCAST; N none.
function clientFlags(session: Session): string {
  let flags = '';
  if (session.pubsub !== null) flags += 'P';
  if (session.multi !== null) flags += 'x';
  if (session.blocked) flags += 'b';
  const tracking = session.tracking;
  if (tracking !== null) flags += 't' + (tracking.brokenRedirect ? 'R' : '') + (tracking.bcast ? 'B' : '');
  if (session.watchTouched) flags += 'd';
  return flags === '' ? 'N' : flags;
}

function clientLine(engine: Engine, session: Session): string {
  const age = Math.max(0, Math.floor((engine.now - session.createdAt) / 1000));
  const idle = Math.max(0, Math.floor((engine.now - session.lastCommandAt) / 1000));
  return (
    `id=${session.id} addr=${session.address} laddr=${session.localAddress} fd=${7 + session.id} name=${session.name ?? ''} ` +
    `age=${age} idle=${idle} flags=${clientFlags(session)} db=${session.db} sub=${session.pubsub?.channels.size ?? 0} psub=${session.pubsub?.patterns.size ?? 0} ssub=${session.pubsub?.shardChannels.size ?? 0} multi=${session.multi === null ? -1 : session.multi.length} qbuf=${session.queryBuffer} qbuf-free=0 ` +
    `argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=1024 events=r ` +
    `cmd=${session.lastCommand} user=default redir=${session.tracking?.redirect ?? -1} resp=${session.protocol}\n`
  );
}

export const clientInfo: CommandRun = (engine, _argv, session) => {
  session.lastCommand = 'client|info';
  return { type: 'verbatim', format: 'txt', value: clientLine(engine, session) };
};

export const clientList: CommandRun = (engine, argv, session) => {
  session.lastCommand = 'client|list';
  let sessions: Iterable<Session> = engine.sessions;
  if (argv.length === 4 && optionIs(argv[2]!, 'type')) {
    const kind = cString(argv[3]!).toLowerCase();
    if (!['normal', 'master', 'replica', 'slave', 'pubsub'].includes(kind)) {
      return formattedError(`ERR Unknown client type '${cString(argv[3]!)}'`);
    }
    // Every emulated connection is a normal client, or a pub/sub one while it has subscriptions.
    if (kind === 'normal' || kind === 'pubsub') sessions = [...sessions].filter((each) => (each.pubsub !== null) === (kind === 'pubsub'));
    else sessions = [];
  } else if (argv.length > 3 && optionIs(argv[2]!, 'id')) {
    const byId = new Map([...engine.sessions].map((each) => [each.id, each] as const));
    const found: Session[] = [];
    for (let j = 3; j < argv.length; j++) {
      const id = parseInt64(argv[j]!);
      if (id === null) return errorReply('ERR Invalid client ID');
      const match = byId.get(Number(id));
      if (match !== undefined) found.push(match);
    }
    sessions = found;
  } else if (argv.length !== 2) {
    return SYNTAX;
  }
  let text = '';
  for (const each of sessions) text += clientLine(engine, each);
  return { type: 'verbatim', format: 'txt', value: text };
};

// ---- INFO -------------------------------------------------------------------------------

// 7.0's default sections; `all` adds commandstats and latencystats.
const DEFAULT_SECTIONS = ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'modules', 'errorstats', 'cluster', 'keyspace'];

function infoText(engine: Engine, sections: Set<string>, all: boolean): string {
  const parts: string[] = [];
  const want = (name: string) => all || sections.has(name);
  const uptime = Math.max(0, Math.floor((engine.now - engine.startedAt) / 1000));
  if (want('server')) {
    parts.push(
      '# Server\r\n' +
        `redis_version:${REDIS_VERSION}\r\nredis_git_sha1:00000000\r\nredis_git_dirty:0\r\n` +
        'redis_build_id:0\r\nredis_mode:standalone\r\nos:Browser emulator\r\narch_bits:64\r\n' +
        'monotonic_clock:virtual\r\nmultiplexing_api:none\r\natomicvar_api:none\r\ngcc_version:0.0.0\r\n' +
        'process_id:1\r\nprocess_supervised:no\r\nrun_id:0000000000000000000000000000000000000000\r\n' +
        `tcp_port:${engine.tcpPort}\r\nserver_time_usec:${engine.now * 1000}\r\nuptime_in_seconds:${uptime}\r\n` +
        `uptime_in_days:${Math.floor(uptime / 86400)}\r\nhz:10\r\nconfigured_hz:10\r\n` +
        `lru_clock:${Math.floor(engine.now / 1000) % 16777216}\r\nexecutable:\r\nconfig_file:\r\nio_threads_active:0\r\n`,
    );
  }
  if (want('clients')) {
    const { blocked, withTimeout } = engine.blockedClients;
    parts.push(
      '# Clients\r\n' +
        `connected_clients:${engine.sessions.size}\r\ncluster_connections:0\r\nmaxclients:10000\r\n` +
        `client_recent_max_input_buffer:0\r\nclient_recent_max_output_buffer:0\r\nblocked_clients:${blocked}\r\n` +
        `tracking_clients:${engine.tracking.clients}\r\nclients_in_timeout_table:${withTimeout}\r\n`,
    );
  }
  if (want('memory')) parts.push(memorySection(engine));
  if (want('persistence')) {
    // Redis 7.0's fields for a server that never saves (no fork, no RDB or AOF file).
    parts.push(
      '# Persistence\r\nloading:0\r\nasync_loading:0\r\ncurrent_cow_peak:0\r\ncurrent_cow_size:0\r\ncurrent_cow_size_age:0\r\n' +
        'current_fork_perc:0.00\r\ncurrent_save_keys_processed:0\r\ncurrent_save_keys_total:0\r\nrdb_changes_since_last_save:0\r\n' +
        `rdb_bgsave_in_progress:0\r\nrdb_last_save_time:${Math.floor(engine.startedAt / 1000)}\r\nrdb_last_bgsave_status:ok\r\n` +
        'rdb_last_bgsave_time_sec:-1\r\nrdb_current_bgsave_time_sec:-1\r\nrdb_saves:0\r\nrdb_last_cow_size:0\r\n' +
        'rdb_last_load_keys_expired:0\r\nrdb_last_load_keys_loaded:0\r\naof_enabled:0\r\naof_rewrite_in_progress:0\r\n' +
        'aof_rewrite_scheduled:0\r\naof_last_rewrite_time_sec:-1\r\naof_current_rewrite_time_sec:-1\r\naof_last_bgrewrite_status:ok\r\n' +
        'aof_rewrites:0\r\naof_rewrites_consecutive_failures:0\r\naof_last_write_status:ok\r\naof_last_cow_size:0\r\n' +
        'module_fork_in_progress:0\r\nmodule_fork_last_cow_size:0\r\n',
    );
  }
  if (want('stats')) {
    const s = engine.stats;
    parts.push(
      // Redis 7.0's fields in its order. No network, replication, fork, defragmentation or I/O
      // threads here: their counters stay 0 (bytes and reads/writes too: knowingly different).
      '# Stats\r\n' +
        `total_connections_received:${s.connections}\r\ntotal_commands_processed:${s.commands}\r\n` +
        'instantaneous_ops_per_sec:0\r\ntotal_net_input_bytes:0\r\ntotal_net_output_bytes:0\r\ntotal_net_repl_input_bytes:0\r\n' +
        'total_net_repl_output_bytes:0\r\ninstantaneous_input_kbps:0.00\r\ninstantaneous_output_kbps:0.00\r\n' +
        'instantaneous_input_repl_kbps:0.00\r\ninstantaneous_output_repl_kbps:0.00\r\nrejected_connections:0\r\n' +
        'sync_full:0\r\nsync_partial_ok:0\r\nsync_partial_err:0\r\n' +
        `expired_keys:${s.expiredKeys}\r\nexpired_stale_perc:${s.expiredStalePercent.toFixed(2)}\r\n` +
        `expired_time_cap_reached_count:${s.expiredTimeCapReached}\r\nexpire_cycle_cpu_milliseconds:0\r\n` +
        `evicted_keys:${s.evictedKeys}\r\nevicted_clients:0\r\ntotal_eviction_exceeded_time:0\r\ncurrent_eviction_exceeded_time:0\r\n` +
        `keyspace_hits:${s.hits}\r\nkeyspace_misses:${s.misses}\r\n` +
        `pubsub_channels:${engine.pubsub.channels.size}\r\npubsub_patterns:${engine.pubsub.patterns.size}\r\npubsubshard_channels:${engine.pubsub.shardChannels.size}\r\n` +
        'latest_fork_usec:0\r\ntotal_forks:0\r\nmigrate_cached_sockets:0\r\nslave_expires_tracked_keys:0\r\n' +
        'active_defrag_hits:0\r\nactive_defrag_misses:0\r\nactive_defrag_key_hits:0\r\nactive_defrag_key_misses:0\r\n' +
        'total_active_defrag_time:0\r\ncurrent_active_defrag_time:0\r\n' +
        `tracking_total_keys:${engine.tracking.keys.size}\r\ntracking_total_items:${engine.tracking.items}\r\n` +
        `tracking_total_prefixes:${engine.tracking.prefixes.size}\r\nunexpected_error_replies:0\r\ntotal_error_replies:${s.errorReplies}\r\n` +
        'dump_payload_sanitizations:0\r\ntotal_reads_processed:0\r\ntotal_writes_processed:0\r\n' +
        'io_threaded_reads_processed:0\r\nio_threaded_writes_processed:0\r\nreply_buffer_shrinks:0\r\nreply_buffer_expands:0\r\n',
    );
  }
  if (want('replication')) {
    parts.push(
      '# Replication\r\nrole:master\r\nconnected_slaves:0\r\nmaster_failover_state:no-failover\r\n' +
        'master_replid:0000000000000000000000000000000000000000\r\nmaster_replid2:0000000000000000000000000000000000000000\r\n' +
        'master_repl_offset:0\r\nsecond_repl_offset:-1\r\nrepl_backlog_active:0\r\nrepl_backlog_size:1048576\r\n' +
        'repl_backlog_first_byte_offset:0\r\nrepl_backlog_histlen:0\r\n',
    );
  }
  if (want('cpu')) {
    parts.push(
      '# CPU\r\nused_cpu_sys:0.000000\r\nused_cpu_user:0.000000\r\nused_cpu_sys_children:0.000000\r\n' +
        'used_cpu_user_children:0.000000\r\nused_cpu_sys_main_thread:0.000000\r\nused_cpu_user_main_thread:0.000000\r\n',
    );
  }
  if (want('modules')) parts.push('# Modules\r\n');
  if (all || sections.has('commandstats')) parts.push(commandStats(engine));
  if (want('errorstats')) {
    let text = '# Errorstats\r\n';
    // Redis keeps them in a radix tree: by the code's bytes.
    const codes = [...engine.errorCodes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [code, count] of codes) text += `errorstat_${infoSafe(code)}:count=${count}\r\n`;
    parts.push(text);
  }
  if (all || sections.has('latencystats')) parts.push(latencyStats(engine));
  if (want('cluster')) parts.push('# Cluster\r\ncluster_enabled:0\r\n');
  if (want('keyspace')) {
    let text = '# Keyspace\r\n';
    for (const db of engine.dbs) {
      if (db.size === 0 && db.volatile.size === 0) continue;
      text += `db${db.id}:keys=${db.size},expires=${db.volatile.size},avg_ttl=${averageTtl(engine, db)}\r\n`;
    }
    parts.push(text);
  }
  return parts.join('\r\n');
}

// getSafeInfoString: a name may not break INFO's line format.
const infoSafe = (name: string): string => name.replace(/[:\r\n]/g, '_');

/**
 * INFO commandstats (genRedisInfoStringCommandStats), in the order commands were first used
 * (Redis: its command table's hash order). A command takes no time on the injected clock, so
 * `usec` is 0 (Redis measures the CPU time of each call).
 */
function commandStats(engine: Engine): string {
  let text = '# Commandstats\r\n';
  for (const [spec, { calls, failed, rejected }] of engine.commandStats) {
    if (calls === 0 && failed === 0 && rejected === 0) continue;
    text += `cmdstat_${infoSafe(spec.fullName)}:calls=${calls},usec=0,usec_per_call=0.00,rejected_calls=${rejected},failed_calls=${failed}\r\n`;
  }
  return text;
}

/**
 * INFO latencystats: the default latency-tracking-info-percentiles (50, 99, 99.9) of each command
 * with a latency histogram. Every call takes 0 µs on the injected clock, which Redis's histogram
 * records as its 1 ns minimum: 0.001 µs at every percentile.
 */
function latencyStats(engine: Engine): string {
  let text = '# Latencystats\r\n';
  for (const spec of engine.latencyTracked) text += `latency_percentiles_usec_${infoSafe(spec.fullName)}:p50=0.001,p99=0.001,p99.9=0.001\r\n`;
  return text;
}

function averageTtl(engine: Engine, db: Keyspace): number {
  if (db.volatile.size === 0) return 0;
  let total = 0;
  for (const key of db.volatile) total += Math.max(0, Number(db.entries.get(key)!.expireAt) - engine.now);
  return Math.floor(total / db.volatile.size);
}

export const info: CommandRun = (engine, argv) => {
  const sections = new Set<string>();
  let all = false;
  if (argv.length === 1) for (const name of DEFAULT_SECTIONS) sections.add(name);
  for (let i = 1; i < argv.length; i++) {
    const name = cString(argv[i]!).toLowerCase();
    if (name === 'default') for (const each of DEFAULT_SECTIONS) sections.add(each);
    else if (name === 'all' || name === 'everything') all = true;
    else sections.add(name);
  }
  return { type: 'verbatim', format: 'txt', value: infoText(engine, sections, all) };
};

// ---- HELLO, AUTH, CLIENT NO-EVICT and HELP ------------------------------------------------

const WRONGPASS = errorReply('WRONGPASS invalid username-password pair or user is disabled.');

export const hello: CommandRun = (engine, argv, session) => {
  let version = 0;
  let next = 1;
  if (argv.length >= 2) {
    const parsed = parseInt64(argv[next++]!);
    if (parsed === null) return errorReply('ERR Protocol version is not an integer or out of range');
    if (parsed < 2 || parsed > 3) return errorReply('NOPROTO unsupported protocol version');
    version = Number(parsed);
  }
  for (let j = next; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const opt = argv[j]!;
    if (optionIs(opt, 'auth') && more >= 2) {
      // The default user has no password: any password works for it, no other user exists.
      if (argv[j + 1] !== 'default') return WRONGPASS;
      j += 2;
    } else if (optionIs(opt, 'setname') && more >= 1) {
      const failed = setName(session, argv[j + 1]!);
      if (failed !== null) return failed;
      j++;
    } else {
      return formattedError(`ERR Syntax error in HELLO option '${cString(opt)}'`);
    }
  }
  if (version !== 0) session.protocol = version as 2 | 3;
  return {
    type: 'map',
    value: [
      [bulkReply('server'), bulkReply('redis')],
      [bulkReply('version'), bulkReply(REDIS_VERSION)],
      [bulkReply('proto'), intReply(session.protocol)],
      [bulkReply('id'), intReply(session.id)],
      [bulkReply('mode'), bulkReply('standalone')],
      [bulkReply('role'), bulkReply('master')],
      [bulkReply('modules'), EMPTY_ARRAY],
    ],
  };
};

export const auth: CommandRun = (_engine, argv) => {
  if (argv.length > 3) return SYNTAX;
  if (argv.length === 2) {
    return errorReply(
      'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
    );
  }
  return argv[1] === 'default' ? OK : WRONGPASS;
};

export const clientNoEvict: CommandRun = (_engine, argv) =>
  optionIs(argv[2]!, 'on') || optionIs(argv[2]!, 'off') ? OK : SYNTAX;

export const clientHelp: CommandRun = () =>
  arrayReply(
    [
      'CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
      'GETNAME',
      '    Return the name of the current connection.',
      'ID',
      '    Return the ID of the current connection.',
      'INFO',
      '    Return information about the current client connection.',
      'LIST [options ...]',
      '    Return information about client connections.',
      'SETNAME <name>',
      '    Assign the name <name> to the current connection.',
      'HELP',
      '    Print this help.',
    ].map(statusReply),
  );
