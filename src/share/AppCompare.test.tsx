import { cleanup, render, screen, act, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { manualFrames } from '../player/index.ts';
import type { CompareSpec } from '../scenarios/compare.ts';
import { CompareLab } from './AppCompare.tsx';

const stampede: CompareSpec = {
  left: { label: 'Plain', options: { strategy: 'plain' } },
  right: [
    { label: 'Lock', options: { strategy: 'lock' } },
    { label: 'Single-flight', options: { strategy: 'coalesce' } },
  ],
  metrics: ['dbReads'],
  actions: ['burst'],
};

const summary = () => screen.getByTestId('compare-summary').textContent;

describe('the side-by-side lab with share links', () => {
  afterEach(() => {
    cleanup();
    window.location.hash = '';
  });

  it('Share gives a link that reopens both sides at that moment with the picked right-hand side', async () => {
    window.location.hash = '#/lesson/10-cache-stampede';
    const user = userEvent.setup();
    const frames = manualFrames();
    render(<CompareLab scenario="stampede" labId="compare-1" compare={stampede} frames={frames} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Beside Plain' }), 'Single-flight');
    await user.selectOptions(screen.getByLabelText('Playback speed'), '64');
    await user.click(screen.getByRole('button', { name: 'Burst of 50' }));
    for (let i = 0; i < 2_000 && frames.pending > 0; i++) act(() => frames.tick(50));
    expect(summary()).toContain('Database reads: 50 vs 1 (Plain 50, Single-flight 1)');
    await user.click(screen.getByRole('button', { name: 'Share' }));
    const url = (screen.getByRole('textbox', { name: 'Link to this moment' }) as HTMLInputElement).value;
    expect(url).toMatch(/[?&]lab=compare-1&/);
    expect(url).toMatch(/&side=1#share-compare-1$/);
    // The sides' options come from the block, never from the link.
    expect(url).not.toMatch(/strategy=/);
    cleanup();

    window.location.hash = url.slice(url.indexOf('#'));
    render(<CompareLab scenario="stampede" labId="compare-1" compare={stampede} frames={manualFrames()} />);
    expect(screen.getByRole('region', { name: 'Single-flight (right)' })).toBeInTheDocument();
    // The replay runs in slices of ~20 ms; on a busy machine it takes more than the first one.
    await waitFor(() => expect(summary()).toContain('Database reads: 50 vs 1 (Plain 50, Single-flight 1)'), { timeout: 15_000 });
    expect(document.querySelector('[data-share-notes]')).toBeNull();
  }, 30_000);

  it('a side the lab does not have is named in a note and the first one shows', () => {
    window.location.hash = '#/lesson/10-cache-stampede?lab=compare-1&side=7';
    render(<CompareLab scenario="stampede" labId="compare-1" compare={stampede} frames={manualFrames()} />);
    expect(document.querySelector('[data-share-notes]')?.textContent).toContain('side: this lab has 2 right-hand sides (0 to 1); showing Lock');
    expect(screen.getByRole('region', { name: 'Lock (right)' })).toBeInTheDocument();
  });
});
