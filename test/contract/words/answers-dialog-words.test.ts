// The Answers dialog's sentences, said in the shared words as the page said them itself: the
// pieces set apart as code stay apart, so the page shows them as before.
import { describe, expect, it } from 'vitest';
import {
  answerSettingsNotLoadedWords,
  ANSWER_SETTINGS_UNREACHABLE,
  editedMockWords,
  forwardTargetSavedWords,
  handlerUnreachableWords,
  MOCK_TEMPLATE_NOTE,
  mockFileWords,
  mockFromCallFailedWords,
  mockFromCallSavedWords,
  mockNotCheckedWords,
  noTargetToRemoveWords,
  startupForwardTargetWords,
  unsavedAnswersWords,
  type CodePart,
} from '../../../main/contract/words';

/** The parts as the page's markup has them. */
const markup = (parts: readonly CodePart[]) => parts.map((part) => ('text' in part ? part.text : `<code>${part.code}</code>`)).join('');

describe('what the Answers dialog holds unsaved', () => {
  it('names the mocks edited, the default first and the others in name order, then the targets typed', () => {
    expect(unsavedAnswersWords([], [])).toBeNull();
    expect(unsavedAnswersWords(['send_email'], [])).toBe('the mock of send_email');
    expect(unsavedAnswersWords(['send_email', null, 'charge_card'], [])).toBe(
      'the default mock and the mocks of charge_card and send_email',
    );
    expect(unsavedAnswersWords(['c', 'a', 'b'], [])).toBe('the mocks of a, b and c');
    expect(unsavedAnswersWords(['send_email'], ['send_email', null])).toBe(
      'the mock of send_email and the forward target URL of send_email and the default forward target URL',
    );
    expect(unsavedAnswersWords([], [null])).toBe('the default forward target URL');
  });

  it('names the mock a clear would delete', () => {
    expect(editedMockWords(null)).toBe('the default mock');
    expect(editedMockWords('send_email')).toBe('the mock of send_email');
  });
});

describe("a project's answer file, over the mock editor", () => {
  it('keeps the file name and the lines left alone as code', () => {
    const file = 'flowent/answers/send_email.yaml';
    expect(markup(mockFileWords(file, 'missing'))).toBe(
      'The project has no <code>flowent/answers/send_email.yaml</code>: saving writes it.',
    );
    expect(markup(mockFileWords(file, 'mistake'))).toBe(
      "The project's <code>flowent/answers/send_email.yaml</code> has a mistake (said above): fix it in the file first, as saving here would overwrite it.",
    );
    expect(markup(mockFileWords(file, 'exists'))).toBe(
      "From the project's <code>flowent/answers/send_email.yaml</code>: saving writes the mock into that file as typed here, comments " +
        "included (JSON is written as YAML, the file's comments kept), its <code>version:</code>, <code>mode:</code> and " +
        '<code>forward:</code> lines left as they are; clearing removes the mock from it.',
    );
  });

  it('keeps a backtick in a folder name as it is, not as the start of code', () => {
    expect(mockFileWords('my`flowent/answers/_default.yaml', 'missing')[1]).toEqual({ code: 'my`flowent/answers/_default.yaml' });
  });

  it('names the templates under the editor as code', () => {
    expect(markup(MOCK_TEMPLATE_NOTE)).toBe(
      'Bodies are templates: <code>{{parameters.recipient}}</code>, <code>{{action_name}}</code>, <code>{{now}}</code>, ' +
        '<code>{{uuid}}</code>. Rules are tried in order; the fallback answers when none matches.',
    );
  });
});

describe('a mock made from a call', () => {
  it('says which mock it is, and when its action forwards, that it does not answer yet', () => {
    expect(mockFromCallSavedWords(null, false)).toBe('Saved as the default mock');
    expect(mockFromCallSavedWords('send_email', false)).toBe('Saved as the mock for send_email');
    expect(mockFromCallSavedWords('send_email', true)).toBe(
      'Saved as the mock for send_email, but send_email forwards to your handler, so the mock does not answer yet.',
    );
  });

  it('says which call could not be made one, and why when the companion refused', () => {
    expect(mockFromCallFailedWords(12)).toBe('Could not make a mock from call #12');
    expect(mockFromCallFailedWords(12, 'There is no call #12.')).toBe('Could not make a mock from call #12: There is no call #12.');
  });
});

describe('the settings and the forward target', () => {
  it('says why the settings are not there, and that they come by themselves once the companion is back', () => {
    expect(ANSWER_SETTINGS_UNREACHABLE).toBe(
      'The answer settings could not be loaded: the companion could not be reached. They load by themselves once it is running again.',
    );
    expect(answerSettingsNotLoadedWords('the disk is full')).toBe('The answer settings could not be loaded: the disk is full');
    expect(mockNotCheckedWords('socket hang up')).toBe('Could not check the mock: socket hang up');
  });

  it('says a target saved or removed, and why there is none to remove', () => {
    expect(forwardTargetSavedWords(true)).toBe('Forward target saved');
    expect(forwardTargetSavedWords(false)).toBe('Forward target removed');
    expect(noTargetToRemoveWords(null)).toBe('Type a URL to save: the default has no target to remove');
    expect(noTargetToRemoveWords('send_email')).toBe('Type a URL to save: send_email has no target to remove');
  });

  it("says the forwarding facts, a startup target's password as ***", () => {
    expect(startupForwardTargetWords(null)).toBe('none (serve --forward sets one)');
    expect(startupForwardTargetWords('http://me:pw@localhost:8000/actions/{action_name}')).toBe(
      'http://me:***@localhost:8000/actions/{action_name}',
    );
    expect(handlerUnreachableWords(true)).toBe('answer with the mock');
    expect(handlerUnreachableWords(false)).toBe('answer with an error (502/504)');
  });
});
