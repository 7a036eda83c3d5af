// EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT as Redis 7.0's eval.c has them. What needs Lua
// (running and compiling scripts) lives in src/redis/lua/ and arrives with `loadScripting()`;
// until then the script cache answers (SCRIPT EXISTS/FLUSH, EVALSHA's NOSCRIPT) and running or
// loading a script answers SCRIPTING_NOT_LOADED.
import type { Reply } from '../reply.ts';
import type { Session } from '../session.ts';
import { arrayReply, errorReply, OK, ONE, statusReply, ZERO, type CommandRun } from './shared.ts';

/** What the Lua VM offers the script commands (implemented by lua/vm.ts). */
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

/** The loaded side of scripting for one emulator (lua/scripts.ts). */
export interface Scripting {
  eval(argv: readonly string[], caller: Session, evalsha: boolean, readOnly: boolean): Reply;
  /** SCRIPT LOAD. */
  load(body: string): Reply;
  /** SCRIPT FLUSH. */
  reset(): void;
}

/** A cached script: its body and its shebang flags (null without a shebang: compatibility mode). */
export interface CachedScript {
  readonly body: string;
  readonly flags: ReadonlySet<string> | null;
}

export const SCRIPTING_NOT_LOADED = errorReply(
  'ERR scripting is not loaded in this emulator: call `await redis.loadScripting()` before the first EVAL or SCRIPT LOAD',
);
export const NOSCRIPT = errorReply('NOSCRIPT No matching script. Please use EVAL.');

function evalStub(evalsha: boolean, readOnly: boolean): CommandRun {
  return (engine, argv, session) => {
    const scripting = engine.scripting;
    if (scripting !== null) return scripting.eval(argv, session, evalsha, readOnly);
    return evalsha && !engine.scripts.has(argv[1]!.toLowerCase()) ? NOSCRIPT : SCRIPTING_NOT_LOADED;
  };
}

export const evalCommand = evalStub(false, false);
export const evalRo = evalStub(false, true);
export const evalsha = evalStub(true, false);
export const evalshaRo = evalStub(true, true);

export const scriptLoad: CommandRun = (engine, argv) => engine.scripting?.load(argv[2]!) ?? SCRIPTING_NOT_LOADED;

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
