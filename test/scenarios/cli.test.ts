/**
 * `npm run sim -- scenario.json`: a valid file prints one JSON object of metrics; each kind of
 * invalid input exits non-zero with a message naming the field and why.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseConfig, ConfigError } from '../../src/cli/config.ts';
import { optionSpecs } from '../../src/scenarios/options.ts';

const root = join(import.meta.dirname, '..', '..');
const fixture = join(import.meta.dirname, 'fixtures', 'valid.json');
const valid = JSON.parse(readFileSync(fixture, 'utf8')) as Record<string, unknown>;

function sim(file: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/sim.ts'), file], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function problems(raw: unknown): string[] {
  try {
    parseConfig(raw);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
}

describe('npm run sim', () => {
  test('the documented example runs and prints the metrics as one JSON object', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    try {
      const file = join(dir, 'short.json');
      writeFileSync(file, JSON.stringify({ ...valid, durationMs: 30_000 }));
      const { status, stdout } = sim(file);
      expect(status).toBe(0);
      const lines = stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      const metrics = JSON.parse(lines[0]!);
      for (const name of ['reads', 'hits', 'misses', 'hitRatio', 'dbReads', 'dbWrites', 'staleReads', 'redisCommands']) {
        expect(typeof metrics[name]).toBe('number');
      }
      expect(Object.keys(metrics.latencyMs)).toEqual(['p50', 'p95', 'p99']);
      expect(metrics.reads).toBeGreaterThan(25_000);
      expect(metrics.hits + metrics.misses).toBe(metrics.reads);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test('an invalid file exits non-zero and names the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    try {
      const file = join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify({ ...valid, cache: { ttlMs: -1 } }));
      const { status, stdout, stderr } = sim(file);
      expect(status).not.toBe(0);
      expect(stdout).toBe('');
      expect(stderr).toContain('cache.ttlMs: must be >= 1 (got -1)');
      writeFileSync(file, '{ not json');
      expect(sim(file).status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test('the example file parses without problems', () => {
    expect(problems(valid)).toEqual([]);
  });

  test.each([
    ['an unknown top-level field', { ...valid, colour: 'red' }, 'colour: unknown field'],
    ['an unknown nested field', { ...valid, cache: { ttl: 5 } }, 'cache.ttl: unknown field'],
    ['a wrong type', { ...valid, seed: 'seven' }, 'seed: must be a number (got "seven")'],
    ['a non-integer', { ...valid, durationMs: 1.5 }, 'durationMs: must be an integer (got 1.5)'],
    ['a negative rate', { ...valid, reads: { arrival: 'poisson', ratePerSec: -3 } }, 'reads.ratePerSec: must be >= 0 (got -3)'],
    ['an unknown arrival', { ...valid, reads: { arrival: 'weekly' } }, 'reads.arrival: must be one of "poisson", "periodic", "burst" (got "weekly")'],
    ['a field of another arrival', { ...valid, reads: { arrival: 'periodic', everyMs: 10, ratePerSec: 3 } }, 'reads.ratePerSec: unknown field'],
    ['a missing required field', { ...valid, writes: { arrival: 'burst', count: 3 } }, 'writes.atMs: required for arrival "burst"'],
    ['a bad popularity', { ...valid, keys: { count: 10, popularity: 'pareto' } }, 'keys.popularity: must be "uniform" or { "zipf": s } (got "pareto")'],
    ['a bad zipf', { ...valid, keys: { count: 10, popularity: { zipf: -1 } } }, 'keys.popularity.zipf: must be >= 0 (got -1)'],
    ['a fraction above 1', { ...valid, keys: { count: 10, missingFraction: 2 } }, 'keys.missingFraction: must be <= 1 (got 2)'],
    ['an unknown strategy', { ...valid, strategy: { name: 'magic' } }, 'strategy.name: must be one of "plain", "lock", "coalesce", "xfetch", "swr" (got "magic")'],
    ['an unknown invalidation', { ...valid, cache: { invalidateOnWrite: 'update' } }, 'cache.invalidateOnWrite: must be one of "delete", "none" (got "update")'],
    ['zero instances', { ...valid, appInstances: 0 }, 'appInstances: must be >= 1 (got 0)'],
    ['warm-up past the end', { ...valid, durationMs: 1000, warmupMs: 5000 }, 'warmupMs: must be <= 999 (got 5000)'],
    ['not an object', [1, 2], 'scenario: must be a JSON object'],
  ])('rejects %s', (_name, raw, message) => {
    expect(problems(raw).join('\n')).toContain(message);
  });

  test('every problem is reported at once', () => {
    expect(problems({ ...valid, seed: -1, appInstances: 'two', bogus: 1 })).toHaveLength(3);
  });

  test('extra known fields are accepted: strategy parameters, latency models, Redis failure handling', () => {
    const spec = parseConfig({
      ...valid,
      strategy: { name: 'lock', lockTtlMs: 500, retryMs: 10 },
      database: { latency: { kind: 'lognormal', medianMs: 20, sigma: 0.8 }, connections: 5 },
      redis: { latencyMs: 1, timeoutMs: 50, retries: 2, backoffMs: 10 },
    });
    expect(spec.options).toMatchObject({ strategy: 'lock', lockTtlMs: 500, retryMs: 10, dbConnections: 5, redisLatencyMs: 1, retries: 2 });
    expect(spec.latency).toEqual({ kind: 'lognormal', medianMs: 20, sigma: 0.8 });
  });

  test('option limits and defaults are the lab\'s own schema', () => {
    expect(problems({ ...valid, appInstances: 65 })).toEqual(['appInstances: must be <= 64 (got 65)']);
    expect(problems({ ...valid, keys: { count: 10, popularity: { zipf: 6 } } })).toEqual(['keys.popularity.zipf: must be <= 5 (got 6)']);
    expect(parseConfig({ seed: 1 }).options?.ttlMs).toBe(optionSpecs.ttlMs.default);
  });
});
