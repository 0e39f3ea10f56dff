/**
 * What the page's call detail says when it shows no call: none selected, one loading, or one it
 * could not show. A call that is not stored is said as `calls <id>` says it (noSuchCalls), with
 * what to do about a read that failed.
 */
import { noSuchCalls } from './calls-words';

/** The pane with no call selected, with the keys that move through the list. */
export const NO_CALL_SELECTED = 'Select a call to see its request, answer and signature check. (↑/↓ move, / searches)';

/** The pane while the call's details are read. */
export function callLoadingWords(id: number): string {
  return `Loading call #${id}…`;
}

/**
 * Why a selected call shows no details: gone (`failure` null), or a read that failed, out of
 * reach or for a reason the banner says. Gone is said in the command line's words: "no call #7
 * in the history (it may have been cleared)" says why too, where "no longer stored" left a call
 * the list showed a moment ago unexplained, and it holds for an address typed with a wrong id.
 */
export function missingCallWords(id: number, failure: 'unreachable' | 'failed' | null): string {
  switch (failure) {
    case null:
      return noSuchCalls([id]);
    case 'unreachable':
      return `Call #${id} could not be loaded: the companion cannot be reached. It is loaded when the connection is back.`;
    case 'failed':
      return `Call #${id} could not be loaded (the message above says why). Select it again to retry.`;
    default: {
      const never: never = failure;
      return never;
    }
  }
}

/** An answer that never came: no status, no headers, no body (not an empty body). */
export const NOTHING_CAME_BACK = 'Nothing came back: no status, headers or body.';

/** An answer whose body is empty. */
export const EMPTY_ANSWER_BODY = 'The answer’s body is empty.';

/** The heading of what is wrong with the request a call brought, above its problem. */
export const REQUEST_PROBLEM_HEADING = 'Problem with the request';

/** The heading of what the answer breaks of Flowent's contract, above the list of it. */
export const ANSWER_PROBLEM_HEADING = 'Problem with the answer';
