import { useId, useMemo } from 'react';
import type { TraceEvent } from '../../scenarios/events.ts';
import { selectSnapshot, useLabStoreThrottled } from '../../store/index.ts';
import { formatMs } from './hooks.ts';
import { lazyPanel } from './lazyPanel.tsx';

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
  const { snapshot, perSecond } = useLabStoreThrottled((s) => ({ snapshot: selectSnapshot(s), perSecond: dbReadsLastSecond(s.trace, Math.min(s.cursor.index, s.traceLength), s.cursor.time) }), 3);
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
    ['Redis errors', metrics?.errors ?? 0],
    ['fallbacks', metrics?.fallbacks ?? 0],
    ['failed reads', metrics?.failedReads ?? 0],
  ];
  return (
    <section role="group" className="cal-panel cal-metrics" aria-labelledby={titleId}>
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
      <MetricChartsWhenLong />
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

// The charts appear after two virtual seconds of run, so their code loads then, not with the lab.
const MetricCharts = lazyPanel(() => import('./panels/MetricCharts.tsx').then((m) => m.MetricCharts), <div style={{ minHeight: 90 }} />);

/** Per-second charts, once the run is long enough for a line to mean something. */
function MetricChartsWhenLong() {
  const long = useLabStoreThrottled((s) => s.traceLength > 0 && s.trace[s.traceLength - 1]!.at >= 2_000);
  return long ? <MetricCharts /> : null;
}
