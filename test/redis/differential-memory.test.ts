// Memory, eviction and CONFIG against a real redis-server 7.0.15: replies and errors must match
// exactly (RESP2 and RESP3), MEMORY USAGE within 10% (it matches exactly for strings and hashes
// of common sizes), and the same cache-aside workload must evict alike under each policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DifferentialPair, formatDifference, infoFields, mulberry32, onTheWire, RealConnection, sameReply, startRealRedis, type RealRedis } from './differential-harness.ts';
import { onBothServers, zipfPicker, type Send } from './cache-aside-driver.ts';
import { line } from './differential-scripts.ts';
import { RedisEmulator } from '../../src/redis/emulator.ts';
import type { RespValue } from '../../src/redis/resp.ts';

let real: RealRedis;
beforeAll(async () => {
  real = await startRealRedis();
}, 20_000);
afterAll(async () => {
  await real.stop();
});

const SIZES = [0, 1, 10, 20, 39, 44, 45, 63, 64, 100, 255, 256, 500, 1000, 4000, 5000, 70000];
const HASHES = [1, 2, 5, 10, 50, 100, 200, 512, 513, 1000];

function memoryScript(): string[][] {
  const out: string[][] = [];
  for (const n of SIZES) out.push(['SET', `s:${n}`, 'x'.repeat(n)], ['MEMORY', 'USAGE', `s:${n}`]);
  for (const value of ['0', '1', '9999', '10000', '-5', '123456789012', '007', '1.5']) {
    out.push(['SET', 'n', value], ['MEMORY', 'USAGE', 'n'], ['OBJECT', 'REFCOUNT', 'n']);
  }
  for (const n of HASHES) {
    const args: string[] = [];
    for (let i = 1; i <= n; i++) args.push(`field${i}`, `value-${i}`);
    out.push(['HSET', `h:${n}`, ...args], ['MEMORY', 'USAGE', `h:${n}`], ['MEMORY', 'USAGE', `h:${n}`, 'SAMPLES', '0']);
  }
  out.push(['HSET', 'h:wide', 'f', 'y'.repeat(100)], ['MEMORY', 'USAGE', 'h:wide']);
  for (const text of [
    'MEMORY USAGE nokey',
    'MEMORY USAGE s:10 SAMPLES -1',
    'MEMORY USAGE s:10 SAMPLES abc',
    'MEMORY USAGE s:10 SAMPLES',
    'MEMORY USAGE s:10 FOO 1',
    'MEMORY USAGE',
    'MEMORY HELP',
    'MEMORY DOCTOR',
    'MEMORY NOSUCH',
    'OBJECT FREQ s:10',
    'OBJECT FREQ nokey',
    'OBJECT IDLETIME s:10',
    'OBJECT IDLETIME nokey',
    'OBJECT REFCOUNT s:10',
    'OBJECT REFCOUNT nokey',
    'OBJECT FREQ',
    'CONFIG SET hash-max-ziplist-value 10',
    'CONFIG GET hash-max-ziplist-value',
    'CONFIG GET hash-max-listpack-value',
    'CONFIG SET hash-max-ziplist-entries 100 zset-max-ziplist-entries 50 list-compress-depth 2 set-max-intset-entries 100',
    'CONFIG GET hash-max-ziplist-entries',
    'CONFIG GET zset-max-listpack-entries',
    'CONFIG SET hash-max-ziplist-entries -1',
    'CONFIG SET list-compress-depth abc',
    'CONFIG SET hash-max-listpack-value -1',
    'CONFIG SET hash-max-ziplist-entries 512 hash-max-ziplist-value 64 zset-max-ziplist-entries 128 list-compress-depth 0 set-max-intset-entries 512',
    'CONFIG SET maxmemory 1 maxmemory 2',
    'CONFIG SET daemonize no',
    'CONFIG SET maxmemory 2 daemonize no',
    'CONFIG SET nosuch 1 maxmemory 2',
    'CONFIG SET maxmemory-policy bogus',
    'CONFIG SET maxmemory notanumber',
    'CONFIG SET maxmemory -1',
    'CONFIG SET maxmemory 1.5mb',
    'CONFIG SET maxmemory 100 maxmemory-policy bogus',
    'CONFIG GET maxmemory',
    'CONFIG SET maxmemory 1mb',
    'CONFIG GET maxmemory',
    'CONFIG SET maxmemory 1k',
    'CONFIG GET maxmemory',
    'CONFIG SET maxmemory 3KB',
    'CONFIG GET maxmemory',
    'CONFIG SET maxmemory 2G',
    'CONFIG GET maxmemory',
    'CONFIG SET maxmemory 1gb',
    'CONFIG GET maxmemory',
    'CONFIG SET maxmemory 0',
    'CONFIG SET maxmemory-samples 0',
    'CONFIG SET maxmemory-samples 10',
    'CONFIG GET maxmemory-samples',
    'CONFIG SET lfu-log-factor -1',
    'CONFIG SET lfu-decay-time x',
    'CONFIG SET MAXMEMORY-POLICY ALLKEYS-LFU',
    'CONFIG GET maxmemory-policy',
    'SET lfu:a v',
    'OBJECT FREQ lfu:a',
    'GET lfu:a',
    'OBJECT FREQ lfu:a',
    'OBJECT IDLETIME lfu:a',
    'CONFIG SET maxmemory-policy allkeys-lru',
    'OBJECT IDLETIME s:10',
    'CONFIG SET maxmemory-policy noeviction maxmemory 1',
    'SET oom v',
    'GET s:10',
    'APPEND s:10 more',
    'DEL s:10',
    'MULTI',
    'SET oom v',
    'EXEC',
    'MULTI',
    'GET s:10',
    'DISCARD',
    'MULTI',
    'PING',
    'EXEC',
    'CONFIG SET maxmemory 0',
    'SET oom v',
    'CONFIG SET maxmemory-samples 5',
  ]) {
    out.push(line(text));
  }
  return out;
}

// MEMORY USAGE within 10% (OBJECT IDLETIME's second is sameReply's tolerance).
function tolerated(argv: readonly string[], a: RespValue, b: RespValue): boolean {
  if (a.type !== 'integer' || b.type !== 'integer') return false;
  const [x, y] = [Number(a.value), Number(b.value)];
  return `${argv[0]} ${argv[1]}`.toUpperCase() === 'MEMORY USAGE' && Math.abs(x - y) <= 0.1 * x;
}

describe.each([2, 3] as const)('memory, OBJECT and CONFIG over RESP%i', (protocol) => {
  it('answers as redis-server 7.0.15 does (MEMORY USAGE within 10%, exact for strings and hashes)', async () => {
    const pair = await DifferentialPair.open(real.port);
    await pair.run([['FLUSHALL'], ['HELLO', String(protocol)]]);
    const script = memoryScript();
    const all = await pair.run(script);
    pair.real.close();
    const inexactUsages = all.filter((d) => d.argv[0] === 'MEMORY' && tolerated(d.argv, d.real, d.emulated));
    expect(all.filter((d) => !tolerated(d.argv, d.real, d.emulated)).map(formatDifference)).toEqual([]);
    // Only hash tables differ (by < 0.3%): Redis averages 5 elements from its own bucket order.
    expect(inexactUsages.filter((d) => d.argv[2] !== 'h:513' && d.argv[2] !== 'h:1000').map(formatDifference)).toEqual([]);
    expect(pair.compared).toBeGreaterThan(script.length);
  }, 30_000);
});

describe('CONFIG GET * and INFO', () => {
  it('has the same 192 parameters and the same INFO sections, with the same fields in each section of a fixed set of fields', async () => {
    const pair = await DifferentialPair.open(real.port);
    const fixed = ['SERVER', 'CLIENTS', 'MEMORY', 'PERSISTENCE', 'STATS', 'REPLICATION', 'CPU', 'MODULES', 'CLUSTER'];
    const commands = [['CONFIG', 'GET', '*'], ['INFO'], ['INFO', 'ALL'], ...fixed.map((section) => ['INFO', section])];
    const realReplies = await pair.real.send(commands);
    const emulated = commands.map((argv) => pair.emulator.exec(argv, pair.session));
    const names = (value: RespValue | { type: string; value: unknown }) =>
      (value as { value: Array<{ value: string }> }).value.filter((_v, i) => i % 2 === 0).map((v) => v.value).sort();
    const emulatedConfig = emulated[0]!;
    const emulatedNames = emulatedConfig.type === 'map' ? emulatedConfig.value.map(([k]) => (k as { value: string }).value).sort() : [];
    expect(emulatedNames).toEqual(names(realReplies[0]!));
    expect(emulatedNames).toHaveLength(192);
    const text = (value: unknown) => String((value as { value: unknown }).value);
    const headers = (s: string) => s.split('\r\n').filter((l) => l.startsWith('#'));
    for (const i of [1, 2]) expect(headers(text(emulated[i]))).toEqual(headers(text(realReplies[i])));
    for (const [i, section] of fixed.entries()) {
      expect([section, ...infoFields(emulatedAsResp(emulated[i + 3])).keys()]).toEqual([section, ...infoFields(realReplies[i + 3]!).keys()]);
    }
    pair.real.close();
  });
});

function emulatedAsResp(reply: unknown): RespValue {
  return { type: 'bulk', value: text(reply) } as unknown as RespValue;
}
function text(value: unknown): string {
  return String((value as { value: unknown }).value);
}

// ---- eviction comparison ----------------------------------------------------------------

const KEYS = 4000;
const OPS = 12_000;
const VALUE = 'v'.repeat(200);

/** Zipf(1.0) key indexes and a TTL per op, the same for both servers. */
function workload(): Array<{ key: string; ttl: number }> {
  const random = mulberry32(42);
  const pick = zipfPicker(KEYS);
  return Array.from({ length: OPS }, () => {
    const key = `item:${pick(random)}`;
    return { key, ttl: 600 + Math.floor(random() * 3000) };
  });
}

interface Outcome {
  hitRatio: number;
  evicted: number;
  kept: number;
}

async function cacheAside(send: Send, policy: string, budget: number): Promise<Outcome> {
  await send(['CONFIG', 'SET', 'maxmemory', '0', 'maxmemory-policy', 'noeviction']);
  await send(['FLUSHALL']);
  await send(['CONFIG', 'RESETSTAT']);
  const base = Number(infoFields(await send(['INFO', 'MEMORY'])).get('used_memory'));
  await send(['CONFIG', 'SET', 'maxmemory', String(base + budget), 'maxmemory-policy', policy]);
  let hits = 0;
  const ops = workload();
  for (const { key, ttl } of ops) {
    const got = await send(['GET', key]);
    if (got.type === 'bulk' && got.value !== null) hits++;
    else await send(['SET', key, VALUE, 'EX', String(ttl)]);
  }
  const stats = infoFields(await send(['INFO', 'STATS']));
  const size = await send(['DBSIZE']);
  await send(['CONFIG', 'SET', 'maxmemory', '0', 'maxmemory-policy', 'noeviction']);
  return { hitRatio: hits / ops.length, evicted: Number(stats.get('evicted_keys')), kept: size.type === 'integer' ? Number(size.value) : -1 };
}

describe('eviction compared with redis-server 7.0.15', () => {
  // A working set of 4,000 keys of ~330 bytes (1.3 MB) under a budget of 400 KB (about 30%).
  const BUDGET = 400_000;
  it.each(['allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'volatile-ttl'])('%s: hit ratio and evictions close', async (policy) => {
    const { real: realOutcome, emulated } = await onBothServers(real.port, 7, (send) => cacheAside(send, policy, BUDGET));
    console.log(policy, 'real', realOutcome, 'emulated', emulated);
    expect(Math.abs(emulated.hitRatio - realOutcome.hitRatio)).toBeLessThan(0.02);
    expect(Math.abs(emulated.evicted - realOutcome.evicted)).toBeLessThan(0.1 * realOutcome.evicted + 50);
  }, 60_000);
});

describe("the issue's figure: maxmemory 1,312,632 and 5,000 SETs under allkeys-lru", () => {
  it('keeps about as many keys as redis-server 7.0.15', async () => {
    const run = async (send: Send) => {
      // RESETSTAT frees the latency histograms earlier tests' commands left (24 KB each).
      await send(['FLUSHALL']);
      await send(['CONFIG', 'RESETSTAT']);
      await send(['CONFIG', 'SET', 'maxmemory', '1312632', 'maxmemory-policy', 'allkeys-lru']);
      for (let i = 0; i < 5000; i++) await send(['SET', `key:${i}`, 'v'.repeat(300)]);
      const size = await send(['DBSIZE']);
      await send(['CONFIG', 'SET', 'maxmemory', '0', 'maxmemory-policy', 'noeviction']);
      return size.type === 'integer' ? Number(size.value) : -1;
    };
    const connection = await RealConnection.open(real.port);
    const realKept = await run(async (argv) => (await connection.send([argv]))[0]!);
    connection.close();
    const emulator = new RedisEmulator({ now: () => 1_700_000_000_000 });
    const session = emulator.createSession();
    const kept = await run(async (argv) => emulator.exec(argv, session) as unknown as RespValue);
    console.log('kept: real', realKept, 'emulated', kept);
    expect(Math.abs(kept - realKept)).toBeLessThan(0.1 * realKept);
  }, 30_000);
});

describe('OOM at EXEC', () => {
  it('EXEC of a transaction that queued a denyoom command is refused once memory is over maxmemory, as Redis does; one of only reads still runs', async () => {
    const pair = await DifferentialPair.open(real.port);
    const other = await RealConnection.open(real.port);
    const otherSession = pair.emulator.createSession();
    const differences: string[] = [];
    const onA = async (...argv: string[]) => {
      const [theirs] = await pair.real.send([argv]);
      const mine = onTheWire(pair.emulator.exec(argv, pair.session), 2);
      if (!sameReply(argv, theirs!, mine)) differences.push(formatDifference({ argv, real: theirs!, emulated: mine }));
    };
    const onB = async (...argv: string[]) => {
      const [theirs] = await other.send([argv]);
      const mine = onTheWire(pair.emulator.exec(argv, otherSession), 2);
      if (!sameReply(argv, theirs!, mine)) differences.push(formatDifference({ argv: ['B:', ...argv], real: theirs!, emulated: mine }));
    };
    await onA('FLUSHALL');
    await onA('CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
    for (const queued of [['SET', 'x', 'v'], ['GET', 'x'], ['INCR', 'n']]) {
      await onA('MULTI');
      await onA(...queued);
      await onB('CONFIG', 'SET', 'maxmemory', '1');
      await onA('EXEC');
      await onB('CONFIG', 'SET', 'maxmemory', '0');
      await onA('EXEC');
    }
    pair.close();
    other.close();
    expect(differences).toEqual([]);
  }, 30_000);
});

describe('encoding thresholds', () => {
  it('OBJECT ENCODING follows CONFIG SET hash/set/zset/list thresholds as Redis does', async () => {
    const pair = await DifferentialPair.open(real.port);
    const script = [
      'FLUSHALL',
      'CONFIG SET hash-max-listpack-entries 2', 'HSET h a 1 b 2', 'OBJECT ENCODING h', 'HSET h c 3', 'OBJECT ENCODING h',
      'CONFIG SET hash-max-listpack-value 3', 'HSET h2 a 1234', 'OBJECT ENCODING h2',
      'CONFIG SET set-max-intset-entries 2', 'SADD s 1 2', 'OBJECT ENCODING s', 'SADD s 3', 'OBJECT ENCODING s',
      'CONFIG SET zset-max-listpack-entries 2', 'ZADD z 1 a 2 b', 'OBJECT ENCODING z', 'ZADD z 3 c', 'OBJECT ENCODING z',
      'CONFIG SET zset-max-listpack-value 2', 'ZADD z2 1 abc', 'OBJECT ENCODING z2',
      'CONFIG SET hash-max-ziplist-entries 1', 'HSET h3 a 1 b 2', 'OBJECT ENCODING h3',
      'CONFIG SET list-max-listpack-size 2', 'RPUSH l a b c', 'OBJECT ENCODING l',
      'CONFIG SET hash-max-listpack-entries 512 hash-max-listpack-value 64 set-max-intset-entries 512 zset-max-listpack-entries 128 zset-max-listpack-value 64 list-max-listpack-size -2',
    ].map(line);
    const differences = await pair.run(script);
    pair.close();
    expect(differences.map(formatDifference)).toEqual([]);
  }, 30_000);
});

// Lists, sets, sorted sets and streams of common sizes and every encoding: MEMORY USAGE (default 5
// samples and SAMPLES 0) and what DEL gives back to used_memory, against redis-server 7.0.15.
// Exact for quicklists, intsets, hashtable sets (up to whether an incremental rehash has finished, see oneTableApart), listpack sorted sets and streams with given IDs;
// a skiplist's nodes have random levels in Redis (the emulator counts their mean), so its sampled
// figure moves between runs of Redis itself: within 5% with SAMPLES 0; with 5 samples (the first
// five nodes' levels) z:f:1000 measured -5.7%..+18% around the emulator's figure over 120 restarts
// of redis-server (SD 4.7%), so each case within 25% and their mean within 6%.
describe('MEMORY USAGE of lists, sets, sorted sets and streams', () => {
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const pad = (i: number, width: number) => String(i).padStart(width, 'x');
  function cases(): Array<{ key: string; commands: string[][]; skiplist?: boolean }> {
    const out: Array<{ key: string; commands: string[][]; skiplist?: boolean }> = [];
    const chunked = (head: string[], items: string[]) => {
      const commands: string[][] = [];
      for (let i = 0; i < items.length; i += 500) commands.push([...head, ...items.slice(i, i + 500)]);
      return commands;
    };
    for (const n of [1, 5, 100, 129, 1000, 5000]) {
      out.push({ key: `l:s:${n}`, commands: chunked(['RPUSH', `l:s:${n}`], range(n).map((i) => `item:${i}`)) });
      out.push({ key: `l:i:${n}`, commands: chunked(['RPUSH', `l:i:${n}`], range(n).map((i) => String(i * 37))) });
      out.push({ key: `l:b:${n}`, commands: chunked(['RPUSH', `l:b:${n}`], range(n).map((i) => pad(i, 100))) });
      out.push({ key: `s:i:${n}`, commands: chunked(['SADD', `s:i:${n}`], range(n).map((i) => String(i * 3))) });
      out.push({ key: `s:s:${n}`, commands: chunked(['SADD', `s:s:${n}`], range(n).map((i) => `member:${i}`)) });
      out.push({ key: `s:b:${n}`, commands: chunked(['SADD', `s:b:${n}`], range(n).map((i) => pad(i, 50))) });
      out.push({ key: `z:s:${n}`, commands: chunked(['ZADD', `z:s:${n}`], range(n).flatMap((i) => [String(i), `member:${i}`])), skiplist: n > 128 });
      out.push({ key: `z:f:${n}`, commands: chunked(['ZADD', `z:f:${n}`], range(n).flatMap((i) => [String(i * 1.37), `m${i}`])), skiplist: n > 128 });
      out.push({ key: `x:1:${n}`, commands: range(n).map((i) => ['XADD', `x:1:${n}`, `${i + 1}-0`, 'temp', String(20 + (i % 10))]) });
      out.push({ key: `x:3:${n}`, commands: range(n).map((i) => ['XADD', `x:3:${n}`, `${1000 + i * 7}-${i % 3}`, 'user', `u${i}`, 'ms', String(i * 13)]) });
      out.push({ key: `x:b:${n}`, commands: range(n).map((i) => ['XADD', `x:b:${n}`, `${i + 1}-1`, 'payload', pad(i, 200)]) });
    }
    out.push({ key: 'z:b:200', commands: [['ZADD', 'z:b:200', ...range(200).flatMap((i) => [String(i), pad(i, 70)])]], skiplist: true });
    // Edits after the build: pops, removals (a shrinking hashtable), deletions and trimming.
    out.push({ key: 'l:edit', commands: [['RPUSH', 'l:edit', ...range(300).map((i) => pad(i, 90))], ['LPOP', 'l:edit', '120'], ['RPUSH', 'l:edit', 'a', 'b']] });
    out.push({ key: 's:edit', commands: [['SADD', 's:edit', ...range(400).map((i) => `m${i}`)], ['SREM', 's:edit', ...range(390).map((i) => `m${i}`)]] });
    out.push({ key: 's:mixed', commands: [['SADD', 's:mixed', ...range(40).map(String)], ['SADD', 's:mixed', 'text']] });
    out.push({ key: 'x:edit', commands: [...range(450).map((i) => ['XADD', 'x:edit', `${i + 1}-0`, 'f', pad(i, 30)]), ['XDEL', 'x:edit', '5-0', '6-0', '300-0'], ['XTRIM', 'x:edit', 'MAXLEN', '~', '200']] });
    return out;
  }

  it('is within 10% of redis-server 7.0.15 (see above), and DEL frees what MEMORY USAGE counted', async () => {
    const connection = await RealConnection.open(real.port);
    // INFO and DEL go through a second connection that only ever sends small commands: the first
    // one's query buffer grows and shrinks with the big pipelines, which used_memory counts.
    // Redis 7.0 resizes each client's reply buffer in its cron (to the peak of the last 5 s): a shrunk
    // one overflows into a new 16 KB block at the first INFO's reply, between the two used_memory
    // figures (measured: freed -16,200 bytes about every 5 s; 3 of 6 runs). Fixed, its 16 KB hold them all.
    await connection.send([['DEBUG', 'REPLYBUFFER', 'RESIZING', '0']]);
    const quiet = await RealConnection.open(real.port);
    // A key stays, so that neither server's keyspace table empties between the cases.
    await connection.send([['FLUSHALL'], ['SET', 'keep', '1']]);
    const emulator = new RedisEmulator({ now: () => 1_700_000_000_000 });
    await emulator.loadCommands();
    emulator.exec(['SET', 'keep', '1']);
    const usedMemory = (text: unknown) => Number(/used_memory:(\d+)/.exec(String(text))![1]);
    const differences: string[] = [];
    const sampledSkiplists: number[] = [];
    // Redis seeds its hash function at startup, so how many buckets a hashtable set fills, and so
    // whether its incremental rehash has finished after the adds that followed an expansion, varies
    // between runs (s:s:100: 1 run in 150 had finished); the emulator counts the expected case. Either
    // way the figures are one table apart: 8 bytes times a power of two.
    const oneTableApart = (a: number, b: number) => {
      const slots = Math.abs(a - b) / 8;
      return Number.isInteger(slots) && slots >= 4 && (slots & (slots - 1)) === 0;
    };
    const check = (what: string, realFigure: number, emulated: number, tolerance: number, rehashing = false) => {
      if (rehashing && oneTableApart(realFigure, emulated)) return;
      if (Math.abs(emulated - realFigure) > tolerance * realFigure) differences.push(`${what}: redis ${realFigure}, emulator ${emulated}`);
    };
    for (const { key, commands, skiplist } of cases()) {
      const replies = await connection.send(commands);
      for (const [i, command] of commands.entries()) {
        const reply = emulator.exec(command);
        if (reply.type === 'error' || replies[i]!.type === 'error') differences.push(`${command.slice(0, 3).join(' ')}: an error`);
      }
      const [usage, all, encoding] = (await connection.send([['MEMORY', 'USAGE', key], ['MEMORY', 'USAGE', key, 'SAMPLES', '0'], ['OBJECT', 'ENCODING', key]])) as Array<{ value: unknown }>;
      // In one transaction, so that no cron run (a client buffer resized) falls in between.
      const transaction = await quiet.send([['MULTI'], ['INFO', 'memory'], ['DEL', key], ['INFO', 'memory'], ['EXEC']]);
      const [before, , after] = (transaction[4] as unknown as { value: Array<{ value: unknown }> }).value;
      const emulated = [['MEMORY', 'USAGE', key], ['MEMORY', 'USAGE', key, 'SAMPLES', '0'], ['OBJECT', 'ENCODING', key], ['INFO', 'memory'], ['DEL', key], ['INFO', 'memory']].map(
        (command) => emulator.exec(command) as { value: unknown },
      );
      expect(`${key} ${String(emulated[2]!.value)}`).toBe(`${key} ${String(encoding!.value)}`);
      // A list edited at its head has other nodes in Redis (see memory.ts quicklistNodes).
      const tolerance = skiplist ? 0.25 : key === 'l:edit' ? 0.05 : 0;
      if (skiplist) sampledSkiplists.push(Number(usage!.value) / Number(emulated[0]!.value));
      const hashtable = String(encoding!.value) === 'hashtable';
      check(`${key} MEMORY USAGE`, Number(usage!.value), Number(emulated[0]!.value), tolerance, hashtable);
      check(`${key} SAMPLES 0`, Number(all!.value), Number(emulated[1]!.value), skiplist ? 0.05 : tolerance, hashtable);
      // used_memory: what DEL frees (the emulator's per-key charge) within 10% of what Redis frees,
      // for keys of 2 KB and more (below, a client buffer's moves are larger than 10%).
      if (Number(all!.value) >= 2048) {
        const freed = usedMemory(before!.value) - usedMemory(after!.value);
        const emulatedFreed = usedMemory(emulated[3]!.value) - usedMemory(emulated[5]!.value);
        // A finished rehash frees one table fewer (see oneTableApart): compare what is left of it.
        const rehashed = hashtable && oneTableApart(Number(all!.value), Number(emulated[1]!.value)) ? Number(emulated[1]!.value) - Number(all!.value) : 0;
        check(`${key} freed`, freed, emulatedFreed - rehashed, 0.1);
      }
    }
    await connection.send([['DEBUG', 'REPLYBUFFER', 'RESIZING', '1']]);
    connection.close();
    quiet.close();
    expect(differences).toEqual([]);
    const meanRatio = sampledSkiplists.reduce((sum, ratio) => sum + ratio, 0) / sampledSkiplists.length;
    expect(sampledSkiplists).toHaveLength(7);
    expect(Math.abs(meanRatio - 1), `skiplists' sampled MEMORY USAGE, Redis over emulator: ${sampledSkiplists.map((r) => r.toFixed(3)).join(' ')}`).toBeLessThan(0.06);
  }, 60_000);
});
