import { Component, type ReactNode } from 'react';

interface Props {
  onReset: () => void;
  children: ReactNode;
}

/** Keeps a broken lab from blanking the lesson: it says what failed and offers a fresh start. */
export class LabErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <section className="cal-lab cal-lab-broken" role="alert">
        <p className="cal-lab-title">This lab stopped working.</p>
        <p className="cal-muted">{this.state.error.message}</p>
        <button
          type="button"
          className="cal-button cal-button-primary"
          onClick={() => {
            this.setState({ error: null });
            this.props.onReset();
          }}
        >
          Reset this lab
        </button>
      </section>
    );
  }
}
