import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** What failed, for the message ("this lesson", "the page"). */
  what?: string;
  onRetry?: () => void;
  /** Smaller message for one block inside a lesson, without the way home. */
  compact?: boolean;
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
    if (this.props.compact) {
      return (
        <div className="error-panel error-panel-compact" role="alert">
          <p>
            <strong>Could not show {this.props.what ?? 'this part'}.</strong> The rest of the lesson still works.{' '}
            <button type="button" className="button button-quiet" onClick={this.retry}>
              Try again
            </button>
          </p>
          <details>
            <summary>Technical details</summary>
            <pre>{error.message}</pre>
          </details>
        </div>
      );
    }
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
