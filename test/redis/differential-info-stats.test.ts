// INFO commandstats, errorstats and latencystats against a real redis-server 7.0: calls,
// rejected_calls and failed_calls per command (and subcommand) exactly, on a real server, the
// emulator's RESP server and the emulator in-process. Redis measures each call's CPU time, the
// emulator the injected clock (0 µs): `usec`, `usec_per_call` and the percentiles are compared by
// format only, and lines as sets (Redis lists commands in its command table's hash order).
import { formatMultiDifference, multiDifferentialSuite } from './differential-multi.ts';
import type { RespValue } from '../../src/redis/resp.ts';

const suite = multiDifferentialSuite('INFO stats');

const COMMANDSTAT = /^cmdstat_[^:]+:calls=\d+,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=\d+,failed_calls=\d+$/;
const LATENCYSTAT = /^latency_percentiles_usec_[^:]+:p50=\d+\.\d{3},p99=\d+\.\d{3},p99\.9=\d+\.\d{3}$/;

// Fields of MEMORY STATS whose values the emulator's accounting gives exactly as Redis; the
// others (allocator, RSS and client figures, totals) are compared by name, order and type.
const EXACT_STATS = new Set(['replication.backlog', 'clients.slaves', 'cluster.links', 'aof.buffer', 'functions.caches', 'keys.count', 'overhead.hashtable.slot-to-keys', 'overhead.hashtable.expires']);

function statsShape(value: RespValue): string {
  const pairs: Array<[RespValue, RespValue]> = [];
  if (value.type === 'map') for (const [k, v] of value.value) pairs.push([k, v]);
  else if (value.type === 'array' && value.value !== null) for (let i = 0; i + 1 < value.value.length; i += 2) pairs.push([value.value[i]!, value.value[i + 1]!]);
  else return JSON.stringify(value);
  return pairs
    .map(([k, v]) => {
      const name = k.type === 'bulk' ? String(k.value) : '?';
      if (v.type === 'map' || v.type === 'array') return `${name}={${statsShape(v)}}`;
      return EXACT_STATS.has(name) ? `${name}:${v.type}=${String('value' in v ? v.value : '')}` : `${name}:${v.type}`;
    })
    .join(',');
}

function normalize(argv: readonly string[], frames: RespValue[]): RespValue[] {
  const sub = argv[1]?.toLowerCase();
  // Both servers number their own clients.
  if (argv[0]!.toLowerCase() === 'hello') return frames.map((frame) => JSON.parse(JSON.stringify(frame).replace(/"value":"id"\},\{"type":"integer","value":\d+/, '"value":"id"},{"type":"integer","value":0')) as RespValue);
  if (argv[0]!.toLowerCase() === 'memory' && sub === 'stats') return frames.map((frame) => ({ type: 'bulk', value: statsShape(frame) }));
  if (argv[0]!.toLowerCase() === 'memory' && sub === 'malloc-stats') {
    // jemalloc's report: its frame and summary line, by shape.
    return frames.map((frame) => {
      const text = frame.type === 'bulk' || frame.type === 'verbatim' ? String(frame.value) : '';
      const summary = /^Allocated: \d+, active: \d+, metadata: \d+ \(n_thp \d+\), resident: \d+, mapped: \d+, retained: \d+$/m.test(text);
      return { type: frame.type === 'verbatim' ? 'bulk' : frame.type, value: `${text.startsWith('___ Begin jemalloc statistics ___\n')} ${summary} ${text.endsWith('--- End jemalloc statistics ---\n')}` } as RespValue;
    });
  }
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

SCRIPTS['MEMORY STATS, MALLOC-STATS, PURGE, DOCTOR: shape, field order and types; exact where the accounting is Redis\'s'] = [
  'A: MEMORY STATS', 'A: SET a 1', 'A: SET b 2 EX 100', 'A: SELECT 3', 'A: HSET h f v', 'A: MEMORY STATS', 'B: HELLO 3', 'B: MEMORY STATS',
  'A: MEMORY STATS x', 'A: MEMORY PURGE', 'A: MEMORY PURGE x', 'A: MEMORY MALLOC-STATS', 'B: MEMORY MALLOC-STATS', 'A: MEMORY MALLOC-STATS x',
  'A: MEMORY DOCTOR', 'B: MEMORY DOCTOR', 'A: MEMORY DOCTOR x', 'A: FLUSHALL', 'A: MEMORY STATS',
];

describe('INFO commandstats, errorstats and latencystats match redis-server 7.0', () => {
  test.each(Object.entries(SCRIPTS))('%s', { timeout: 30_000 }, async (_name, script) => {
    const differences = await suite.differential.run(script, 3, normalize);
    expect(differences.map(formatMultiDifference)).toEqual([]);
  });
});
