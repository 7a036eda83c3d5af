/**
 * A minimal string-only Redis used until the full emulator is plugged in (and as a reference
 * for the semantics the strategies rely on): a key is alive while now <= expireAt.
 */
import { type Reply, OK, NIL, error, integer, bulk, array, status } from '../redis/reply.ts';
import { globMatch } from '../redis/glob.ts';
import type { KeyEntry } from '../engine/trace.ts';
import type { RedisPort } from './redis-port.ts';

interface Item {
  value: string;
  expireAt: number | null;
}

export class StandInRedis implements RedisPort {
  private readonly data = new Map<string, Item>();
  private readonly expiredListeners: ((key: string) => void)[] = [];
  readonly emulator = this;

  constructor(private readonly now: () => number) {}

  createSession(): unknown {
    return {};
  }

  onExpired(listener: (key: string) => void): void {
    this.expiredListeners.push(listener);
  }

  activeExpireCycle(): void {
    const now = this.now();
    for (const [key, item] of this.data) if (item.expireAt !== null && now > item.expireAt) this.expire(key);
  }

  inspect(key: string): KeyEntry | null {
    const item = this.data.get(key);
    if (!item || (item.expireAt !== null && this.now() > item.expireAt)) return null;
    return { type: 'string', value: item.value, expireAt: item.expireAt };
  }

  keys(): string[] {
    return [...this.data.keys()].filter((k) => this.inspect(k) !== null).sort();
  }

  private expire(key: string): void {
    this.data.delete(key);
    for (const listener of this.expiredListeners) listener(key);
  }

  private lookup(key: string): Item | undefined {
    const item = this.data.get(key);
    if (item && item.expireAt !== null && this.now() > item.expireAt) {
      this.expire(key);
      return undefined;
    }
    return item;
  }

  exec(argv: readonly string[], _session: unknown): Reply {
    const name = (argv[0] ?? '').toUpperCase();
    const now = this.now();
    switch (name) {
      case 'PING':
        return status('PONG');
      case 'GET': {
        const item = this.lookup(argv[1] ?? '');
        return item ? bulk(item.value) : NIL;
      }
      case 'SET': {
        const [, key = '', value = ''] = argv;
        let expireAt: number | null = null;
        let nx = false;
        for (let i = 3; i < argv.length; i++) {
          const opt = argv[i]!.toUpperCase();
          if (opt === 'NX') nx = true;
          else if (opt === 'EX' || opt === 'PX') {
            const n = Number(argv[++i]);
            if (!Number.isInteger(n) || n <= 0) return error("ERR invalid expire time in 'set' command");
            expireAt = now + (opt === 'EX' ? n * 1000 : n);
          } else return error('ERR syntax error');
        }
        if (nx && this.lookup(key)) return NIL;
        this.data.set(key, { value, expireAt });
        return OK;
      }
      case 'DEL': {
        let n = 0;
        for (const key of argv.slice(1)) if (this.lookup(key) && this.data.delete(key)) n++;
        return integer(n);
      }
      case 'EXISTS':
        return integer(argv.slice(1).filter((k) => this.lookup(k)).length);
      case 'PTTL':
      case 'TTL': {
        const item = this.lookup(argv[1] ?? '');
        if (!item) return integer(-2);
        if (item.expireAt === null) return integer(-1);
        const ms = item.expireAt - now;
        return integer(name === 'PTTL' ? ms : Math.round(ms / 1000));
      }
      case 'SCAN': {
        const cursor = Number(argv[1] ?? '0');
        let match = '*';
        let count = 10;
        for (let i = 2; i < argv.length; i += 2) {
          const opt = argv[i]!.toUpperCase();
          if (opt === 'MATCH') match = argv[i + 1] ?? '*';
          else if (opt === 'COUNT') count = Number(argv[i + 1]);
        }
        const all = [...this.data.keys()].sort();
        const slice = all.slice(cursor, cursor + count);
        const next = cursor + count >= all.length ? 0 : cursor + count;
        const found = slice.filter((k) => this.lookup(k) && globMatch(match, k));
        return array([bulk(String(next)), array(found.map((k) => bulk(k)))]);
      }
      case 'KEYS':
        return array(this.keys().filter((k) => globMatch(argv[1] ?? '*', k)).map((k) => bulk(k)));
      case 'FLUSHALL':
      case 'FLUSHDB':
        this.data.clear();
        return OK;
      default:
        return error(`ERR unknown command '${argv[0] ?? ''}'`);
    }
  }
}
