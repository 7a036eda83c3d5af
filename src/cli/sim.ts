/**
 * `npm run sim -- scenario.json`: run a workload headless and print its metrics as one JSON
 * object. Exit code 2 with a message naming each bad field when the file is invalid.
 */
import { readFileSync } from 'node:fs';
import { parseConfig, ConfigError } from './config.ts';
import { runBatch } from '../scenarios/batch.ts';
import { prepareRedis, redisNeedOf } from '../scenarios/redis-needs.ts';

async function main(args: readonly string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('-'));
  if (!file) {
    process.stderr.write('usage: npm run sim -- scenario.json\n');
    return 2;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    process.stderr.write(`${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  let spec;
  try {
    spec = parseConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${file}: invalid scenario\n${error.problems.map((p) => `  ${p}\n`).join('')}`);
      return 2;
    }
    throw error;
  }
  // The lock strategy releases with a real EVAL: load the Lua VM before the run, not during it.
  await prepareRedis(redisNeedOf(undefined, spec.options ?? {}));
  const { metrics } = runBatch(spec);
  const { dbReadsByKey, dbWritesByKey, ...totals } = metrics;
  const summary = (byKey: Record<string, number>) => {
    const counts = Object.values(byKey);
    return { keys: counts.length, max: counts.reduce((a, b) => Math.max(a, b), 0) };
  };
  const output = { ...totals, dbReadsPerKey: summary(dbReadsByKey), dbWritesPerKey: summary(dbWritesByKey ?? {}) };
  process.stdout.write(`${JSON.stringify(output)}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
