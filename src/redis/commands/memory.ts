// MEMORY, OBJECT FREQ/IDLETIME/REFCOUNT and INFO's Memory section (object.c, server.c), over
// the incremental accounting of memory.ts and the eviction settings of evict.ts.
import type { RedisEmulator as Engine } from '../emulator.ts';
import { bytesToHuman, CLIENT_MEMORY, FIRST_CLIENT_MEMORY, memoryUsage, STARTUP_MEMORY } from '../memory.ts';
import type { Reply } from '../reply.ts';
import { idleTime, lfuCounter, lruClock } from '../evict.ts';
import { isIntEncodable } from '../memory.ts';
import { parseInt64 } from '../numbers.ts';
import { arrayReply, bulkReply, errorReply, intReply, NIL, NOT_INTEGER, OK, optionIs, statusReply, SYNTAX, type CommandRun } from './shared.ts';

// MEMORY USAGE looks the key up with dictFind: no lazy expiry, no hit or miss.
export const memoryUsageRun: CommandRun = (_engine, argv, _session, db) => {
  let samples = 5;
  for (let j = 3; j < argv.length; j++) {
    if (optionIs(argv[j]!, 'samples') && j + 1 < argv.length) {
      const parsed = parseInt64(argv[++j]!);
      if (parsed === null) return NOT_INTEGER;
      if (parsed < 0) return SYNTAX;
      samples = parsed === 0n ? 0 : Number(parsed);
    } else {
      return SYNTAX;
    }
  }
  const entry = db.index[argv[2]!];
  return entry === undefined ? NIL : intReply(memoryUsage(argv[2]!, entry.value, samples));
};

// memoryDoctor: under 5 MB allocated it declines to judge; the emulator has no fragmentation.
export const memoryDoctor: CommandRun = (engine) => ({
  type: 'verbatim',
  format: 'txt',
  value:
    engine.usedMemory() < 5 * 1024 * 1024
      ? "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n"
      : "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.\n",
});

/**
 * getMemoryOverheadData over the emulator's accounting: Redis's formulas for the tables (24-byte
 * dictEntries, 8-byte slots, a 16-byte robj per key), the emulator's fixed client figure, the
 * allocator and RSS figures derived as INFO derives them (see memorySection).
 */
function overheadData(engine: Engine) {
  const used = engine.usedMemory();
  const clients = engine.sessions.size;
  const clientsNormal = (clients > 0 ? FIRST_CLIENT_MEMORY : 0) + CLIENT_MEMORY * clients;
  let luaCaches = 0;
  for (const script of engine.scripts.values()) luaCaches += script.body.length;
  if (engine.scripts.size > 0) luaCaches += 24 * engine.scripts.size + 8 * slotsFor(engine.scripts.size);
  const functionsCaches = 200;
  let overhead = STARTUP_MEMORY + clientsNormal + luaCaches + functionsCaches;
  let keys = 0;
  const dbs: Array<{ id: number; main: number; expires: number }> = [];
  for (const db of engine.dbs) {
    if (db.size === 0) continue;
    keys += db.size;
    const main = db.size * 24 + 8 * slotsFor(db.size) + db.size * 16;
    const volatile = db.volatile.size;
    const expires = volatile === 0 ? 0 : volatile * 24 + 8 * slotsFor(volatile);
    dbs.push({ id: db.id, main, expires });
    overhead += main + expires;
  }
  const net = used > STARTUP_MEMORY ? used - STARTUP_MEMORY : 1;
  const rss = derivedRss(used);
  return { used, peak: engine.peakMemory, clientsNormal, luaCaches, functionsCaches, dbs, overhead, keys, net, rss };
}

function slotsFor(used: number): number {
  let size = 4;
  while (size < used) size *= 2;
  return size;
}

// The emulator has no process: RSS is derived from used_memory (20% more, whole 4 KB pages).
function derivedRss(used: number): number {
  return Math.ceil((used * 1.2) / 4096) * 4096;
}

// Redis computes these ratios as C floats, then replies them as doubles.
const ratio = (value: number): Reply => ({ type: 'double', value: Math.fround(value) });

/** MEMORY STATS: Redis 7.0's fields in its order, from the emulator's own accounting. */
export const memoryStats: CommandRun = (engine) => {
  const m = overheadData(engine);
  const field = (name: string, value: Reply): readonly [Reply, Reply] => [bulkReply(name), value];
  const fields: Array<readonly [Reply, Reply]> = [
    field('peak.allocated', intReply(m.peak)),
    field('total.allocated', intReply(m.used)),
    field('startup.allocated', intReply(STARTUP_MEMORY)),
    field('replication.backlog', intReply(0)),
    field('clients.slaves', intReply(0)),
    field('clients.normal', intReply(m.clientsNormal)),
    field('cluster.links', intReply(0)),
    field('aof.buffer', intReply(0)),
    field('lua.caches', intReply(m.luaCaches)),
    field('functions.caches', intReply(m.functionsCaches)),
  ];
  for (const db of m.dbs) {
    fields.push(field(`db.${db.id}`, {
      type: 'map',
      value: [
        field('overhead.hashtable.main', intReply(db.main)),
        field('overhead.hashtable.expires', intReply(db.expires)),
        field('overhead.hashtable.slot-to-keys', intReply(0)),
      ],
    }));
  }
  const dataset = m.used - m.overhead;
  fields.push(
    field('overhead.total', intReply(m.overhead)),
    field('keys.count', intReply(m.keys)),
    field('keys.bytes-per-key', intReply(m.keys === 0 ? 0 : Math.floor(m.net / m.keys))),
    field('dataset.bytes', intReply(dataset)),
    field('dataset.percentage', ratio((dataset * 100) / m.net)),
    field('peak.percentage', ratio((m.used * 100) / m.peak)),
    field('allocator.allocated', intReply(m.used)),
    field('allocator.active', intReply(m.rss)),
    field('allocator.resident', intReply(m.rss)),
    field('allocator-fragmentation.ratio', ratio(m.rss / m.used)),
    field('allocator-fragmentation.bytes', intReply(m.rss - m.used)),
    field('allocator-rss.ratio', ratio(1)),
    field('allocator-rss.bytes', intReply(0)),
    field('rss-overhead.ratio', ratio(1)),
    field('rss-overhead.bytes', intReply(0)),
    field('fragmentation', ratio(m.rss / m.used)),
    field('fragmentation.bytes', intReply(m.rss - m.used)),
  );
  return { type: 'map', value: fields };
};

/**
 * MEMORY MALLOC-STATS: jemalloc's report has hundreds of lines about its arenas and bins, which
 * the emulator does not have; it answers the report's frame and its summary line, from its
 * accounting (allocated = used_memory, active = resident = mapped = the derived RSS).
 */
export const memoryMallocStats: CommandRun = (engine) => {
  const used = engine.usedMemory();
  const rss = derivedRss(used);
  return {
    type: 'verbatim',
    format: 'txt',
    value:
      '___ Begin jemalloc statistics ___\n' +
      'Version: "5.3.0-0-g54eaed1d8b56b1aa528be3bdd1877e59c56fa90c"\n' +
      `Allocated: ${used}, active: ${rss}, metadata: 0 (n_thp 0), resident: ${rss}, mapped: ${rss}, retained: 0\n` +
      '--- End jemalloc statistics ---\n',
  };
};

/** MEMORY PURGE: jemalloc_purge succeeds; the emulator has no dirty pages to give back. */
export const memoryPurge: CommandRun = () => OK;

const MEMORY_HELP = [
  'MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'DOCTOR',
  '    Return memory problems reports.',
  'MALLOC-STATS',
  '    Return internal statistics report from the memory allocator.',
  'PURGE',
  '    Attempt to purge dirty pages for reclamation by the allocator.',
  'STATS',
  '    Return information about the memory usage of the server.',
  'USAGE <key> [SAMPLES <count>]',
  '    Return memory in bytes used by <key> and its value. Nested values are',
  '    sampled up to <count> times (default: 5, 0 means sample all).',
  'HELP',
  '    Prints this help.',
];

export const memoryHelp: CommandRun = () => arrayReply(MEMORY_HELP.map(statusReply));

const NOT_LFU = errorReply(
  'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
);
const IS_LFU = errorReply(
  'ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
);

export const objectFreq: CommandRun = (engine, argv, _session, db) => {
  const entry = engine.lookupNoTouch(db, argv[2]!);
  if (entry === undefined) return NIL;
  if (!engine.lfu) return NOT_LFU;
  return intReply(lfuCounter(entry.lru, engine.now, engine.eviction.lfuDecayTime));
};

export const objectIdletime: CommandRun = (engine, argv, _session, db) => {
  const entry = engine.lookupNoTouch(db, argv[2]!);
  if (entry === undefined) return NIL;
  if (engine.lfu) return IS_LFU;
  return intReply(idleTime(entry.lru, lruClock(engine.now)) / 1000);
};

// Integers 0..9999 are the shared objects (refcount INT_MAX) unless an LRU/LFU policy with a
// maxmemory needs an access time per key.
export const objectRefcount: CommandRun = (engine, argv, _session, db) => {
  const entry = engine.lookupNoTouch(db, argv[2]!);
  if (entry === undefined) return NIL;
  const value = entry.value;
  const { maxmemory, policy } = engine.eviction;
  const sharing = maxmemory === 0 || !(policy.endsWith('lru') || policy.endsWith('lfu'));
  if (typeof value === 'string' && sharing && value.length <= 4 && isIntEncodable(value) && Number(value) >= 0) {
    return intReply(2147483647);
  }
  return intReply(1);
};

/** INFO's Memory section, in Redis 7.0.15's field order; allocator and RSS figures are derived. */
export function memorySection(engine: Engine): string {
  const used = engine.usedMemory();
  const peak = engine.peakMemory;
  const overhead = STARTUP_MEMORY + (used - STARTUP_MEMORY - datasetBytes(engine));
  const dataset = used - overhead;
  const { maxmemory, policy } = engine.eviction;
  const rss = Math.ceil((used * 1.2) / 4096) * 4096;
  const lines = [
    `used_memory:${used}`,
    `used_memory_human:${bytesToHuman(used)}`,
    `used_memory_rss:${rss}`,
    `used_memory_rss_human:${bytesToHuman(rss)}`,
    `used_memory_peak:${peak}`,
    `used_memory_peak_human:${bytesToHuman(peak)}`,
    `used_memory_peak_perc:${((used * 100) / peak).toFixed(2)}%`,
    `used_memory_overhead:${overhead}`,
    `used_memory_startup:${STARTUP_MEMORY}`,
    `used_memory_dataset:${dataset}`,
    `used_memory_dataset_perc:${used === STARTUP_MEMORY ? '0.00' : ((dataset * 100) / (used - STARTUP_MEMORY)).toFixed(2)}%`,
    `allocator_allocated:${used}`,
    `allocator_active:${rss}`,
    `allocator_resident:${rss}`,
    'total_system_memory:0',
    'total_system_memory_human:0B',
    'used_memory_lua:32768',
    'used_memory_vm_eval:32768',
    'used_memory_lua_human:32.00K',
    'used_memory_scripts_eval:0',
    `number_of_cached_scripts:${engine.scripts.size}`,
    'number_of_functions:0',
    'number_of_libraries:0',
    'used_memory_vm_functions:32768',
    'used_memory_vm_total:65536',
    'used_memory_vm_total_human:64.00K',
    'used_memory_functions:200',
    'used_memory_scripts:200',
    'used_memory_scripts_human:200B',
    `maxmemory:${maxmemory}`,
    `maxmemory_human:${bytesToHuman(maxmemory)}`,
    `maxmemory_policy:${policy}`,
    'allocator_frag_ratio:1.00',
    'allocator_frag_bytes:0',
    'allocator_rss_ratio:1.00',
    'allocator_rss_bytes:0',
    'rss_overhead_ratio:1.00',
    'rss_overhead_bytes:0',
    `mem_fragmentation_ratio:${(rss / used).toFixed(2)}`,
    `mem_fragmentation_bytes:${rss - used}`,
    'mem_not_counted_for_evict:0',
    'mem_replication_backlog:0',
    'mem_total_replication_buffers:0',
    'mem_clients_slaves:0',
    `mem_clients_normal:${used - STARTUP_MEMORY - datasetBytes(engine)}`,
    'mem_cluster_links:0',
    'mem_aof_buffer:0',
    'mem_allocator:jemalloc-5.3.0',
    'active_defrag_running:0',
    'lazyfree_pending_objects:0',
    'lazyfreed_objects:0',
  ];
  return '# Memory\r\n' + lines.join('\r\n') + '\r\n';
}

function datasetBytes(engine: Engine): number {
  let bytes = 0;
  for (const db of engine.dbs) bytes += db.usedBytes();
  return bytes;
}
