// cjson.encode / cjson.decode / cjson.null as lua-cjson 2.1 (Redis's bundled copy) behaves with its
// defaults: numbers with 14 significant digits, '/' escaped, an empty table is '{}', sparse arrays
// refused, nesting limited to 1000. Strings are bytes throughout, as in Lua.
import { lauxlib, lua, type LuaState } from 'fengari';
import { bytesToBinary, utf8ToBinary } from '../bytes.ts';

/** cjson.null: a light userdata compared by identity. */
const NULL = {};
const MAX_DEPTH = 1000;

class CjsonError extends Error {}

/** The exact decimal value of a finite double: digits and the position of the decimal point. */
function exactDecimal(value: number): { digits: string; point: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(value));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  let exponent = biased - 1075;
  if (biased === 0) exponent = -1074;
  else mantissa |= 1n << 52n;
  if (exponent >= 0) {
    const digits = (mantissa << BigInt(exponent)).toString();
    return { digits, point: digits.length };
  }
  const digits = (mantissa * 5n ** BigInt(-exponent)).toString();
  return { digits, point: digits.length + exponent };
}

/** C's %.14g, rounding exact ties to even as glibc does. */
function formatNumber(value: number): string {
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const { digits: all, point } = exactDecimal(value);
  const lead = all.search(/[1-9]/);
  let digits = all.slice(lead);
  let exponent = point - lead - 1;
  if (digits.length > 14) {
    const rest = digits.slice(14);
    let kept = BigInt(digits.slice(0, 14));
    const up = rest[0]! > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || kept % 2n === 1n));
    if (up) kept += 1n;
    digits = kept.toString();
    if (digits.length > 14) {
      digits = digits.slice(0, 14);
      exponent++;
    }
  }
  digits = digits.replace(/0+$/, '') || '0';
  const sign = value < 0 ? '-' : '';
  if (exponent < -4 || exponent >= 14) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}${fraction ? '.' + fraction : ''}`;
}

const ESCAPES: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 34: '\\"', 47: '\\/', 92: '\\\\' };

function encodeString(binary: string): string {
  let out = '"';
  for (let i = 0; i < binary.length; i++) {
    const code = binary.charCodeAt(i);
    const escape = ESCAPES[code];
    if (escape !== undefined) out += escape;
    else if (code < 0x20 || code === 0x7f) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += binary[i];
  }
  return out + '"';
}

function stringAt(L: LuaState, index: number): string {
  return bytesToBinary(lua.lua_tolstring(L, index)!);
}

function encodeValue(L: LuaState, index: number, depth: number): string {
  const type = lua.lua_type(L, index);
  if (type === lua.LUA_TNIL) return 'null';
  if (type === lua.LUA_TBOOLEAN) return lua.lua_toboolean(L, index) ? 'true' : 'false';
  if (type === lua.LUA_TNUMBER) {
    const value = lua.lua_tonumber(L, index);
    if (!Number.isFinite(value)) throw new CjsonError('Cannot serialise number: must not be NaN or Inf');
    return formatNumber(value);
  }
  if (type === lua.LUA_TSTRING) return encodeString(stringAt(L, index));
  if (type === lua.LUA_TLIGHTUSERDATA && lua.lua_touserdata(L, index) === NULL) return 'null';
  if (type === lua.LUA_TTABLE) return encodeTable(L, lua.lua_absindex(L, index), depth + 1);
  throw new CjsonError(`Cannot serialise ${typeName(type)}: type not supported`);
}

function typeName(type: number): string {
  if (type === lua.LUA_TFUNCTION) return 'function';
  if (type === lua.LUA_TUSERDATA || type === lua.LUA_TLIGHTUSERDATA) return 'userdata';
  if (type === lua.LUA_TTHREAD) return 'thread';
  return 'value';
}

function encodeTable(L: LuaState, index: number, depth: number): string {
  if (depth > MAX_DEPTH) throw new CjsonError(`Cannot serialise, excessive nesting (${depth})`);
  // lua_array_length: every key a positive integer makes an array; anything else an object.
  let max = 0;
  let items = 0;
  let isArray = true;
  lua.lua_pushnil(L);
  while (lua.lua_next(L, index)) {
    lua.lua_pop(L, 1);
    items++;
    if (isArray && lua.lua_type(L, -1) === lua.LUA_TNUMBER) {
      const key = lua.lua_tonumber(L, -1);
      if (Number.isInteger(key) && key >= 1) {
        if (key > max) max = key;
        continue;
      }
    }
    isArray = false;
  }
  if (isArray && max > 0) {
    if (max > 10 && max > items * 2) throw new CjsonError('Cannot serialise table: excessively sparse array');
    const parts: string[] = [];
    for (let i = 1; i <= max; i++) {
      lua.lua_rawgeti(L, index, i);
      parts.push(encodeValue(L, -1, depth));
      lua.lua_pop(L, 1);
    }
    return `[${parts.join(',')}]`;
  }
  const parts: string[] = [];
  lua.lua_pushnil(L);
  while (lua.lua_next(L, index)) {
    const keyType = lua.lua_type(L, -2);
    let key: string;
    if (keyType === lua.LUA_TSTRING) key = encodeString(stringAt(L, -2));
    else if (keyType === lua.LUA_TNUMBER) key = `"${formatNumber(lua.lua_tonumber(L, -2))}"`;
    else throw new CjsonError('Cannot serialise table: table key must be a number or string');
    parts.push(`${key}:${encodeValue(L, -1, depth)}`);
    lua.lua_pop(L, 1);
  }
  return `{${parts.join(',')}}`;
}

/** A JSON decoder over a binary (UTF-8 byte) string, pushing Lua values as it goes. */
class Decoder {
  private at = 0;

  constructor(
    private readonly L: LuaState,
    private readonly text: string,
  ) {}

  decode(): void {
    this.value(0);
    this.space();
    if (this.at < this.text.length) this.fail('the end', this.tokenName());
  }

  private space(): void {
    while (this.at < this.text.length && ' \t\n\r'.includes(this.text[this.at]!)) this.at++;
  }

  // lua-cjson names the token it found by its type (T_END, T_ARR_END, ...).
  private tokenName(): string {
    const c = this.text[this.at];
    if (c === undefined) return 'T_END';
    const names: Record<string, string> = { '{': 'T_OBJ_BEGIN', '}': 'T_OBJ_END', '[': 'T_ARR_BEGIN', ']': 'T_ARR_END', ',': 'T_COMMA', ':': 'T_COLON', '"': 'T_STRING' };
    if (names[c] !== undefined) return names[c];
    if (/[-0-9]/.test(c)) return 'T_NUMBER';
    if (this.text.startsWith('true', this.at) || this.text.startsWith('false', this.at)) return 'T_BOOLEAN';
    if (this.text.startsWith('null', this.at)) return 'T_NULL';
    return 'invalid token';
  }

  private fail(expected: string, found: string): never {
    throw new CjsonError(`Expected ${expected} but found ${found} at character ${this.at + 1}`);
  }

  private value(depth: number): void {
    const L = this.L;
    this.space();
    const c = this.text[this.at];
    if (c === '{' || c === '[') {
      if (depth >= MAX_DEPTH) throw new CjsonError(`Found too many nested data structures (${depth + 1}) at character ${this.at + 1}`);
      if (c === '{') this.object(depth + 1);
      else this.array(depth + 1);
    } else if (c === '"') lua.lua_pushstring(L, toBytes(this.string()));
    else if (c !== undefined && /[-0-9]/.test(c)) {
      const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(this.text.slice(this.at));
      if (match === null) this.fail('value', 'invalid number');
      this.at += match[0].length;
      lua.lua_pushnumber(L, Number(match[0]));
    } else if (this.text.startsWith('true', this.at)) {
      this.at += 4;
      lua.lua_pushboolean(L, true);
    } else if (this.text.startsWith('false', this.at)) {
      this.at += 5;
      lua.lua_pushboolean(L, false);
    } else if (this.text.startsWith('null', this.at)) {
      this.at += 4;
      lua.lua_pushlightuserdata(L, NULL);
    } else this.fail('value', this.tokenName());
  }

  private array(depth: number): void {
    const L = this.L;
    this.at++;
    lua.lua_newtable(L);
    this.space();
    if (this.text[this.at] === ']') {
      this.at++;
      return;
    }
    for (let i = 1; ; i++) {
      this.value(depth);
      lua.lua_rawseti(L, -2, i);
      this.space();
      const c = this.text[this.at];
      if (c === ']') {
        this.at++;
        return;
      }
      if (c !== ',') this.fail("comma or array end", this.tokenName());
      this.at++;
    }
  }

  private object(depth: number): void {
    const L = this.L;
    this.at++;
    lua.lua_newtable(L);
    this.space();
    if (this.text[this.at] === '}') {
      this.at++;
      return;
    }
    for (;;) {
      this.space();
      if (this.text[this.at] !== '"') this.fail('object key string', this.tokenName());
      lua.lua_pushstring(L, toBytes(this.string()));
      this.space();
      if (this.text[this.at] !== ':') this.fail('colon', this.tokenName());
      this.at++;
      this.value(depth);
      lua.lua_rawset(L, -3);
      this.space();
      const c = this.text[this.at];
      if (c === '}') {
        this.at++;
        return;
      }
      if (c !== ',') this.fail('comma or object end', this.tokenName());
      this.at++;
    }
  }

  /** A JSON string as a binary string, \u escapes encoded as UTF-8. */
  private string(): string {
    this.at++;
    let out = '';
    for (;;) {
      const c = this.text[this.at];
      if (c === undefined) this.fail('string end', 'T_END');
      this.at++;
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.at++];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e !== undefined && simple[e] !== undefined) out += simple[e];
      else if (e === 'u') {
        let code = parseInt(this.text.slice(this.at, this.at + 4), 16);
        this.at += 4;
        if (code >= 0xd800 && code < 0xdc00 && this.text.startsWith('\\u', this.at)) {
          const low = parseInt(this.text.slice(this.at + 2, this.at + 6), 16);
          if (low >= 0xdc00 && low < 0xe000) {
            code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
            this.at += 6;
          }
        }
        if (Number.isNaN(code)) this.fail('value', 'invalid unicode escape code');
        out += utf8ToBinary(String.fromCodePoint(code));
      } else this.fail('value', 'invalid escape code');
    }
  }
}

function toBytes(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// luaL_error: the message starts with the calling script's position (user_script:1: ).
function raise(L: LuaState, message: string): number {
  lauxlib.luaL_where(L, 1);
  lua.lua_pushstring(L, toBytes(stringAt(L, -1) + message));
  return lua.lua_error(L);
}

/** Adds `cjson` to the table at the top of the stack. */
export function installCjson(L: LuaState, S: (text: string) => Uint8Array): void {
  lua.lua_newtable(L);
  lua.lua_pushjsfunction(L, (state) => {
    if (lua.lua_gettop(state) !== 1) return raise(state, 'bad argument #1 to \'encode\' (expected 1 argument)');
    let json: string;
    try {
      json = encodeValue(state, 1, 0);
    } catch (error) {
      if (error instanceof CjsonError) return raise(state, error.message);
      throw error;
    }
    lua.lua_pushstring(state, toBytes(json));
    return 1;
  });
  lua.lua_setfield(L, -2, S('encode'));
  lua.lua_pushjsfunction(L, (state) => {
    if (lua.lua_gettop(state) !== 1) return raise(state, 'bad argument #1 to \'decode\' (expected 1 argument)');
    const text = lua.lua_tolstring(state, 1);
    if (text === null) return raise(state, "bad argument #1 to 'decode' (string expected, got no value)");
    const top = lua.lua_gettop(state);
    try {
      new Decoder(state, bytesToBinary(text)).decode();
    } catch (error) {
      if (!(error instanceof CjsonError)) throw error;
      lua.lua_settop(state, top);
      return raise(state, error.message);
    }
    return 1;
  });
  lua.lua_setfield(L, -2, S('decode'));
  lua.lua_pushlightuserdata(L, NULL);
  lua.lua_setfield(L, -2, S('null'));
  lua.lua_setfield(L, -2, S('cjson'));
}
