// The call detail with no call to show, in the words the page said itself.
import { describe, expect, it } from 'vitest';
import { callLoadingWords, EMPTY_ANSWER_BODY, missingCallWords, NO_CALL_SELECTED, NOTHING_CAME_BACK } from '../../../main/contract/words';

describe('the call detail with no call to show', () => {
  it('says how to choose one, and that one is loading', () => {
    expect(NO_CALL_SELECTED).toBe('Select a call to see its request, answer and signature check. (↑/↓ move, / searches)');
    expect(callLoadingWords(7)).toBe('Loading call #7…');
  });

  it('tells a call that is gone from one that could not be read, and what to do about that', () => {
    expect(missingCallWords(7, null)).toBe('There is no call #7 in the history (it may have been cleared).');
    expect(missingCallWords(7, 'unreachable')).toBe(
      'Call #7 could not be loaded: the companion cannot be reached. It is loaded when the connection is back.',
    );
    expect(missingCallWords(7, 'failed')).toBe('Call #7 could not be loaded (the message above says why). Select it again to retry.');
  });

  it('tells an answer that never came from one with an empty body', () => {
    expect(NOTHING_CAME_BACK).toBe('Nothing came back: no status, headers or body.');
    expect(EMPTY_ANSWER_BODY).toBe('The answer’s body is empty.');
  });
});
