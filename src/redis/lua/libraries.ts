// The libraries Redis adds to its Lua state beyond the standard ones: `bit` (LuaBitOp) here and
// `cjson` (cjson.ts); cmsgpack and struct are not provided (docs/architecture.md).
import { lua, type LuaState } from 'fengari';
import { installCjson } from './cjson.ts';

/** LuaBitOp's tobit: a number as a signed 32-bit integer (JS ToInt32 wraps modulo 2^32). */
function bitArg(L: LuaState, index: number): number {
  return lua.lua_tonumber(L, index) | 0;
}

function pushInt(L: LuaState, value: number): number {
  lua.lua_pushnumber(L, value | 0);
  return 1;
}

const BIT: Record<string, (L: LuaState) => number> = {
  tobit: (L) => pushInt(L, bitArg(L, 1)),
  bnot: (L) => pushInt(L, ~bitArg(L, 1)),
  band: (L) => {
    let value = bitArg(L, 1);
    for (let i = lua.lua_gettop(L); i > 1; i--) value &= bitArg(L, i);
    return pushInt(L, value);
  },
  bor: (L) => {
    let value = bitArg(L, 1);
    for (let i = lua.lua_gettop(L); i > 1; i--) value |= bitArg(L, i);
    return pushInt(L, value);
  },
  bxor: (L) => {
    let value = bitArg(L, 1);
    for (let i = lua.lua_gettop(L); i > 1; i--) value ^= bitArg(L, i);
    return pushInt(L, value);
  },
  lshift: (L) => pushInt(L, bitArg(L, 1) << (bitArg(L, 2) & 31)),
  rshift: (L) => pushInt(L, bitArg(L, 1) >>> (bitArg(L, 2) & 31)),
  arshift: (L) => pushInt(L, bitArg(L, 1) >> (bitArg(L, 2) & 31)),
  rol: (L) => {
    const x = bitArg(L, 1);
    const n = bitArg(L, 2) & 31;
    return pushInt(L, (x << n) | (x >>> (32 - n)));
  },
  ror: (L) => {
    const x = bitArg(L, 1);
    const n = bitArg(L, 2) & 31;
    return pushInt(L, (x >>> n) | (x << (32 - n)));
  },
  bswap: (L) => {
    const x = bitArg(L, 1);
    return pushInt(L, ((x >>> 24) & 0xff) | ((x >>> 8) & 0xff00) | ((x & 0xff00) << 8) | (x << 24));
  },
  tohex: (L) => {
    const x = bitArg(L, 1);
    let n = lua.lua_gettop(L) >= 2 ? bitArg(L, 2) : 8;
    const upper = n < 0;
    if (upper) n = -n;
    if (n > 8) n = 8;
    let hex = (x >>> 0).toString(16).padStart(8, '0').slice(8 - n);
    if (upper) hex = hex.toUpperCase();
    lua.lua_pushstring(L, Uint8Array.from(hex, (c) => c.charCodeAt(0)));
    return 1;
  },
};

/** Adds the libraries to the table at the top of the stack (the globals). */
export function installLibraries(L: LuaState, S: (text: string) => Uint8Array): void {
  lua.lua_newtable(L);
  for (const [name, fn] of Object.entries(BIT)) {
    lua.lua_pushjsfunction(L, fn);
    lua.lua_setfield(L, -2, S(name));
  }
  lua.lua_setfield(L, -2, S('bit'));
  installCjson(L, S);
}
