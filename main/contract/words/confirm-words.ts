/**
 * What the page's confirmations offer: the button that goes ahead with what it asked about, and
 * the one that keeps things as they were (where it says more than "Cancel").
 */

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
  keepIt: 'Keep it',
  keep: 'Keep',
  keepEditing: 'Keep editing',
} as const;
