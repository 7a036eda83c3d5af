import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** What failed, for the message ("this lesson", "the page"). */
  what?: string;
  onRetry?: () => void;
}

/** Turns a render or load error into a readable message with a way out, instead of a blank page. */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.warn('Cache-Aside Lab caught an error:', error, info.componentStack);
  }

  private readonly retry = () => {
    this.props.onRetry?.();
    this.setState({ error: null });
  };

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="error-panel" role="alert">
        <h2>Something went wrong showing {this.props.what ?? 'this page'}.</h2>
        <p>
          The rest of the tutorial still works. Try again, or go back to the <a href="#/">lesson overview</a>.
        </p>
        <details>
          <summary>Technical details</summary>
          <pre>{error.message}</pre>
        </details>
        <button type="button" className="button" onClick={this.retry}>
          Try again
        </button>
      </div>
    );
  }
}
