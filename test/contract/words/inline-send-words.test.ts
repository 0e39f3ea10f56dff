// The replay editor's and the simulator's words beside their buttons, as the page said them itself.
import { describe, expect, it } from 'vitest';
import {
  draftKeptWords,
  failedWith,
  noParametersToEditWords,
  SIMULATOR_NO_ACTIONS,
  STALE_RESULT_NOTE,
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

describe('the replay editor and the simulator, beside their fields', () => {
  it('says kept edits, why there is nothing to edit, a stale result and no action to offer', () => {
    expect(draftKeptWords(4)).toBe('The edited parameters of call #4 are kept: choose the call again to go on with them.');
    expect(noParametersToEditWords(true)).toBe(
      'No parameters to edit: this is Flowent’s registration check, which Flowent only ever sends with empty parameters. Replay it as is or re-signed, or to see what a handler makes of parameters, simulate a call.',
    );
    expect(noParametersToEditWords(false)).toBe(
      "No parameters to edit: this call's body is not a JSON object, so it has none. Replay it as is, or to see what a handler makes of parameters, simulate a call.",
    );
    expect(STALE_RESULT_NOTE).toBe('The result of the previous send: the call has changed since. Send it to see its answer.');
    expect(SIMULATOR_NO_ACTIONS).toBe(
      'No action is known yet: none has been called, registered or defined here. Type an action name below (and define its JSON Schema to generate parameters), or send a call to the webhook URL first.',
    );
  });
});
