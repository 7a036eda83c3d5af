/**
 * A reply as the emulator produces it, independent of the wire protocol.
 * Strings are "binary strings": every char code is one byte (0..255), so keys and
 * values stay binary-safe in the browser and cost nothing to move through RESP.
 * Kinds mirror Redis's addReply* families; the RESP encoder picks the RESP2 or RESP3
 * representation (a `map` is a flat array in RESP2, a `double` a bulk string, ...).
 */
export type Reply =
  | { readonly type: 'status'; readonly value: string }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'integer'; readonly value: number | bigint }
  | { readonly type: 'bulk'; readonly value: string | null }
  | { readonly type: 'array'; readonly value: readonly Reply[] | null }
  | { readonly type: 'map'; readonly value: ReadonlyArray<readonly [Reply, Reply]> }
  | { readonly type: 'set'; readonly value: readonly Reply[] }
  /** RESP3 out-of-band data (pub/sub messages, invalidations); an array in RESP2. */
  | { readonly type: 'push'; readonly value: readonly Reply[] }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'verbatim'; readonly format: string; readonly value: string }
  | { readonly type: 'null' };

export const OK: Reply = Object.freeze({ type: 'status', value: 'OK' });
export const NIL: Reply = Object.freeze({ type: 'bulk', value: null });

export const error = (message: string): Reply => ({ type: 'error', message });
export const integer = (value: number | bigint): Reply => ({ type: 'integer', value });
export const bulk = (value: string | null): Reply => (value === null ? NIL : { type: 'bulk', value });
