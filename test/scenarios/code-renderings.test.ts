/**
 * The code panel highlights the line a request is on: every line id a strategy reports must exist
 * in both its TypeScript and its Python rendering.
 */
import { spawnSync } from 'node:child_process';
import { createSimulation } from '../../src/scenarios/simulation.ts';
import { strategies, visibleLines, type StrategySource } from '../../src/scenarios/strategies/index.ts';
import { loadStrategySource } from '../../src/scenarios/strategies/sources.ts';
import { UNLOCK_SCRIPT } from '../../src/scenarios/strategies/lock.ts';
import type { StrategyName } from '../../src/scenarios/types.ts';

const sources: Record<string, StrategySource> = { write: await loadStrategySource('write') };
for (const name of Object.keys(strategies) as StrategyName[]) sources[name] = await loadStrategySource(name);

describe('code renderings', () => {
  test.each(Object.keys(strategies) as StrategyName[])('%s: every executed line id is in both renderings', (strategy) => {
    const sim = createSimulation({
      scenario: 'playground',
      options: { strategy, keyCount: 20, missingFraction: 0.2, nullTtlMs: 500, ttlMs: 1000, softTtlMs: 400, readRatePerSec: 50, writeRatePerSec: 2, instances: 2 },
      seed: 1,
    });
    sim.runUntil(5000);
    sim.apply({ type: 'burst', key: 'user:1', count: 20 });
    sim.runUntil(8000);
    sim.apply({ type: 'redisDown' });
    sim.runUntil(9000);
    const executed = new Map<string, Set<string>>();
    for (const e of sim.trace) {
      if (e.type !== 'code.line') continue;
      if (!executed.has(e.strategy)) executed.set(e.strategy, new Set());
      executed.get(e.strategy)!.add(e.lineId);
    }
    expect(executed.get(strategy)?.size).toBeGreaterThan(3);
    for (const [name, ids] of executed) {
      const source = sources[name]!;
      const tsIds = new Set(source.ts.flatMap((l) => (l.id ? [l.id] : [])));
      const pyIds = new Set(source.python.flatMap((l) => (l.id ? [l.id] : [])));
      for (const id of ids) {
        expect(tsIds, `${name} TypeScript lacks ${id}`).toContain(id);
        expect(pyIds, `${name} Python lacks ${id}`).toContain(id);
      }
    }
  });

  test("the lock rendering shows the exact release script the lab's EVAL sends", () => {
    for (const language of ['ts', 'python'] as const) expect(sources['lock']![language].map((line) => line.text).join('\n')).toContain(UNLOCK_SCRIPT);
  });

  test('feature lines show only when their option is on', () => {
    const lines = sources['plain']!.ts;
    const plainText = visibleLines(lines, { nullTtlMs: 0, jitterMs: 0 }).map((l) => l.text).join('\n');
    expect(plainText).not.toContain('NOT_FOUND, \'PX\'');
    expect(plainText).not.toContain('JITTER_MS');
    const withBoth = visibleLines(lines, { nullTtlMs: 1000, jitterMs: 500 }).map((l) => l.text).join('\n');
    expect(withBoth).toContain('NULL_TTL_MS');
    expect(withBoth).toContain('JITTER_MS');
    expect(withBoth.match(/redis\.set\(key, JSON/g)).toHaveLength(1);
  });
});

describe('every rendering parses, with every combination of optional lines', () => {
  const combos = [
    { nullTtlMs: 0, jitterMs: 0 },
    { nullTtlMs: 1000, jitterMs: 0 },
    { nullTtlMs: 0, jitterMs: 500 },
    { nullTtlMs: 1000, jitterMs: 500 },
  ];
  const cases = Object.entries(sources).flatMap(([name, source]) => combos.map((combo) => [name, combo, source] as const));

  test.each(cases)('%s %o: TypeScript', async (_name, combo, source) => {
    const { transform } = await import('esbuild');
    const code = visibleLines(source.ts, combo).map((l) => l.text).join('\n');
    await expect(transform(code, { loader: 'ts' })).resolves.toBeDefined();
  });

  test.each(cases)('%s %o: Python', (_name, combo, source) => {
    const code = visibleLines(source.python, combo).map((l) => l.text).join('\n');
    const result = spawnSync('/usr/bin/python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: code, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
