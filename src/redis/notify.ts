/**
 * Keyspace notifications (notify.c): the `notify-keyspace-events` classes and the publisher
 * every command family calls after it changes a key.
 *
 * @example
 * // in a command, after the write:
 * engine.notifyKeyspaceEvent(NOTIFY_LIST, 'lpush', key, db.id);
 * // publishes 'lpush' on __keyspace@0__:<key> (class K) and <key> on __keyevent@0__:lpush (class E)
 * // when CONFIG SET notify-keyspace-events enables the list class; otherwise costs one bit test.
 */
import type { PubSubRegistry } from './pubsub.ts';

export const NOTIFY_KEYSPACE = 1 << 0; // K
export const NOTIFY_KEYEVENT = 1 << 1; // E
export const NOTIFY_GENERIC = 1 << 2; // g
export const NOTIFY_STRING = 1 << 3; // $
export const NOTIFY_LIST = 1 << 4; // l
export const NOTIFY_SET = 1 << 5; // s
export const NOTIFY_HASH = 1 << 6; // h
export const NOTIFY_ZSET = 1 << 7; // z
export const NOTIFY_EXPIRED = 1 << 8; // x
export const NOTIFY_EVICTED = 1 << 9; // e
export const NOTIFY_STREAM = 1 << 10; // t
export const NOTIFY_KEY_MISS = 1 << 11; // m, not part of A
export const NOTIFY_MODULE = 1 << 13; // d
export const NOTIFY_NEW = 1 << 14; // n, not part of A
export const NOTIFY_ALL =
  NOTIFY_GENERIC | NOTIFY_STRING | NOTIFY_LIST | NOTIFY_SET | NOTIFY_HASH | NOTIFY_ZSET | NOTIFY_EXPIRED | NOTIFY_EVICTED | NOTIFY_STREAM | NOTIFY_MODULE;

const CLASS_FLAGS: Readonly<Record<string, number>> = {
  A: NOTIFY_ALL, g: NOTIFY_GENERIC, $: NOTIFY_STRING, l: NOTIFY_LIST, s: NOTIFY_SET, h: NOTIFY_HASH,
  z: NOTIFY_ZSET, x: NOTIFY_EXPIRED, e: NOTIFY_EVICTED, K: NOTIFY_KEYSPACE, E: NOTIFY_KEYEVENT,
  t: NOTIFY_STREAM, m: NOTIFY_KEY_MISS, d: NOTIFY_MODULE, n: NOTIFY_NEW,
};

/**
 * keyspaceEventsStringToFlags: the flags of a class string, or null on an unknown character
 * (the value is a C string: a NUL ends it).
 * @example parseKeyspaceEvents('KEA') === NOTIFY_KEYSPACE | NOTIFY_KEYEVENT | NOTIFY_ALL
 */
export function parseKeyspaceEvents(classes: string): number | null {
  let flags = 0;
  for (const c of classes) {
    if (c === '\0') break;
    const flag = CLASS_FLAGS[c];
    if (flag === undefined || !Object.hasOwn(CLASS_FLAGS, c)) return null;
    flags |= flag;
  }
  return flags;
}

/**
 * keyspaceEventsFlagsToString: Redis's canonical form (CONFIG GET shows it). `A` hides the
 * classes it covers and, as in Redis, also hides `n`.
 * @example formatKeyspaceEvents(parseKeyspaceEvents('AmnKE')!) === 'AKEm'
 */
export function formatKeyspaceEvents(flags: number): string {
  let out = '';
  if ((flags & NOTIFY_ALL) === NOTIFY_ALL) out += 'A';
  else {
    for (const c of 'g$lshzxetdn') if (flags & CLASS_FLAGS[c]!) out += c;
  }
  if (flags & NOTIFY_KEYSPACE) out += 'K';
  if (flags & NOTIFY_KEYEVENT) out += 'E';
  if (flags & NOTIFY_KEY_MISS) out += 'm';
  return out;
}

/** Publishes one event on the keyspace and keyevent channels the flags enable. */
export function publishKeyspaceEvent(pubsub: PubSubRegistry, flags: number, event: string, key: string, dbid: number): void {
  if (flags & NOTIFY_KEYSPACE) pubsub.publish(`__keyspace@${dbid}__:${key}`, event);
  if (flags & NOTIFY_KEYEVENT) pubsub.publish(`__keyevent@${dbid}__:${event}`, key);
}
