import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { manualFrames } from '../../player/index.ts';
import { LessonBlocks } from '../directives.tsx';
import { Figure } from './Figure.tsx';

/** A stand-in IntersectionObserver the test moves: `show(ratio)` tells every observer the figure is that visible. */
class FakeObserver {
  static all: FakeObserver[] = [];
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeObserver.all.push(this);
  }
  observe() {}
  unobserve() {}
  disconnect() {
    FakeObserver.all = FakeObserver.all.filter((o) => o !== this);
  }
  static show(ratio: number) {
    for (const observer of FakeObserver.all)
      observer.callback([{ isIntersecting: ratio > 0, intersectionRatio: ratio } as IntersectionObserverEntry], observer as unknown as IntersectionObserver);
  }
}

const originalMatchMedia = window.matchMedia;
function preferReducedMotion(reduce: boolean) {
  window.matchMedia = ((query: string) => ({ matches: reduce && query.includes('reduce'), media: query, addEventListener() {}, removeEventListener() {} })) as unknown as typeof window.matchMedia;
}

beforeEach(() => {
  FakeObserver.all = [];
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  preferReducedMotion(false);
});
afterEach(() => {
  vi.unstubAllGlobals();
  window.matchMedia = originalMatchMedia;
});

/** Renders a figure and waits until it is ready to play (the emulator may load commands first). */
async function renderFigure(name: string, frames: ReturnType<typeof manualFrames>) {
  const result = render(<Figure name={name} frames={frames} />);
  await waitFor(() => expect(result.container.querySelector('.figure-body[data-state]')).not.toBeNull());
  // waitFor can see the commit before React has run its effects (the viewport observer among them).
  await act(async () => {});
  return result;
}

const figureState = (container: HTMLElement) => container.querySelector('.figure-body')!.getAttribute('data-state');
const tick = (frames: ReturnType<typeof manualFrames>, times: number, ms = 50) =>
  act(() => {
    for (let i = 0; i < times; i++) frames.tick(ms);
  });

test('it waits until half of it is on screen, then plays the real run to its end and holds it', async () => {
  const frames = manualFrames();
  const { container } = await renderFigure('miss-then-hit', frames);
  expect(figureState(container)).toBe('paused');
  act(() => FakeObserver.show(0.2));
  expect(figureState(container)).toBe('paused');
  act(() => FakeObserver.show(0.6));
  expect(figureState(container)).toBe('playing');
  tick(frames, 400);
  expect(figureState(container)).toBe('ended');
  // The numbers are the simulation's: one miss that read the database, then a hit.
  const facts = container.querySelector('.figure-facts')!;
  expect(facts).toHaveTextContent('reads2');
  expect(facts).toHaveTextContent('cache hits1');
  expect(facts).toHaveTextContent('database reads1');
  expect(screen.getByRole('button', { name: 'Replay the figure' })).toBeInTheDocument();
});

test('Pause stops it where it is, and it no longer follows the viewport once the learner has pressed a control', async () => {
  const user = userEvent.setup();
  const frames = manualFrames();
  const { container } = await renderFigure('miss-then-hit', frames);
  act(() => FakeObserver.show(1));
  tick(frames, 10);
  await user.click(screen.getByRole('button', { name: 'Pause the figure' }));
  expect(figureState(container)).toBe('paused');
  const before = container.querySelector('.figure-progress-text')!.textContent;
  tick(frames, 10);
  act(() => FakeObserver.show(0));
  act(() => FakeObserver.show(1));
  tick(frames, 10);
  expect(container.querySelector('.figure-progress-text')!.textContent).toBe(before);
  expect(figureState(container)).toBe('paused');
  // Its sentence now announces itself politely.
  expect(container.querySelector('.figure-narration')).toHaveAttribute('aria-live', 'polite');
});

test('scrolled away while auto-playing it pauses, and resumes when it comes back', async () => {
  const frames = manualFrames();
  const { container } = await renderFigure('cache-aside-loop', frames);
  act(() => FakeObserver.show(1));
  tick(frames, 5);
  act(() => FakeObserver.show(0));
  expect(figureState(container)).toBe('paused');
  expect(container.querySelector('.figure-narration')).toHaveAttribute('aria-live', 'off');
  act(() => FakeObserver.show(0.9));
  expect(figureState(container)).toBe('playing');
});

test('with reduced motion it never plays by itself: it shows the end state, and the learner can step back through it', async () => {
  preferReducedMotion(true);
  const user = userEvent.setup();
  const frames = manualFrames();
  const { container } = await renderFigure('miss-then-hit', frames);
  act(() => FakeObserver.show(1));
  tick(frames, 20);
  expect(figureState(container)).toBe('ended');
  expect(container.querySelector('.figure-facts')).toHaveTextContent('cache hits1');
  expect(container.querySelector('canvas')).toBeNull();
  const last = container.querySelector('.figure-narration')!.textContent;
  await user.click(screen.getByRole('button', { name: 'Step back' }));
  expect(container.querySelector('.figure-narration')!.textContent).not.toBe(last);
  expect(figureState(container)).toBe('paused');
});

test('the figure loads into the placeholder’s stage: the same sized box, caption and text alternative before and after', async () => {
  const { container } = render(
    <LessonBlocks
      blocks={[{ kind: 'figure', id: 'figure-3', figure: { name: 'miss-then-hit', caption: 'A miss, then a hit.' }, view: 'flow', runs: 1, alt: 'Two reads: a miss, then a hit.' }]}
      context={{ passedChecks: new Set(), onCheckPassed: () => {} }}
    />,
  );
  const figure = screen.getByRole('figure', { name: 'Figure 3. A miss, then a hit.' });
  expect(figure).toHaveAccessibleDescription('Two reads: a miss, then a hit.');
  const stage = container.querySelector('.lesson-figure-stage')!;
  expect(stage.querySelector('.lesson-figure-placeholder')).not.toBeNull();
  // Near the viewport, the figure replaces the placeholder inside the same stage element (its height is CSS's, per view).
  act(() => FakeObserver.show(1));
  await screen.findByRole('button', { name: /Play the figure|Pause the figure/ }, { timeout: 10_000 });
  expect(container.querySelector('.lesson-figure-stage')).toBe(stage);
  expect(stage.querySelector('.lesson-figure-placeholder')).toBeNull();
  expect(figure).toHaveAttribute('data-view', 'flow');
});

const fill = (container: HTMLElement) => parseFloat((container.querySelector('.figure-progress-fill') as HTMLElement).style.width);

test('side by side, the progress follows the run furthest from its end, and is full only when both have ended', async () => {
  const frames = manualFrames();
  // Plain ends at 204 ms of lab time, the lock run at 122 ms; the lock run has four times the events, so it plays slower.
  const { container } = await renderFigure('stampede-lock', frames);
  act(() => FakeObserver.show(0.6));
  const seen = new Set<string>();
  for (let i = 0; i < 2_000 && figureState(container) === 'playing'; i++) {
    tick(frames, 1);
    const text = container.querySelector('.figure-progress-text')!.textContent!;
    seen.add(text.split(' / ')[1]!);
    if (figureState(container) === 'playing') expect(fill(container), text).toBeLessThan(100);
  }
  expect(figureState(container)).toBe('ended');
  expect(fill(container)).toBe(100);
  // Both runs' ends were shown: each was the one behind at some point.
  expect([...seen].sort()).toEqual(['122 ms', '204 ms']);
}, 30_000);

describe('the LRU experiment figure', () => {
  test('it replays the test new key by new key when scrolled into view: evictions out of order appear as it plays, and it ends on the experiment’s numbers', async () => {
    const frames = manualFrames();
    const { container } = render(<Figure name="lru-approximation" frames={frames} />);
    await waitFor(() => expect(container.querySelector('.figure-body[data-state]')).not.toBeNull());
    const title = () => container.querySelector('[data-samples="5"] .cal-lru-title')!.textContent;
    // Before: a still picture of the end state, with no control at all.
    expect(screen.getByText('0 / 150 new keys')).toBeInTheDocument();
    expect(title()).toMatch(/no key out of order/);
    act(() => FakeObserver.show(1));
    act(() => {
      for (let i = 0; i < 60; i++) frames.tick(50);
    });
    const midway = Number(/(\d+) \/ 150/.exec(container.querySelector('.figure-progress-text')!.textContent!)![1]);
    expect(midway).toBeGreaterThan(40);
    expect(midway).toBeLessThan(150);
    expect(container.querySelectorAll('[data-samples="5"] .cal-lru-dot.is-pending')).toHaveLength(150 - midway);
    act(() => {
      for (let i = 0; i < 80; i++) frames.tick(50);
    });
    expect(screen.getByText('150 / 150 new keys')).toBeInTheDocument();
    expect(container.querySelector('.figure-body')).toHaveAttribute('data-state', 'ended');
    expect(title()).toMatch(/^Redis, 5 samples: \d+ keys evicted out of order$/);
    // The learner steps back ten keys: the picture is that moment's.
    await userEvent.click(screen.getByRole('button', { name: 'Step back 10 keys' }));
    expect(screen.getByText('140 / 150 new keys')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Play the figure' })).toBeInTheDocument();
  }, 60_000);

  test('with reduced motion it shows the end at once', async () => {
    preferReducedMotion(true);
    const { container } = render(<Figure name="lru-approximation" frames={manualFrames()} />);
    await waitFor(() => expect(screen.getByText('150 / 150 new keys')).toBeInTheDocument(), { timeout: 10_000 });
    expect(container.querySelector('.figure-body')).toHaveAttribute('data-state', 'ended');
  }, 30_000);
});
