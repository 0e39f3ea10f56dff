/**
 * What the page says in a toast when something it was asked to do is done, and nothing more
 * needs saying (a secret saved says where it went: secret-state-words.ts).
 */

/** The history limits of the Settings dialog, saved. */
export const HISTORY_LIMITS_SAVED = 'History limits saved';

/** Something copied to the clipboard. */
export const COPIED = 'Copied';
