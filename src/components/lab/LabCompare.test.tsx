import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { manualFrames, type ManualFrames } from '../../player/index.ts';
import type { CompareSpec } from '../../scenarios/compare.ts';
import { LabCompare } from './LabCompare.tsx';

function playToEnd(frames: ManualFrames, limit = 3_000) {
  for (let i = 0; i < limit && frames.pending > 0; i++) act(() => frames.tick(50));
}

const invalidation: CompareSpec = {
  left: { label: 'No invalidation', options: { invalidateOnWrite: 'none' } },
  right: [{ label: 'Delete on write', options: { invalidateOnWrite: 'delete' } }],
  metrics: ['staleReads', 'dbReads'],
  actions: ['read', 'write'],
};

const stampede: CompareSpec = {
  left: { label: 'Plain', options: { strategy: 'plain' } },
  right: [
    { label: 'Lock', options: { strategy: 'lock' } },
    { label: 'Single-flight', options: { strategy: 'coalesce' } },
  ],
  metrics: ['dbReads'],
  actions: ['burst', 'flushCache'],
};

const summary = () => screen.getByTestId('compare-summary');
const side = (name: RegExp) => screen.getByRole('region', { name });

describe('<LabCompare>', () => {
  test('one set of buttons drives both sides; each side is labelled and the difference is stated in numbers', async () => {
    const frames = manualFrames();
    const user = userEvent.setup();
    render(<LabCompare scenario="invalidation" options={{ ttlMs: 30_000 }} compare={invalidation} frames={frames} />);
    // Only the shared actions: no script, no second set of buttons.
    expect(screen.getAllByRole('button', { name: 'Request user:1' })).toHaveLength(1);
    expect(screen.queryByRole('button', { name: /stale set race/ })).toBeNull();
    expect(within(side(/No invalidation \(left\)/)).getByRole('figure', { name: 'Request flow' })).toBeInTheDocument();
    expect(within(side(/Delete on write \(right\)/)).getByRole('figure', { name: 'Request flow' })).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Playback speed'), '64');
    for (const name of ['Request user:1', 'Update the row', 'Request user:1']) {
      await user.click(screen.getByRole('button', { name }));
      playToEnd(frames);
    }
    expect(summary()).toHaveTextContent('Stale reads: 1 vs 0 (No invalidation 1, Delete on write 0)');
    expect(summary()).toHaveTextContent('Database reads: 0 vs 1 (No invalidation 0, Delete on write 1)');
    // Each side's narration is a live region that names its side before the sentence.
    const [left, right] = screen.getAllByTestId('narration');
    expect(left).toHaveAttribute('aria-live', 'polite');
    expect(left!.textContent).toMatch(/^No invalidation: .*stale/);
    expect(right!.textContent).toMatch(/^Delete on write: /);
    expect(right!.textContent).not.toMatch(/stale/);
  }, 30_000);

  test('a hit ratio or latency before any read is "—", not 0%', async () => {
    const frames = manualFrames();
    const user = userEvent.setup();
    render(<LabCompare scenario="invalidation" options={{ ttlMs: 30_000 }} compare={{ ...invalidation, metrics: ['hitRatio', 'latencyMs.p99', 'dbReads'] }} frames={frames} />);
    expect(summary()).toHaveTextContent('Hit ratio: — vs — (No invalidation —, Delete on write —)');
    expect(summary()).toHaveTextContent('Database reads: 0 vs 0');
    expect(summary().querySelector('[data-metric="hitRatio"]')).not.toHaveClass('is-different');
    await user.selectOptions(screen.getByLabelText('Playback speed'), '64');
    await user.click(screen.getByRole('button', { name: 'Request user:1' }));
    playToEnd(frames);
    expect(summary()).toHaveTextContent('Hit ratio: 100% vs 100%');
  }, 30_000);

  test('while a side\'s readers are still waiting its latency is "—" or labelled "so far", never 0 (lesson 10 at 8x)', async () => {
    const frames = manualFrames();
    const user = userEvent.setup();
    const lesson10 = { burstSize: 50, ttlMs: 5000, dbLatencyMs: 100, dbConnections: 10, lockTtlMs: 2000, retryMs: 20, instances: 1 };
    render(<LabCompare scenario="stampede" options={lesson10} compare={{ ...stampede, metrics: ['dbReads', 'latencyMs.p99'] }} frames={frames} />);
    await user.selectOptions(screen.getByLabelText('Playback speed'), '8');
    await user.click(screen.getByRole('button', { name: 'Burst of 50' }));
    const p99 = () => summary().querySelector('[data-metric="latencyMs.p99"]')!.textContent ?? '';
    const seen = new Set<string>();
    for (let i = 0; i < 3_000 && frames.pending > 0; i++) {
      act(() => frames.tick(16));
      seen.add(p99());
    }
    for (const sentence of seen) expect(sentence).not.toMatch(/(?:: 0 vs|vs 0 \(|Plain 0\b|Lock 0\b)/);
    // The walk's moment: Plain's first ten readers answered, Lock's all still waiting.
    expect([...seen]).toContainEqual(expect.stringMatching(/^P99 latency \(ms\): \d+ so far vs — \(Plain \d+ so far, Lock —\)$/));
    expect(p99()).toMatch(/^P99 latency \(ms\): \d+ vs \d+ \(Plain \d+, Lock \d+\)$/);
  }, 60_000);

  test('picking another fix replays the same burst on the new right side', async () => {
    const frames = manualFrames();
    const user = userEvent.setup();
    render(<LabCompare scenario="stampede" compare={stampede} frames={frames} />);
    await user.selectOptions(screen.getByLabelText('Playback speed'), '64');
    await user.click(screen.getByRole('button', { name: 'Burst of 50' }));
    playToEnd(frames);
    expect(summary()).toHaveTextContent('Database reads: 50 vs 1 (Plain 50, Lock 1)');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Beside Plain' }), 'Single-flight');
    expect(side(/Single-flight \(right\)/)).toBeInTheDocument();
    expect(summary()).toHaveTextContent('Database reads: 50 vs 1 (Plain 50, Single-flight 1)');
    await user.click(screen.getByRole('button', { name: 'Reset both sides' }));
    expect(summary()).toHaveTextContent('Database reads: 0 vs 0');
  }, 30_000);

  test('Step moves both sides to the same moment, and the arrow keys do the same', async () => {
    const frames = manualFrames();
    const user = userEvent.setup();
    const { container } = render(<LabCompare scenario="invalidation" compare={invalidation} frames={frames} />);
    await user.click(screen.getByRole('button', { name: 'Update the row' }));
    await user.click(screen.getByRole('button', { name: 'Pause both' }));
    const sentences = () => screen.getAllByTestId('narration').map((node) => node.textContent);
    await user.click(screen.getByRole('button', { name: 'Step forward on both sides' }));
    const first = sentences();
    expect(first[0]).not.toMatch(/Nothing has happened yet/);
    expect(first[1]).not.toMatch(/Nothing has happened yet/);
    const times = () => [...container.querySelectorAll<HTMLInputElement>('input[type="range"]')].map((input) => input.value);
    (container.querySelector('.cal-compare') as HTMLElement).focus();
    for (let i = 0; i < 3; i++) await user.keyboard('{ArrowRight}');
    expect(sentences()).not.toEqual(first);
    await user.keyboard('{ArrowLeft}{ArrowLeft}{ArrowLeft}');
    expect(sentences()).toEqual(first);
    expect(times()).toHaveLength(1);
  }, 30_000);
});
