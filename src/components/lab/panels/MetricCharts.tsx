import { useMemo } from 'react';
import { TimeSeriesChart, latencySeries, secondSeries } from '../../charts/index.ts';
import { useLabStoreThrottled } from '../../../store/index.ts';
import { timeSeriesOf } from '../../../scenarios/metrics.ts';
import { formatDuration } from '../../../scenarios/format.ts';
import './panels.css';

/** Per-second charts, once the run is long enough for a line to mean something. */
export function MetricCharts() {
  const { running, trace, time } = useLabStoreThrottled((s) => ({ running: s.running, trace: s.trace, time: s.cursor.time }), 3);
  const end = trace.length > 0 ? trace.events[trace.length - 1]!.at : 0;
  // Recomputed once per virtual second of new trace, not on every frame.
  const second = Math.floor(end / 1_000);
  const series = useMemo(() => {
    if (!running || second < 2) return null;
    // The same definitions as every other metric, from the trace itself.
    const seconds = secondSeries(timeSeriesOf(trace.events));
    const latency = latencySeries(trace.events);
    return { seconds, latency };
  // A new run (fork, reset) is a new events array.
  }, [running, trace.events, second]);
  if (!series) return null;
  const domain: [number, number] = [0, Math.max(end, 1_000)];
  return (
    <div className="cal-charts">
      <TimeSeriesChart label="Hit ratio per second" series={[{ name: 'hit ratio', points: series.seconds.hitRatio, color: 'var(--cal-hit)' }]} cursor={time} timeDomain={domain} yMax={1} formatValue={(v) => `${Math.round(v * 100)}%`} />
      <TimeSeriesChart label="Database reads per second" unit="reads/s" series={[{ name: 'DB reads', points: series.seconds.dbReadsPerSec, color: 'var(--cal-db)' }]} cursor={time} timeDomain={domain} formatValue={formatCount} />
      <TimeSeriesChart
        label="Read latency per second"
        series={[
          { name: 'p50', points: series.latency.p50, color: 'var(--cal-accent)' },
          { name: 'p99', points: series.latency.p99, color: 'var(--cal-miss)' },
        ]}
        cursor={time}
        timeDomain={domain}
        // Small latencies get a decimal, so the axis does not read "2 ms, 2 ms, 1 ms, 1 ms".
        // From a second on, as format.ts writes durations ('1 s', '1.5 s'), never '1000 ms'.
        formatValue={(v) => (v < 10 && !Number.isInteger(v) ? `${+v.toFixed(1)} ms` : formatDuration(v))}
      />
    </div>
  );
}

function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
