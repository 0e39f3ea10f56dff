// A part of the page loaded when first shown, in the words the page said itself: while it loads,
// when the companion could not be reached, and when a second load failed too.
import { describe, expect, it } from 'vitest';
import {
  partLoadingWords,
  partNotLoadedAgainWords,
  partNotLoadedWords,
  partStoppedWords,
  pageStoppedWords,
  RELOAD_THE_PAGE,
  TRY_LOADING_AGAIN,
} from '../../../main/contract/words';

describe('a part of the page loaded when first shown', () => {
  it('says it is loading', () => {
    expect(partLoadingWords('editor')).toBe('Loading the editor…');
  });

  it('says each part could not be loaded, and that it can be loaded again once the companion runs', () => {
    expect(partNotLoadedWords('editor')).toBe(
      'The editor could not be loaded: the companion could not be reached. Try again once it is running again.',
    );
    expect(partNotLoadedWords('answers')).toBe(
      'The Answers dialog could not be loaded: the companion could not be reached. Try again once it is running again.',
    );
    expect(partNotLoadedWords('account')).toBe(
      'The Flowent account dialog could not be loaded: the companion could not be reached. Try again once it is running again.',
    );
    expect(partNotLoadedWords('project')).toBe(
      'The Project dialog could not be loaded: the companion could not be reached. Try again once it is running again.',
    );
    expect(TRY_LOADING_AGAIN).toBe('Try again');
  });

  it('offers the reload when a second load failed too', () => {
    expect(partNotLoadedAgainWords('answers')).toBe(
      'The Answers dialog could not be loaded again. If the companion is running, reload the page: this browser keeps a failed load until then.',
    );
    expect(RELOAD_THE_PAGE).toBe('Reload the page');
  });
});

describe('a part of the page that loaded and then stopped', () => {
  it('says so with the error, not that the companion could not be reached', () => {
    expect(partStoppedWords('project', 'RangeError: Invalid time value')).toBe(
      'The Project dialog stopped on an error in the page (RangeError: Invalid time value). Try again; if it stops again, reload the page.',
    );
  });
});

describe('the whole page stopped', () => {
  it('says so with the error, and that the companion goes on', () => {
    expect(pageStoppedWords('TypeError: x is undefined')).toBe(
      'The page stopped on an error (TypeError: x is undefined). Reload the page to go on: the companion, and the calls it stored, are not affected.',
    );
  });
});
