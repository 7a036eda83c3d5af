import { render, screen } from '@testing-library/react';
import { Sparkline, TimeSeriesChart } from './TimeSeriesChart';

const p50 = [
  { t: 1000, v: 2 },
  { t: 2000, v: 3 },
  { t: 3000, v: 40 },
];
const p99 = [
  { t: 1000, v: 9 },
  { t: 2000, v: 12 },
  { t: 3000, v: 160 },
];

test('the chart is an image named by its label and described by a text summary', () => {
  render(
    <TimeSeriesChart
      label="Latency"
      series={[
        { name: 'p50', points: p50 },
        { name: 'p99', points: p99 },
      ]}
      cursor={2000}
      formatValue={(v) => `${v} ms`}
    />,
  );
  const image = screen.getByRole('img');
  expect(image).toHaveAccessibleName('Latency p50: 3 ms at 2.0 s (range 2 ms to 3 ms). p99: 12 ms at 2.0 s (range 9 ms to 12 ms).');
  expect(image.querySelector('title')).toHaveTextContent('Latency');
});

test('lines stop at the cursor and the marker sits at its time', () => {
  const { container } = render(
    <TimeSeriesChart label="DB reads/s" series={[{ name: 'reads', points: p50 }]} timeDomain={[0, 4000]} cursor={2000} width={200} height={41} />,
  );
  const path = container.querySelector('path[data-series="reads"]')!;
  // Two samples happened by 2 s; the third (at 3 s) has not.
  expect(path.getAttribute('d')!.match(/[ML]/g)).toHaveLength(2);
  const marker = screen.getByTestId('chart-cursor');
  expect(marker).toHaveAttribute('x1', '100');
});

test('the series colour comes from the theme variables', () => {
  const { container } = render(<Sparkline label="Hit ratio" points={p50} color="var(--cal-hit)" />);
  expect((container.querySelector('path') as SVGPathElement).style.stroke).toBe('var(--cal-hit)');
  // A sparkline has no legend, only the accessible description.
  expect(container.querySelector('figcaption')).toBeNull();
});

test('the legend shows the value at the cursor', () => {
  render(<TimeSeriesChart label="Hit ratio" series={[{ name: 'hit ratio', points: p50 }]} cursor={3500} />);
  expect(screen.getByText('40')).toBeInTheDocument();
});
