/**
 * Emulator benchmarks: in-process throughput of a cache-like command mix (emulator vs ioredis-mock),
 * and the RESP server under redis-benchmark next to a real redis-server on the same machine.
 * Run: npm run bench -- emulator
 */
import { execFileSync, spawn } from 'node:child_process';
import RedisMock from 'ioredis-mock';
import { RedisEmulator } from '../src/redis/emulator.ts';
import { freePort, startRealRedis, waitForPort, type RunningProcess } from '../src/server/testing.ts';

const KEYS = 1000;

// Per 10 commands: 5 GET, 3 SET with EX, 1 EXPIRE, 1 INCR, over 1000 keys (a read-heavy cache).
function commandMix(count: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < count; i++) {
    // High bits of a multiplicative hash: keys spread evenly and independently of the slot below.
    const key = `user:${(Math.imul(i, 2654435761) >>> 12) % KEYS}`;
    const slot = i % 10;
    if (slot < 5) out.push(['get', key]);
    else if (slot < 8) out.push(['set', key, `{"id":${i},"name":"user ${i}"}`, 'EX', '60']);
    else if (slot === 8) out.push(['expire', key, '120']);
    else out.push(['incr', `hits:${i % 100}`]);
  }
  return out;
}

interface Rate {
  opsPerSecond: number;
  opsPerCpuSecond: number;
}

function measure(ops: number, run: () => void): Rate {
  const cpu = process.cpuUsage();
  const started = performance.now();
  run();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { opsPerSecond: ops / seconds, opsPerCpuSecond: ops / ((used.user + used.system) / 1e6) };
}

async function measureAsync(ops: number, run: () => Promise<void>): Promise<Rate> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { opsPerSecond: ops / seconds, opsPerCpuSecond: ops / ((used.user + used.system) / 1e6) };
}

type Exec = (argv: string[]) => unknown;

async function emulatorEngine(): Promise<{ exec: Exec; read: (key: string) => Promise<unknown> }> {
  let clock = 1_700_000_000_000;
  let calls = 0;
  const redis = new RedisEmulator({ now: () => clock });
  // EXPIRE and INCR load with the commands no lab sends before interaction (loading.ts).
  await redis.loadCommands();
  const session = redis.createSession();
  return {
    exec: (argv) => {
      if ((++calls & 1023) === 0) clock++; // time moves, as it would, without expiring the mix's keys
      return redis.exec(argv, session);
    },
    read: async (key) => {
      const reply = redis.exec(['get', key], session);
      return reply.type === 'bulk' ? reply.value : reply;
    },
  };
}

function mockEngine(): { exec: (argv: string[]) => Promise<unknown>; read: (key: string) => Promise<unknown>; stop: () => void } {
  const mock = new RedisMock();
  type Method = (...args: string[]) => Promise<unknown>;
  const methods = mock as unknown as Record<string, Method>;
  return {
    exec: (argv) => methods[argv[0]!]!.apply(mock, argv.slice(1)),
    read: (key) => mock.get(key),
    stop: () => mock.disconnect(),
  };
}

interface InProcessRates {
  emulator: Rate;
  mock: Rate;
  /** Median over rounds of emulator/mock ops per CPU second, each pair measured back to back. */
  pairedRatio: number;
}

/** Medians of alternating rounds: on a shared machine load comes and goes, and hits both alike. */
async function benchInProcess(mix: string[][], rounds: number): Promise<InProcessRates> {
  const emulator = await emulatorEngine();
  const mock = mockEngine();
  for (const argv of mix) emulator.exec(argv); // warm-up: JIT and a full keyspace
  for (const argv of mix) await mock.exec(argv);
  const emulatorRates: Rate[] = [];
  const mockRates: Rate[] = [];
  for (let round = 0; round < rounds; round++) {
    const runEmulator = () => {
      emulatorRates.push(measure(mix.length, () => {
        for (let i = 0; i < mix.length; i++) emulator.exec(mix[i]!);
      }));
    };
    const runMock = async () => {
      mockRates.push(await measureAsync(mix.length, async () => {
        for (let i = 0; i < mix.length; i++) await mock.exec(mix[i]!);
      }));
    };
    // Which engine goes first alternates too, so neither always follows the other's work.
    if (round % 2 === 0) {
      runEmulator();
      await runMock();
    } else {
      await runMock();
      runEmulator();
    }
  }
  // Both engines really ran the same mix the same number of times, so they hold the same values.
  for (const key of ['user:0', 'user:999', 'hits:9']) {
    const [a, b] = [await emulator.read(key), await mock.read(key)];
    if (a !== b || a === null) throw new Error(`unexpected ${key}: ${String(a)} / ${String(b)}`);
  }
  mock.stop();
  const medianRate = (rates: Rate[]): Rate => ({
    opsPerSecond: median(rates.map((r) => r.opsPerSecond)),
    opsPerCpuSecond: median(rates.map((r) => r.opsPerCpuSecond)),
  });
  return {
    emulator: medianRate(emulatorRates),
    mock: medianRate(mockRates),
    pairedRatio: median(emulatorRates.map((rate, i) => rate.opsPerCpuSecond / mockRates[i]!.opsPerCpuSecond)),
  };
}

const LOCK_RELEASE = "if redis.call('get',KEYS[1])==ARGV[1] then return redis.call('del',KEYS[1]) else return 0 end";

/**
 * Scripts and transactions per second, emulator beside ioredis-mock (which runs EVAL on fengari too
 * and MULTI/EXEC as a queue). A lock round is a SET of the lock and the EVAL that releases it; a
 * transaction is MULTI, SET, INCR, GET, EXEC. Rounds alternate like the mix above.
 */
async function benchScriptsAndTransactions(ops: number, rounds: number) {
  // ioredis-mock builds a fresh Lua state per EVAL (~150/s here), so it runs fewer ops a round.
  const mockLockOps = Math.max(50, Math.floor(ops / 100));
  const mockMultiOps = Math.max(500, Math.floor(ops / 5));
  let clock = 1_700_000_000_000;
  const redis = new RedisEmulator({ now: () => clock });
  await redis.loadScripting();
  const session = redis.createSession();
  const mock = new RedisMock();
  const sha = (redis.exec(['SCRIPT', 'LOAD', LOCK_RELEASE], session) as { value: string }).value;
  const tokens = Array.from({ length: 1000 }, (_, i) => `token-${i}`);
  const emulatorLock = (evalsha: boolean) => () => {
    for (let i = 0; i < ops; i++) {
      const key = `lock:${i % 1000}`;
      const token = tokens[i % 1000]!;
      redis.exec(['SET', key, token, 'PX', '30000'], session);
      const reply = redis.exec(evalsha ? ['EVALSHA', sha, '1', key, token] : ['EVAL', LOCK_RELEASE, '1', key, token], session);
      if (reply.type !== 'integer' || reply.value !== 1) throw new Error(`lock release answered ${JSON.stringify(reply)}`);
      if ((i & 1023) === 0) clock++;
    }
  };
  const mockLock = async () => {
    for (let i = 0; i < mockLockOps; i++) {
      const key = `lock:${i % 1000}`;
      const token = tokens[i % 1000]!;
      await mock.set(key, token, 'PX', 30000);
      if ((await mock.eval(LOCK_RELEASE, 1, key, token)) !== 1) throw new Error('ioredis-mock did not release the lock');
    }
  };
  const emulatorMulti = () => {
    for (let i = 0; i < ops; i++) {
      const key = `user:${i % 1000}`;
      redis.exec(['MULTI'], session);
      redis.exec(['SET', key, 'value'], session);
      redis.exec(['INCR', 'hits'], session);
      redis.exec(['GET', key], session);
      const reply = redis.exec(['EXEC'], session);
      if (reply.type !== 'array' || reply.value?.length !== 3) throw new Error(`EXEC answered ${JSON.stringify(reply)}`);
    }
  };
  const mockMulti = async () => {
    for (let i = 0; i < mockMultiOps; i++) {
      const key = `user:${i % 1000}`;
      const replies = await mock.multi().set(key, 'value').incr('hits').get(key).exec();
      if (replies?.length !== 3) throw new Error('ioredis-mock EXEC did not answer three replies');
    }
  };
  const rows: Array<{ name: string; emulator: number; emulatorSha: number | null; mock: number }> = [];
  for (const [name, emulatorRun, shaRun, mockRun, mockOps] of [
    ['lock release: SET + EVAL', emulatorLock(false), emulatorLock(true), mockLock, mockLockOps],
    ['MULTI, SET, INCR, GET, EXEC', emulatorMulti, null, mockMulti, mockMultiOps],
  ] as const) {
    emulatorRun();
    await mockRun();
    const e: number[] = [];
    const s: number[] = [];
    const m: number[] = [];
    for (let round = 0; round < rounds; round++) {
      e.push(measure(ops, emulatorRun).opsPerSecond);
      if (shaRun !== null) s.push(measure(ops, shaRun).opsPerSecond);
      m.push((await measureAsync(mockOps, mockRun)).opsPerSecond);
    }
    rows.push({ name, emulator: median(e), emulatorSha: shaRun === null ? null : median(s), mock: median(m) });
  }
  mock.disconnect();
  return rows;
}

// Parses `redis-benchmark -q` output ("SET: 123.45 requests per second, ...") into { SET: 123.45 }.
function runRedisBenchmark(port: number): Record<string, number> {
  const out = execFileSync('redis-benchmark', ['-p', String(port), '-t', 'get,set', '-P', '16', '-n', '200000', '-q'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const rates: Record<string, number> = {};
  for (const match of out.replace(/\r/g, '\n').matchAll(/^(\w+): ([\d.]+) requests per second/gm)) {
    rates[match[1]!] = Number(match[2]);
  }
  return rates;
}

async function startEmulatorServer(): Promise<RunningProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--port', String(port)], { stdio: 'ignore' });
  await waitForPort(port, 30_000);
  return {
    port,
    process: child,
    stop: () => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM')))),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export default async function emulatorBench(): Promise<void> {
  const mix = commandMix(250_000);
  const rounds = 15;
  const { emulator, mock, pairedRatio } = await benchInProcess(mix, rounds);
  console.log(
    `### In-process: 50% GET, 30% SET EX, 10% EXPIRE, 10% INCR over 1,000 keys (median of ${rounds} alternating rounds)\n`,
  );
  console.log('| engine | ops/s | ops per CPU second |');
  console.log('|---|---:|---:|');
  console.log(`| RedisEmulator.exec (250,000 ops a round) | ${fmt(emulator.opsPerSecond)} | ${fmt(emulator.opsPerCpuSecond)} |`);
  console.log(`| ioredis-mock, each command awaited (250,000 ops a round) | ${fmt(mock.opsPerSecond)} | ${fmt(mock.opsPerCpuSecond)} |`);
  console.log(
    `| **ratio** | **${(emulator.opsPerSecond / mock.opsPerSecond).toFixed(1)}×** | **${(emulator.opsPerCpuSecond / mock.opsPerCpuSecond).toFixed(1)}×** |`,
  );
  console.log(`\nMedian of the per-round ratios (ops per CPU second, each pair back to back): ${pairedRatio.toFixed(1)}×`);

  const scriptRounds = 7;
  const scriptOps = 20_000;
  const scripted = await benchScriptsAndTransactions(scriptOps, scriptRounds);
  console.log(`\n### In-process: scripts and transactions (rounds of ${fmt(scriptOps)}, median of ${scriptRounds})\n`);
  console.log('| per second | RedisEmulator.exec | same with EVALSHA | ioredis-mock (awaited) | ratio |');
  console.log('|---|---:|---:|---:|---:|');
  for (const row of scripted) {
    const sha = row.emulatorSha === null ? '–' : fmt(row.emulatorSha);
    console.log(`| ${row.name} | ${fmt(row.emulator)} | ${sha} | ${fmt(row.mock)} | ${(row.emulator / row.mock).toFixed(1)}× |`);
  }

  // Both servers run side by side; runs alternate so background load hits both alike.
  const [real, emulated] = await Promise.all([startRealRedis(), startEmulatorServer()]);
  const runs: Record<'real' | 'emulated', Array<Record<string, number>>> = { real: [], emulated: [] };
  try {
    runRedisBenchmark(emulated.port); // warm-up (JIT)
    for (let i = 0; i < 3; i++) {
      runs.real.push(runRedisBenchmark(real.port));
      runs.emulated.push(runRedisBenchmark(emulated.port));
    }
  } finally {
    await Promise.all([real.stop(), emulated.stop()]);
  }
  console.log('\n### RESP server: `redis-benchmark -t get,set -P 16 -n 200000 -q` (median of 3 alternating runs)\n');
  console.log('| command | redis-server 7.0 (req/s) | emulator server (req/s) | ratio |');
  console.log('|---|---:|---:|---:|');
  for (const command of ['SET', 'GET']) {
    const r = median(runs.real.map((x) => x[command] ?? 0));
    const e = median(runs.emulated.map((x) => x[command] ?? 0));
    console.log(`| ${command} | ${fmt(r)} | ${fmt(e)} | ${(e / r).toFixed(2)} |`);
  }
}
