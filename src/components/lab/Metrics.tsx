import { useId, useMemo } from 'react';
import { TimeSeriesChart, latencySeries, secondSeries } from '../charts/index.ts';
import type { TraceEvent } from '../../engine/trace.ts';
import { selectSnapshot, useLabStoreThrottled } from '../../store/index.ts';
import { formatMs } from './hooks.ts';

/** Database reads that finished in the virtual second before the cursor. */
export function dbReadsLastSecond(trace: readonly TraceEvent[], index: number, now: number): number {
  let count = 0;
  for (let i = Math.min(index, trace.length) - 1; i >= 0; i--) {
    const event = trace[i]!;
    if (event.at <= now - 1_000) break;
    if (event.type === 'db.finished' && event.op === 'read') count++;
  }
  return count;
}

/** Hit ratio, database load and latency at the cursor. */
export function Metrics() {
  const titleId = useId();
  const { snapshot, perSecond } = useLabStoreThrottled((s) => ({ snapshot: selectSnapshot(s), perSecond: dbReadsLastSecond(s.trace, Math.min(s.cursor.index, s.traceLength), s.cursor.time) }));
  const metrics = snapshot?.metrics;
  const reads = metrics?.reads ?? 0;
  const items: [string, string, string][] = [
    ['Hit ratio', reads > 0 ? `${Math.round((metrics!.hitRatio ?? 0) * 100)}%` : '—', reads > 0 ? `${metrics!.hits} hits of ${reads} reads` : 'no reads yet'],
    ['DB reads', String(metrics?.dbReads ?? 0), `${perSecond}/s now · peak ${metrics?.dbPeakConcurrency ?? 0} at once`],
    ['Latency p50', reads > 0 ? formatMs(metrics!.latencyMs.p50) : '—', 'half the reads were faster'],
    ['Latency p99', reads > 0 ? formatMs(metrics!.latencyMs.p99) : '—', '1 read in 100 was slower'],
  ];
  const extras: [string, number][] = [
    ['stale reads', metrics?.staleReads ?? 0],
    ['errors', metrics?.errors ?? 0],
    ['fallbacks', metrics?.fallbacks ?? 0],
  ];
  return (
    <section className="cal-panel cal-metrics" aria-labelledby={titleId}>
      <header className="cal-panel-head">
        <h3 id={titleId} className="cal-panel-title">
          Metrics
        </h3>
      </header>
      <dl className="cal-metric-grid">
        {items.map(([label, value, detail]) => (
          <div key={label} className="cal-metric" data-metric={label}>
            <dt>{label}</dt>
            <dd>
              <span className="cal-metric-value">{value}</span>
              <span className="cal-metric-detail">{detail}</span>
            </dd>
          </div>
        ))}
      </dl>
      <MetricCharts />
      <p className="cal-metric-extras cal-small">
        {extras.map(([label, value]) => (
          <span key={label} className={value > 0 ? 'is-nonzero' : undefined}>
            {value} {value === 1 ? label.replace(/s$/, '') : label}
          </span>
        ))}
      </p>
    </section>
  );
}

/** Per-second charts, once the run is long enough for a line to mean something. */
function MetricCharts() {
  const { sim, trace, traceLength, time } = useLabStoreThrottled((s) => ({ sim: s.sim, trace: s.trace, traceLength: s.traceLength, time: s.cursor.time }));
  const end = traceLength > 0 ? trace[traceLength - 1]!.at : 0;
  // Recomputed once per virtual second of new trace, not on every frame.
  const second = Math.floor(end / 1_000);
  const series = useMemo(() => {
    if (!sim || second < 2) return null;
    const seconds = secondSeries(sim.timeSeries());
    const latency = latencySeries(trace);
    return { seconds, latency };
  }, [sim, trace, second]);
  if (!series) return null;
  const domain: [number, number] = [0, Math.max(end, 1_000)];
  return (
    <div className="cal-charts">
      <figure className="cal-chart">
      <TimeSeriesChart compact label="Hit ratio per second" series={[{ name: 'hit ratio', points: series.seconds.hitRatio, color: 'var(--cal-hit)' }]} cursor={time} timeDomain={domain} yMax={1} formatValue={(v) => `${Math.round(v * 100)}%`} height={56} />
      <figcaption>Hit ratio per second</figcaption>
      </figure>
      <figure className="cal-chart">
      <TimeSeriesChart compact label="Database reads per second" series={[{ name: 'DB reads/s', points: series.seconds.dbReadsPerSec, color: 'var(--cal-db)' }]} cursor={time} timeDomain={domain} height={56} />
      <figcaption>DB reads per second</figcaption>
      </figure>
      <figure className="cal-chart">
      <TimeSeriesChart
        compact
        label="Latency per second"
        series={[
          { name: 'p50', points: series.latency.p50, color: 'var(--cal-accent)' },
          { name: 'p99', points: series.latency.p99, color: 'var(--cal-miss)' },
        ]}
        cursor={time}
        timeDomain={domain}
        formatValue={(v) => `${Math.round(v)} ms`}
        height={56}
      />
      <figcaption>Latency p50 and p99</figcaption>
      </figure>
    </div>
  );
}
