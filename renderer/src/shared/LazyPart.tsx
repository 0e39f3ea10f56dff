import { Component, lazy, Suspense, type ReactNode } from 'react';
import { Dialog } from './Dialog';

/**
 * A part of the page loaded when first shown, which can be loaded again after a failure: a
 * component made by React's `lazy` keeps its failed load for good, so `retry` makes a new one.
 */
export interface RetryableLazy<P extends object> {
  (props: P): ReactNode;
  retry: () => void;
}

export function retryableLazy<P extends object>(load: () => Promise<{ default: (props: P) => ReactNode }>): RetryableLazy<P> {
  let Loaded = lazy(load);
  const Part = (props: P) => <Loaded {...props} />;
  Part.retry = () => {
    Loaded = lazy(load);
  };
  return Part;
}

/** Where a part that could not load says so: in place, or, for a dialog, in a dialog of its own title. */
interface FailureDialog {
  title: string;
  closeLabel: string;
  onClose: () => void;
}

interface Props {
  /** What loads, for the sentence when it cannot: "the editor", "the Answers dialog". */
  what: string;
  /** Shown while it loads (default: nothing). */
  loading?: ReactNode;
  /** Loads it again (`retryableLazy`'s retry), for the failure's "Try again". */
  retry: () => void;
  /** A dialog says its failure in a dialog, above the page, not at the page's foot. */
  dialog?: FailureDialog;
  children: ReactNode;
}

/**
 * A part of the page loaded when first shown (the editor, some dialogs). Its file comes from the
 * companion: when the companion cannot be reached the load fails, and without this the failure
 * would unmount the whole page. It says so in place instead, with a button that loads it again
 * once the companion is back.
 */
export function LazyPart({ what, loading = null, retry, dialog, children }: Props) {
  return (
    <LoadFailure what={what} retry={retry} dialog={dialog}>
      <Suspense fallback={loading}>{children}</Suspense>
    </LoadFailure>
  );
}

interface FailureProps {
  what: string;
  retry: () => void;
  dialog: FailureDialog | undefined;
  children: ReactNode;
}

interface FailureState {
  failed: boolean;
  /** "Try again" was pressed: a failure now is a second one, and the browser may be keeping the first. */
  retried: boolean;
}

class LoadFailure extends Component<FailureProps, FailureState> {
  state: FailureState = { failed: false, retried: false };

  static getDerivedStateFromError(): Partial<FailureState> {
    return { failed: true };
  }

  private tryAgain = () => {
    this.props.retry();
    this.setState({ failed: false, retried: true });
  };

  render() {
    if (!this.state.failed) return this.props.children;
    const { what, dialog } = this.props;
    const What = `${what[0]!.toUpperCase()}${what.slice(1)}`;
    // Some browsers keep a failed load of a part of the page until the page is loaded again, so
    // a second failure offers the reload (which keeps the selected call: it is in the address).
    const failure = this.state.retried ? (
      <div className="load-failure">
        <p className="form-error" role="alert" aria-label="Load error">
          {`${What} could not be loaded again. If the companion is running, reload the page: this browser keeps a failed load until then.`}
        </p>
        <button type="button" onClick={this.tryAgain}>
          Try again
        </button>
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </div>
    ) : (
      <div className="load-failure">
        <p className="form-error" role="alert" aria-label="Load error">
          {`${What} could not be loaded: the companion could not be reached. Try again once it is running again.`}
        </p>
        <button type="button" onClick={this.tryAgain}>
          Try again
        </button>
      </div>
    );
    if (!dialog) return failure;
    return (
      <Dialog title={dialog.title} closeLabel={dialog.closeLabel} onClose={dialog.onClose}>
        {failure}
      </Dialog>
    );
  }
}
