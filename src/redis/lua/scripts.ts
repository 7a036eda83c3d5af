/**
 * The script commands once Lua is loaded: EVAL's argument checks, the script cache and shebang
 * flags (eval.c), the script client and redis.call's checks (script.c's scriptCall). Loaded with
 * the VM by `loadScripting()`, so none of it is in the first-load bundle; the eager stubs are in
 * commands/scripting.ts.
 */
import type { Reply } from '../reply.ts';
import { Session } from '../session.ts';
import type { RedisEmulator as Engine } from '../emulator.ts';
import { parseInt64 } from '../numbers.ts';
import { bulkReply, errorReply, NOT_INTEGER, type CommandSpec } from '../commands/shared.ts';
import { NOSCRIPT, type ScriptHost, type Scripting } from '../commands/scripting.ts';
import { sha1hex } from './sha1.ts';
import { createScriptingVm } from './vm.ts';

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

/** The scripting side of one emulator: its Lua state, its script client, the SHA1 of each body. */
export function createScripting(engine: Engine): Scripting {
  // The client scripts run their commands as (Redis's lua_client): never listed by CLIENT LIST,
  // blocking commands answer at once.
  const client = new Session(0, engine.now, 'lua');
  client.denyBlocking = true;
  const host: ScriptHost = {
    call(argv, readOnly) {
      const checked = scriptCallChecks(argv, readOnly);
      if (typeof checked !== 'string') return engine.call(checked, argv, client);
      // scriptCall counts its rejection as an error reply (the script's own error then does not
      // count), and as a rejected call of the command when there is one.
      engine.countError(`ERR ${checked}`);
      const spec = engine.lookupSpec(argv);
      if (spec !== undefined) engine.countRejected(spec);
      return checked;
    },
    setProtocol(version) {
      client.protocol = version;
    },
  };
  /** scriptCall's checks: the command to run, or why it is refused. */
  function scriptCallChecks(argv: readonly string[], readOnly: boolean): CommandSpec | string {
    const spec = engine.lookupSpec(argv);
    if (spec === undefined) return 'Unknown Redis command called from script';
    if ((spec.arity > 0 && spec.arity !== argv.length) || argv.length < -spec.arity || spec.run === null) {
      return 'Wrong number of args calling Redis command from script';
    }
    if (spec.flags.includes('noscript')) return 'This Redis command is not allowed from script';
    if (readOnly && (spec.flags.includes('write') || spec.flags.includes('may_replicate'))) {
      return 'Write commands are not allowed from read-only scripts.';
    }
    return spec;
  }
  const vm = createScriptingVm(host);
  // The SHA1 of each cached body, so a repeated EVAL does not hash its script again.
  const shas = new Map<string, string>();

  /** luaCreateFunction: the sha of a compiled and cached body, or the error reply. */
  function createFunction(body: string): string | Reply {
    const known = shas.get(body);
    if (known !== undefined && engine.scripts.has(known) && vm.has(known)) return known;
    const sha = sha1hex(body);
    const flags = shebangFlags(body);
    if (flags !== null && !(flags instanceof Set)) return flags as Reply;
    // A shebang line is blanked, not removed, so line numbers stay the user's.
    const code = flags === null ? body : body.slice(body.indexOf('\n'));
    const error = vm.compile(sha, code);
    if (error !== null) return errorReply(`ERR Error compiling script (new function): ${error}`.replace(/[\r\n]/g, ' '));
    engine.scripts.set(sha, { body, flags });
    shas.set(body, sha);
    return sha;
  }

  function evalGeneric(argv: readonly string[], caller: Session, evalsha: boolean, ro: boolean): Reply {
    if (evalsha && argv[1]!.length !== 40) return NOSCRIPT;
    const numkeys = parseInt64(argv[2]!);
    if (numkeys === null) return NOT_INTEGER;
    if (numkeys > argv.length - 3) return errorReply("ERR Number of keys can't be greater than number of args");
    if (numkeys < 0) return errorReply("ERR Number of keys can't be negative");
    let sha: string;
    if (evalsha) {
      sha = argv[1]!.toLowerCase();
      if (!engine.scripts.has(sha)) return NOSCRIPT;
      // The cache outlives a Lua state (SCRIPT FLUSH clears both; a loaded cache needs compiling).
      if (!vm.has(sha)) {
        const created = createFunction(engine.scripts.get(sha)!.body);
        if (typeof created !== 'string') return created;
      }
    } else {
      const created = createFunction(argv[1]!);
      if (typeof created !== 'string') return created;
      sha = created;
    }
    const flags = engine.scripts.get(sha)!.flags;
    if (flags !== null && ro && !flags.has('no-writes')) {
      return errorReply('ERR Can not execute a script with write flag using *_ro command.');
    }
    const keyCount = Number(numkeys);
    // The script client starts in the caller's database; a SELECT inside stays there (Redis 7.0).
    client.db = caller.db;
    client.protocol = 2;
    client.scriptCaller = caller;
    client.scriptKeys = argv.slice(3, 3 + keyCount);
    const reply = vm.run(sha, argv.slice(3, 3 + keyCount), argv.slice(3 + keyCount), ro || (flags !== null && flags.has('no-writes')));
    client.scriptCaller = null;
    return reply;
  }

  return {
    eval: evalGeneric,
    load(body) {
      const created = createFunction(body);
      return typeof created === 'string' ? bulkReply(created) : created;
    },
    reset() {
      shas.clear();
      vm.reset();
    },
  };
}
