// EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT as Redis 7.0's eval.c has them. The Lua VM
// (src/redis/lua/vm.ts) is loaded on demand by `RedisEmulator.loadScripting()`; until then the
// script cache works (SCRIPT EXISTS/FLUSH, EVALSHA's NOSCRIPT) and running or loading a script
// answers SCRIPTING_NOT_LOADED.
import type { Reply } from '../reply.ts';
import { Session } from '../session.ts';
import type { RedisEmulator as Engine } from '../emulator.ts';
import { parseInt64 } from '../numbers.ts';
import { sha1hex } from '../lua/sha1.ts';
import { arrayReply, bulkReply, errorReply, NOT_INTEGER, OK, ONE, statusReply, ZERO, type CommandRun } from './shared.ts';

/** What a Lua VM offers the commands (implemented by lua/vm.ts). */
export interface ScriptingVm {
  /** Compiles a script body as `f_<sha>`; null on success, else Lua's message (`user_script:1: …`). */
  compile(sha: string, body: string): string | null;
  has(sha: string): boolean;
  /** Runs a compiled script; `readOnly` refuses write commands (EVAL_RO, `no-writes`). */
  run(sha: string, keys: readonly string[], args: readonly string[], readOnly: boolean): Reply;
  /** SCRIPT FLUSH: a fresh Lua state. */
  reset(): void;
}

/** What the VM asks of the emulator while a script runs. */
export interface ScriptHost {
  /** redis.call's checks and the command; a string is a rejection (scriptCall's `err`). */
  call(argv: readonly string[], readOnly: boolean): Reply | string;
  /** redis.setresp. */
  setProtocol(version: 2 | 3): void;
}

export const SCRIPTING_NOT_LOADED = errorReply(
  'ERR scripting is not loaded in this emulator: call `await redis.loadScripting()` before the first EVAL or SCRIPT LOAD',
);
const NOSCRIPT = errorReply('NOSCRIPT No matching script. Please use EVAL.');

/** A cached script: its body and its shebang flags (null without a shebang: compatibility mode). */
export interface CachedScript {
  readonly body: string;
  readonly flags: ReadonlySet<string> | null;
}

const SHEBANG_FLAGS = new Set(['no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys']);

// evalExtractShebangFlags: `#!lua flags=no-writes,allow-oom` on the first line.
function shebangFlags(body: string): ReadonlySet<string> | null | Reply {
  if (!body.startsWith('#!')) return null;
  const end = body.indexOf('\n');
  if (end < 0) return errorReply('ERR Invalid script shebang');
  const parts = body.slice(0, end).split(/[ \t\r\v\f]+/).filter(Boolean);
  if (parts.length === 0) return errorReply('ERR Invalid engine in script shebang');
  if (parts[0] !== '#!lua') return errorReply(`ERR Unexpected engine in script shebang: ${parts[0]}`);
  const flags = new Set<string>();
  for (const part of parts.slice(1)) {
    if (!part.startsWith('flags=')) return errorReply(`ERR Unknown lua shebang option: ${part}`);
    for (const flag of part.slice(6).split(',')) {
      if (!SHEBANG_FLAGS.has(flag)) return errorReply(`ERR Unexpected flag in script shebang: ${flag}`);
      flags.add(flag);
    }
  }
  return flags;
}

/** luaCreateFunction: the sha of a compiled and cached body, or the error reply. */
function createFunction(engine: Engine, vm: ScriptingVm, body: string): string | Reply {
  const sha = sha1hex(body);
  if (engine.scripts.has(sha) && vm.has(sha)) return sha;
  const flags = shebangFlags(body);
  if (flags !== null && !(flags instanceof Set)) return flags as Reply;
  // A shebang line is blanked, not removed, so line numbers stay the user's.
  const code = flags === null ? body : body.slice(body.indexOf('\n'));
  const error = vm.compile(sha, code);
  if (error !== null) return errorReply(`ERR Error compiling script (new function): ${error}`.replace(/[\r\n]/g, ' '));
  engine.scripts.set(sha, { body, flags });
  return sha;
}

function evalGeneric(engine: Engine, argv: readonly string[], caller: Session, evalsha: boolean, ro: boolean): Reply {
  if (evalsha && argv[1]!.length !== 40) return NOSCRIPT;
  const numkeys = parseInt64(argv[2]!);
  if (numkeys === null) return NOT_INTEGER;
  if (numkeys > argv.length - 3) return errorReply("ERR Number of keys can't be greater than number of args");
  if (numkeys < 0) return errorReply("ERR Number of keys can't be negative");
  const vm = engine.scripting;
  let sha: string;
  if (evalsha) {
    sha = argv[1]!.toLowerCase();
    if (!engine.scripts.has(sha)) return NOSCRIPT;
    if (vm === null) return SCRIPTING_NOT_LOADED;
    // A Lua state reset (a new VM) keeps the cache: compile again from the body.
    if (!vm.has(sha)) {
      const created = createFunction(engine, vm, engine.scripts.get(sha)!.body);
      if (typeof created !== 'string') return created;
    }
  } else {
    if (vm === null) return SCRIPTING_NOT_LOADED;
    const created = createFunction(engine, vm, argv[1]!);
    if (typeof created !== 'string') return created;
    sha = created;
  }
  const flags = engine.scripts.get(sha)!.flags;
  if (flags !== null && ro && !flags.has('no-writes')) {
    return errorReply('ERR Can not execute a script with write flag using *_ro command.');
  }
  const keyCount = Number(numkeys);
  const keys = argv.slice(3, 3 + keyCount);
  const args = argv.slice(3 + keyCount);
  // The script client starts in the caller's database; a SELECT inside stays there (Redis 7.0).
  const client = scriptClient(engine);
  client.db = caller.db;
  client.protocol = 2;
  client.scriptCaller = caller;
  const reply = vm.run(sha, keys, args, ro || (flags !== null && flags.has('no-writes')));
  client.scriptCaller = null;
  return reply;
}

// The fake client scripts run their commands as (Redis's lua_client): one per emulator, never
// listed by CLIENT LIST, blocking commands answer at once.
const scriptClients = new WeakMap<Engine, Session>();

function scriptClient(engine: Engine): Session {
  let client = scriptClients.get(engine);
  if (client === undefined) {
    client = new Session(0, engine.now, 'lua');
    client.denyBlocking = true;
    scriptClients.set(engine, client);
  }
  return client;
}

/** The ScriptHost of an emulator: scriptCall's checks, then the command as the script client. */
export function scriptHost(engine: Engine): ScriptHost {
  return {
    call(argv, readOnly) {
      const spec = engine.lookupSpec(argv);
      if (spec === undefined) return 'Unknown Redis command called from script';
      if ((spec.arity > 0 && spec.arity !== argv.length) || argv.length < -spec.arity || spec.run === null) {
        return 'Wrong number of args calling Redis command from script';
      }
      if (spec.flags.includes('noscript')) return 'This Redis command is not allowed from script';
      if (readOnly && (spec.flags.includes('write') || spec.flags.includes('may_replicate'))) {
        return 'Write commands are not allowed from read-only scripts.';
      }
      return engine.call(spec, argv, scriptClient(engine));
    },
    setProtocol(version) {
      scriptClient(engine).protocol = version;
    },
  };
}

export const evalCommand: CommandRun = (engine, argv, session) => evalGeneric(engine, argv, session, false, false);
export const evalRo: CommandRun = (engine, argv, session) => evalGeneric(engine, argv, session, false, true);
export const evalsha: CommandRun = (engine, argv, session) => evalGeneric(engine, argv, session, true, false);
export const evalshaRo: CommandRun = (engine, argv, session) => evalGeneric(engine, argv, session, true, true);

export const scriptLoad: CommandRun = (engine, argv) => {
  const vm = engine.scripting;
  if (vm === null) return SCRIPTING_NOT_LOADED;
  const created = createFunction(engine, vm, argv[2]!);
  return typeof created === 'string' ? bulkReply(created) : created;
};

export const scriptExists: CommandRun = (engine, argv) => {
  const replies: Reply[] = [];
  for (let j = 2; j < argv.length; j++) replies.push(engine.scripts.has(argv[j]!.toLowerCase()) ? ONE : ZERO);
  return arrayReply(replies);
};

export const scriptFlush: CommandRun = (engine, argv) => {
  if (argv.length === 3) {
    const mode = argv[2]!.toLowerCase();
    if (mode !== 'sync' && mode !== 'async') return errorReply('ERR SCRIPT FLUSH only support SYNC|ASYNC option');
  } else if (argv.length !== 2) return errorReply('ERR SCRIPT FLUSH only support SYNC|ASYNC option');
  engine.scripts.clear();
  engine.scripting?.reset();
  return OK;
};

// Nothing can run while a command runs: scripts are synchronous here.
export const scriptKill: CommandRun = () => errorReply('NOTBUSY No scripts in execution right now.');

export const scriptDebug: CommandRun = (_engine, argv, session) => {
  if (session.multi !== null) return errorReply('ERR SCRIPT DEBUG must be called outside MULTI');
  const mode = argv[2]!.toLowerCase();
  if (mode === 'no') return OK;
  if (mode === 'yes' || mode === 'sync') return errorReply('ERR SCRIPT DEBUG (the Lua debugger) is not available in this emulator');
  return errorReply('ERR Use SCRIPT DEBUG YES/SYNC/NO');
};

export const scriptHelp: CommandRun = () =>
  arrayReply(
    [
      'SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
      'DEBUG (YES|SYNC|NO)',
      '    Set the debug mode for subsequent scripts executed.',
      'EXISTS <sha1> [<sha1> ...]',
      '    Return information about the existence of the scripts in the script cache.',
      'FLUSH [ASYNC|SYNC]',
      '    Flush the Lua scripts cache. Very dangerous on replicas.',
      '    When called without the optional mode argument, the behavior is determined by the',
      '    lazyfree-lazy-user-flush configuration directive. Valid modes are:',
      '    * ASYNC: Asynchronously flush the scripts cache.',
      '    * SYNC: Synchronously flush the scripts cache.',
      'KILL',
      '    Kill the currently executing Lua script.',
      'LOAD <script>',
      '    Load a script into the scripts cache without executing it.',
      'HELP',
      '    Prints this help.',
    ].map(statusReply),
  );
