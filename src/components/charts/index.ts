export { TimeSeriesChart, Sparkline, type TimeSeriesChartProps, type SparklineProps } from './TimeSeriesChart';
export { secondSeries, latencySeries, summarize, linePath, domains, valueAt, percentile, type Point, type Series } from './series';
