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

export type { Catalogue, Entry, Said } from './said';
export {
  headersNotSentOn,
  mockTemplateFailed,
  problemWords,
  refusedForRequest,
  requestLineWords,
  requestProblemMessage,
  type CallProblem,
  type RequestProblem,
} from './call-problem-words';
export { answerMarkWord, leadViolation, noAnswerCause, noAnswerHeading, noAnswerPhrase } from './answer-mark-words';
export { signatureCauseMark } from './signature-cause-marks';
export { sentActionCell, sentActionLineWords, sentActionSentence, type SentActionCell } from './sent-action-words';
export {
  answeredByWords,
  answerPasses,
  forwardingFailedWords,
  NO_HANDLER_ANSWER,
  refusedVerdictWords,
  statusNumberWords,
  statusWords,
} from './answered-by-words';
export { mockChoiceWords } from './mock-choice-words';
export {
  answerTargetWords,
  forwardedMockNote,
  invalidMockHeading,
  mockBreaksContractHeading,
  mockFromCallName,
  mockFromCallWords,
  mockLineWords,
  mockProblemLine,
  mockRemovedWords,
  mocksRemovedWords,
  mockStoredWords,
  modeSetWords,
  NO_TARGETS,
  noMocksWords,
  noMockWords,
  settingsClearedWords,
  targetLineWords,
  targetSetWords,
  type AnswersPlace,
  type AnswerTarget,
} from './answer-setting-words';
export { answererWords } from './answerer-words';
export {
  actionAnswerWords,
  mockAnswerWords,
  mockUseWords,
  ownMockWords,
  unsetModeWords,
  type AnswerFacts,
  type MockAnswering,
} from './mock-use-words';
export {
  clearMockQuestion,
  editedMockWords,
  MOCK_BREAKS_CONTRACT,
  MOCK_CLEARED,
  MOCK_COPIES_FAILURE,
  MOCK_EDITS_KEPT,
  MOCK_NOT_SAVED,
  MOCK_SAVED,
  MOCK_TEMPLATE_NOTE,
  mockFileWords,
  mockFromCallFailedWords,
  mockFromCallSavedWords,
  mockNotCheckedWords,
  mockNotSavedWords,
  READS_AS_YAML_HINT,
  replaceMockQuestion,
  unsavedAnswersQuestion,
  unsavedAnswersWords,
} from './mock-edit-words';
export {
  ANSWER_MODE_SAVED,
  ANSWER_SETTINGS_LOADING,
  ANSWER_SETTINGS_NOT_READ,
  ANSWER_SETTINGS_UNREACHABLE,
  answerSettingsNotLoadedWords,
  forwardTargetSavedWords,
  handlerUnreachableWords,
  noTargetToRemoveWords,
  startupForwardTargetWords,
} from './answers-dialog-words';
export type { CodePart, MarkedPart } from './code-parts';
export {
  contractMarkWords,
  handlerMarkWords,
  REGISTRATION_CHECK,
  refusalMarkWords,
  timestampMarkWords,
  VERDICT_LABEL,
  verdictTitle,
} from './call-mark-words';
export { describeTimestamp } from './timestamp-words';
export {
  headerDiffWords,
  NOT_RE_SIGNED,
  REPLAY_BUTTONS,
  replayVerdictWords,
  REPLAYING,
  SAME_ANSWER_AS_ORIGINAL,
  statusDiffLineWords,
  statusDiffWords,
  unstoredBodyWords,
} from './replay-result-words';
export {
  bytesComparedWords,
  COMPARE_WITH_STYLE,
  COMPARED_WITH,
  MISSING_HERE,
  NO_COMPARISON,
  SIGNED_BYTES_OF,
  SIGNED_BYTES_UNAVAILABLE,
  signedBytesOfWords,
  STYLE_SHOWN,
} from './signed-bytes-words';
export {
  FAILED_SIGNATURE_HEADLINE,
  notFlowentHeadline,
  requestRefusedHeadline,
  spoiledSignatureLine,
  UNSIGNED_CHECK_IS_FINE,
  validSignatureHeadline,
  WHAT_TO_DO_LEAD,
} from './verdict-line-words';
export {
  acceptedRejectedWords,
  HANDLER_RECORD,
  learnedStyleFoldWords,
  MOST_CALLS_FOLD,
  noStylesWords,
  SET_KEY_AGAIN,
  THIS_STYLE_FOLD,
} from './handler-record-words';
export { rangeBackwardsWords, TODAY, timeRangeWords, type RangeBound } from './time-range-words';
export {
  ACCESS_TOKEN_CHANGED_NOTE,
  accessDeniedHeading,
  accessDeniedParts,
  findInspectorAddressParts,
  NO_BRIDGE,
  OPEN_INSPECTOR_URL,
  SAME_DATA_DIR_NOTE,
  startAgainForAddressParts,
  WHAT_TO_DO,
} from './page-access-words';
export {
  callNotLoadedWords,
  copyFailedWords,
  failedWith,
  NO_ACCESS_TOKEN_HERE,
  NOT_CONNECTED,
  REQUEST_NOT_READ,
  requestRefusedWords,
  NO_WEBHOOK_URL_TO_COPY,
  nothingToCopyWords,
  PAGE_FAILURE_WORDS,
  registerHereFailedWords,
  VERIFIER_NOT_PRINTED,
  type PageFailure,
} from './page-failure-words';
export { answerError, answerErrorWords, quotedAnswerError } from './answer-error-words';
export { callRouteWords, routeText, type RoutePart, type WebhookWhose } from './call-route-words';
export { companionCommand, dataDirForCommands, SERVE_READER_GONE, serveAgainCommand } from './command-words';
export { counted, countWords, listedWords, nounFor } from './counted';
export {
  CALL_SOURCE_LABEL,
  callSourceMark,
  callSourceSentence,
  FAILURES_ONLY_TITLE,
  SOURCE_FILTER_TITLE,
  TEST_FILTER_CHOICES,
} from './call-source-words';
export { tunnelCallerWords } from './tunnel-caller-words';
export { SHORTCUT_WORDS, SINGLE_KEYS_NOTE } from './shortcut-words';
export { apiTokenNowWords, FIX_ACTION_FIRST, NO_URL_TO_REGISTER, notRepointedToastWords, profileBlockedWords } from './page-account-words';
export { CHECKING_VERIFIER, CONNECTING_TO_NGROK, LOADING_ACCOUNT, LOADING_FLOWENT_ACTIONS, READING_PROJECT } from './page-wait-words';
export { failureCountTitle, HEADER_COMMAND_TITLES, requestRateWords } from './header-words';
export {
  actionUrlMissingWords,
  actionUrlWhat,
  keyLineParts,
  LOCAL_URL_LEAD,
  LOCAL_URL_NOTE,
  PUBLIC_URL_PANEL,
  SETTINGS,
  type ButtonPart,
  type EmptyStatePart,
  NO_CALLS_YET,
  PREPARING_SAMPLE,
  REGISTER_WITH_WEBHOOK_URL,
  registerUrlLeadWords,
  sampleLeadWords,
  SIGNATURES_CHECKED_WITH_KEY,
  UNSIGNED_SAMPLE_NOTE,
  webhookUrlPendingWords,
} from './empty-state-words';
export { learnedStyleWords } from './learned-style-words';
export { discardWarningWords, SAVE_FIRST } from './unsaved-work-words';
export {
  connectionLostHeading,
  failedWithHttpWords,
  INSPECTOR_REQUEST_NAMES,
  lastFailedWords,
  START_APP_AGAIN,
  startServeAgainParts,
  unreachableWords,
} from './connection-words';
export {
  EXPOSE_NOTE,
  EXPOSE_QUESTION,
  listeningWords,
  NO_LAN_ADDRESS,
  PICKER_NO_ACTIONS,
  TUNNEL_CLOSED,
  TUNNEL_ONLINE,
} from './network-panel-words';
export {
  KEYCHAIN_UNAVAILABLE,
  NO_HMAC_KEY_SET,
  NO_NGROK_AUTHTOKEN_SET,
  secretClearedWords,
  secretNow,
  secretSavedWords,
  sourceLabel,
  unreadableNote,
} from './secret-state-words';
export {
  draftKeptWords,
  editingSchemaForWords,
  noParametersToEditWords,
  removeSchemaQuestion,
  SIMULATOR_NO_ACTIONS,
  STALE_RESULT_NOTE,
  NOT_DONE_WORDS,
  notDoneUnreachableWords,
  replayedAsWords,
  schemaSavedWords,
  simulatedAsWords,
  type NotDone,
} from './inline-send-words';
export { OPEN_PUBLIC_URL_PANEL, TUNNEL_OFFLINE_HINT, tunnelStateLabel, webhookUrlWords } from './tunnel-page-words';
export {
  ANSWER_PROBLEM_HEADING,
  callLoadingWords,
  EMPTY_ANSWER_BODY,
  missingCallWords,
  NO_CALL_SELECTED,
  NOTHING_CAME_BACK,
  REQUEST_PROBLEM_HEADING,
} from './call-detail-words';
export { COPIED, HISTORY_LIMITS_SAVED } from './page-done-words';
export {
  partLoadingWords,
  partNotLoadedAgainWords,
  partNotLoadedWords,
  partStoppedWords,
  pageStoppedWords,
  RELOAD_THE_PAGE,
  TRY_LOADING_AGAIN,
  type PagePart,
} from './page-part-words';
export { FLOWENT_LIMIT_WORDS } from './flowent-limit-words';
export { apiTokenEdgeSpaceWords, EDGE_SPACE, edgeSpaceWords, hasEdgeSpace } from './edge-space-words';
export {
  callsDoneWords,
  EXPORT_CANCELLED,
  exportDownloadedWords,
  exportedCallsWords,
  exportedWords,
  type ExportedTo,
  leftOutWords,
  type ExportedCount,
} from './export-words';
export {
  IMPORT_CANCELLED,
  importEndWords,
  importToastWords,
  overLimitsWords,
  READING_THE_FILE,
  skippedWords,
  uploadingWords,
  type ImportEnd,
  type ImportSkipped,
} from './import-words';
export { fileErrorCode, fileProblemClause, fileProblemInWords, type FileAct } from './file-words';
export {
  handlerDiagnosisHeading,
  handlerDiagnosisText,
  type DiagnosisMoment,
  handlerDiagnosisWords,
  handlerKnownForText,
  handlerKnownForWords,
  handlerMayDisagree,
  mostCallsNamed,
  type DiagnosedReport,
} from './handler-diagnosis-words';
export {
  defaultGatewaySourceWords,
  gatewayVariableWinsWords,
  goneLinkWayOut,
  goneLinkWords,
  linkNamed,
  uncheckedUpdateWords,
} from './account-words';
export {
  API_TOKEN_SAVED,
  CONNECTED_TO_FLOWENT,
  followChangeWords,
  followModeSetWords,
  followModeWords,
  followRecordHeading,
  linkedActionsWords,
  noActionsWords,
  noProfileRemovedWords,
  notRepointedWords,
  profileInUseWords,
  profileRemovedWords,
  profileSavedWords,
  registrationFinishedWords,
  registrationWaitingWords,
  repointedWords,
  repointFailedWords,
  repointProposedWords,
  staleLinksWords,
  sessionWords,
  actionsNeedTokenWords,
  REGISTER_HERE_WAITING,
  ACTION_BADGE_TITLES,
} from './account-change-words';
export {
  appliedStepWords,
  deletedWords,
  linkedWords,
  notDeletedWords,
  nothingAppliedWords,
  notLinkedWords,
  registeredWords,
  registrationCheckPassedWords,
  unlinkedWords,
  updatedWords,
  type ActionChange,
  type ChangedIn,
} from './action-change-words';
export {
  hasNoUrl,
  isLeftAlone,
  keptPasswordWords,
  leftOnFlowentWords,
  nothingPulledWords,
  planHeadingWords,
  plannedChangeWords,
  planSummaryWords,
  pulledAwayWords,
  pulledFileWords,
  pulledKeptWords,
  pulledWithoutPasswordWords,
  planAgainWords,
  stalePlanWords,
  type PlanStepsVocabulary,
} from './action-plan-words';
export { hereNote, registerHereTunnelWaitWords, tunnelNotOnlineWords } from './here-words';
export {
  failedRegistrationCheckTodo,
  failedRegistrationCheckWords,
  PASSED_REGISTRATION_CHECK,
  registrationCheckOutcomeWords,
} from './registration-check-words';
export { parameterProblemsText, parameterSchemaWords } from './parameter-check-words';
export {
  HANDLER_SIGNATURE_WORD,
  handlerVerdictWords,
  probeRowStyles,
  rejectedStylesWords,
  type HandlerVoice,
} from './handler-verdict-words';
export { probeFindingWords, probeVerifierWanted } from './probe-finding-words';
export {
  spoiledOnPurposeWords,
  WRONG_SIGNATURE_SENT,
  storedWrongSignatureOutcome,
  wrongSignatureFinding,
  wrongSignatureRefused,
  wrongSignatureWords,
  type WrongSignatureFinding,
  type WrongSignatureOutcome,
} from './wrong-signature-words';
export {
  applyStopped,
  contractWarningHeading,
  contractWarningLine,
  fileMistakeHeading,
  fileMistakeMeanwhile,
  FORWARD_WITHOUT_TARGET_MEANWHILE,
  forwardWithoutTargetHeading,
  forwardWithoutTargetWords,
  mergeConflictWords,
  noUrlForProfileWords,
  problemPlace,
  projectFilesTroubleWords,
  projectTrouble,
  projectTroubleShort,
  type ProjectTrouble,
  type SetTargetVocabulary,
  serveNamed,
  servesSeen,
  severalAnswering,
} from './project-words';
export { AUTHTOKEN_PAGE, tunnelReasonWords, tunnelRetryWords } from './status-words';
export { storageFaultCountWords, storageFaultEndedWords, storageFaultWords } from './storage-fault-words';
export {
  noFlowentCallsToReplay,
  noFlowentCallsWords,
  noHandlerTodo,
  PARAMETERS_NOT_AN_OBJECT,
  parametersOverLimitWords,
  REPLAYS_UNCHECKED_NOTE,
} from './replay-words';
export {
  BULK_CONCURRENCY_WORDS,
  bulkReplayButtonWords,
  bulkReplayCallsWords,
  callFilterWords,
  COMPANION_NOT_LISTENING,
  emptyTargetWords,
  NO_ACTION_TARGET_WORDS,
  nothingToReplayWords,
  ownWebhookTitle,
  RESIGNED_CHECKS_WORDS,
  withoutTargetWords,
} from './replay-target-words';
export {
  BULK_REPLAY_TITLE,
  endedRunToast,
  endedRunWords,
  endMissedWords,
  lastRunWords,
  runCountsWords,
  runEndCauseWords,
  runningButtonWords,
  runningRunWords,
} from './bulk-run-words';
export { BULK_VERDICT_LABELS, BULK_VERDICT_LIST_LABELS, bulkProgressHeading, cancelRunLabel, NEW_BULK_REPLAY } from './bulk-progress-words';
export { CONFIRM_WORDS, deleteActionWords, deleteProfileWords, KEEP_WORDS } from './confirm-words';
export {
  answerChangeWords,
  handlerBehindWebhookWords,
  forwardedToWords,
  handlerStillUnreached,
  stillUnreachedWords,
  credentialsSentWords,
  mockAnsweredWords,
  NOT_SENT,
  originalSignatureRefusedWords,
  replayAnswerWords,
  replayItemWords,
  replaySigningWords,
  type ReplayItemWords,
} from './replay-run-words';
export {
  isTimestampRemark,
  leadDiagnosis,
  learnedStyleCountWords,
  NO_STYLE_TRIED,
  NOTHING_TO_MATCH,
  signatureCause,
  signedUnlikeLearnedNote,
  VERDICTS_WITH_CAUSE,
  noStyleMatchedWords,
  styleFoldWords,
} from './verdict-words';
export { NOT_CHECKED_HEADLINE, NOT_CHECKED_WITHOUT_KEY } from './not-checked-words';
export type {
  AnswersFolderVocabulary,
  ListenVocabulary,
  ProbeVocabulary,
  SigningVocabulary,
  StartVocabulary,
  StoreVocabulary,
  Vocabulary,
} from './vocabulary';

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
