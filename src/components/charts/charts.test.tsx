import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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
const latency = [
  { name: 'p50', points: p50 },
  { name: 'p99', points: p99 },
];

test('a compact chart is an image named by its label and described by a text summary', () => {
  render(<Sparkline label="Latency" points={p50} cursor={2000} formatValue={(v) => `${v} ms`} />);
  const image = screen.getByRole('img');
  expect(image).toHaveAccessibleName('Latency Latency: 3 ms at 2 s (range 2 ms to 3 ms).');
});

test('lines stop at the cursor and the marker sits at its time', () => {
  const { container } = render(<TimeSeriesChart compact label="DB reads/s" series={[{ name: 'reads', points: p50 }]} timeDomain={[0, 4000]} cursor={2000} width={200} height={41} />);
  const path = container.querySelector('path[data-series="reads"]')!;
  // Two samples happened by 2 s; the third (at 3 s) has not.
  expect(path.getAttribute('d')!.match(/[ML]/g)).toHaveLength(2);
  expect(screen.getByTestId('chart-cursor')).toHaveAttribute('x1', '100');
});

test('the series colour comes from the theme variables; a sparkline has no axes or legend', () => {
  const { container } = render(<Sparkline label="Hit ratio" points={p50} color="var(--cal-hit)" />);
  expect((container.querySelector('path') as SVGPathElement).style.stroke).toBe('var(--cal-hit)');
  expect(container.querySelector('figcaption')).toBeNull();
  expect(container.querySelector('text')).toBeNull();
});

test('a full chart has value and time axes with units, and the value at the cursor in its legend', () => {
  const { container } = render(
    <TimeSeriesChart label="Hit ratio" unit="reads" series={[{ name: 'hit ratio', points: [{ t: 1000, v: 0.5 }, { t: 2000, v: 0.8 }] }]} timeDomain={[0, 4000]} yMax={1} cursor={2500} formatValue={(v) => `${Math.round(v * 100)}%`} />,
  );
  const labels = [...container.querySelectorAll('text')].map((text) => text.textContent);
  expect(labels).toEqual(expect.arrayContaining(['0%', '50%', '100%', '0 s', '1 s', '2 s', '3 s', '4 s']));
  const figure = screen.getByRole('figure', { name: 'Hit ratio' });
  expect(within(figure).getByText('80%', { selector: 'strong' })).toBeInTheDocument();
  expect(labels).toContain('reads');
  // The legend's value is the sample at 2 s (the cursor is at 2.5 s): it says so.
  expect(figure.querySelector('figcaption')).toHaveTextContent(/hit ratio 80%\s*at 2 s$/);
});

test('a long run’s time axis ticks whole minutes, and no label is cut by the edge or touches another', () => {
  const points = Array.from({ length: 400 }, (_, i) => ({ t: (i + 1) * 1000, v: i % 7 }));
  const { container } = render(<TimeSeriesChart label="Database reads per second" unit="queries/s" series={[{ name: 'DB reads', points }]} timeDomain={[0, 400_000]} cursor={400_000} formatValue={(v) => `${v * 250} ms`} />);
  const times = [...container.querySelectorAll('text')].filter((text) => / s$|min/.test(text.textContent ?? ''));
  // 280 units wide: "0 s", "2 min", "4 min", "6 min" rather than "1 min 40 s", "3 min 20 s" crowding each other.
  expect(times.map((text) => text.textContent)).toEqual(['0 s', '2 min', '4 min', '6 min']);
  // The unit starts at the chart's left edge; the value labels ("1500 ms") end right of it.
  const unit = [...container.querySelectorAll('text')].find((text) => text.textContent === 'queries/s')!;
  expect(unit).toHaveAttribute('x', '0');
  const widest = [...container.querySelectorAll('text')].find((text) => text.textContent === '1500 ms')!;
  expect(Number(widest.getAttribute('x')) - '1500 ms'.length * 5.6).toBeGreaterThanOrEqual(0);
});

test('the keyboard walks the samples and reads each value; the lab does not see the arrow keys', async () => {
  const user = userEvent.setup();
  const onParentKey = vi.fn();
  render(
    <div onKeyDown={onParentKey}>
      <TimeSeriesChart label="Latency" series={latency} cursor={3500} formatValue={(v) => `${v} ms`} />
    </div>,
  );
  const slider = screen.getByRole('slider', { name: 'Latency: inspect by time' });
  expect(slider).toHaveAttribute('aria-valuetext', 'latest, at 3 s: p50 40 ms, p99 160 ms');
  await user.tab();
  expect(slider).toHaveFocus();
  await user.keyboard('{ArrowLeft}');
  expect(slider).toHaveAttribute('aria-valuetext', 'at 2 s: p50 3 ms, p99 12 ms');
  expect(screen.getByTestId('chart-guide')).toBeInTheDocument();
  await user.keyboard('{Home}');
  expect(slider).toHaveAttribute('aria-valuetext', 'at 1 s: p50 2 ms, p99 9 ms');
  await user.keyboard('{ArrowLeft}');
  expect(slider).toHaveAttribute('aria-valuetext', 'at 1 s: p50 2 ms, p99 9 ms');
  await user.keyboard('{End}');
  expect(slider).toHaveAttribute('aria-valuetext', 'at 3 s: p50 40 ms, p99 160 ms');
  expect(onParentKey).not.toHaveBeenCalled();
  await user.tab();
  expect(screen.queryByTestId('chart-guide')).toBeNull();
});

test('samples after the cursor cannot be inspected', async () => {
  const user = userEvent.setup();
  render(<TimeSeriesChart label="Latency" series={latency} cursor={2000} formatValue={(v) => `${v} ms`} />);
  const slider = screen.getByRole('slider');
  slider.focus();
  await user.keyboard('{End}');
  expect(slider).toHaveAttribute('aria-valuetext', 'at 2 s: p50 3 ms, p99 12 ms');
  expect(slider).toHaveAttribute('aria-valuemax', '1');
});

test('the table equivalent lists every sample up to the cursor', () => {
  const { container } = render(<TimeSeriesChart label="Latency" series={latency} cursor={2500} formatValue={(v) => `${v} ms`} />);
  const details = container.querySelector('details')!;
  details.open = true;
  fireEvent(details, new Event('toggle'));
  const table = screen.getByRole('table', { name: 'Latency' });
  const rows = within(table).getAllByRole('row').map((row) => row.textContent);
  expect(rows).toEqual(['timep50p99', '1 s2 ms9 ms', '2 s3 ms12 ms']);
});

test('the readout names the time of the newest sample, which can be seconds behind the cursor', () => {
  // Lesson 1's predict run: a miss in the first second, a hit at 3.0 s whose second has not closed.
  render(<TimeSeriesChart label="Hit ratio per second" series={[{ name: 'hit ratio', points: [{ t: 1000, v: 0 }] }]} cursor={3000} formatValue={(v) => `${Math.round(v * 100)}%`} />);
  expect(screen.getByRole('slider')).toHaveAttribute('aria-valuetext', 'latest, at 1 s: hit ratio 0%');
  expect(screen.queryByText(/^now:/)).toBeNull();
});
