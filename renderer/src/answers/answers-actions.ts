import type {
  AnswerMode,
  AnswerSettings,
  AnswersFailure,
  DefinitionError,
  MockCheck,
  MockFormat,
  Result,
} from '../../../main/contract/api';
import { isUnreachable, type RendererBridge } from '../transport/connection';
import { currentBridge } from '../page/bridge-holder';
import { runResult } from '../page/run-result';
import { useMetaStore } from '../page/stores';
import { openPanel, reportError, showToast } from '../page/ui-actions';
import { answerFor } from './answer-routes';
import { useAnswersStore } from './answers-store';
import { inPageWords } from '../page/page-words';
import {
  ANSWER_MODE_SAVED,
  ANSWER_SETTINGS_NOT_READ,
  ANSWER_SETTINGS_UNREACHABLE,
  answerSettingsNotLoadedWords,
  forwardTargetSavedWords,
  MOCK_CLEARED,
  MOCK_NOT_SAVED,
  MOCK_SAVED,
  mockFromCallFailedWords,
  mockFromCallSavedWords,
  mockNotCheckedWords,
  mockNotSavedWords,
  NOT_CONNECTED,
  PAGE_FAILURE_WORDS,
  type PageFailure,
} from '../../../main/contract/words';
import { requestFailureWords } from '../page/request-failure-words';

/** What a save reports back to the form that asked: null, or a message (and per-path problems). */
export interface SaveOutcome {
  message: string;
  errors: DefinitionError[];
}

/** Reads the answer settings into the store; returns them, or null when they could not be read (said in a banner). */
export async function loadAnswerSettings(): Promise<AnswerSettings | null> {
  const b = currentBridge();
  if (!b) return null;
  try {
    const answers = await b.getAnswerSettings();
    useMetaStore.setState({ answers });
    useAnswersStore.setState({ loadFailure: null });
    return answers;
  } catch (error) {
    reportError(ANSWER_SETTINGS_NOT_READ, error);
    // The banner is behind the Answers dialog's overlay: the dialog says it too, where it waits.
    useAnswersStore.setState({ loadFailure: loadFailureWords(error) });
    return null;
  }
}

function loadFailureWords(error: unknown): string {
  return isUnreachable(error) ? ANSWER_SETTINGS_UNREACHABLE : answerSettingsNotLoadedWords(requestFailureWords(error));
}

/** A settings change: its toast on success, and the settings read again. */
function settle<T>(
  failure: PageFailure,
  call: (b: RendererBridge) => Promise<Result<T, AnswersFailure>>,
  done: string,
): Promise<string | null> {
  return runResult(failure, call, () => {
    showToast(done);
    void loadAnswerSettings();
  });
}

export function saveAnswerMode(action: string | null, mode: AnswerMode | null): Promise<string | null> {
  return settle(PAGE_FAILURE_WORDS.changeAnswerMode, (b) => b.setAnswerMode(action, mode), ANSWER_MODE_SAVED);
}

export function saveForwardTarget(action: string | null, url: string | null): Promise<string | null> {
  return settle(PAGE_FAILURE_WORDS.saveForwardTarget, (b) => b.setForwardTarget(action, url), forwardTargetSavedWords(Boolean(url)));
}

export function removeMock(action: string | null): Promise<string | null> {
  return settle(PAGE_FAILURE_WORDS.clearMock, (b) => b.clearMock(action), MOCK_CLEARED);
}

export async function saveMock(action: string | null, text: string, format: MockFormat): Promise<SaveOutcome | null> {
  const b = currentBridge();
  if (!b) return { message: NOT_CONNECTED, errors: [] };
  try {
    const result = await b.setMock(action, text, format);
    if (!result.ok && result.code === 'invalid-mock') {
      // The problems are listed beside the editor: the message says they are, not the first one again.
      return { message: mockNotSavedWords(result.errors.length), errors: result.errors };
    }
    if (!result.ok) return { message: inPageWords(result), errors: [] };
    showToast(MOCK_SAVED);
    void loadAnswerSettings();
    return null;
  } catch (error) {
    reportError(MOCK_NOT_SAVED, error);
    return null;
  }
}

/** Checks without storing; a transport failure is reported as one problem, not thrown. */
export async function checkMockText(text: string, format: MockFormat): Promise<MockCheck> {
  const b = currentBridge();
  if (!b) return { ok: false, errors: [{ path: '', message: NOT_CONNECTED }] };
  try {
    return await b.checkMock(text, format);
  } catch (error) {
    return {
      ok: false,
      errors: [{ path: '', message: mockNotCheckedWords(error instanceof Error ? error.message : String(error)) }],
    };
  }
}

/**
 * Makes the call's answer its action's mock. Success is a toast, failure a banner. When the
 * action forwards to the developer's handler the new mock would not answer: the toast says so
 * and the Answers dialog opens on the action, with the one click that makes the mock answer.
 */
export async function mockFromCall(callId: number): Promise<void> {
  const b = currentBridge();
  if (!b) return;
  try {
    const result = await b.mockFromCall(callId);
    if (!result.ok) {
      reportError(mockFromCallFailedWords(callId, inPageWords(result)));
      return;
    }
    const { action } = result.value;
    const settings = await loadAnswerSettings();
    if (action !== null && settings && answerFor(settings, action).mode === 'forward') {
      showToast(mockFromCallSavedWords(action, true), 6000);
      useAnswersStore.setState({ openOn: action });
      openPanel('answers');
      return;
    }
    showToast(mockFromCallSavedWords(action, false));
  } catch (error) {
    reportError(mockFromCallFailedWords(callId), error);
  }
}
