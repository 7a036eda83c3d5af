// INFO commandstats, errorstats and latencystats against a real redis-server 7.0: calls,
// rejected_calls and failed_calls per command (and subcommand) exactly, on a real server, the
// emulator's RESP server and the emulator in-process. Redis measures each call's CPU time, the
// emulator the injected clock (0 µs): `usec`, `usec_per_call` and the percentiles are compared by
// format only, and lines as sets (Redis lists commands in its command table's hash order).
import { startRealRedis, type RealRedis } from './differential-harness.ts';
import { formatMultiDifference, MultiClientDifferential } from './differential-multi.ts';
import type { RespValue } from '../../src/redis/resp.ts';
import { loadScripting } from '../../src/redis/loading.ts';

let redis: RealRedis;
let differential: MultiClientDifferential;

beforeAll(async () => {
  await loadScripting();
  redis = await startRealRedis();
  differential = await MultiClientDifferential.start(redis.port);
});

afterAll(async () => {
  await differential?.close();
  await redis?.stop();
  console.log(`differential (INFO stats): ${differential?.compared ?? 0} frames compared`);
});

const COMMANDSTAT = /^cmdstat_[^:]+:calls=\d+,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=\d+,failed_calls=\d+$/;
const LATENCYSTAT = /^latency_percentiles_usec_[^:]+:p50=\d+\.\d{3},p99=\d+\.\d{3},p99\.9=\d+\.\d{3}$/;

function normalize(argv: readonly string[], frames: RespValue[]): RespValue[] {
  if (argv[0]!.toLowerCase() !== 'info') return frames;
  return frames.map((frame): RespValue => {
    if (frame.type !== 'bulk' && frame.type !== 'verbatim') return frame;
    const lines = String(frame.value).split('\r\n').filter(Boolean);
    const masked = lines.map((line) => {
      if (line.startsWith('cmdstat_')) return COMMANDSTAT.test(line) ? line.replace(/usec=\d+,usec_per_call=[\d.]+/, 'usec=U') : `malformed ${line}`;
      if (line.startsWith('latency_percentiles_usec_')) return LATENCYSTAT.test(line) ? line.replace(/:.*/, ':P') : `malformed ${line}`;
      return line;
    });
    return { type: 'bulk', value: [masked[0], ...masked.slice(1).sort()].join('\n') };
  });
}

const SCRIPTS: Record<string, string[]> = {
  'calls, failed and rejected calls of commands, subcommands, transactions and scripts': [
    'A: CONFIG RESETSTAT', 'A: INFO commandstats', 'A: SET k v', 'A: GET k', 'A: GET nokey', 'A: INCR k', 'A: LPUSH k x', 'A: GET',
    'A: FOO bar', 'A: CONFIG FOO', 'A: CONFIG', 'A: CLIENT GETNAME', 'A: CLIENT GETNAME x', 'A: MULTI', 'A: SET a 1', 'A: INCR k',
    'A: GET', 'A: EXEC', 'A: MULTI', 'A: SET a 1', 'A: INCR k', 'A: EXEC', 'B: SUBSCRIBE ch', 'B: GET k', 'B: PUBLISH x y',
    'B: UNSUBSCRIBE', "A: EVAL return\\sredis.call('incr','k') 0", "A: EVAL return\\sredis.pcall('incr','k') 0",
    "A: EVAL return\\sredis.call('subscribe','x') 0", "A: EVAL return\\sredis.call('get') 0", "A: EVAL return\\sredis.call('nosuch') 0",
    "A: EVAL return\\sredis.error_reply('MY\\sboom') 0", "A: EVAL return\\sredis.call('get','k') 0", "A: EVAL return\\sredis.call() 0",
    'A: CONFIG SET maxmemory 1', 'A: SET x y', 'A: GET k', 'A: CONFIG SET maxmemory 0', 'A: WATCH k', 'A: MULTI', 'A: EXEC',
    'A: INFO commandstats', 'A: INFO errorstats', 'A: INFO latencystats', 'C: INFO commandstats errorstats latencystats',
  ],
  'RESETSTAT and latency-tracking': [
    'A: CONFIG RESETSTAT', 'A: GET k', 'A: INFO latencystats', 'A: CONFIG SET latency-tracking no', 'A: CONFIG RESETSTAT', 'A: GET k',
    'A: SET k v', 'A: INFO latencystats', 'A: INFO commandstats', 'A: CONFIG SET latency-tracking yes', 'A: GET k', 'A: INFO latencystats',
    'A: INFO commandstats', 'A: CONFIG RESETSTAT', 'A: INFO commandstats', 'A: INFO errorstats', 'A: INFO latencystats',
  ],
};

describe('INFO commandstats, errorstats and latencystats match redis-server 7.0', () => {
  test.each(Object.entries(SCRIPTS))('%s', { timeout: 30_000 }, async (_name, script) => {
    const differences = await differential.run(script, 3, normalize);
    expect(differences.map(formatMultiDifference)).toEqual([]);
  });
});
