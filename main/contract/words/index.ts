/**
 * The catalogue of failures in words: one entry per failure code, saying what happened and
 * what to do, for every front end (the command line, the page, the desktop app's start).
 *
 * Rules:
 * 1. The core returns codes and parameters (main/contract/*: `CallsFailure`, `StatusFailure`,
 *    ...), never sentences. Every sentence about a failure is written here, once: codes that
 *    share a sentence share a helper; nothing rewords a sentence afterwards (no string
 *    replacement of a message anywhere).
 * 2. An entry builds its sentences from the failure's parameters only. Where the user acts (a
 *    flag, an environment variable, a dialog, a button) is never spelled in an entry: it comes
 *    from the front end's vocabulary (./vocabulary.ts), which is what makes the command line
 *    say `--port` and `FLOWENT_HMAC_KEY` where the page says Settings > HMAC key.
 * 3. The catalogue is exhaustive: `Catalogue<F, V>` has a key for every code of `F`, so a new
 *    code does not compile until it is worded, and a new place to act does not compile until
 *    every front end's vocabulary names it.
 * 4. A front end may replace a code's wording entirely (`overrides`, entries of the same type),
 *    never patch another entry's text.
 *
 * Adding a failure: add `{ code, ...parameters }` to its feature's union in the contract (a
 * feature may reuse another's members, like `call-not-found`), return it from the core, and
 * add its entry to the feature's words file here; the compiler then points at anything left.
 *
 * Each words module is re-exported whole (`export * from`): a new word is exported where it is
 * written, and a new module by one line below. Two modules exporting one name do not compile.
 */
import type { AnswersFolderFailure, ApiFailure } from '../api';
import type { Failure } from '../result';
import type { StartFailure } from '../status';
import { ACCOUNT_WORDS, GATEWAY_WORDS, SESSION_WORDS } from './account-words';
import { ANSWERS_WORDS, CALLS_WORDS } from './calls-words';
import { REPLAY_WORDS } from './replay-words';
import type { Catalogue, Entry, Said } from './said';
import { ANSWERS_FOLDER_WORDS, HANDLER_WORDS, PROJECT_MISSING_WORDS, PROJECT_WORDS } from './project-words';
import { LISTEN_WORDS, STORE_WORDS } from './start-words';
import { SECRET_WORDS, TUNNEL_WORDS } from './status-words';
import type { AnswersFolderVocabulary, StartVocabulary, Vocabulary } from './vocabulary';

export * from './said';
export * from './call-problem-words';
export * from './answer-mark-words';
export * from './signature-cause-marks';
export * from './sent-action-words';
export * from './answered-by-words';
export * from './mock-choice-words';
export * from './answer-setting-words';
export * from './answerer-words';
export * from './mock-use-words';
export * from './mock-edit-words';
export * from './answers-dialog-words';
export * from './code-parts';
export * from './call-mark-words';
export * from './timestamp-words';
export * from './replay-result-words';
export * from './signed-bytes-words';
export * from './verdict-line-words';
export * from './handler-record-words';
export * from './time-range-words';
export * from './page-access-words';
export * from './page-failure-words';
export * from './answer-error-words';
export * from './call-route-words';
export * from './command-words';
export * from './counted';
export * from './call-source-words';
export * from './tunnel-caller-words';
export * from './shortcut-words';
export * from './page-account-words';
export * from './page-wait-words';
export * from './header-words';
export * from './empty-state-words';
export * from './learned-style-words';
export * from './unsaved-work-words';
export * from './connection-words';
export * from './network-panel-words';
export * from './secret-state-words';
export * from './inline-send-words';
export * from './call-detail-words';
export * from './page-part-words';
export * from './page-title-words';
export * from './flowent-limit-words';
export * from './edge-space-words';
export * from './export-words';
export * from './har-button-words';
export * from './import-words';
export * from './file-words';
export * from './handler-diagnosis-words';
export * from './account-words';
export * from './account-change-words';
export * from './action-change-words';
export * from './action-plan-words';
export * from './here-words';
export * from './registration-check-words';
export * from './parameter-check-words';
export * from './handler-verdict-words';
export * from './probe-finding-words';
export * from './wrong-signature-words';
export * from './project-words';
export * from './status-words';
export * from './storage-fault-words';
export * from './replay-words';
export * from './replay-target-words';
export * from './bulk-run-words';
export * from './replay-run-words';
export * from './verdict-words';
export * from './not-checked-words';
export * from './vocabulary';
export * from './bulk-progress-words';
export * from './confirm-words';
export * from './page-done-words';
export * from './tunnel-page-words';

const API_WORDS: Catalogue<ApiFailure, Vocabulary> = {
  ...LISTEN_WORDS,
  ...SECRET_WORDS,
  ...TUNNEL_WORDS,
  ...CALLS_WORDS,
  ...ANSWERS_WORDS,
  ...REPLAY_WORDS,
  ...GATEWAY_WORDS,
  ...SESSION_WORDS,
  ...ACCOUNT_WORDS,
  ...PROJECT_WORDS,
  ...PROJECT_MISSING_WORDS,
  ...HANDLER_WORDS,
};

const START_WORDS: Catalogue<StartFailure, StartVocabulary> = { ...LISTEN_WORDS, ...STORE_WORDS, ...PROJECT_MISSING_WORDS };

/** What happened and what to do, as one line. */
export function inOneLine({ what, todo }: Said): string {
  return todo ? `${what} ${todo}` : what;
}

function word<F extends Failure, V>(catalogue: Catalogue<F, V>, failure: F, say: V, overrides: Partial<Catalogue<F, V>>): string {
  // The compiler cannot follow that the entry found by a code takes the failure of that code.
  const code = failure.code as F['code'];
  const entry = (overrides[code] ?? catalogue[code]) as Entry<F, V>;
  return inOneLine(entry(failure, say));
}

/** A failure of the contract's methods in a front end's words. */
export function wordFailure(failure: ApiFailure, say: Vocabulary, overrides: Partial<Catalogue<ApiFailure, Vocabulary>> = {}): string {
  return word(API_WORDS, failure, say, overrides);
}

/** Why the core could not start (the history, the webhook server) in a front end's words. */
export function wordStartFailure(
  failure: StartFailure,
  say: StartVocabulary,
  overrides: Partial<Catalogue<StartFailure, StartVocabulary>> = {},
): string {
  return word(START_WORDS, failure, say, overrides);
}

/** Why answers could not be moved through a folder of answer files, in a front end's words. */
export function wordAnswersFolderFailure(failure: AnswersFolderFailure, say: AnswersFolderVocabulary): string {
  return word(ANSWERS_FOLDER_WORDS, failure, say, {});
}
