import { act, render, screen } from '@testing-library/react';
import { lazyPanel, PanelPlaceholder } from './lazyPanel.tsx';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const Greeting = ({ name }: { name: string }) => <p>Hello {name}</p>;

describe('lazyPanel', () => {
  test('shows the same-size placeholder until the code arrives, then the panel with its props', async () => {
    const code = deferred<typeof Greeting>();
    const Panel = lazyPanel(() => code.promise, <PanelPlaceholder label="the greeting" minHeight={240} />);
    render(<Panel name="Ada" />);
    const placeholder = screen.getByRole('status');
    expect(placeholder).toHaveTextContent('Loading the greeting…');
    expect(placeholder.style.minHeight).toBe('240px');
    await act(async () => code.resolve(Greeting));
    expect(screen.getByText('Hello Ada')).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  test('once preloaded, it renders at once: no placeholder flash', async () => {
    let loads = 0;
    const Panel = lazyPanel(async () => {
      loads++;
      return Greeting;
    }, <PanelPlaceholder label="the greeting" minHeight={100} />);
    await Panel.preload();
    render(<Panel name="Grace" />);
    expect(screen.getByText('Hello Grace')).toBeInTheDocument();
    await Panel.preload();
    expect(loads).toBe(1);
  });

  test('a failed load can be retried', async () => {
    let fail = true;
    const Panel = lazyPanel(async () => {
      if (fail) throw new Error('offline');
      return Greeting;
    }, null);
    await expect(Panel.preload()).rejects.toThrow('offline');
    fail = false;
    await Panel.preload();
    render(<Panel name="Alan" />);
    expect(screen.getByText('Hello Alan')).toBeInTheDocument();
  });
});
