/**
 * The Lua side of EVAL: one fengari (Lua 5.3 in JS) state shaped like Redis 7.0's Lua 5.1 one —
 * the `redis` API, KEYS/ARGV, protected globals, Redis's error handler and its reply conversions
 * (script_lua.c). Loaded only by `RedisEmulator.loadScripting()` through a dynamic import, so
 * fengari is never in the first-load bundle. See docs/architecture.md for what differs from 5.1.
 *
 * Over 400 lines on purpose: the `redis` API, the error handler and both directions of reply
 * conversion are bound into one Lua state and share its private helpers (as in script_lua.c);
 * the libraries (bit, cjson) and SHA-1 already live in their own files.
 */
import { lauxlib, lua, lualib, to_luastring, type LuaState } from 'fengari';
import type { Reply } from '../reply.ts';
import { formatDouble } from '../numbers.ts';
import { bytesToBinary } from '../bytes.ts';
import { sha1hex } from './sha1.ts';
import { installLibraries } from './libraries.ts';
import { uncountedErrors } from '../emulator-stats.ts';
import type { ScriptHost, ScriptingVm } from '../commands/scripting.ts';

const NIL_REPLY: Reply = Object.freeze({ type: 'bulk', value: null });
/** Lua instructions one script may run before it is stopped (the stand-in for lua-time-limit). */
export const INSTRUCTION_BUDGET = 10_000_000;
const HOOK_EVERY = 100_000;

const S = (text: string): Uint8Array => to_luastring(text);
const K_ERR = S('err');
const K_OK = S('ok');
const K_DOUBLE = S('double');
const K_MAP = S('map');
const K_SET = S('set');
const K_VERBATIM = S('verbatim_string');
const K_FORMAT = S('format');
const K_STRING = S('string');
const K_SOURCE = S('source');
const K_LINE = S('line');
const K_IGNORE_STATS = S('ignore_error_stats_update');

/** A binary string (one byte per char) as a Lua string. */
function toLua(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function stringAt(L: LuaState, index: number): string {
  const bytes = lua.lua_tolstring(L, index)!;
  // Short strings (keys, tokens) skip bytesToBinary's chunking copy.
  return bytes.length <= 4096 ? String.fromCharCode.apply(null, bytes as unknown as number[]) : bytesToBinary(bytes);
}

// The proxy's __index runs in Lua (a JS call per global read was the hottest path); only a miss
// calls into JS, which reports the script's line (level 2: past the __index function).
const INDEX_FUNCTION = `
local G, nonexistent = ...
return function(_, k)
  local v = G[k]
  if v == nil then nonexistent(k) end
  return v
end
`;

// Runs once in the fresh state, with the real globals as _ENV, before the globals are locked.
const PRELUDE = `
local dbg = debug
debug = nil
dofile, loadfile, print, require, package, io, os = nil, nil, nil, nil, nil, nil, nil
unpack = table.unpack
loadstring = load
math.pow = function(x, y) return x ^ y end
table.getn = function(t) return #t end
local lua_pcall, pack, unpack_n, type = pcall, table.pack, table.unpack, type
function pcall(f, ...)
  local r = pack(lua_pcall(f, ...))
  if not r[1] and type(r[2]) == 'table' and type(r[2].err) == 'string' then return false, r[2].err end
  return unpack_n(r, 1, r.n)
end
function __redis__err__handler(err)
  local i
  for level = 2, 64 do
    i = dbg.getinfo(level, 'nSl')
    if i == nil or i.source == '@user_script' then break end
  end
  if type(err) ~= 'table' then err = {err = 'ERR ' .. tostring(err)} end
  if i then
    err['source'] = i.source
    err['line'] = i.currentline
  end
  return err
end
`;

/** Creates the VM for one emulator; `host` runs redis.call's commands. */
export function createScriptingVm(host: ScriptHost): ScriptingVm {
  // `L` is the running thread (a coroutine inside a script has its own stack); `main` runs scripts.
  let L: LuaState;
  let main: LuaState;
  const globalsRef = 1; // stack slots of the main thread, kept for its lifetime
  const proxyRef = 2;
  let resp: 2 | 3 = 2;
  let readOnly = false;
  let instructions = 0;
  let calling = false;

  function pushError(message: string, ignoreStats: boolean): void {
    // luaPushErrorBuff: "-CODE msg" keeps its code, anything else gets "ERR".
    let code = 'ERR';
    let text = message;
    if (message.startsWith('-')) {
      const space = message.indexOf(' ');
      if (space < 0) text = message.slice(1);
      else {
        code = message.slice(1, space);
        text = message.slice(space + 1);
      }
    }
    text = text.replace(/^[\r\n]+|[\r\n]+$/g, '');
    lua.lua_newtable(L);
    lua.lua_pushstring(L, toLua(`${code} ${text}`));
    lua.lua_setfield(L, -2, K_ERR);
    if (ignoreStats) {
      lua.lua_pushboolean(L, true);
      lua.lua_setfield(L, -2, K_IGNORE_STATS);
    }
  }

  function pushReply(reply: Reply): void {
    switch (reply.type) {
      case 'status':
        lua.lua_newtable(L);
        lua.lua_pushstring(L, toLua(reply.value));
        lua.lua_setfield(L, -2, K_OK);
        return;
      case 'error':
        pushError('-' + reply.message, true);
        return;
      case 'integer':
        // Redis 5.1 has only doubles: an integer reply is a Lua number (float).
        lua.lua_pushnumber(L, Number(reply.value));
        return;
      case 'bulk':
        if (reply.value === null) pushNull();
        else lua.lua_pushstring(L, toLua(reply.value));
        return;
      case 'array':
      case 'push':
        if (reply.value === null) {
          pushNull();
          return;
        }
        pushArray(reply.value);
        return;
      case 'set':
        if (resp === 2) {
          pushArray(reply.value);
          return;
        }
        lua.lua_newtable(L);
        lua.lua_newtable(L);
        for (const member of reply.value) {
          pushReply(member);
          lua.lua_pushboolean(L, true);
          lua.lua_rawset(L, -3);
        }
        lua.lua_setfield(L, -2, K_SET);
        return;
      case 'map':
        if (resp === 2) {
          pushArray(reply.value.flat());
          return;
        }
        lua.lua_newtable(L);
        lua.lua_newtable(L);
        for (const [field, value] of reply.value) {
          pushReply(field);
          pushReply(value);
          lua.lua_rawset(L, -3);
        }
        lua.lua_setfield(L, -2, K_MAP);
        return;
      case 'double':
        if (resp === 2) {
          lua.lua_pushstring(L, toLua(formatDouble(reply.value)));
          return;
        }
        lua.lua_newtable(L);
        lua.lua_pushnumber(L, reply.value);
        lua.lua_setfield(L, -2, K_DOUBLE);
        return;
      case 'verbatim':
        if (resp === 2) {
          lua.lua_pushstring(L, toLua(reply.value));
          return;
        }
        lua.lua_newtable(L);
        lua.lua_newtable(L);
        lua.lua_pushstring(L, toLua(reply.value));
        lua.lua_setfield(L, -2, K_STRING);
        lua.lua_pushstring(L, toLua(reply.format));
        lua.lua_setfield(L, -2, K_FORMAT);
        lua.lua_setfield(L, -2, K_VERBATIM);
        return;
      case 'null':
        pushNull();
        return;
    }
  }

  // A null reply is false under RESP2 ($-1, *-1) and nil under RESP3 (_).
  function pushNull(): void {
    if (resp === 2) lua.lua_pushboolean(L, false);
    else lua.lua_pushnil(L);
  }

  function pushArray(items: readonly Reply[]): void {
    lua.lua_createtable(L, items.length, 0);
    for (let i = 0; i < items.length; i++) {
      pushReply(items[i]!);
      lua.lua_rawseti(L, -2, i + 1);
    }
  }

  /** luaReplyToRedisReply for the value at the top of the stack (popped). */
  function toReply(): Reply {
    const type = lua.lua_type(L, -1);
    let reply: Reply;
    if (type === lua.LUA_TSTRING) reply = { type: 'bulk', value: stringAt(L, -1) };
    else if (type === lua.LUA_TBOOLEAN) {
      const truth = lua.lua_toboolean(L, -1);
      reply = resp === 2 && !truth ? NIL_REPLY : { type: 'integer', value: truth ? 1 : 0 };
    } else if (type === lua.LUA_TNUMBER) reply = { type: 'integer', value: luaNumberToInteger() };
    else if (type === lua.LUA_TTABLE) reply = tableToReply();
    else reply = NIL_REPLY;
    lua.lua_pop(L, 1);
    return reply;
  }

  function luaNumberToInteger(): number | bigint {
    if (lua.lua_isinteger(L, -1)) return lua.lua_tointeger(L, -1);
    const value = Math.trunc(lua.lua_tonumber(L, -1));
    if (Number.isNaN(value)) return -9223372036854775808n; // what (long long)NaN gives on x86-64
    if (Number.isSafeInteger(value)) return value;
    if (value >= 9223372036854775807 || value < -9223372036854775808) return -9223372036854775808n;
    return BigInt(value);
  }

  function fieldType(key: Uint8Array): number {
    lua.lua_pushstring(L, key);
    return lua.lua_rawget(L, -2);
  }

  function tableToReply(): Reply {
    if (fieldType(K_ERR) === lua.LUA_TSTRING) {
      lua.lua_pop(L, 1);
      const info = errorInformation();
      return errorReply(info.message, info.counted);
    }
    lua.lua_pop(L, 1);
    if (fieldType(K_OK) === lua.LUA_TSTRING) {
      const text = stringAt(L, -1).replace(/[\r\n]/g, ' ');
      lua.lua_pop(L, 1);
      return { type: 'status', value: text };
    }
    lua.lua_pop(L, 1);
    if (fieldType(K_DOUBLE) === lua.LUA_TNUMBER) {
      const value = lua.lua_tonumber(L, -1);
      lua.lua_pop(L, 1);
      return { type: 'double', value };
    }
    lua.lua_pop(L, 1);
    if (fieldType(K_VERBATIM) === lua.LUA_TTABLE) {
      const format = fieldType(K_FORMAT) === lua.LUA_TSTRING ? stringAt(L, -1) : null;
      lua.lua_pop(L, 1);
      const text = fieldType(K_STRING) === lua.LUA_TSTRING ? stringAt(L, -1) : null;
      lua.lua_pop(L, 2);
      if (format !== null && text !== null) return { type: 'verbatim', format: format.slice(0, 3), value: text };
    } else lua.lua_pop(L, 1);
    if (fieldType(K_MAP) === lua.LUA_TTABLE) {
      const pairs: Array<readonly [Reply, Reply]> = [];
      lua.lua_pushnil(L);
      while (lua.lua_next(L, -2)) {
        lua.lua_pushvalue(L, -2);
        const field = toReply();
        pairs.push([field, toReply()]);
      }
      lua.lua_pop(L, 1);
      return { type: 'map', value: pairs };
    }
    lua.lua_pop(L, 1);
    if (fieldType(K_SET) === lua.LUA_TTABLE) {
      const members: Reply[] = [];
      lua.lua_pushnil(L);
      while (lua.lua_next(L, -2)) {
        lua.lua_pop(L, 1);
        lua.lua_pushvalue(L, -1);
        members.push(toReply());
      }
      lua.lua_pop(L, 1);
      return { type: 'set', value: members };
    }
    lua.lua_pop(L, 1);
    const items: Reply[] = [];
    for (let j = 1; ; j++) {
      if (lua.lua_rawgeti(L, -1, j) === lua.LUA_TNIL) {
        lua.lua_pop(L, 1);
        break;
      }
      items.push(toReply());
    }
    return { type: 'array', value: items };
  }

  /** luaExtractErrorInformation for the error table at the top of the stack (not popped). */
  function errorInformation(): { message: string; source: string | null; line: string | null; counted: boolean } {
    const read = (key: Uint8Array): string | null => {
      lua.lua_getfield(L, -1, key);
      const value = lua.lua_isstring(L, -1) ? stringAt(L, -1) : null;
      lua.lua_pop(L, 1);
      return value;
    };
    lua.lua_getfield(L, -1, K_IGNORE_STATS);
    const counted = lua.lua_toboolean(L, -1);
    lua.lua_pop(L, 1);
    return { message: read(K_ERR) ?? '', source: read(K_SOURCE), line: read(K_LINE), counted };
  }

  // An error that came from one of the script's commands was counted there (ignore_error_stats_update).
  function errorReply(message: string, counted: boolean): Reply {
    const reply: Reply = { type: 'error', message: message.replace(/[\r\n]/g, ' ') };
    if (counted) uncountedErrors.add(reply);
    return reply;
  }

  /** luaRedisGenericCommand: redis.call raises an error reply, redis.pcall returns it. */
  function redisCommand(raise: boolean) {
    return (state: LuaState): number => {
      L = state;
      const argc = lua.lua_gettop(state);
      if (argc === 0) {
        pushError('Please specify at least one argument for this redis lib call', false);
        return raise ? lua.lua_error(L) : 1;
      }
      const argv: string[] = [];
      for (let j = 1; j <= argc; j++) {
        const type = lua.lua_type(L, j);
        if (type === lua.LUA_TNUMBER) {
          argv.push(lua.lua_isinteger(L, j) ? String(lua.lua_tointeger(L, j)) : formatDouble(lua.lua_tonumber(L, j)));
        } else if (type === lua.LUA_TSTRING) argv.push(stringAt(L, j));
        else break;
      }
      lua.lua_settop(L, 0);
      if (argv.length !== argc) {
        pushError('Lua redis lib command arguments must be strings or integers', false);
        return raise ? lua.lua_error(L) : 1;
      }
      if (calling) {
        pushError('luaRedisGenericCommand() recursive call detected. Are you doing funny stuff with Lua debug hooks?', false);
        return 1;
      }
      calling = true;
      const outcome = host.call(argv, readOnly);
      calling = false;
      if (typeof outcome === 'string') {
        pushError(outcome, true);
        return raise ? lua.lua_error(L) : 1;
      }
      pushReply(outcome);
      return raise && outcome.type === 'error' ? lua.lua_error(L) : 1;
    };
  }

  function setJsFunction(name: string, fn: (state: LuaState) => number): void {
    lua.lua_pushjsfunction(L, (state: LuaState) => {
      L = state;
      return fn(state);
    });
    lua.lua_setfield(L, -2, S(name));
  }

  function setNumber(name: string, value: number): void {
    lua.lua_pushnumber(L, value);
    lua.lua_setfield(L, -2, S(name));
  }

  function registerRedisApi(): void {
    lua.lua_newtable(L);
    setJsFunction('call', redisCommand(true));
    setJsFunction('pcall', redisCommand(false));
    setJsFunction('sha1hex', (state) => {
      if (lua.lua_gettop(state) !== 1) {
        pushError('wrong number of arguments', false);
        return lua.lua_error(L);
      }
      const text = lua.lua_tolstring(L, 1);
      lua.lua_pushstring(L, S(sha1hex(text === null ? '' : bytesToBinary(text))));
      return 1;
    });
    setJsFunction('error_reply', (state) => {
      if (lua.lua_gettop(state) !== 1 || lua.lua_type(L, -1) !== lua.LUA_TSTRING) {
        pushError('wrong number or type of arguments', false);
        return 1;
      }
      const text = stringAt(L, -1);
      pushError(text.startsWith('-') ? text : '-' + text, false);
      return 1;
    });
    setJsFunction('status_reply', (state) => {
      if (lua.lua_gettop(state) !== 1 || lua.lua_type(L, -1) !== lua.LUA_TSTRING) {
        pushError('wrong number or type of arguments', false);
        return 1;
      }
      lua.lua_newtable(L);
      lua.lua_pushvalue(L, -2);
      lua.lua_setfield(L, -2, K_OK);
      return 1;
    });
    setJsFunction('log', (state) => {
      // The emulator keeps no server log; the arguments are checked as Redis does.
      const argc = lua.lua_gettop(state);
      if (argc < 2) pushError('redis.log() requires two arguments or more.', false);
      else if (lua.lua_type(L, 1) !== lua.LUA_TNUMBER) pushError('First argument must be a number (log level).', false);
      else if (lua.lua_tonumber(L, 1) < 0 || lua.lua_tonumber(L, 1) > 3) pushError('Invalid debug level.', false);
      else return 0;
      return lua.lua_error(L);
    });
    setJsFunction('setresp', (state) => {
      if (lua.lua_gettop(state) !== 1) {
        pushError('redis.setresp() requires one argument.', false);
        return lua.lua_error(L);
      }
      const version = lua.lua_tonumber(L, -1);
      if (version !== 2 && version !== 3) {
        pushError('RESP version must be 2 or 3.', false);
        return lua.lua_error(L);
      }
      resp = version;
      host.setProtocol(version);
      return 0;
    });
    setJsFunction('set_repl', (state) => {
      if (lua.lua_gettop(state) !== 1) {
        pushError('redis.set_repl() requires two arguments.', false);
        return lua.lua_error(L);
      }
      const flags = lua.lua_tonumber(L, -1);
      if (!(flags >= 0 && flags <= 3)) {
        pushError('Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.', false);
        return lua.lua_error(L);
      }
      return 0;
    });
    setJsFunction('replicate_commands', () => {
      lua.lua_pushboolean(L, true);
      return 1;
    });
    setJsFunction('breakpoint', () => {
      lua.lua_pushboolean(L, false);
      return 1;
    });
    setJsFunction('debug', () => 0);
    for (const [name, value] of [
      ['LOG_DEBUG', 0], ['LOG_VERBOSE', 1], ['LOG_NOTICE', 2], ['LOG_WARNING', 3],
      ['REPL_NONE', 0], ['REPL_AOF', 1], ['REPL_SLAVE', 2], ['REPL_REPLICA', 2], ['REPL_ALL', 3],
      ['REDIS_VERSION_NUM', 0x0007000f],
    ] as const) {
      setNumber(name, value);
    }
    lua.lua_pushstring(L, S('7.0.15'));
    lua.lua_setfield(L, -2, S('REDIS_VERSION'));
    lua.lua_setfield(L, -2, S('redis'));
  }

  function init(): void {
    main = L = lauxlib.luaL_newstate();
    for (const [name, open] of [
      ['_G', lualib.luaopen_base],
      ['table', lualib.luaopen_table],
      ['string', lualib.luaopen_string],
      ['math', lualib.luaopen_math],
      ['debug', lualib.luaopen_debug],
      ['coroutine', lualib.luaopen_coroutine],
    ] as const) {
      lauxlib.luaL_requiref(L, S(name), open, 1);
      lua.lua_pop(L, 1);
    }
    // The real globals table, where the API and libraries live.
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, 2); // LUA_RIDX_GLOBALS
    registerRedisApi();
    installLibraries(L, S);
    if (lauxlib.luaL_loadbuffer(L, S(PRELUDE), null, S('=prelude')) !== lua.LUA_OK) throw new Error(stringAt(L, -1));
    lua.lua_call(L, 0, 0);
    lockGlobals();
  }

  // Scripts see an empty proxy: reading a missing global and creating or changing one are errors,
  // as with Redis's locked global table; KEYS and ARGV are written straight into the real table.
  function lockGlobals(): void {
    lua.lua_newtable(L); // the proxy
    lua.lua_newtable(L); // its metatable
    if (lauxlib.luaL_loadbuffer(L, S(INDEX_FUNCTION), null, S('=globals')) !== lua.LUA_OK) throw new Error(stringAt(L, -1));
    lua.lua_pushvalue(L, globalsRef);
    lua.lua_pushjsfunction(L, (state) => {
      const name = lua.lua_isstring(state, 1) ? stringAt(state, 1) : '?';
      lauxlib.luaL_where(state, 2);
      lua.lua_pushstring(state, toLua(`${stringAt(state, -1)}Script attempted to access nonexistent global variable '${name}'`));
      return lua.lua_error(state);
    });
    lua.lua_call(L, 2, 1);
    lua.lua_setfield(L, -2, S('__index'));
    lua.lua_pushjsfunction(L, (state) => {
      lauxlib.luaL_where(state, 1);
      lua.lua_pushstring(state, toLua(`${stringAt(state, -1)}Attempt to modify a readonly table`));
      return lua.lua_error(state);
    });
    lua.lua_setfield(L, -2, S('__newindex'));
    lua.lua_pushstring(L, S('The metatable is locked'));
    lua.lua_setfield(L, -2, S('__metatable'));
    lua.lua_setmetatable(L, -2);
    lua.lua_pushvalue(L, proxyRef);
    lua.lua_setfield(L, globalsRef, S('_G'));
  }

  function setArray(name: Uint8Array, values: readonly string[]): void {
    lua.lua_createtable(L, values.length, 0);
    for (let i = 0; i < values.length; i++) {
      lua.lua_pushstring(L, toLua(values[i]!));
      lua.lua_rawseti(L, -2, i + 1);
    }
    lua.lua_setfield(L, globalsRef, name);
  }

  // The registry name of each compiled script, made once.
  const functionNames = new Map<string, Uint8Array>();
  const functionName = (sha: string): Uint8Array => {
    let name = functionNames.get(sha);
    if (name === undefined) functionNames.set(sha, (name = S('f_' + sha)));
    return name;
  };
  const K_KEYS = S('KEYS');
  const K_ARGV = S('ARGV');
  const K_HANDLER = S('__redis__err__handler');

  init();

  return {
    compile(sha, body) {
      L = main;
      const top = lua.lua_gettop(L);
      if (lauxlib.luaL_loadbuffer(L, toLua(body), null, S('@user_script')) !== lua.LUA_OK) {
        // Lua 5.1 quotes the end-of-input token ('<eof>'), 5.3 does not.
        const message = stringAt(L, -1).replace(/ near <eof>$/, " near '<eof>'");
        lua.lua_settop(L, top);
        return message;
      }
      lua.lua_pushvalue(L, proxyRef);
      lua.lua_setupvalue(L, -2, 1); // _ENV
      lua.lua_setfield(L, lua.LUA_REGISTRYINDEX, functionName(sha));
      return null;
    },

    has(sha) {
      L = main;
      const type = lua.lua_getfield(L, lua.LUA_REGISTRYINDEX, functionName(sha));
      lua.lua_pop(L, 1);
      return type !== lua.LUA_TNIL;
    },

    run(sha, keys, args, scriptReadOnly) {
      L = main;
      const top = lua.lua_gettop(L);
      resp = 2;
      readOnly = scriptReadOnly;
      instructions = 0;
      setArray(K_KEYS, keys);
      setArray(K_ARGV, args);
      lua.lua_getfield(L, globalsRef, K_HANDLER);
      lua.lua_getfield(L, lua.LUA_REGISTRYINDEX, functionName(sha));
      lua.lua_sethook(
        L,
        (state) => {
          instructions += HOOK_EVERY;
          if (instructions < INSTRUCTION_BUDGET) return;
          lua.lua_pushstring(state, S(`Script stopped after ${INSTRUCTION_BUDGET} Lua instructions (the emulator's stand-in for lua-time-limit and SCRIPT KILL)`));
          lua.lua_error(state);
        },
        lua.LUA_MASKCOUNT,
        HOOK_EVERY,
      );
      const status = lua.lua_pcall(L, 0, 1, -2);
      lua.lua_sethook(L, null, 0, 0);
      let reply: Reply;
      if (status === lua.LUA_OK) reply = toReply();
      else if (lua.lua_type(L, -1) === lua.LUA_TTABLE) {
        const info = errorInformation();
        let message = info.message;
        if (info.line !== null && info.source !== null) message += ` script: ${sha}, on ${info.source}:${info.line}.`;
        reply = errorReply(message, info.counted);
      } else {
        const text = lua.lua_isstring(L, -1) ? stringAt(L, -1) : 'execution failure';
        reply = { type: 'error', message: `ERR Error running script ${sha}, ${text.slice(0, 100)}`.replace(/[\r\n]/g, ' ') };
      }
      L = main;
      lua.lua_settop(L, top);
      return reply;
    },

    reset() {
      init();
    },
  };
}
