import { useId } from 'react';
import { domains, linePath, summarize, valueAt, type Series } from './series';
import './charts.css';

export interface TimeSeriesChartProps {
  /** Accessible name, e.g. "Hit ratio". */
  label: string;
  series: readonly Series[];
  /** Virtual ms: the marker's position; later samples have not happened and are not drawn. */
  cursor?: number;
  /** Fixed time range so the chart does not rescale while playing. */
  timeDomain?: readonly [number, number];
  /** Top of the value axis (e.g. 1 for a ratio); defaults to the largest value. */
  yMax?: number;
  formatValue?: (value: number) => string;
  width?: number;
  height?: number;
  /** Draw only the lines, no axis labels or legend. */
  compact?: boolean;
  className?: string;
}

const PALETTE = ['var(--cal-accent, #2c55c8)', 'var(--cal-miss, #9a4b05)', 'var(--cal-db, #6a3cbc)', 'var(--cal-hit, #17744a)'];

/** A small dependency-free SVG line chart over virtual time with a cursor marker. */
export function TimeSeriesChart({
  label,
  series,
  cursor = Infinity,
  timeDomain,
  yMax,
  formatValue = defaultFormat,
  width = 240,
  height = 64,
  compact = false,
  className,
}: TimeSeriesChartProps) {
  const titleId = useId();
  const descId = useId();
  const range = domains(series, yMax);
  const t = timeDomain ?? range.t;
  const summaryAt = Number.isFinite(cursor) ? cursor : t[1];
  const summary = summarize(series, summaryAt, formatValue);
  const markerX = Number.isFinite(cursor) ? ((Math.min(Math.max(cursor, t[0]), t[1]) - t[0]) / (t[1] - t[0] || 1)) * width : null;

  return (
    <figure className={['cal-chart', compact ? 'cal-chart--compact' : '', className].filter(Boolean).join(' ')}>
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        className="cal-chart__svg"
      >
        <title id={titleId}>{label}</title>
        <desc id={descId}>{summary}</desc>
        <line className="cal-chart__baseline" x1={0} y1={height - 0.5} x2={width} y2={height - 0.5} />
        {series.map((line, index) => (
          <path
            key={line.name}
            d={linePath(line.points, t, range.y, width, height - 1, cursor)}
            className="cal-chart__line"
            style={{ stroke: line.color ?? PALETTE[index % PALETTE.length] }}
            data-series={line.name}
          />
        ))}
        {markerX === null ? null : (
          <line className="cal-chart__cursor" x1={markerX} y1={0} x2={markerX} y2={height} data-testid="chart-cursor" />
        )}
      </svg>
      {compact ? null : (
        <figcaption className="cal-chart__legend" aria-hidden="true">
          <span className="cal-chart__label">{label}</span>
          {series.map((line, index) => {
            const now = valueAt(line.points, summaryAt);
            return (
              <span key={line.name} className="cal-chart__key">
                <span className="cal-chart__swatch" style={{ background: line.color ?? PALETTE[index % PALETTE.length] }} />
                {series.length > 1 ? `${line.name} ` : ''}
                <strong>{now === null ? '–' : formatValue(now)}</strong>
              </span>
            );
          })}
          <span className="cal-chart__max">max {formatValue(range.y[1])}</span>
        </figcaption>
      )}
    </figure>
  );
}

export interface SparklineProps extends Omit<TimeSeriesChartProps, 'series' | 'compact'> {
  points: Series['points'];
  color?: string;
}

/** One series, no legend: for a metric tile. */
export function Sparkline({ points, color, label, width = 120, height = 28, ...rest }: SparklineProps) {
  return (
    <TimeSeriesChart
      {...rest}
      label={label}
      width={width}
      height={height}
      compact
      series={[{ name: label, points, ...(color ? { color } : {}) }]}
    />
  );
}

function defaultFormat(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
