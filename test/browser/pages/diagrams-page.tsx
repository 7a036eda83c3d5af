/**
 * Dev-only page for the browser test of D2's panels: a real simulation's trace feeds the logs,
 * charts, code panel and a sequence diagram; the console runs on a real emulator.
 * `?theme=dark` pins the dark theme; `?only=diagram` / `?only=sequence` show just one flowchart or
 * sequence diagram (to measure what the first diagram loads).
 */
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../../../src/components/theme.css';
import { RedisEmulator, loadScripting } from '../../../src/redis/index.ts';
import { createSimulation } from '../../../src/scenarios/simulation.ts';
import { visibleLines } from '../../../src/scenarios/strategies/index.ts';
import { loadCodeRendering } from '../../../src/scenarios/strategies/sources.ts';
import { RedisConsole } from '../../../src/components/console/index.ts';
import { runCliLine } from '../../../src/redis/cli/run.ts';
import { CodePanel } from '../../../src/components/code/index.ts';
import { CommandLog, QueryLog } from '../../../src/components/logs/index.ts';
import { TimeSeriesChart, Sparkline, latencySeries, secondSeries } from '../../../src/components/charts/index.ts';
import { MermaidDiagram, SequenceDiagram } from '../../../src/diagrams/index.ts';

const params = new URLSearchParams(location.search);
const theme = params.get('theme');
if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;

const FLOWCHART = `flowchart LR
  A[App] -->|1. GET key| R[(Redis)]
  R -->|hit| A
  A -->|2. miss: SELECT| D[(Database)]
  D --> A
  A -->|3. SET key EX ttl| R`;

function Panels() {
  const sim = useMemo(() => {
    const simulation = createSimulation({ scenario: 'stampede', options: { strategy: 'lock', instances: 2 }, seed: 7 });
    simulation.apply({ type: 'read', key: 'user:1' });
    simulation.runUntilIdle();
    simulation.apply({ type: 'burst', key: 'user:2', count: 8 });
    simulation.runUntilIdle();
    return simulation;
  }, []);
  const trace = sim.trace;
  const [cursor, setCursor] = useState(trace.length);
  const lockedRequest = trace.find((event) => event.type === 'lock.acquired' && event.key === 'lock:user:2');
  const requestId = lockedRequest && 'requestId' in lockedRequest ? lockedRequest.requestId : 1;
  const oneRequest = trace.filter((event) => 'requestId' in event && event.requestId === requestId);
  const source = lockSource;
  const known = new Set(source.ts.map((line) => line.id));
  const lastLine = [...trace.slice(0, cursor)].reverse().find((event) => event.type === 'code.line' && known.has(event.lineId));
  const options = { nullTtlMs: 0, jitterMs: 0 };
  // A steady workload over several seconds, so the charts have a shape.
  const steady = useMemo(() => {
    const simulation = createSimulation({ scenario: 'hit-ratio', seed: 7 });
    simulation.runUntil(12_000);
    return simulation;
  }, []);
  const seconds = secondSeries(steady.timeSeries());
  const latency = latencySeries(trace, 50);
  const redis = useMemo(() => new RedisEmulator({ now: () => 0 }), []);
  const session = useMemo(() => redis.createSession(), [redis]);

  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '1rem', padding: '1rem', background: 'var(--cal-bg)', color: 'var(--cal-fg)', fontFamily: 'var(--cal-font)' }}>
      <h1 style={{ gridColumn: '1 / -1', margin: 0, fontSize: '1rem' }}>Lab panels</h1>
      <RedisConsole onSubmit={(line) => ({ ...runCliLine(line, (argv) => redis.exec(argv, session)), db: session.db })} greeting="Type HELP for the commands." />
      <CodePanel
        label="Rebuild under a lock"
        sources={{ ts: visibleLines(source.ts, options), python: visibleLines(source.python, options) }}
        activeLineId={lastLine?.type === 'code.line' ? lastLine.lineId : null}
      />
      <CommandLog trace={trace} cursorIndex={cursor} onSelect={(seq) => setCursor(seq + 1)} height={220} />
      <QueryLog trace={trace} cursorIndex={cursor} onSelect={(seq) => setCursor(seq + 1)} height={220} />
      <div style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap', alignItems: 'end' }}>
        <TimeSeriesChart
          label="Latency"
          series={[
            { name: 'p50', points: latency.p50 },
            { name: 'p99', points: latency.p99, color: 'var(--cal-miss)' },
          ]}
          cursor={trace[cursor - 1]?.at ?? 0}
          formatValue={(v) => `${v} ms`}
        />
        <figure style={{ margin: 0 }}>
          <Sparkline label="DB reads/s" points={seconds.dbReadsPerSec} color="var(--cal-db)" />
          <figcaption style={{ fontSize: '0.75rem' }}>DB reads/s</figcaption>
        </figure>
        <figure style={{ margin: 0 }}>
          <Sparkline label="Hit ratio" points={seconds.hitRatio} yMax={1} color="var(--cal-hit)" cursor={8_000} />
          <figcaption style={{ fontSize: '0.75rem' }}>Hit ratio (cursor at 8 s)</figcaption>
        </figure>
      </div>
      <MermaidDiagram code={FLOWCHART} title="Cache-aside read path" caption />
      <div style={{ gridColumn: '1 / -1' }}>
        <SequenceDiagram events={oneRequest} title={`Request ${requestId}, which took the lock`} />
      </div>
    </div>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
// The lock strategy's release is a real EVAL: the Lua VM loads before the panels' simulation runs.
await loadScripting();
const lockSource = await loadCodeRendering('stampede', 'lock', 'lock');
createRoot(root).render(
  <StrictMode>
    {params.get('only') === 'diagram' ? (
      <MermaidDiagram code={FLOWCHART} title="Cache-aside read path" />
    ) : params.get('only') === 'sequence' ? (
      <MermaidDiagram code={'sequenceDiagram\n  App->>Redis: GET user:1\n  Redis-->>App: (nil)'} title="A miss" />
    ) : (
      <Panels />
    )}
  </StrictMode>,
);
