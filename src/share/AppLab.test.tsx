import { render, screen, cleanup, waitFor } from '@testing-library/react';
import { createLabStore } from '../store/index.ts';
import { defaultEngine } from '../store/defaultEngine.ts';
import { manualFrames } from '../player/index.ts';
import { Lab } from './AppLab.tsx';
import { captureShareState } from './restore.ts';
import { lessonShareHash } from './link.ts';

/** A run taken mid-way: a burst, a few steps; its share hash and the cursor it was at. */
function sharedRun() {
  const store = createLabStore({ scenario: 'stampede', options: { strategy: 'plain', burstSize: 5 }, engine: defaultEngine });
  store.getState().act({ type: 'burst', key: 'user:1', count: 5 });
  store.getState().advance(60);
  store.getState().step(1);
  return { hash: lessonShareHash('10-stampede', captureShareState(store.getState()), 'lab-2'), cursor: store.getState().cursor, total: store.getState().trace.length };
}

const scrubberText = (container: HTMLElement) => container.querySelector('input[type=range]')!.getAttribute('aria-valuetext') ?? '';

describe('the tutorial lab with share links', () => {
  afterEach(() => {
    cleanup();
    window.location.hash = '';
  });

  it('reopens the lab the link names at its cursor, and leaves the other labs alone', async () => {
    const { hash, cursor } = sharedRun();
    window.location.hash = hash;
    const frames = manualFrames();
    const named = render(<Lab scenario="stampede" labId="lab-2" options={{ strategy: 'lock' }} frames={frames} />);
    // The replay's code loads only for a link that carries a run: the lab shows first, then reaches the cursor.
    await waitFor(() => expect(scrubberText(named.container)).toContain(`event ${cursor.index} of`), { timeout: 10_000 });
    expect(named.container.querySelector('[data-share-notes]')).toBeNull();
    cleanup();
    const other = render(<Lab scenario="stampede" labId="lab-1" frames={frames} />);
    expect(scrubberText(other.container)).toMatch(/^0 ms of .*event \d+ of/);
    expect(screen.getByRole('button', { name: 'Share' })).toBeInTheDocument();
  });

  it('shows what a tampered link got wrong and opens with the rest', () => {
    window.location.hash = '#/lesson/10-stampede?lab=lab-1&scenario=stampede&burstSize=9999&strategy=lock';
    const { container } = render(<Lab scenario="stampede" labId="lab-1" frames={manualFrames()} />);
    const note = container.querySelector('[data-share-notes]');
    expect(note?.textContent).toContain('burstSize: must be <= 1000');
    expect(container.textContent).toContain('Burst of 50');
  });

  it('ignores a link whose scenario is not this lab\'s, with a note', () => {
    window.location.hash = '#/lesson/10-stampede?lab=lab-1&scenario=basics&ttlMs=5';
    const { container } = render(<Lab scenario="stampede" labId="lab-1" frames={manualFrames()} />);
    expect(container.querySelector('[data-share-notes]')?.textContent).toContain('this lab runs "stampede"');
  });
});
