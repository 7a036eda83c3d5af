/**
 * The code panel highlights the line the app is on: every line id a strategy, an app task or a
 * listener reports must exist in both the TypeScript and the Python rendering the panel shows for
 * it, and a line that sends a Redis command must name that command.
 */
import { spawnSync } from 'node:child_process';
import { createSimulation } from '../../src/scenarios/simulation.ts';
import { strategies, visibleLines, type StrategySource } from '../../src/scenarios/strategies/index.ts';
import { loadCodeRendering } from '../../src/scenarios/strategies/sources.ts';
import { UNLOCK_SCRIPT } from '../../src/scenarios/strategies/lock.ts';
import type { ScenarioId, StrategyName } from '../../src/scenarios/types.ts';

const sources: Record<string, StrategySource> = { write: await loadCodeRendering('playground', 'write', 'plain') };
for (const name of Object.keys(strategies) as StrategyName[]) sources[name] = await loadCodeRendering('playground', name, name);

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

  // Not lock: with no memory left its SET NX for the lock is refused first, so it never loads a row to cache
  // (its rendering's guard is checked below, its fallback by the test after this one).
  test.each((Object.keys(strategies) as StrategyName[]).filter((name) => name !== 'lock'))('%s: a SET refused with OOM (a console memory limit, noeviction) has its line, in both languages', (strategy) => {
    const sim = createSimulation({ scenario: 'playground', options: { strategy, keyCount: 20, readRatePerSec: 50, instances: 2 }, seed: 1 });
    sim.apply({ type: 'console', line: 'CONFIG SET maxmemory-policy noeviction' }, 10);
    sim.apply({ type: 'console', line: 'CONFIG SET maxmemory 1' }, 20);
    sim.runUntil(3000);
    const oom = sim.trace.filter((e) => e.type === 'code.line' && e.lineId === 'set-oom');
    expect(oom.length).toBeGreaterThan(0);
    for (const e of oom) {
      if (e.type !== 'code.line') continue;
      for (const language of ['ts', 'python'] as const) {
        const lines = visibleLines(sources[e.strategy]![language], { nullTtlMs: 0, jitterMs: 0 });
        expect(lines.some((l) => l.id === 'set-oom'), `${e.strategy} ${language}`).toBe(true);
      }
    }
  });

  test('lock: a lock SET refused with OOM is a failed call, so each reader falls back to the database instead of waiting forever', () => {
    const sim = createSimulation({ scenario: 'stampede', options: { strategy: 'lock' }, seed: 1 });
    sim.apply({ type: 'console', line: 'CONFIG SET maxmemory-policy noeviction' }, 10);
    sim.apply({ type: 'console', line: 'CONFIG SET maxmemory 1' }, 20);
    sim.apply({ type: 'burst', key: 'user:1', count: 50 }, 100);
    sim.runUntil(60_000);
    expect(sim.trace.filter((e) => e.type === 'request.served')).toHaveLength(50);
    expect(sim.trace.filter((e) => e.type === 'lock.waiting')).toHaveLength(0);
    expect(sim.trace.filter((e) => e.type === 'code.line' && e.lineId === 'fallback')).toHaveLength(50);
  });

  test('every read rendering that caches a row handles OOM as lesson 13 does (one shared guard)', async () => {
    const eviction = await loadCodeRendering('eviction', 'plain', 'plain');
    const manyCaches = await loadCodeRendering('many-caches', 'plain', 'plain');
    // The guard's lines, from the SET's closing brace to set-oom, as lesson 13 shows them.
    const guard = (lines: readonly { text: string; id?: string }[]) => {
      const end = lines.findIndex((l) => l.id === 'set-oom');
      return end < 0 ? null : lines.slice(end - 3, end + 1).map((l) => l.text.trim());
    };
    for (const language of ['ts', 'python'] as const) {
      const expected = guard(eviction[language]);
      expect(expected).not.toBeNull();
      for (const [name, source] of [...Object.entries(sources).filter(([name]) => name !== 'write'), ['many-caches', manyCaches] as const]) {
        if (!source[language].some((l) => l.id === 'set')) continue;
        expect(guard(source[language]), `${name} ${language}`).toEqual(expected);
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

// ---- lessons 5 and 13-15: scenarios whose app runs code of its own ---------------------------

/** A run, and lines (rendering/line id, and the command sent) it must highlight at least once. */
type Run = {
  scenario: ScenarioId;
  options: Record<string, unknown>;
  act: (sim: ReturnType<typeof createSimulation>) => void;
  mustSee: readonly string[];
  /** Reads show the strategies' read path (no title of the scenario's own). */
  sharedReadPath?: true;
};

const LOCAL_READ = ['plain/local-get', 'plain/local-hit', 'plain/get get', 'plain/keep', 'plain/db-read', 'plain/set set', 'write/del del', 'write/drop-own'];

const ownRuns: Record<string, Run> = {
  'eviction allkeys-lru': { scenario: 'eviction', options: { maxmemoryPolicy: 'allkeys-lru' }, act: (sim) => sim.runUntil(20_000), mustSee: ['plain/get get', 'plain/hit', 'plain/set set', 'plain/return'] },
  'eviction noeviction': { scenario: 'eviction', options: { maxmemoryPolicy: 'noeviction' }, act: (sim) => sim.runUntil(20_000), mustSee: ['plain/set set', 'plain/set-oom', 'plain/return'] },
  'data-types': {
    scenario: 'data-types',
    options: {},
    act: (sim) => {
      let at = 0;
      sim.apply({ type: 'viewProduct', key: 'product:1' }, (at += 100));
      sim.apply({ type: 'updatePrice', key: 'product:1' }, (at += 100));
      sim.apply({ type: 'console', line: 'DEL product:2' }, (at += 100));
      sim.apply({ type: 'updatePrice', key: 'product:2' }, (at += 100));
      sim.apply({ type: 'invalidateTagByScan', tag: 'sale' }, (at += 100));
      sim.apply({ type: 'invalidateTag', tag: 'shoes' }, (at += 100));
      sim.runUntil(at + 2000);
    },
    mustSee: [
      ...['hgetall', 'lpush', 'ltrim', 'zincrby'].map((c) => `viewProduct/${c} ${c}`),
      ...['watch', 'hget', 'unwatch', 'multi', 'hset', 'xadd', 'exec'].map((c) => `updatePrice/${c} ${c}`),
      ...['smembers', 'unlink', 'xadd'].map((c) => `invalidateTag/${c} ${c}`),
      ...['scan', 'hget', 'unlink', 'xadd'].map((c) => `invalidateTagByScan/${c} ${c}`),
    ],
  },
  // Lesson 5: each SCAN step button press runs one pass of the loop; a read shows the read path.
  'pattern-invalidation': {
    scenario: 'pattern-invalidation',
    options: {},
    sharedReadPath: true,
    act: (sim) => {
      let at = 0;
      sim.apply({ type: 'read', key: 'user:7:profile' }, (at += 100));
      // Until SCAN hands back cursor 0 (six steps in this lab), then one more: a new iteration.
      for (let step = 0; step < 7; step++) sim.apply({ type: 'scanStep', pattern: 'user:42:*', count: 3 }, (at += 100));
      sim.apply({ type: 'read', key: 'user:42:profile' }, (at += 100));
      sim.runUntil(at + 2000);
    },
    mustSee: ['scanStep/scan scan', 'scanStep/unlink unlink', 'plain/get get', 'plain/hit', 'plain/db-read', 'plain/set set'],
  },
  ...Object.fromEntries(
    (['none', 'pubsub', 'keyspace', 'tracking', 'bcast'] as const).map((syncMethod) => [
      `many-caches ${syncMethod}`,
      {
        scenario: 'many-caches' as const,
        options: { syncMethod, readRatePerSec: 20, writeRatePerSec: 2 },
        act: (sim: ReturnType<typeof createSimulation>) => {
          sim.runUntil(4000);
          sim.apply({ type: 'console', line: 'FLUSHALL' }, 4000);
          sim.runUntil(8000);
        },
        mustSee: [
          ...LOCAL_READ,
          ...(syncMethod === 'none' ? [] : ['listener/on-message', 'listener/drop']),
          ...(syncMethod === 'pubsub' ? ['write/publish publish'] : []),
          // FLUSHALL: a tracking invalidation with no key list drops every copy.
          ...(syncMethod === 'tracking' || syncMethod === 'bcast' ? ['listener/drop-all'] : []),
        ],
      },
    ]),
  ),
};

describe("lessons 13-15: the code panel follows each scenario's own app code", () => {
  test.each(Object.keys(ownRuns))('%s: each line the trace highlights is in both renderings, and names the command it sends', async (name) => {
    const { scenario, options, act, mustSee, sharedReadPath } = ownRuns[name]!;
    const sim = createSimulation({ scenario, options, seed: 3 });
    act(sim);
    const trace = sim.trace;
    const flags = { nullTtlMs: 0, jitterMs: 0, syncMethod: String(options.syncMethod ?? 'none') };
    const highlighted = new Set<string>();
    for (let i = 0; i < trace.length; i++) {
      const e = trace[i]!;
      if (e.type !== 'code.line') continue;
      const rendering = await loadCodeRendering(scenario, e.strategy, 'plain');
      if (!(sharedReadPath && e.strategy in strategies)) expect(rendering.title, `${scenario} shows its own code for ${e.strategy}`).toBeDefined();
      const lines = { ts: visibleLines(rendering.ts, flags), python: visibleLines(rendering.python, flags) };
      // The command this line sent: the runner's next command before its next line.
      let command: string | null = null;
      for (let j = i + 1; j < trace.length; j++) {
        const next = trace[j]!;
        const sameRunner = 'requestId' in next && next.requestId === e.requestId && (e.requestId !== null || ('actor' in next ? next.actor === e.instance : next.type === 'code.line' && next.instance === e.instance));
        if (!sameRunner) continue;
        if (next.type === 'code.line') break;
        if (next.type === 'redis.command') {
          command = next.argv[0]!.toLowerCase();
          break;
        }
      }
      for (const language of ['ts', 'python'] as const) {
        const line = lines[language].find((l) => l.id === e.lineId);
        expect(line, `${name}: ${language} has no visible line ${e.strategy}/${e.lineId}`).toBeDefined();
        if (command !== null) expect(line!.text.toLowerCase(), `${name}: ${e.lineId} sent ${command}`).toContain(command);
      }
      highlighted.add(`${e.strategy}/${e.lineId}${command ? ` ${command}` : ''}`);
    }
    expect([...highlighted]).toEqual(expect.arrayContaining([...mustSee]));
  });

  test.each(['eviction', 'data-types', 'many-caches', 'pattern-invalidation'])('%s: every rendering parses in both languages, for every sync method', async (scenario) => {
    const { transform } = await import('esbuild');
    const names = scenario === 'data-types' ? ['viewProduct', 'updatePrice', 'invalidateTag', 'invalidateTagByScan'] : scenario === 'pattern-invalidation' ? ['scanStep'] : ['plain'];
    for (const name of names) {
      const rendering = await loadCodeRendering(scenario, name, 'plain');
      for (const syncMethod of scenario === 'many-caches' ? ['none', 'pubsub', 'keyspace', 'tracking', 'bcast'] : ['none']) {
        const flags = { nullTtlMs: 1000, jitterMs: 0, syncMethod };
        // Top-level await in a module, as the lessons' samples are written.
        await expect(transform(visibleLines(rendering.ts, flags).map((l) => l.text).join('\n'), { loader: 'ts', format: 'esm' })).resolves.toBeDefined();
        const python = spawnSync('/usr/bin/python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: visibleLines(rendering.python, flags).map((l) => l.text).join('\n'), encoding: 'utf8' });
        expect(python.stderr, `${scenario} ${name} ${syncMethod}`).toBe('');
      }
    }
  });
});
