/**
 * Golden traces: refactors of the core must not change what a scenario does. Each lesson scenario
 * with a scripted set of actions must give the same trace (sha256, event counts) and the same
 * metrics as recorded in golden.json, and `npm run sim` the same output for each CLI fixture.
 * A deliberate change is recorded with `UPDATE_GOLDEN=1` and explained in the commit.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprint, firstDifference, goldenRuns, type Fingerprint } from './golden.ts';

const root = join(import.meta.dirname, '..', '..');
const fixtureFile = join(import.meta.dirname, 'golden.json');
const baselineDir = join(root, '.tmp', 'golden', 'baseline');
const update = process.env['UPDATE_GOLDEN'] === '1';

interface Golden {
  readonly runs: Record<string, Fingerprint>;
  readonly sim: Record<string, string>;
}

const golden: Golden = existsSync(fixtureFile) ? JSON.parse(readFileSync(fixtureFile, 'utf8')) : { runs: {}, sim: {} };
const recorded: Golden = { runs: {}, sim: {} };

afterAll(() => {
  if (update) writeFileSync(fixtureFile, `${JSON.stringify(recorded, null, 1)}\n`);
});

describe('golden traces', () => {
  test.each(goldenRuns.map((run) => [run.name, run] as const))('%s gives the recorded trace and metrics', (name, run) => {
    const { fingerprint: actual, lines } = fingerprint(run);
    recorded.runs[name] = actual;
    if (update) {
      mkdirSync(baselineDir, { recursive: true });
      writeFileSync(join(baselineDir, `${name}.jsonl`), `${lines.join('\n')}\n`);
      return;
    }
    const expected = golden.runs[name];
    expect(expected, `no golden for ${name}: run with UPDATE_GOLDEN=1`).toBeDefined();
    if (expected!.sha256 !== actual.sha256) {
      const file = join(baselineDir, `${name}.jsonl`);
      const baseline = existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n') : null;
      expect.fail(`${name}: the trace changed\n${firstDifference(baseline, lines, expected!.chunks, actual.chunks)}`);
    }
    expect(actual.counts).toEqual(expected!.counts);
    expect(actual.metrics).toEqual(expected!.metrics);
    expect(actual.viewMetrics).toEqual(expected!.viewMetrics);
    expect(actual.untracedMetrics).toEqual(expected!.untracedMetrics);
    // The trace is an observation: recording it changes nothing that is counted.
    expect(actual.untracedMetrics).toEqual(actual.metrics);
  }, 60_000);

  const fixtures = readdirSync(join(import.meta.dirname, 'fixtures')).filter((f) => f.endsWith('.json'));
  test.each(fixtures)('npm run sim -- fixtures/%s prints the recorded output', (file) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/sim.ts'), join(import.meta.dirname, 'fixtures', file)], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(result.status, result.stderr).toBe(0);
    recorded.sim[file] = result.stdout;
    if (!update) expect(result.stdout).toBe(golden.sim[file]);
  }, 120_000);
});
