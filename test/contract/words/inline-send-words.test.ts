// The replay editor's and the simulator's words beside their buttons, as the page said them itself.
import { describe, expect, it } from 'vitest';
import {
  failedWith,
  NOT_DONE_WORDS,
  notDoneUnreachableWords,
  replayedAsWords,
  schemaSavedWords,
  simulatedAsWords,
} from '../../../main/contract/words';

describe('what was not done', () => {
  it('names what did not happen, then why', () => {
    expect(Object.values(NOT_DONE_WORDS)).toEqual([
      'Nothing was sent',
      'No parameters were generated',
      'The schema was not saved',
      'The schema was not removed',
    ]);
    expect(notDoneUnreachableWords(NOT_DONE_WORDS.send)).toBe(
      'Nothing was sent: the companion could not be reached. Check that it is still running (the serve command, or the app), then try again.',
    );
    expect(failedWith(NOT_DONE_WORDS.saveSchema, 'the disk is full')).toBe('The schema was not saved: the disk is full');
  });
});

describe('what was sent or saved', () => {
  it('names the call the list now holds, and the schema saved or removed', () => {
    expect(replayedAsWords(12, false)).toBe('Replayed as call #12');
    expect(replayedAsWords(12, true)).toBe('Replayed with your parameters as call #12');
    expect(simulatedAsWords(13)).toBe('Sent as call #13');
    expect(schemaSavedWords('send_email', false)).toBe('Saved the schema of send_email');
    expect(schemaSavedWords('send_email', true)).toBe('Removed the schema of send_email');
  });
});
