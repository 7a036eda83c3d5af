/**
 * The emulator's counters and memory (Redis's server stats, used_memory, evict.c's entry point):
 * INFO's stats and errorstats, the latency histograms' count, used_memory and its peak, and
 * maxmemory with its policy. Between emulator-keys.ts below and emulator-clients.ts above.
 */
import type { Reply } from './reply.ts';
import type { Keyspace } from './keyspace.ts';
import type { CommandSpec, CommandStat } from './commands/shared.ts';
import { NOTIFY_EVICTED } from './notify.ts';
import { isLfu, lruClock, type Policy } from './evict.ts';
import type { Evictor } from './evictor.ts';
import { CLIENT_MEMORY, FIRST_CLIENT_MEMORY, LATENCY_HISTOGRAM, STARTUP_MEMORY } from './memory.ts';
import { KeyspaceEngine } from './emulator-keys.ts';

/** The stats and memory side of `RedisEmulator` (see emulator.ts); not constructed on its own. */
export abstract class StatsEngine extends KeyspaceEngine {
  /** used_memory_peak. */
  peakMemory = 0;

  /** The eviction pool, from the first CONFIG SET maxmemory on (null while nothing can evict). */
  protected evictor: Evictor | null = null;

  /**
   * used_memory as Redis would report it: its startup figure, the connected clients, and every
   * key's incremental charge (memory.ts) plus the tables' slots. O(databases), not a scan.
   */
  usedMemory(): number {
    const clients = this.sessions.size;
    let used = STARTUP_MEMORY + (clients > 0 ? FIRST_CLIENT_MEMORY : 0) + CLIENT_MEMORY * clients;
    used += LATENCY_HISTOGRAM * this.latencyHistograms;
    for (const db of this.dbs) used += db.usedBytes();
    if (used > this.peakMemory) this.peakMemory = used;
    return used;
  }

  /**
   * @internal CONFIG SET maxmemory: with a limit, writes keep used_memory current as they go.
   * config.ts hands in `Evictor` so the eviction pool loads with CONFIG, not on first load.
   */
  setMaxmemory(bytes: number, evictor: typeof Evictor): void {
    this.evictor ??= new evictor(this.eviction, this.nextRandom);
    this.eviction.maxmemory = bytes;
    this.updatePlain();
    for (const db of this.dbs) {
      if (bytes !== 0 && !db.tracked) db.repriceAll();
      db.tracked = bytes !== 0;
    }
  }

  /** @internal CONFIG SET maxmemory-policy: LRU and LFU read a key's `lru` differently. */
  setEvictionPolicy(policy: Policy): void {
    this.eviction.policy = policy;
    this.lfu = isLfu(policy);
    this.evictor?.reset();
  }

  // performEvictions; false when memory stays over maxmemory (noeviction, nothing to evict).
  protected evictIfNeeded(): boolean {
    this.now = Math.floor(this.clock());
    this.lruClock = lruClock(this.now);
    return this.evictor!.perform(this.dbs, this.now, () => this.usedMemory(), (db, key) => {
      db.remove(key);
      this.stats.evictedKeys++;
      this.signalModifiedKey(db, key, null);
      this.notifyKeyspaceEvent(NOTIFY_EVICTED, 'evicted', key, db.id);
      if (this.evictedListeners.length > 0) this.emit(this.evictedListeners, { type: 'evicted', at: this.now, db: db.id, key });
    });
  }

  // This emulator's token on the specs whose `stat` is its own; a new token after RESETSTAT.
  protected latencyToken: object = {};
  protected latencyHistograms = 0;
  private latencyTrackingOn = true;
  /** Commands with a latency histogram (memory.ts, INFO latencystats). */
  protected latencySpecs = new Set<CommandSpec>();
  /** INFO commandstats: every command called or refused since start or RESETSTAT. */
  readonly commandStats = new Map<CommandSpec, CommandStat>();

  /** @internal CONFIG SET latency-tracking: histograms are allocated from the next call on. */
  get latencyTracking(): boolean {
    return this.latencyTrackingOn;
  }
  set latencyTracking(on: boolean) {
    this.latencyTrackingOn = on;
    this.latencyToken = {}; // every spec is adopted again, and allocates its histogram if now on
  }

  /**
   * @internal A command's stats as this emulator's (the first call since start or RESETSTAT, or
   * since another emulator ran it): `spec.stat` is then this emulator's counters. With
   * latency-tracking on, Redis allocates the command's latency histogram on its first call.
   */
  adoptSpec(spec: CommandSpec): CommandStat {
    spec.latencyOwner = this.latencyToken;
    let stat = this.commandStats.get(spec);
    if (stat === undefined) this.commandStats.set(spec, (stat = { calls: 0, failed: 0, rejected: 0 }));
    spec.stat = stat;
    if (this.latencyTrackingOn && !this.latencySpecs.has(spec)) {
      this.latencySpecs.add(spec);
      this.latencyHistograms++;
    }
    return stat;
  }

  /** @internal rejectCommand's count: a refused command has stats but no latency histogram. */
  countRejected(spec: CommandSpec): void {
    let stat = this.commandStats.get(spec);
    if (stat === undefined) this.commandStats.set(spec, (stat = { calls: 0, failed: 0, rejected: 0 }));
    stat.rejected++;
  }

  /** @internal Commands with a latency histogram, for INFO latencystats. */
  get latencyTracked(): ReadonlySet<CommandSpec> {
    return this.latencySpecs;
  }

  /** INFO errorstats: error replies by their first word (ERR, WRONGTYPE, OOM, ...). */
  readonly errorCodes = new Map<string, number>();

  /** @internal total_error_replies and errorstats (afterErrorReply). */
  countError(message: string): void {
    this.stats.errorReplies++;
    const space = message.indexOf(' ');
    const code = space < 0 ? message : message.slice(0, space);
    this.errorCodes.set(code, (this.errorCodes.get(code) ?? 0) + 1);
  }

  /** @internal CONFIG RESETSTAT. */
  resetStats(): void {
    this.stats.commands = 0;
    this.stats.hits = 0;
    this.stats.misses = 0;
    this.stats.expiredKeys = 0;
    this.stats.expiredStalePercent = 0;
    this.stats.expiredTimeCapReached = 0;
    this.stats.connections = 0;
    this.stats.errorReplies = 0;
    this.stats.evictedKeys = 0;
    this.stats.rejectedCalls = 0;
    this.errorCodes.clear();
    this.latencyToken = {};
    this.latencyHistograms = 0;
    this.latencySpecs.clear();
    this.commandStats.clear();
  }
}

/**
 * Error replies already counted in total_error_replies: a script passing on the error of one of
 * its commands (Redis's ERR_REPLY_FLAG_NO_STATS_UPDATE) adds it to this set.
 */
export const uncountedErrors = new WeakSet<Reply>();
