import { useId, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { axisLabels, domains, labelWidth, linePath, sampleTimes, summarize, ticks, timeTicks, valueAt, type Series } from './series';
import { formatTick } from '../../scenarios/format.ts';
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
  /** The value axis' unit, shown as its title (e.g. "reads/s", "ms"). */
  unit?: string;
  width?: number;
  height?: number;
  /** Draw only the lines: no axes, legend, inspector or table (a metric tile). */
  compact?: boolean;
  className?: string;
}

const PALETTE = ['var(--cal-accent, #2c55c8)', 'var(--cal-miss, #9a4b05)', 'var(--cal-db, #6a3cbc)', 'var(--cal-hit, #17744a)'];
/** Room for the axes inside the viewBox: tick labels left and below. */
const MARGIN = { left: 38, right: 6, top: 14, bottom: 18 };

const colourOf = (line: Series, index: number) => line.color ?? PALETTE[index % PALETTE.length]!;

/**
 * A dependency-free SVG line chart over virtual time: axes with units, the value at the cursor,
 * a value on hover or keyboard focus (arrow keys walk the samples), and the same data as a table.
 */
export function TimeSeriesChart({
  label,
  series,
  cursor = Infinity,
  timeDomain,
  yMax,
  formatValue = defaultFormat,
  unit,
  width = 280,
  height = 120,
  compact = false,
  className,
}: TimeSeriesChartProps) {
  const id = useId();
  const [inspected, setInspected] = useState<number | null>(null);
  const range = domains(series, yMax);
  // Headroom up to a round value, so the top line is not drawn on the frame and the top tick is labelled.
  if (yMax === undefined && !compact) range.y[1] = roundUp(range.y[1]);
  const t = timeDomain ?? range.t;
  const summaryAt = Number.isFinite(cursor) ? cursor : t[1];
  const summary = summarize(series, summaryAt, formatValue);
  const yTicks = ticks(range.y[0], range.y[1], 3);
  // Wide enough for the widest value label ("1250 ms"), so none is cut by the chart's left edge.
  const margin = compact ? { left: 0, right: 0, top: 0, bottom: 1 } : { ...MARGIN, left: Math.max(MARGIN.left, Math.ceil(Math.max(...yTicks.map((value) => labelWidth(formatValue(value))))) + 4) };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const xOf = (time: number) => margin.left + ((Math.min(Math.max(time, t[0]), t[1]) - t[0]) / (t[1] - t[0] || 1)) * plotWidth;
  const yOf = (value: number) => margin.top + plotHeight - ((Math.min(Math.max(value, range.y[0]), range.y[1]) - range.y[0]) / (range.y[1] - range.y[0] || 1)) * plotHeight;
  const markerX = Number.isFinite(cursor) ? xOf(cursor) : null;

  const stops = compact ? [] : sampleTimes(series, summaryAt);
  const inspectIndex = inspected === null || stops.length === 0 ? null : Math.min(inspected, stops.length - 1);
  const inspectAt = inspectIndex === null ? null : stops[inspectIndex]!;
  const readAt = inspectAt ?? summaryAt;
  const readout = series.map((line) => {
    const value = valueAt(line.points, readAt);
    return `${line.name} ${value === null ? 'no data' : formatValue(value)}`;
  });
  // Samples close a bucket (a second's value lands at its end), so the newest one can be seconds
  // behind the cursor: name its time rather than "now", or it contradicts the lab's headline figures.
  const readoutText = `${inspectAt === null ? `latest, at ${formatTick(stops[stops.length - 1] ?? summaryAt)}` : `at ${formatTick(inspectAt)}`}: ${readout.join(', ')}`;

  const lines = series.map((line, index) => (
    <path
      key={line.name}
      d={translate(linePath(line.points, t, range.y, plotWidth, plotHeight, cursor), margin.left, margin.top)}
      className="cal-chart__line"
      style={{ stroke: colourOf(line, index) }}
      data-series={line.name}
    />
  ));

  if (compact) {
    return (
      <figure className={['cal-chart', 'cal-chart--compact', className].filter(Boolean).join(' ')}>
        <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="cal-chart__svg">
          <title id={`${id}-title`}>{label}</title>
          <desc id={`${id}-desc`}>{summary}</desc>
          <line className="cal-chart__baseline" x1={0} y1={height - 0.5} x2={width} y2={height - 0.5} />
          {lines}
          {markerX === null ? null : <line className="cal-chart__cursor" x1={markerX} y1={0} x2={markerX} y2={height} data-testid="chart-cursor" />}
        </svg>
      </figure>
    );
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (stops.length === 0) return;
    const at = inspectIndex ?? stops.length - 1;
    const next =
      event.key === 'ArrowLeft' || event.key === 'ArrowDown' ? Math.max(0, at - 1)
      : event.key === 'ArrowRight' || event.key === 'ArrowUp' ? Math.min(stops.length - 1, at + 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? stops.length - 1
      : null;
    if (next === null) return;
    // The lab steps its cursor on arrow keys; here they walk the chart instead.
    event.preventDefault();
    event.stopPropagation();
    setInspected(next);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (stops.length === 0) return;
    const box = event.currentTarget.getBoundingClientRect();
    const x = ((event.clientX - box.left) / (box.width || 1)) * width;
    const time = t[0] + ((x - margin.left) / plotWidth) * (t[1] - t[0]);
    let best = 0;
    for (let i = 1; i < stops.length; i++) if (Math.abs(stops[i]! - time) < Math.abs(stops[best]! - time)) best = i;
    setInspected(best);
  };

  // As many time ticks as labels like "10 min 30 s" fit across the plot.
  const tLabels = axisLabels(timeTicks(t[0], t[1], Math.max(2, Math.min(6, Math.floor(plotWidth / (labelWidth('10 min') + 12))))), xOf, width, formatTick);
  const guideX = inspectAt === null ? null : xOf(inspectAt);

  return (
    <figure className={['cal-chart', className].filter(Boolean).join(' ')} aria-labelledby={`${id}-title`}>
      <figcaption className="cal-chart__legend">
        <span id={`${id}-title`} className="cal-chart__label">
          {label}
        </span>
        {series.map((line, index) => {
          const now = valueAt(line.points, summaryAt);
          return (
            <span key={line.name} className="cal-chart__key">
              <span className="cal-chart__swatch" style={{ background: colourOf(line, index) }} aria-hidden="true" />
              {line.name} <strong>{now === null ? '–' : formatValue(now)}</strong>
            </span>
          );
        })}
        {/* The bold values are the newest finished sample's, which may be seconds behind the cursor: say when. */}
        {stops.length > 0 && <span className="cal-chart__at">at {formatTick(stops[stops.length - 1]!)}</span>}
      </figcaption>
      <div
        className="cal-chart__plot"
        role="slider"
        tabIndex={0}
        aria-label={`${label}: inspect by time`}
        aria-describedby={`${id}-desc`}
        aria-valuemin={0}
        aria-valuemax={Math.max(0, stops.length - 1)}
        aria-valuenow={inspectIndex ?? Math.max(0, stops.length - 1)}
        aria-valuetext={stops.length === 0 ? 'no data yet' : readoutText}
        onKeyDown={onKeyDown}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setInspected(null)}
        onBlur={() => setInspected(null)}
      >
        <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="cal-chart__svg" aria-hidden="true">
          {yTicks.map((value) => (
            <g key={`y${value}`} className="cal-chart__tick">
              <line className="cal-chart__grid" x1={margin.left} x2={width - margin.right} y1={yOf(value)} y2={yOf(value)} />
              <text x={margin.left - 4} y={yOf(value)} dy="0.32em" textAnchor="end">
                {formatValue(value)}
              </text>
            </g>
          ))}
          {unit ? (
            // Top left, starting at the chart's edge: a unit longer than the margin ("queries/s") is not cut.
            <text className="cal-chart__tick cal-chart__unit" x={0} y={8} textAnchor="start">
              {unit}
            </text>
          ) : null}
          {tLabels.map((label) => (
            <text key={`t${label.text}`} className="cal-chart__tick" x={label.x} y={height - 4} textAnchor={label.anchor}>
              {label.text}
            </text>
          ))}
          <line className="cal-chart__baseline" x1={margin.left} y1={margin.top + plotHeight + 0.5} x2={width - margin.right} y2={margin.top + plotHeight + 0.5} />
          {lines}
          {markerX === null ? null : <line className="cal-chart__cursor" x1={markerX} y1={margin.top} x2={markerX} y2={margin.top + plotHeight} data-testid="chart-cursor" />}
          {guideX === null ? null : (
            <g className="cal-chart__guide" data-testid="chart-guide">
              <line x1={guideX} x2={guideX} y1={margin.top} y2={margin.top + plotHeight} />
              {series.map((line, index) => {
                const value = valueAt(line.points, inspectAt!);
                return value === null ? null : <circle key={line.name} cx={guideX} cy={yOf(value)} r={3} style={{ fill: colourOf(line, index) }} />;
              })}
            </g>
          )}
        </svg>
      </div>
      <p id={`${id}-desc`} className="cal-chart__readout">
        {stops.length === 0 ? 'no data yet' : readoutText}
      </p>
      <ChartTable label={label} series={series} times={stops} formatValue={formatValue} />
    </figure>
  );
}

/** The chart's data as a table, built only while it is open (a long run has hundreds of rows). */
function ChartTable({ label, series, times, formatValue }: { label: string; series: readonly Series[]; times: readonly number[]; formatValue: (value: number) => string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="cal-chart__table" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Table</summary>
      {open && (
        <div className="cal-chart__table-scroll" tabIndex={0} role="region" aria-label={`${label} as a table`}>
          <table>
            <caption className="cal-visually-hidden">{label}</caption>
            <thead>
              <tr>
                <th scope="col">time</th>
                {series.map((line) => (
                  <th key={line.name} scope="col">
                    {line.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {times.map((time) => (
                <tr key={time}>
                  <th scope="row">{formatTick(time)}</th>
                  {series.map((line) => {
                    const point = line.points.find((p) => p.t === time);
                    return <td key={line.name}>{point ? formatValue(point.v) : '–'}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

/** Moves an absolute path made at the origin into the plot area. */
function translate(d: string, dx: number, dy: number): string {
  if (dx === 0 && dy === 0) return d;
  return d.replace(/([ML])(-?[\d.]+),(-?[\d.]+)/g, (_, op: string, x: string, y: string) => `${op}${round(Number(x) + dx)},${round(Number(y) + dy)}`);
}

/** The smallest round value (a multiple of a 1-2-5 tick step) at or above `value`. */
function roundUp(value: number): number {
  const all = ticks(0, value, 3);
  const step = all.length > 1 ? all[1]! - all[0]! : value;
  return Math.ceil(value / step - 1e-9) * step || value;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

export interface SparklineProps extends Omit<TimeSeriesChartProps, 'series' | 'compact'> {
  points: Series['points'];
  color?: string;
}

/** One series, no axes or legend: for a metric tile. */
export function Sparkline({ points, color, label, width = 120, height = 28, ...rest }: SparklineProps) {
  return <TimeSeriesChart {...rest} label={label} width={width} height={height} compact series={[{ name: label, points, ...(color ? { color } : {}) }]} />;
}

function defaultFormat(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
