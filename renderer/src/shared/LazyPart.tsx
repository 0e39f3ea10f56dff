import { Component, Suspense, type ReactNode } from 'react';

interface Props {
  /** What loads, for the sentence when it cannot: "the editor", "the Answers dialog". */
  what: string;
  /** Shown while it loads (default: nothing). */
  loading?: ReactNode;
  children: ReactNode;
}

/**
 * A part of the page loaded when first shown (the editor, some dialogs). Its file comes from the
 * companion: when the companion cannot be reached the load fails, and without this the failure
 * would unmount the whole page. It says so in place instead; the page loads it on a reload once
 * the companion is back (a failed load is not tried again in this page).
 */
export function LazyPart({ what, loading = null, children }: Props) {
  return (
    <LoadFailure what={what}>
      <Suspense fallback={loading}>{children}</Suspense>
    </LoadFailure>
  );
}

class LoadFailure extends Component<{ what: string; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <p className="form-error" role="alert" aria-label="Load error">
        {`${this.props.what[0]!.toUpperCase()}${this.props.what.slice(1)} could not be loaded: the companion could not be reached. Reload the page once it is running again.`}
      </p>
    );
  }
}
