import { act, render, screen } from '@testing-library/react';
import { createPlayer, manualFrames } from '../player/index.ts';
import { createLabStore } from './createLabStore.ts';
import { LabStoreProvider, PANEL_PHASES, PANEL_REFRESH_MS, useLabStore, useLabStoreThrottled } from './context.tsx';
import { fakeEngine } from './testing/fakeEngine.ts';

function Times() {
  const live = useLabStore((s) => s.cursor.time);
  const throttled = useLabStoreThrottled((s) => s.cursor.time);
  return (
    <p>
      <span data-testid="live">{live}</span> <span data-testid="throttled">{throttled}</span>
    </p>
  );
}

describe('lab store in React', () => {
  test('text panels redraw at most every PANEL_REFRESH_MS of frame time while playing, and at once when paused', () => {
    const store = createLabStore({ scenario: 'fake', engine: fakeEngine(), speed: 1 });
    const frames = manualFrames(1_000);
    createPlayer(store, frames);
    render(
      <LabStoreProvider store={store}>
        <Times />
      </LabStoreProvider>,
    );
    // A free-running clock with nothing on the wire: the cursor moves 16 ms per 16 ms frame at 1×.
    store.setState({ options: { readRatePerSec: 10 } });
    act(() => store.getState().play());
    act(() => frames.tick(16)); // the first frame only takes the timestamp
    const seen: [number, number][] = [];
    for (let i = 0; i < 7; i++) {
      act(() => frames.tick(16));
      seen.push([Number(screen.getByTestId('live').textContent), Number(screen.getByTestId('throttled').textContent)]);
    }
    expect(seen.map(([live]) => live)).toEqual([16, 32, 48, 64, 80, 96, 112]);
    // First frame shown, then nothing new until PANEL_REFRESH_MS later; a pause shows at once.
    expect(PANEL_REFRESH_MS).toBeGreaterThan(48);
    expect(PANEL_REFRESH_MS).toBeLessThanOrEqual(80);
    expect(seen.map(([, throttled]) => throttled)).toEqual([16, 16, 16, 16, 16, 96, 96]);
    act(() => store.getState().pause());
    expect(screen.getByTestId('throttled')).toHaveTextContent('112');
  });

  test('panels with different phases refresh on different frames, each still about every PANEL_REFRESH_MS', () => {
    function Phased() {
      const a = useLabStoreThrottled((s) => s.cursor.time, 0);
      const b = useLabStoreThrottled((s) => s.cursor.time, 2);
      return <p data-testid="phased">{`${a} ${b}`}</p>;
    }
    const store = createLabStore({ scenario: 'fake', engine: fakeEngine(), speed: 1 });
    store.setState({ options: { readRatePerSec: 10 } });
    const frames = manualFrames(1_000);
    createPlayer(store, frames);
    render(
      <LabStoreProvider store={store}>
        <Phased />
      </LabStoreProvider>,
    );
    act(() => store.getState().play());
    act(() => frames.tick(16.5));
    const shown: [number, number][] = [];
    for (let i = 0; i < 60; i++) {
      act(() => frames.tick(16.5));
      const [a, b] = screen.getByTestId('phased').textContent!.split(' ').map(Number);
      shown.push([a!, b!]);
    }
    const refreshes = (column: 0 | 1) => shown.flatMap((row, i) => (i > 0 && row[column] !== shown[i - 1]![column] ? [i] : []));
    const [a, b] = [refreshes(0), refreshes(1)];
    expect(a.filter((frame) => b.includes(frame))).toEqual([]);
    for (const list of [a, b]) {
      const gaps = list.slice(1).map((frame, i) => (frame - list[i]!) * 16.5);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(PANEL_REFRESH_MS);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(PANEL_REFRESH_MS + PANEL_REFRESH_MS / PANEL_PHASES + 16.5);
      expect(list.length).toBeGreaterThan(10);
    }
  });

  test('starting playback shows at once, even right after a refresh', () => {
    function Playing() {
      const playing = useLabStoreThrottled((s) => s.playback.playing, 1);
      return <p data-testid="playing">{playing ? 'playing' : 'paused'}</p>;
    }
    const store = createLabStore({ scenario: 'fake', engine: fakeEngine(), speed: 1 });
    store.setState({ options: { readRatePerSec: 10 } });
    const frames = manualFrames(1_000);
    createPlayer(store, frames);
    render(
      <LabStoreProvider store={store}>
        <Playing />
      </LabStoreProvider>,
    );
    act(() => store.getState().play());
    for (let i = 0; i < 3; i++) act(() => frames.tick(16.5));
    act(() => store.getState().pause());
    expect(screen.getByTestId('playing')).toHaveTextContent('paused');
    act(() => store.getState().play());
    expect(screen.getByTestId('playing')).toHaveTextContent('playing');
  });

  test('each provider gives its subtree its own store', () => {
    const a = createLabStore({ scenario: 'fake', engine: fakeEngine() });
    const b = createLabStore({ scenario: 'fake', engine: fakeEngine() });
    a.getState().seek(100);
    render(
      <>
        <LabStoreProvider store={a}>
          <Times />
        </LabStoreProvider>
        <LabStoreProvider store={b}>
          <Times />
        </LabStoreProvider>
      </>,
    );
    expect(screen.getAllByTestId('live').map((node) => node.textContent)).toEqual(['100', '0']);
  });
});
