/**
 * The `npm run sim` scenario file: parsed strictly. Every unknown or invalid field is an error
 * naming the field (as a path like `keys.popularity.zipf`) and why.
 */
import type { BatchSpec } from '../scenarios/batch.ts';
import type { ArrivalSpec, Popularity } from '../scenarios/workload.ts';
import type { LatencyModel } from '../database/latency.ts';
import type { SimOptions, StrategyName } from '../scenarios/types.ts';
import { describeValue, optionSpecs, type OptionName } from '../scenarios/options.ts';

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

type Obj = Record<string, unknown>;

class Reader {
  readonly problems: string[] = [];

  object(value: unknown, path: string, known: readonly string[]): Obj | null {
    if (value === undefined) return null;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.problems.push(`${path}: must be an object (got ${describeValue(value)})`);
      return null;
    }
    for (const field of Object.keys(value)) {
      if (!known.includes(field)) this.problems.push(`${join(path, field)}: unknown field (known: ${known.join(', ')})`);
    }
    return value as Obj;
  }

  number(obj: Obj | null, path: string, field: string, fallback: number, rule: { min?: number; max?: number; integer?: boolean; above?: number }): number {
    const value = obj?.[field];
    if (value === undefined) return fallback;
    const where = join(path, field);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.problems.push(`${where}: must be a number (got ${describeValue(value)})`);
      return fallback;
    }
    if (rule.integer && !Number.isInteger(value)) this.problems.push(`${where}: must be an integer (got ${value})`);
    else if (rule.min !== undefined && value < rule.min) this.problems.push(`${where}: must be >= ${rule.min} (got ${value})`);
    else if (rule.above !== undefined && value <= rule.above) this.problems.push(`${where}: must be > ${rule.above} (got ${value})`);
    else if (rule.max !== undefined && value > rule.max) this.problems.push(`${where}: must be <= ${rule.max} (got ${value})`);
    else return value;
    return fallback;
  }

  /** A field that sets a simulation option: the option schema's type, range and (unless given) default. */
  option(obj: Obj | null, path: string, field: string, name: OptionName, fallback?: number): number {
    const spec = optionSpecs[name];
    if (spec.type === 'enum') throw new Error(`${name} is not a number option`);
    return this.number(obj, path, field, fallback ?? spec.default, { min: spec.min, max: spec.max, integer: spec.type === 'integer' });
  }

  choice<T extends string>(obj: Obj | null, path: string, field: string, choices: readonly T[], fallback: T): T {
    const value = obj?.[field];
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
      this.problems.push(`${join(path, field)}: must be one of ${choices.map((c) => JSON.stringify(c)).join(', ')} (got ${describeValue(value)})`);
      return fallback;
    }
    return value as T;
  }
}

const join = (path: string, field: string): string => (path ? `${path}.${field}` : field);

function arrival(r: Reader, value: unknown, path: string, durationMs: number): ArrivalSpec | null {
  if (value === undefined || value === null) return null;
  const kind = typeof value === 'object' && !Array.isArray(value) ? (value as Obj)['arrival'] : undefined;
  const fields: Record<string, readonly string[]> = {
    poisson: ['arrival', 'ratePerSec'],
    periodic: ['arrival', 'everyMs', 'startMs'],
    burst: ['arrival', 'count', 'atMs'],
  };
  if (typeof kind !== 'string' || !(kind in fields)) {
    r.problems.push(`${join(path, 'arrival')}: must be one of "poisson", "periodic", "burst" (got ${describeValue(kind)})`);
    return null;
  }
  const obj = r.object(value, path, fields[kind]!);
  const require = (field: string): void => {
    if (obj?.[field] === undefined) r.problems.push(`${join(path, field)}: required for arrival "${kind}"`);
  };
  switch (kind) {
    case 'poisson':
      require('ratePerSec');
      return { arrival: 'poisson', ratePerSec: r.option(obj, path, 'ratePerSec', path === 'writes' ? 'writeRatePerSec' : 'readRatePerSec', 0) };
    case 'periodic': {
      require('everyMs');
      const everyMs = r.number(obj, path, 'everyMs', 1, { integer: true, min: 1 });
      const startMs = r.number(obj, path, 'startMs', everyMs, { integer: true, min: 0 });
      return { arrival: 'periodic', everyMs, startMs };
    }
    default:
      require('count');
      require('atMs');
      return {
        arrival: 'burst',
        count: r.number(obj, path, 'count', 1, { integer: true, min: 1, max: 10_000_000 }),
        atMs: r.number(obj, path, 'atMs', 0, { integer: true, min: 0, max: Math.max(0, durationMs - 1) }),
      };
  }
}

function popularity(r: Reader, value: unknown): Popularity {
  if (value === undefined || value === 'uniform') return 'uniform';
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const obj = r.object(value, 'keys.popularity', ['zipf']);
    if (obj?.['zipf'] === undefined) {
      r.problems.push('keys.popularity.zipf: required when popularity is an object');
      return 'uniform';
    }
    return { zipf: r.option(obj, 'keys.popularity', 'zipf', 'zipf', 1) };
  }
  r.problems.push(`keys.popularity: must be "uniform" or { "zipf": s } (got ${describeValue(value)})`);
  return 'uniform';
}

function latencyModel(r: Reader, db: Obj | null): LatencyModel {
  const model = db?.['latency'];
  if (model === undefined) return { kind: 'fixed', ms: r.option(db, 'database', 'latencyMs', 'dbLatencyMs', 100) };
  if (db?.['latencyMs'] !== undefined) r.problems.push('database.latencyMs: give either latencyMs or latency, not both');
  const kind = typeof model === 'object' && model !== null ? (model as Obj)['kind'] : undefined;
  const path = 'database.latency';
  if (kind === 'uniform') {
    const obj = r.object(model, path, ['kind', 'minMs', 'maxMs']);
    const minMs = r.number(obj, path, 'minMs', 0, { min: 0 });
    const maxMs = r.number(obj, path, 'maxMs', minMs, { min: minMs });
    return { kind: 'uniform', minMs, maxMs };
  }
  if (kind === 'lognormal') {
    const obj = r.object(model, path, ['kind', 'medianMs', 'sigma']);
    return { kind: 'lognormal', medianMs: r.number(obj, path, 'medianMs', 10, { min: 0 }), sigma: r.number(obj, path, 'sigma', 0.5, { min: 0, max: 5 }) };
  }
  if (kind === 'fixed') {
    const obj = r.object(model, path, ['kind', 'ms']);
    return { kind: 'fixed', ms: r.option(obj, path, 'ms', 'dbLatencyMs', 0) };
  }
  r.problems.push(`${path}.kind: must be one of "fixed", "uniform", "lognormal" (got ${describeValue(kind)})`);
  return { kind: 'fixed', ms: 0 };
}

/** Parse a scenario file's JSON value; throws ConfigError listing every problem. */
export function parseConfig(raw: unknown): BatchSpec {
  const r = new Reader();
  const top = r.object(raw, '', ['seed', 'durationMs', 'warmupMs', 'keys', 'reads', 'writes', 'cache', 'database', 'strategy', 'appInstances', 'redis']);
  if (top === null) throw new ConfigError([`scenario: must be a JSON object (got ${describeValue(raw)})`]);
  const seed = r.option(top, '', 'seed', 'seed');
  const durationMs = r.number(top, '', 'durationMs', 60_000, { integer: true, min: 1, max: 30 * 86_400_000 });
  const warmupMs = r.number(top, '', 'warmupMs', 0, { integer: true, min: 0, max: Math.max(0, durationMs - 1) });

  const keys = r.object(top['keys'], 'keys', ['count', 'popularity', 'missingFraction']);
  const count = r.option(keys, 'keys', 'count', 'keyCount', 1);
  const pop = popularity(r, keys?.['popularity']);
  const missingFraction = r.option(keys, 'keys', 'missingFraction', 'missingFraction');

  const reads = arrival(r, top['reads'], 'reads', durationMs);
  const writes = arrival(r, top['writes'], 'writes', durationMs);

  const cache = r.object(top['cache'], 'cache', ['ttlMs', 'jitterMs', 'nullTtlMs', 'invalidateOnWrite', 'softTtlMs']);
  const database = r.object(top['database'], 'database', ['latencyMs', 'latency', 'connections']);
  const strategy = r.object(top['strategy'], 'strategy', ['name', 'lockTtlMs', 'retryMs', 'beta', 'softTtlMs']);
  const redis = r.object(top['redis'], 'redis', ['latencyMs', 'timeoutMs', 'retries', 'backoffMs']);
  if (top['strategy'] !== undefined && strategy !== null && strategy['name'] === undefined) r.problems.push('strategy.name: required');

  // Limits and defaults are the lab's (src/scenarios/options.ts); a headless run's own defaults
  // are an unlimited database (10,000 connections) and an instant Redis.
  const ttlMs = r.option(cache, 'cache', 'ttlMs', 'ttlMs');
  const options: Partial<SimOptions> = {
    ttlMs,
    jitterMs: r.option(cache, 'cache', 'jitterMs', 'jitterMs'),
    nullTtlMs: r.option(cache, 'cache', 'nullTtlMs', 'nullTtlMs'),
    invalidateOnWrite: r.choice(cache, 'cache', 'invalidateOnWrite', ['delete', 'none'] as const, 'delete'),
    dbConnections: r.option(database, 'database', 'connections', 'dbConnections', 10_000),
    strategy: r.choice<StrategyName>(strategy, 'strategy', 'name', ['plain', 'lock', 'coalesce', 'xfetch', 'swr'], 'plain'),
    lockTtlMs: r.option(strategy, 'strategy', 'lockTtlMs', 'lockTtlMs'),
    retryMs: r.option(strategy, 'strategy', 'retryMs', 'retryMs'),
    beta: r.option(strategy, 'strategy', 'beta', 'beta'),
    softTtlMs: r.option(strategy, 'strategy', 'softTtlMs', 'softTtlMs', r.option(cache, 'cache', 'softTtlMs', 'softTtlMs', Math.max(1, Math.floor(ttlMs / 2)))),
    instances: r.option(top, '', 'appInstances', 'instances'),
    redisLatencyMs: r.option(redis, 'redis', 'latencyMs', 'redisLatencyMs', 0),
    redisTimeoutMs: r.option(redis, 'redis', 'timeoutMs', 'redisTimeoutMs'),
    retries: r.option(redis, 'redis', 'retries', 'retries'),
    backoffMs: r.option(redis, 'redis', 'backoffMs', 'backoffMs'),
  };
  if (cache?.['softTtlMs'] !== undefined && strategy?.['softTtlMs'] !== undefined) r.problems.push('strategy.softTtlMs: also given as cache.softTtlMs; give one');
  const latency = latencyModel(r, database);
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return { seed, durationMs, warmupMs, keys: { count, popularity: pop, missingFraction }, reads, writes, options, latency };
}
