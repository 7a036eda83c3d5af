import { useId, useMemo } from 'react';
import type { TraceEvent } from '../../scenarios/events.ts';
import { selectSnapshot, useLabStoreThrottled } from '../../store/index.ts';
import { metricsOf } from '../../scenarios/metrics.ts';
import { lastRequiredSeq } from '../../scenarios/actions.ts';
import { formatCount, formatMoment, formatPercent as percent, plural } from '../../scenarios/format.ts';
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

/**
 * The seq of the learner's last change before `index` (the window "since your last change" starts
 * there), or -1: a change of an option that changes what runs (`changesWhatRuns`), as a challenge
 * that requires one counts it.
 */
export function lastChangeSeq(trace: readonly TraceEvent[], index: number): number {
  return lastRequiredSeq(trace, 'setOption', index);
}

/**
 * Hit ratio, database load and latency at the cursor. After an option change the headline counts
 * from that change (a reset starts a new run), with the whole run's figure beside it, so a
 * lesson's "change the TTL and watch the hit ratio" shows the new steady state, not a blend.
 */
export function Metrics({ appTasksOnly = false, localCaches = false }: { appTasksOnly?: boolean; localCaches?: boolean }) {
  const titleId = useId();
  const { snapshot, perSecond, trace, index } = useLabStoreThrottled(
    (s) => ({ snapshot: selectSnapshot(s), perSecond: dbReadsLastSecond(s.trace.events, Math.min(s.cursor.index, s.trace.length), s.cursor.time), trace: s.trace.events, index: Math.min(s.cursor.index, s.trace.length) }),
    3,
  );
  const total = snapshot?.metrics;
  const from = lastChangeSeq(trace, index);
  const changeAt = from >= 0 ? trace[from]!.at : 0;
  const windowed = useMemo(() => (from >= 0 ? metricsOf(trace, from, index) : null), [trace, from, index]);
  const metrics = windowed ?? total;
  const reads = metrics?.reads ?? 0;
  const allReads = total?.reads ?? 0;
  const since = windowed ? ` since your change at ${formatMoment(changeAt)}` : '';
  const hitDetail = reads > 0 ? `${plural(metrics!.hits, 'hit')} of ${plural(reads, 'read')}${since}` : windowed ? `no reads since your change at ${formatMoment(changeAt)}` : 'no reads yet';
  const noReads = windowed ? 'no reads since your change' : 'no reads yet';
  const items: [string, string, string][] = appTasksOnly ? [
    // The lab's app tasks are runs of Redis commands, not reads: count what they send.
    ['Redis commands', formatCount(metrics?.redisCommands ?? 0), `sent by the app${since} (console lines are not counted)`],
    ['DB reads', formatCount(metrics?.dbReads ?? 0), 'these tasks never query the database'],
  ] : [
    ['Hit ratio', reads > 0 ? percent(metrics!.hitRatio ?? 0) : '—', windowed && allReads > 0 ? `${hitDetail} · whole run ${percent(total!.hitRatio ?? 0)}` : hitDetail],
    ['DB reads', formatCount(metrics?.dbReads ?? 0), `${windowed ? `since your change (${formatCount(total?.dbReads ?? 0)} in all) · ` : ''}${formatCount(perSecond)}/s now · peak ${formatCount(metrics?.dbPeakConcurrency ?? 0)} at once`],
    // Percentiles count the same window as the hit ratio, and say nothing of reads that did not happen.
    ['Latency p50', reads > 0 ? formatMoment(metrics!.latencyMs.p50) : '—', reads > 0 ? `half the reads${windowed ? ' since your change' : ''} were faster` : noReads],
    ['Latency p99', reads > 0 ? formatMoment(metrics!.latencyMs.p99) : '—', reads > 0 ? `1 read in 100${windowed ? ' since your change' : ''} was slower` : noReads],
  ];
  const extras: [string, number][] = [
    ['stale reads', metrics?.staleReads ?? 0],
    // Lesson 15 and its checks speak of stale local reads: the counter they mean is on screen.
    ...(localCaches ? [['stale local reads', metrics?.staleLocalReads ?? 0] as [string, number]] : []),
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
      <p className="cal-metric-extras cal-small">
        {extras.map(([label, value]) => (
          <span key={label} className={value > 0 ? 'is-nonzero' : undefined}>
            {formatCount(value)} {value === 1 ? label.replace(/s$/, '') : label}
          </span>
        ))}
        {windowed && <span>(since your change)</span>}
      </p>
    </section>
  );
}

// The charts appear after two virtual seconds of run, so their code loads then, not with the lab.
const MetricCharts = lazyPanel(() => import('./panels/MetricCharts.tsx').then((m) => m.MetricCharts), null);

/**
 * Per-second charts, once the run is long enough for a line to mean something, in a box that holds
 * their place from the start (lab.css): arriving two seconds into a run they grew the lab by
 * 600 px and moved everything under it, the lesson's "Mark as complete" included.
 */
export function MetricChartsPanel() {
  const long = useLabStoreThrottled((s) => s.trace.length > 0 && s.trace.events[s.trace.length - 1]!.at >= 2_000);
  return (
    <section role="group" className="cal-panel cal-charts-panel" aria-label="Per-second charts">
      {long ? <MetricCharts /> : <p className="cal-empty">Per-second charts of the hit ratio, database reads and latency start after 2 s of lab time.</p>}
    </section>
  );
}
