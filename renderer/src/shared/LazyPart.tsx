import { Component, lazy, Suspense, type ReactNode } from 'react';
import { Dialog } from './Dialog';
import { pageErrorText } from './page-error-text';
import {
  partNotLoadedAgainWords,
  partNotLoadedWords,
  partStoppedWords,
  RELOAD_THE_PAGE,
  TRY_LOADING_AGAIN,
  type PagePart,
} from '../../../main/contract/words';

/**
 * A part of the page loaded when first shown, which can be loaded again after a failure: a
 * component made by React's `lazy` keeps its failed load for good, so `retry` makes a new one.
 */
export interface RetryableLazy<P extends object> {
  (props: P): ReactNode;
  retry: () => void;
}

export function retryableLazy<P extends object>(load: () => Promise<{ default: (props: P) => ReactNode }>): RetryableLazy<P> {
  const marked = () =>
    load().catch((cause: unknown) => {
      throw new PartNotLoaded(cause);
    });
  let Loaded = lazy(marked);
  const Part = (props: P) => <Loaded {...props} />;
  Part.retry = () => {
    Loaded = lazy(marked);
  };
  return Part;
}

/** A part's file that did not come: told apart from an error of the part once loaded. */
class PartNotLoaded extends Error {
  constructor(cause: unknown) {
    super('A part of the page could not be loaded', { cause });
  }
}

/** Where a part that could not load says so: in place, or, for a dialog, in a dialog of its own title. */
interface FailureDialog {
  title: string;
  closeLabel: string;
  onClose: () => void;
}

interface Props {
  /** What loads, as the sentence when it cannot names it. */
  part: PagePart;
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
 * once the companion is back. A part that loaded and then stops on an error of its own is said
 * as that, with the error: it is no sign of the connection.
 */
export function LazyPart({ part, loading = null, retry, dialog, children }: Props) {
  return (
    <LoadFailure part={part} retry={retry} dialog={dialog}>
      <Suspense fallback={loading}>{children}</Suspense>
    </LoadFailure>
  );
}

interface FailureProps {
  part: PagePart;
  retry: () => void;
  dialog: FailureDialog | undefined;
  children: ReactNode;
}

interface FailureState {
  /** Why the part is not shown: its file did not come, or it stopped on an error once loaded. */
  failed: { load: true } | { load: false; error: string } | null;
  /** "Try again" was pressed: a failure now is a second one, and the browser may be keeping the first. */
  retried: boolean;
}

class LoadFailure extends Component<FailureProps, FailureState> {
  state: FailureState = { failed: null, retried: false };

  static getDerivedStateFromError(error: unknown): Partial<FailureState> {
    if (error instanceof PartNotLoaded) return { failed: { load: true } };
    return { failed: { load: false, error: pageErrorText(error) } };
  }

  private tryAgain = () => {
    // A part that loaded has nothing to load again: it is drawn again.
    if (this.state.failed?.load) this.props.retry();
    this.setState({ failed: null, retried: true });
  };

  render() {
    const { failed, retried } = this.state;
    if (!failed) return this.props.children;
    const { part, dialog } = this.props;
    // Some browsers keep a failed load of a part of the page until the page is loaded again, so
    // a second failure offers the reload (which keeps the selected call: it is in the address);
    // so does an error of the part's own, which may come again.
    const failure = (
      <div className="load-failure">
        <p className="form-error" role="alert" aria-label={failed.load ? 'Load error' : 'Page error'}>
          {!failed.load ? partStoppedWords(part, failed.error) : retried ? partNotLoadedAgainWords(part) : partNotLoadedWords(part)}
        </p>
        <button type="button" onClick={this.tryAgain}>
          {TRY_LOADING_AGAIN}
        </button>
        {(!failed.load || retried) && (
          <button type="button" onClick={() => window.location.reload()}>
            {RELOAD_THE_PAGE}
          </button>
        )}
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
