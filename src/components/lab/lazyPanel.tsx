import { Suspense, lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';

/** A view whose code loads on first render; `preload` starts that early (on hover, focus, or in tests). */
export interface LazyPanel<P extends object> {
  (props: P): ReactNode;
  preload(): Promise<void>;
}

/**
 * Wraps `load` (a dynamic import) so the view's code leaves the first load; `fallback` holds its
 * place meanwhile (a function of the props when the space depends on them). Once loaded it renders
 * without suspending, so a panel opened again (or preloaded) never flashes its placeholder.
 * @example const Code = lazyPanel(() => import('./panels/CodeTab.tsx').then((m) => m.CodeTab), <Placeholder />);
 */
export function lazyPanel<P extends object>(load: () => Promise<ComponentType<P>>, fallback: ReactNode | ((props: P) => ReactNode)): LazyPanel<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<void> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (component) => {
        loaded = component;
      },
      (error: unknown) => {
        // A failed fetch (offline) may be retried: the lab's error boundary resets and renders again.
        loading = null;
        current = makeLazy();
        throw error;
      },
    ));
  // A thenable that resolves synchronously lets React.lazy render loaded code without suspending.
  const makeLazy = (): LazyExoticComponent<ComponentType<P>> =>
    lazy(() => (loaded ? ({ then: (resolve: (m: { default: ComponentType<P> }) => void) => resolve({ default: loaded! }) } as unknown as Promise<{ default: ComponentType<P> }>) : preload().then(() => ({ default: loaded! }))));
  let current = makeLazy();
  function Panel(props: P) {
    const Current = current;
    return (
      <Suspense fallback={typeof fallback === 'function' ? fallback(props) : fallback}>
        <Current {...props} />
      </Suspense>
    );
  }
  return Object.assign(Panel, { preload });
}

/** The space a panel takes while its code loads, so nothing below it jumps. */
export function PanelPlaceholder({ label, minHeight, waiting }: { label: string; minHeight: number; waiting?: string }) {
  return (
    <div className="cal-panel-loading" style={{ minHeight, display: 'grid', placeItems: 'center' }} role={waiting ? undefined : 'status'}>
      <span className="cal-muted">{waiting ?? `Loading ${label}…`}</span>
    </div>
  );
}
