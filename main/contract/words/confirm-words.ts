/**
 * The page's confirmations (ConfirmBox): what each asks about, the question that says what is
 * lost, the button that goes ahead, and the one that keeps things as they were. Questions that
 * say a mock's, a schema's or the network's words live beside those words (mock-edit-words,
 * inline-send-words, network-panel-words).
 */
import { countWords } from './counted';

/** What each confirmation asks about, as its group's accessible name says it after "Confirm". */
export const CONFIRMING = {
  clearMock: 'clearing the mock',
  replaceMock: 'replacing the mock',
  discardChanges: 'discarding unsaved changes',
  deleteProfile: 'deleting the profile',
  deleteAction: 'deleting the action',
  listenOnAllInterfaces: 'listening on all interfaces',
  changeAccessToken: 'changing the access token',
  clearHistory: 'clearing history',
  removeSchema: 'removing the schema',
  probeHandler: "checking your handler's verifier",
} as const;

export type Confirming = keyof typeof CONFIRMING;

/** The confirmation's accessible name: "Confirm clearing history". */
export function confirmGroupWords(what: Confirming): string {
  return `Confirm ${CONFIRMING[what]}`;
}

/** Before deleting a saved profile of the Flowent account. */
export function deleteProfileQuestion(profile: string): string {
  return `Delete the profile ${profile}? Its Gateway URL and the API token saved for it go with it; this cannot be undone.`;
}

/** Before deleting an action from Flowent. */
export function deleteActionQuestion(action: string): string {
  return `Flowent stops calling ${action} and forgets it; this cannot be undone.`;
}

/** Before changing the browser inspector's access token. */
export const CHANGE_TOKEN_QUESTION =
  'Change the token? This page reloads with the new one; other open inspector pages must be opened again with it.';

/** Before deleting every stored call; `total` when the page knows how many there are. */
export function clearHistoryQuestion(total: number | null): string {
  const which = total === null ? 'all stored calls' : total === 1 ? 'the 1 stored call' : `all ${countWords(total)} stored calls`;
  return `Delete ${which}? This cannot be undone.`;
}

/** The button that goes ahead, by what is confirmed. */
export const CONFIRM_WORDS = {
  clearMock: 'Clear the mock',
  replaceMock: 'Replace the mock',
  discardAndClose: 'Discard and close',
  listenOnAllInterfaces: 'Turn on',
  changeAccessToken: 'Change the token',
  clearHistory: 'Delete all calls',
  removeSchema: 'Remove the schema',
} as const;

/** Deleting a saved profile of the Flowent account. */
export function deleteProfileWords(profile: string): string {
  return `Delete ${profile} for good`;
}

/** Deleting an action from Flowent. */
export function deleteActionWords(action: string): string {
  return `Delete ${action} from Flowent`;
}

/** The buttons that keep things as they were. */
export const KEEP_WORDS = {
  cancel: 'Cancel',
  keepIt: 'Keep it',
  keep: 'Keep',
  keepEditing: 'Keep editing',
} as const;
