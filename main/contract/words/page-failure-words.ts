/**
 * What the page could not do, heading its error banner and its error lines; why follows, from the
 * error (`failedWith`). One name per failure, so a banner says one thing one way wherever the
 * page runs into it. None has a twin on the command line: a command that cannot do its work says
 * so in the failure's own words (the catalogue, index.ts), prefixed by the command's name.
 */

/** Said of a request the page could not send: it has no connection to the companion. */
export const NOT_CONNECTED = 'Not connected to the companion.';

/** Each failure's heading, by what the page was doing. */
export const PAGE_FAILURE_WORDS = {
  // The Flowent account: profiles, the API token, the follow mode and the actions.
  loadAccount: 'Could not load the Flowent account',
  saveProfile: 'Could not save the profile',
  deleteProfile: 'Could not delete the profile',
  switchProfile: 'Could not switch the profile',
  setApiToken: 'Could not set the API token',
  clearApiToken: 'Could not clear the API token',
  connectFlowent: 'Could not connect to Flowent',
  changeFollowMode: 'Could not change the follow mode',
  applyFollow: 'Could not update the actions',
  listActions: 'Could not list the actions',
  registerAction: 'Could not register the action',
  updateAction: 'Could not update the action',
  deleteAction: 'Could not delete the action',
  linkAction: 'Could not link the action',
  unlinkAction: 'Could not unlink the action',
  registerHere: 'Could not register the action here',
  checkAction: 'Could not check the action',
  checkParameters: 'Could not check the parameters',
  readKnownActions: 'Could not read the actions the companion knows',
  // Answers.
  changeAnswerMode: 'Could not change the answer mode',
  saveForwardTarget: 'Could not save the forward target',
  clearMock: 'Could not clear the mock',
  // The handler's verifier.
  printVerifier: 'Could not print the verifier',
  probeHandler: "Could not check the handler's verifier",
  stopProbe: "Could not stop checking the handler's verifier",
  readProbes: "Could not read the checks of your handler's verifier going on",
  // Replays, the simulator and HAR files.
  replayCall: 'Could not replay the call',
  buildCurl: 'Could not build the cURL command',
  countBulkReplay: 'Could not count the calls to replay',
  startBulkReplay: 'Could not start the bulk replay',
  cancelBulkReplay: 'Could not cancel the bulk replay',
  readBulkReplays: 'Could not read the running bulk replays',
  loadLearnedStyle: 'Could not load the learned signing style',
  loadSimulatorActions: 'Could not load the actions to simulate',
  exportCalls: 'Could not export the calls',
  importHar: 'Could not import the HAR file',
  // The history: the list, its counts and the status.
  loadCalls: 'Could not load calls',
  loadOlderCalls: 'Could not load older calls',
  loadStats: 'Could not load call statistics',
  loadStatus: 'Could not load the companion status',
  readWaitingCalls: 'Could not read the calls waiting for your handler',
  checkSearchArrivals: 'Could not check the new calls against the search',
  countMatches: 'Could not count the matching calls',
  estimateMatches: 'Could not estimate how many calls match',
  prepareSample: 'Could not prepare a sample request',
  // Settings.
  setHmacKey: 'Could not set the HMAC key',
  clearHmacKey: 'Could not clear the HMAC key',
  clearHistory: 'Could not clear the history',
  changeAccessToken: 'Could not change the access token',
  loadLimits: 'Could not load the history limits',
  saveLimits: 'Could not save the limits',
  // The tunnel and the network.
  openTunnel: 'Could not open the tunnel',
  closeTunnel: 'Could not close the tunnel',
  setNgrokAuthtoken: 'Could not set the ngrok authtoken',
  clearNgrokAuthtoken: 'Could not clear the ngrok authtoken',
  changeListening: 'Could not change the listening interfaces',
  // The project folder.
  readProject: 'Could not read the project folder',
  plan: 'Could not plan',
  apply: 'Could not apply',
  pull: 'Could not pull',
} as const;

/** One of the page's failures, as its banner heads it. */
export type PageFailure = (typeof PAGE_FAILURE_WORDS)[keyof typeof PAGE_FAILURE_WORDS];

/** A failure and why: "Could not cancel the bulk replay: the run has ended." */
export function failedWith(failure: string, reason: string): string {
  return `${failure}: ${reason}`;
}

/** A verifier the companion gave neither a snippet nor a refusal for (its failure is in the banner). */
export const VERIFIER_NOT_PRINTED = 'The verifier could not be printed.';

/** Asked to change the access token where there is none: only the browser inspector has one. */
export const NO_ACCESS_TOKEN_HERE = 'Only the browser inspector has an access token.';

/** A call that could not be read for its detail. */
export function callNotLoadedWords(id: number): string {
  return `Could not load call #${id}`;
}

/** A copy the clipboard refused; `what` names what was copied ("cURL command", "webhook URL"). */
export function copyFailedWords(what: string): string {
  return `Could not copy the ${what}`;
}

/**
 * Why a copy failed where the browser gives the page no clipboard (a page opened at another
 * computer's http address, say), and what to do instead of pressing Copy again.
 */
export const NO_CLIPBOARD_HERE = 'this browser gives the page no clipboard. Select the text and copy it by hand.';

/** The copy shortcut pressed before the webhook server listens: there is no URL yet. */
export const NO_WEBHOOK_URL_TO_COPY = 'There is no webhook URL to copy yet: the server is not listening';

/** Why a Copy button cannot be pressed: what it copies is empty (copying it would empty the clipboard). */
export function nothingToCopyWords(what: string): string {
  return `Nothing to copy: the ${what} is empty.`;
}

/** Register here ended without an action and without a message of its own: the banner above says why. */
export function registerHereFailedWords(action: string): string {
  return `Could not register ${action} here: see the message above.`;
}

/** Said when a reload should mend a request the companion cannot take from this page. */
const RELOAD_THE_PAGE_FOR_VERSIONS =
  'Reload the page; if it happens again, the page and the companion may be of different versions: restart the companion, then reload.';

/** Why a request failed that the companion could not read (an unknown method, a body that is not JSON): the page's fault, not the person's. */
export const REQUEST_NOT_READ = `the companion could not read what this page asked. ${RELOAD_THE_PAGE_FOR_VERSIONS}`;

/** Why a request failed whose arguments the companion refused; `problem` says which and how, without the method's name, which the person never sees. */
export function requestRefusedWords(problem: string): string {
  return `the companion refused what this page asked for (${problem.replace(/\.$/, '')}). ${RELOAD_THE_PAGE_FOR_VERSIONS}`;
}
