/**
 * What the Answers dialog says of the answer settings as a whole and of an action's mode and
 * forward target: while the settings load, when they cannot be read, a mode or target saved,
 * why there is no target to remove, and the forwarding facts under them. The command line says
 * its own of the same acts in answer-setting-words.ts (modeSetWords, targetSetWords), with where
 * they were written.
 */
import { redactUrlCredentials } from '../url-credentials';

/** Said in the dialog until the settings are read. */
export const ANSWER_SETTINGS_LOADING = 'Loading the answer settings…';

/** Heads the banner when the settings could not be read. */
export const ANSWER_SETTINGS_NOT_READ = 'Could not load the answer settings';

/** Said in the dialog, behind whose overlay the banner is, when the companion could not be reached. */
export const ANSWER_SETTINGS_UNREACHABLE =
  'The answer settings could not be loaded: the companion could not be reached. They load by themselves once it is running again.';

/** Said in the dialog when the companion answered but could not give the settings (`reason`, in the page's words). */
export function answerSettingsNotLoadedWords(reason: string): string {
  return `The answer settings could not be loaded: ${reason}`;
}

export const ANSWER_MODE_SAVED = 'Answer mode saved';

/** A forward target saved (`saved`), or removed by saving the field empty. */
export function forwardTargetSavedWords(saved: boolean): string {
  return saved ? 'Forward target saved' : 'Forward target removed';
}

/** Why Save target cannot be pressed with the field empty: nothing typed, and no target of `action`'s (null: the default's) to remove. */
export function noTargetToRemoveWords(action: string | null): string {
  return `Type a URL to save: ${action ?? 'the default'} has no target to remove`;
}

/** The target serve --forward gave at its start, its password as ***, or where one comes from. */
export function startupForwardTargetWords(target: string | null): string {
  return target === null ? 'none (serve --forward sets one)' : redactUrlCredentials(target);
}

/** What a call gets when the handler gives no answer: the mock with --fallback-to-mock, else the companion's own error. */
export function handlerUnreachableWords(fallbackToMock: boolean): string {
  return fallbackToMock ? 'answer with the mock' : 'answer with an error (502/504)';
}
