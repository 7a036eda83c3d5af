/**
 * The option schema every scenario draws from, and validation that names each bad field and why.
 *
 * @example
 * validateOptions({ ttlMs: -5, colour: 'red' }, ['ttlMs']);
 * // { options: { ttlMs: <default> }, messages: ['ttlMs: must be >= 0 (got -5); using 5000', 'colour: unknown option; ignored'] }
 */
import type { SimOptions } from './types.ts';

export type OptionSpec =
  | {
      readonly type: 'integer' | 'number';
      readonly min: number;
      readonly max: number;
      readonly default: number;
      /** The learner-facing name (form labels, narration). */
      readonly label: string;
      /** Its help sentence: write it in `option-help.ts`, which loads with the Options tab (this field is for a fake engine's specs). */
      readonly description?: string;
      readonly unit?: string;
      /** Read only when the learner takes an action (`burstSize` sizes the next burst): see `changesWhatRuns`. */
      readonly actionOnly?: true;
    }
  | {
      readonly type: 'enum';
      readonly values: readonly string[];
      readonly default: string;
      readonly label: string;
      readonly description?: string;
      /** What a learner reads for each value (a form's choices, narration), when the value is an identifier. */
      readonly valueLabels?: { readonly [value: string]: string };
    };

export type OptionName = keyof SimOptions;

const POLICY_VALUES = ['allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'noeviction'];

/** "Least recently used, any key (allkeys-lru)": the learner's words, then Redis's name. */
function policyLabels(): { [value: string]: string } {
  const picks: Record<string, string> = { lru: 'Least recently used', lfu: 'Least frequently used', random: 'Random', ttl: 'Nearest expiry first' };
  const labels: { [value: string]: string } = { noeviction: 'Never evict: refuse writes (noeviction)' };
  for (const value of POLICY_VALUES.slice(0, 7)) {
    const [scope, pick] = value.split('-') as [string, string];
    labels[value] = `${picks[pick]}${pick === 'ttl' ? '' : scope === 'allkeys' ? ', any key' : ', keys with a TTL'} (${value})`;
  }
  return labels;
}

export const optionSpecs: { readonly [K in OptionName]: OptionSpec } = {
  ttlMs: { type: 'integer', label: 'TTL', min: 1, max: 86_400_000, default: 5000, unit: 'ms' },
  jitterMs: { type: 'integer', label: 'TTL jitter', min: 0, max: 3_600_000, default: 0, unit: 'ms' },
  nullTtlMs: { type: 'integer', label: 'Null TTL', min: 0, max: 86_400_000, default: 0, unit: 'ms' },
  dbLatencyMs: { type: 'integer', label: 'DB latency', min: 0, max: 60_000, default: 50, unit: 'ms' },
  dbConnections: { type: 'integer', label: 'DB connections', min: 1, max: 10_000, default: 10 },
  strategy: { type: 'enum', label: 'Strategy', values: ['plain', 'lock', 'coalesce', 'xfetch', 'swr'], default: 'plain' },
  lockTtlMs: { type: 'integer', label: 'Lock TTL', min: 1, max: 600_000, default: 2000, unit: 'ms' },
  retryMs: { type: 'integer', label: 'Lock retry', min: 1, max: 60_000, default: 20, unit: 'ms' },
  beta: { type: 'number', label: 'β (XFetch)', min: 0, max: 100, default: 1 },
  softTtlMs: { type: 'integer', label: 'Soft TTL', min: 1, max: 86_400_000, default: 3000, unit: 'ms' },
  instances: { type: 'integer', label: 'App instances', min: 1, max: 64, default: 1 },
  readRatePerSec: { type: 'number', label: 'Reads per second', min: 0, max: 100_000, default: 0, unit: '/s' },
  writeRatePerSec: { type: 'number', label: 'Writes per second', min: 0, max: 10_000, default: 0, unit: '/s' },
  keyCount: { type: 'integer', label: 'Keys', min: 1, max: 1_000_000, default: 10 },
  zipf: { type: 'number', label: 'Zipf exponent', min: 0, max: 5, default: 0 },
  missingFraction: { type: 'number', label: 'Missing share', min: 0, max: 1, default: 0 },
  burstSize: { type: 'integer', label: 'Burst size', min: 1, max: 1000, default: 50, actionOnly: true },
  redisTimeoutMs: { type: 'integer', label: 'Redis timeout', min: 1, max: 60_000, default: 200, unit: 'ms' },
  retries: { type: 'integer', label: 'Retries', min: 0, max: 10, default: 0 },
  seed: { type: 'integer', label: 'Seed', min: 0, max: 2_147_483_647, default: 1 },
  redisLatencyMs: { type: 'integer', label: 'Redis latency', min: 0, max: 1000, default: 1, unit: 'ms' },
  invalidateOnWrite: { type: 'enum', label: 'On write', values: ['delete', 'none'], default: 'delete' },
  cacheKeys: { type: 'integer', label: 'Memory limit', min: 0, max: 100_000, default: 0, unit: 'keys' },
  maxmemoryPolicy: {
    type: 'enum',
    label: 'Eviction policy',
    values: POLICY_VALUES,
    valueLabels: policyLabels(),
    default: 'allkeys-lru',
  },
  maxmemorySamples: { type: 'integer', label: 'Samples per eviction', min: 1, max: 64, default: 5 },
  backoffMs: { type: 'integer', label: 'Backoff', min: 1, max: 10_000, default: 20, unit: 'ms' },
  // h-sync: local caches (lesson 15).
  syncMethod: { type: 'enum', label: 'Sync method', values: ['none', 'pubsub', 'keyspace', 'tracking', 'bcast'], default: 'none' },
  localTtlMs: { type: 'integer', label: 'Local TTL', min: 0, max: 86_400_000, default: 0, unit: 'ms' },
  localCacheSize: { type: 'integer', label: 'Local cache size', min: 1, max: 100_000, default: 100 },
  messageDelayMs: { type: 'integer', label: 'Message delay', min: 0, max: 60_000, default: 0, unit: 'ms' },
  messageLoss: { type: 'number', label: 'Message loss', min: 0, max: 1, default: 0 },
  // h-writebehind: lesson 2's write paths.
  writeMode: {
    type: 'enum',
    label: 'Write path',
    values: ['cache-aside', 'write-behind'],
    valueLabels: { 'cache-aside': 'Cache-aside: database first', 'write-behind': 'Write-behind: Redis now, database later' },
    default: 'cache-aside',
  },
  workerDelayMs: { type: 'integer', label: 'Worker delay', min: 0, max: 600_000, default: 2000, unit: 'ms' },
};

export const optionNames = Object.keys(optionSpecs) as OptionName[];

/**
 * Whether changing this option changes what the lab runs (traffic, timings, strategy): the options
 * that restart the metrics' "since your change" window and count as a change for a challenge. An
 * option only an action reads (`actionOnly`: Burst size) changes nothing until that action is taken.
 */
export function changesWhatRuns(name: string): boolean {
  const spec = isOptionName(name) ? optionSpecs[name] : undefined;
  return !(spec !== undefined && spec.type !== 'enum' && spec.actionOnly === true);
}

export function isOptionName(name: string): name is OptionName {
  return Object.hasOwn(optionSpecs, name);
}

export function defaultOptions(overrides: Partial<SimOptions> = {}): SimOptions {
  const options = {} as Record<string, unknown>;
  for (const name of optionNames) options[name] = optionSpecs[name].default;
  return { ...(options as unknown as SimOptions), ...overrides };
}

export interface ValidationResult<T> {
  readonly options: T;
  /** One message per ignored or corrected field, naming it and why. */
  readonly messages: string[];
}

/** A decimal number as text: optional sign, digits with an optional fraction, an optional exponent. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Text as a number when it is plain decimal (`Number()` alone also takes `0x10`, `0b1`, `''` and spaces). */
export function parseDecimal(text: string): number | null {
  return DECIMAL.test(text) ? Number(text) : null;
}

/**
 * A value as a message shows it, at most 40 characters: JSON, except that numbers print as
 * themselves (JSON would print NaN and Infinity as `null`) and undefined as `nothing`.
 */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'number') text = String(value);
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (value === undefined) text = 'nothing';
  else {
    try {
      text = JSON.stringify(value) ?? typeof value;
    } catch {
      text = typeof value;
    }
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Check one value against its spec: the cleaned value or the reason it is invalid. */
export function checkOption(name: OptionName, value: unknown, spec: OptionSpec = optionSpecs[name]): { value: unknown } | { error: string } {
  if (spec.type === 'enum') {
    if (typeof value !== 'string' || !spec.values.includes(value)) {
      return { error: `${name}: must be one of ${spec.values.join(', ')} (got ${describeValue(value)})` };
    }
    return { value };
  }
  // Text (a URL, an attribute) must be plain decimal: Number() would also read `0x10` as 16, `''` as 0 and `1_0` as NaN.
  if (typeof value === 'string' && !DECIMAL.test(value)) return { error: `${name}: must be a decimal number (got ${describeValue(value)})` };
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return { error: `${name}: must be a number (got ${describeValue(value)})` };
  if (spec.type === 'integer' && !Number.isInteger(n)) return { error: `${name}: must be an integer (got ${n})` };
  if (n < spec.min) return { error: `${name}: must be >= ${spec.min} (got ${n})` };
  if (n > spec.max) return { error: `${name}: must be <= ${spec.max} (got ${n})` };
  return { value: n };
}

/**
 * Keep the known, valid fields of `raw` among `allowed`; everything else gets a message and the
 * default is used instead.
 */
export function validateOptionsAgainst(
  raw: unknown,
  allowed: readonly OptionName[],
  defaults: Partial<SimOptions>,
): ValidationResult<SimOptions> {
  const messages: string[] = [];
  const options = defaultOptions(defaults);
  if (raw === undefined || raw === null) return { options, messages };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { options, messages: ['options: must be an object; ignored'] };
  }
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!(name in optionSpecs)) {
      messages.push(`${name}: unknown option; ignored`);
      continue;
    }
    const known = name as OptionName;
    if (!allowed.includes(known)) {
      messages.push(`${name}: not an option of this scenario; ignored`);
      continue;
    }
    const checked = checkOption(known, value, optionSpecs[known]);
    if ('error' in checked) {
      messages.push(`${checked.error}; using ${JSON.stringify(options[known])}`);
      continue;
    }
    (options as unknown as Record<string, unknown>)[known] = checked.value;
  }
  return { options, messages };
}
