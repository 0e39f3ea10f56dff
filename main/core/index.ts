/**
 * The core's one public entry, for the front ends (the desktop app, the command line): build
 * it with createCore() and go through `core.api`, the contract. What else is here is what a
 * front end shows or checks before it asks the core anything: where the data folder is, the
 * defaults, the environment variables the core reads, and Flowent's own rules and limits.
 */
export { createCore, type Core } from './create-core';
export type { CoreOptions } from './core-options';
export { DEFAULT_HOST } from './webhook/webhook-listener';
export { APP_FOLDER_NAME, DATA_DIR_ENV, DATA_DIR_VARIABLE_EMPTY, resolveDataDir } from './paths';
export { DATA_FILES, historyFile, writePrivateFile, writePrivateFileInPieces } from './data-folder';
export { HistoryWriteFault } from './store/store-faults';
export type { SecretSource } from './secret-source';
export { apiTokenVariable, gatewayUrlRefusal, type ProfileSecrets } from './account/profiles';
export { companionWebhookUrl, isUnder } from './account/links';
export { checkName as checkActionName } from './account/action-validation';
export {
  publishServeState,
  readServeState,
  runningServes,
  samePath,
  hereOf,
  serveForHere,
  serveSeen,
  writeServeState,
} from './account/serve-state';
export type { HereServe, ServeState } from './account/serve-state';
export { checkTargetUrl } from './answers/forward-target';
export { readParameters } from './replay/edit-body';
export { harFileText } from './replay/har-file-text';
export { readHarEntries } from './replay/har-import';
export { newLoopToken } from './answers/own-calls';
export { STYLES as SIGNING_STYLES } from './signature/styles';
export { styleDescription, verifierSnippet } from './handler-check';
export { FLOWENT_TIMEOUT_MS } from './protocol/facts';
export { checkProjectDir, createProjectFolder, findProjectDir, PROJECT_FOLDER_NAME } from './project/project-folder';
export { exportAnswersFolder, readAnswersFolder, restoreLeftOutPasswords } from './project/answers-transfer';
export { announceProjectServe, otherProjectServes } from './account/project-serves';
export type { ProjectServe } from './account/project-serves';
export type { MockOfFile } from './project/project-answers';
