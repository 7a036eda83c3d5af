/**
 * A Redis 7.0 compatible in-memory server: same replies, same errors, same stats, driven by an
 * injected clock. No timers inside: call `activeExpireCycle()` from your own scheduler.
 * This file runs commands (Redis's processCommand and call); the emulator's other parts are
 * layers below it: emulator-keys.ts (lookup, expiry), emulator-stats.ts (stats, memory,
 * eviction) and emulator-clients.ts (sessions, listeners, scripting, views).
 *
 * @example
 * const redis = new RedisEmulator({ now: () => clock.now() });
 * const session = redis.createSession();
 * redis.exec(['SET', 'user:1', 'Ada', 'EX', '60'], session); // { type: 'status', value: 'OK' }
 * redis.exec(['TTL', 'user:1'], session);                     // { type: 'integer', value: 60 }
 * const stop = redis.subscribe((event) => console.log(event.type));
 */
import type { Reply } from './reply.ts';
import { Session } from './session.ts';
import { COMMANDS, LAZY_COMMANDS } from './commands/table.ts';
import { arityError, errorReply, formattedError, cString, type CommandSpec, type CommandStat } from './commands/shared.ts';
import { luaModule, parts } from './loading.ts';
import type { Scripting } from './commands/scripting.ts';
import { ClientsEngine } from './emulator-clients.ts';
import { uncountedErrors } from './emulator-stats.ts';

export { DATABASES } from './emulator-keys.ts';
export type { RedisEvent, RedisListener, KeyType, KeyModifiedHook, KeyInfo, RedisEmulatorOptions, RedisStats } from './emulator-keys.ts';

export class RedisEmulator extends ClientsEngine {
  private loadedScripting: Scripting | null = null;

  /** @internal The script commands' Lua side, or null while the Lua module is not loaded (by any emulator). */
  get scripting(): Scripting | null {
    if (this.loadedScripting === null && luaModule !== null) this.loadedScripting = luaModule.createScripting(this);
    return this.loadedScripting;
  }

  /** @internal lookupCommand with subcommands: the spec argv names, or undefined. */
  lookupSpec(argv: readonly string[]): CommandSpec | undefined {
    const spec = lookupCommand(argv[0]!);
    if (spec === undefined || spec.subcommands === null || argv.length < 2) return spec;
    return spec.subcommands.get(argv[1]!.toLowerCase());
  }

  /**
   * Runs one command. `argv` are binary strings (see bytes.ts); the name is case-insensitive.
   *
   * @example
   * redis.exec(['INCR', 'hits']);               // { type: 'integer', value: 1 }
   * redis.exec(['GET', 'a', 'b']);              // ERR wrong number of arguments for 'get' command
   */
  exec(argv: readonly string[], session: Session = (this.defaultSession ??= this.createSession())): Reply {
    // The plain path: nothing listens, evicts, blocks, tracks or hooks key changes, and the client is
    // neither in MULTI nor subscribed, so a known command runs with only what Redis's call() counts.
    if (this.plain && session.multi === null && session.pubsub === null) {
      const name = argv[0];
      const spec = name === undefined ? undefined : lookupCommand(name);
      if (spec !== undefined && spec.run !== null && spec.subcommands === null) {
        const arity = spec.arity;
        if (arity > 0 ? arity === argv.length : argv.length >= -arity) return this.callPlain(spec, argv, session);
      }
    }
    const reply = this.dispatch(argv, session);
    // Blocked clients are served once the whole command ran (after EXEC or EVAL, not inside).
    const blocking = this.blockingRegistry;
    if (blocking !== null && blocking.size !== 0) blocking.serve(this);
    const tracking = this.trackingTable;
    if (tracking !== null && tracking.clients !== 0) this.afterTrackedCommand(argv, session);
    return reply;
  }

  // call() on the plain path: no listener wants the hit/miss deltas and no hook or tracking table
  // reads who is modifying keys, so `currentClient`/`modifyingSession` are left alone.
  private callPlain(spec: CommandSpec, argv: readonly string[], session: Session): Reply {
    const now = Math.floor(this.clock());
    if (now !== this.now) {
      this.now = now;
      this.lruClock = (now / 1000) & 0xffffff; // lruClock(now), only when the time moved
    }
    const reply = spec.run!(this, argv, session, this.dbs[session.db]!);
    // After the run, as Redis counts it (and allocates a first call's latency histogram): CONFIG
    // RESETSTAT counts itself in the fresh stats, INFO's first reply leaves out its own histogram.
    const stat = spec.latencyOwner === this.latencyToken ? spec.stat! : this.adoptSpec(spec);
    this.stats.commands++;
    stat.calls++;
    session.lastCommand = spec.fullName;
    session.lastCommandAt = this.now;
    if (reply.type === 'error') countFailed(this, stat, reply);
    return reply;
  }

  private dispatch(argv: readonly string[], session: Session): Reply {
    if (argv.length === 0) return errorReply('ERR empty command');
    const name = argv[0]!;
    let spec = lookupCommand(name);
    if (spec === undefined) {
      const error = LAZY_COMMANDS.has(name.toLowerCase()) ? notLoaded(name) : unknownCommand(argv);
      return this.finishRejected(argv, session, error);
    }
    if (spec.subcommands !== null && argv.length >= 2) {
      const sub = spec.subcommands.get(argv[1]!.toLowerCase());
      if (sub === undefined) {
        const lazy = `${spec.name}|${argv[1]!.toLowerCase()}`;
        if (LAZY_COMMANDS.has(lazy)) return this.finishRejected(argv, session, notLoaded(lazy));
        const error = formattedError(`ERR unknown subcommand '${cString(argv[1]!).slice(0, 128)}'. Try ${name.toUpperCase()} HELP.`);
        return this.finishRejected(argv, session, error);
      }
      spec = sub;
    }
    const arity = spec.arity;
    if ((arity > 0 && arity !== argv.length) || argv.length < -arity || spec.run === null) {
      if (spec.fullName === 'exec') return this.finishRejected(argv, session, parts().execAbort(session, arityError(spec.fullName)), spec);
      return this.finishRejected(argv, session, arityError(spec.fullName), spec);
    }
    // processCommand: evict before every command; when that fails, a denyoom command is refused, and
    // so is EXEC of a transaction that queued one, and anything but EXEC/DISCARD/QUIT/RESET in MULTI.
    if (this.eviction.maxmemory !== 0 && !this.evictIfNeeded() && this.refusedOnOom(spec, session)) {
      return this.finishRejected(argv, session, spec.fullName === 'exec' ? parts().execAbort(session, OOM) : OOM, spec);
    }
    // Then tracking-table-max-keys: over it, tracked keys are invalidated before the command runs.
    const tracking = this.trackingTable;
    if (tracking !== null && tracking.clients !== 0) tracking.limit(this.trackingMaxKeys);
    // RESP2 subscribed mode: only (P|S)(UN)SUBSCRIBE, PING, QUIT and RESET (RESP3 has no limit).
    if (session.pubsub !== null && session.protocol === 2 && !ALLOWED_WHILE_SUBSCRIBED.has(spec.fullName)) {
      return this.finishRejected(argv, session, subscribedModeError(spec.fullName), spec);
    }
    if (session.multi !== null && !parts().RUN_INSIDE_MULTI.has(spec.fullName)) return parts().queueCommand(session, spec, argv);
    return this.call(spec, argv, session);
  }

  private refusedOnOom(spec: CommandSpec, session: Session): boolean {
    if (spec.flags.includes('denyoom')) return true;
    const queued = session.multi;
    if (queued === null) return false;
    if (spec.fullName === 'exec') return queued.some((command) => command.spec.flags.includes('denyoom'));
    return !OOM_ALLOWED_IN_MULTI.has(spec.fullName);
  }

  /**
   * @internal Redis's call(): runs a command that passed lookup and arity checks, counts it and
   * emits its event. EXEC and scripts come through here for every command they run.
   */
  call(spec: CommandSpec, argv: readonly string[], session: Session): Reply {
    const run = spec.run!;
    const now = Math.floor(this.clock());
    if (now !== this.now) {
      this.now = now;
      this.lruClock = (now / 1000) & 0xffffff; // lruClock(now), only when the time moved
    }
    const stats = this.stats;
    const db = this.dbs[session.db]!;
    // Without listeners nothing reads the per-command hit and miss deltas.
    const caller = this.currentClient;
    const modifier = this.modifyingSession;
    // A script's commands act for the client that ran EVAL (tracking's NOLOOP and push order);
    // the script client itself is who changes keys (BCAST's NOLOOP compares with it).
    const client = session.scriptCaller ?? session;
    this.currentClient = client;
    this.modifyingSession = session;
    if (this.commandListeners.length === 0) {
      const reply = run(this, argv, session, db);
      this.currentClient = caller;
      this.modifyingSession = modifier;
      if (client.tracking !== null) this.rememberTrackedKeys(spec, argv, client, session);
      stats.commands++;
      (spec.latencyOwner === this.latencyToken ? spec.stat! : this.adoptSpec(spec)).calls++;
      session.lastCommand = spec.fullName;
      session.lastCommandAt = this.now;
      if (reply.type === 'error') countFailed(this, spec.stat!, reply);
      return reply;
    }
    const hitsBefore = stats.hits;
    const missesBefore = stats.misses;
    const reply = run(this, argv, session, db);
    this.currentClient = caller;
    this.modifyingSession = modifier;
    if (client.tracking !== null) this.rememberTrackedKeys(spec, argv, client, session);
    stats.commands++;
    (spec.latencyOwner === this.latencyToken ? spec.stat! : this.adoptSpec(spec)).calls++;
    session.lastCommand = spec.fullName;
    session.lastCommandAt = this.now;
    if (reply.type === 'error') countFailed(this, spec.stat!, reply);
    if (this.commandListeners.length > 0) {
      this.emit(this.commandListeners, {
        type: 'command',
        at: this.now,
        db: db.id,
        client: session.id,
        argv,
        reply,
        keys: commandKeys(spec, argv),
        hits: stats.hits - hitsBefore,
        misses: stats.misses - missesBefore,
      });
    }
    return reply;
  }

  // call(): a default-mode tracking client's read-only command remembers its keys, even on error.
  // Inside a script Redis 7.0 remembers the keys of the caller's own command (the keys EVAL
  // declared), not those of the script's command.
  private rememberTrackedKeys(spec: CommandSpec, argv: readonly string[], client: Session, session: Session): void {
    if (client.tracking!.bcast || !spec.flags.includes('readonly') || spec.group === 'pubsub') return;
    const keys = session.scriptCaller !== null ? session.scriptKeys : commandKeys(spec, argv);
    if (keys.length > 0) this.tracking.remember(client, keys);
  }

  // rejectCommand: `spec` is the command found (its rejected_calls), undefined for an unknown one.
  private finishRejected(argv: readonly string[], session: Session, reply: Reply, spec?: CommandSpec): Reply {
    if (session.multi !== null) session.multiRejected = true; // flagTransaction
    if (reply.type === 'error') this.countError(reply.message);
    this.stats.rejectedCalls++;
    if (spec !== undefined) this.countRejected(spec);
    if (this.commandListeners.length > 0) {
      this.emit(this.commandListeners, {
        type: 'command',
        at: Math.floor(this.clock()),
        db: session.db,
        client: session.id,
        argv,
        reply,
        keys: [],
        hits: 0,
        misses: 0,
      });
    }
    return reply;
  }

  /** @internal the command table, for COMMAND. */
  get commandTable(): ReadonlyMap<string, CommandSpec> {
    return COMMANDS;
  }
}

// A direct-mapped cache from the exact name string to its command: most callers reuse a few
// spellings, and a slot check is cheaper than a Map lookup (plus a lowercase copy for mixed case).
const CACHE_SLOTS = 64;
const cachedNames: Array<string | undefined> = new Array<string | undefined>(CACHE_SLOTS).fill(undefined);
const cachedSpecs: Array<CommandSpec | undefined> = new Array<CommandSpec | undefined>(CACHE_SLOTS).fill(undefined);

function lookupCommand(name: string): CommandSpec | undefined {
  const length = name.length;
  if (length === 0) return COMMANDS.get(name);
  const slot = (name.charCodeAt(0) * 7 + name.charCodeAt(length - 1) * 3 + length) & (CACHE_SLOTS - 1);
  if (cachedNames[slot] === name) return cachedSpecs[slot];
  const spec = COMMANDS.get(name) ?? COMMANDS.get(name.toLowerCase());
  // Only real commands are cached: unknown names must not push a hot command out.
  if (spec !== undefined && length <= 32) {
    cachedNames[slot] = name;
    cachedSpecs[slot] = spec;
  }
  return spec;
}

// An error reply fails the call (failed_calls) even when a script passes on an error its command
// already counted in total_error_replies (afterErrorReply's ERR_REPLY_FLAG_NO_STATS_UPDATE).
function countFailed(engine: RedisEmulator, stat: CommandStat, reply: Reply & { type: 'error' }): void {
  stat.failed++;
  if (!uncountedErrors.has(reply)) engine.countError(reply.message);
}

function commandKeys(spec: CommandSpec, argv: readonly string[]): readonly string[] {
  // Shard channels (SSUBSCRIBE, SPUBLISH) fill the key positions but are no keys (`not_key`).
  if (spec.firstKey <= 0 || spec.group === 'pubsub') return [];
  const last = spec.lastKey < 0 ? argv.length + spec.lastKey : spec.lastKey;
  const keys: string[] = [];
  for (let i = spec.firstKey; i <= last && i < argv.length; i += spec.step) keys.push(argv[i]!);
  return keys;
}

const OOM = errorReply("OOM command not allowed when used memory > 'maxmemory'.");
const OOM_ALLOWED_IN_MULTI: ReadonlySet<string> = new Set(['exec', 'discard', 'quit', 'reset']);

const ALLOWED_WHILE_SUBSCRIBED: ReadonlySet<string> = new Set([
  'ping', 'subscribe', 'unsubscribe', 'psubscribe', 'punsubscribe', 'ssubscribe', 'sunsubscribe', 'quit', 'reset',
]);

function subscribedModeError(fullName: string): Reply {
  return errorReply(
    `ERR Can't execute '${fullName}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`,
  );
}

const SCRIPT_COMMANDS: ReadonlySet<string> = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'script']);

function notLoaded(name: string): Reply {
  const lower = name.toLowerCase();
  const call = SCRIPT_COMMANDS.has(lower) ? '`await loadScripting()` (or `await redis.loadScripting()`)' : '`await loadCommands()` (or `await redis.loadCommands()`)';
  return errorReply(
    `ERR '${lower}' is not loaded in this emulator yet: call ${call} before the first list, set, sorted set, stream, transaction, script, pub/sub, tracking, COMMAND, CONFIG, INFO, MEMORY or OBJECT command`,
  );
}

// Redis's wording: at most 128 chars of the name and of the quoted arguments, C strings, no CR/LF.
function unknownCommand(argv: readonly string[]): Reply {
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++) {
    args += `'${cString(argv[i]!).slice(0, 128 - args.length)}' `;
  }
  return formattedError(`ERR unknown command '${cString(argv[0]!).slice(0, 128)}', with args beginning with: ${args}`);
}

export { Session };
