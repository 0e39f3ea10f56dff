// The page's confirmations (ConfirmBox): what each asks about, its question and its two buttons.
// The tables are checked by their shape and by the names people and the page's tests go by, not
// restated entry by entry: a rewording is made once, in confirm-words.ts.
import { describe, expect, it } from 'vitest';
import {
  CHANGE_TOKEN_QUESTION,
  clearHistoryQuestion,
  CONFIRM_WORDS,
  CONFIRMING,
  confirmGroupWords,
  type Confirming,
  deleteActionQuestion,
  deleteActionWords,
  deleteProfileQuestion,
  deleteProfileWords,
  KEEP_WORDS,
} from '../../../main/contract/words';

describe("the page's confirmations", () => {
  it('name what each asks about as a doing, after "Confirm" in its accessible name', () => {
    for (const [name, what] of Object.entries(CONFIRMING)) {
      expect(what, name).toMatch(/^[a-z]+ing [^.]*[a-z]$/);
      expect(confirmGroupWords(name as Confirming), name).toBe(`Confirm ${what}`);
    }
    expect(new Set(Object.values(CONFIRMING)).size).toBe(Object.keys(CONFIRMING).length);
    expect(confirmGroupWords('clearHistory')).toBe('Confirm clearing history');
    expect(confirmGroupWords('clearMock')).toBe('Confirm clearing the mock');
  });

  it('label the buttons that go ahead and that keep things, as buttons: capitalised, no full stop', () => {
    const buttons = [
      ...Object.values(CONFIRM_WORDS),
      ...Object.values(KEEP_WORDS),
      deleteProfileWords('staging'),
      deleteActionWords('send_email'),
    ];
    for (const button of buttons) expect(button).toMatch(/^[A-Z][^.]*[a-z]$/);
    expect(CONFIRM_WORDS.clearHistory).toBe('Delete all calls');
    expect(KEEP_WORDS.cancel).toBe('Cancel');
    expect(deleteProfileWords('staging')).toBe('Delete staging for good');
  });

  it('ask what is lost, naming what goes, and say it cannot be undone', () => {
    const questions = [
      deleteProfileQuestion('staging'),
      deleteActionQuestion('send_email'),
      CHANGE_TOKEN_QUESTION,
      clearHistoryQuestion(null),
    ];
    for (const question of questions) expect(question).toMatch(/^[A-Z].*[^.]\.$/);
    expect(deleteProfileQuestion('staging')).toContain('the profile staging?');
    expect(deleteActionQuestion('send_email')).toBe('Flowent stops calling send_email and forgets it; this cannot be undone.');
    expect(clearHistoryQuestion(1200)).toBe('Delete all 1,200 stored calls? This cannot be undone.');
    expect(clearHistoryQuestion(null)).toBe('Delete all stored calls? This cannot be undone.');
    expect(clearHistoryQuestion(1)).toBe('Delete the 1 stored call? This cannot be undone.');
  });
});
