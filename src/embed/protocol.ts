/**
 * The iframe protocol (see docs/embedding.md): namespaced messages between an embedded lab and
 * the page around it. Pure: message shapes, validation and the origin rule; `bridge.ts` is the DOM.
 *
 * @example
 * parseCommand({ source: 'cache-aside-lab', type: 'setOption', name: 'strategy', value: 'lock' });
 * // { type: 'setOption', name: 'strategy', value: 'lock' }
 * parseCommand({ type: 'play' }); // null: not ours
 */

export const MESSAGE_SOURCE = 'cache-aside-lab';
export const PROTOCOL_VERSION = 1;

/** What the parent may ask of the lab. */
export type LabCommand =
  | { readonly type: 'hello' }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'step'; readonly direction: 1 | -1 }
  | { readonly type: 'reset' }
  | { readonly type: 'setOption'; readonly name: string; readonly value: string | number | boolean };

/** What the lab tells the parent. */
export type LabMessage =
  | { readonly type: 'ready'; readonly scenario: string; readonly notes: readonly string[] }
  | { readonly type: 'resize'; readonly height: number }
  | { readonly type: 'hit' | 'miss'; readonly key: string; readonly at: number }
  | { readonly type: 'stampede-over'; readonly at: number; readonly readers: number; readonly dbReads: number }
  | { readonly type: 'error'; readonly command: string; readonly message: string };

export type Envelope<T> = T & { readonly source: typeof MESSAGE_SOURCE; readonly version: number };

export function envelope<T extends LabMessage>(message: T): Envelope<T> {
  return { source: MESSAGE_SOURCE, version: PROTOCOL_VERSION, ...message };
}

const NAME = /^[A-Za-z][A-Za-z0-9]{0,39}$/;

/** A command from untrusted message data, or null when it is not a well-formed command of ours. */
export function parseCommand(data: unknown): LabCommand | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const message = data as Record<string, unknown>;
  if (message['source'] !== MESSAGE_SOURCE) return null;
  switch (message['type']) {
    case 'hello':
    case 'play':
    case 'pause':
    case 'reset':
      return { type: message['type'] };
    case 'step': {
      const direction = message['direction'] ?? 1;
      return direction === 1 || direction === -1 ? { type: 'step', direction } : null;
    }
    case 'setOption': {
      const { name, value } = message;
      if (typeof name !== 'string' || !NAME.test(name)) return null;
      if (typeof value === 'string' && value.length <= 100) return { type: 'setOption', name, value };
      if (typeof value === 'number' || typeof value === 'boolean') return { type: 'setOption', name, value };
      return null;
    }
    default:
      return null;
  }
}

/** Origins as a page writes them: `https://host[:port]`, or `*` for any. */
export function parseOriginOption(text: string | null): string | '*' | null {
  if (text === null || text === '') return null;
  if (text === '*') return '*';
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin === text.replace(/\/$/, '') ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * Who the lab listens to. A message counts only if it comes from the parent window itself; then
 * either its origin matches `parentOrigin` (set by the page that embeds the lab), or — when none
 * was set — the origin of the first valid message from the parent is remembered and only that
 * origin is heard afterwards.
 */
export class OriginGate {
  private trusted: string | null;

  constructor(readonly allowed: string | '*' | null) {
    this.trusted = allowed === '*' ? null : allowed;
  }

  /** Whether a message from `origin`, sent by the parent or not, is to be heard (remembers the first). */
  admit(origin: string, fromParent: boolean): boolean {
    if (!fromParent || origin === 'null' || origin === '') return false;
    if (this.allowed === '*') {
      this.trusted ??= origin;
      return true;
    }
    if (this.trusted === null) this.trusted = origin;
    return origin === this.trusted;
  }

  /** Where events go: the known parent origin (`*` if the page allowed any), or null before a handshake. */
  get target(): string | null {
    return this.allowed === '*' ? '*' : this.trusted;
  }
}
