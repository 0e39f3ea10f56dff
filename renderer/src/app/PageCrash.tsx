import { Component, type ReactNode } from 'react';
import { pageStoppedWords, RELOAD_THE_PAGE } from '../../../main/contract/words';
import { pageErrorText } from '../shared/page-error-text';

interface State {
  /** The error the page stopped on (null: it runs). */
  error: string | null;
}

/**
 * The last stop for an error of the page's own code: without it React unmounts the whole page
 * and leaves it blank, with no word of what happened or what to do. The parts loaded when first
 * shown catch their own (LazyPart), so this is for the rest.
 */
export class PageCrash extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: pageErrorText(error) };
  }

  render() {
    if (this.state.error === null) return this.props.children;
    return (
      <main className="no-bridge">
        <h1>Flowent Companion</h1>
        <p role="alert" aria-label="Page error">
          {pageStoppedWords(this.state.error)}
        </p>
        <button type="button" onClick={() => window.location.reload()}>
          {RELOAD_THE_PAGE}
        </button>
      </main>
    );
  }
}
