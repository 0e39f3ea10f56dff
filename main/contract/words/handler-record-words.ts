/**
 * The page's words around a handler's diagnosis in a call's details (the diagnosis itself is
 * handler-diagnosis-words.ts): the folds with a verifier, and the facts of what the handler did
 * so far, from every call to its route. The command line says the record in the diagnosis's
 * sentence ("So far, your handler has accepted ..."), and prints verifiers with `verifier`.
 */

/** The fold with a verifier for the style this call was signed in. */
export const THIS_STYLE_FOLD = 'Show a verifier that checks this style';

/** The same fold for a call not validly signed: it shows the learned style, named by its label, which the call does not have. */
export function learnedStyleFoldWords(styleLabel: string): string {
  return `Show a verifier for ${styleLabel}`;
}

/** The second fold, when this call is not signed in the style most of this Flowent's calls are. */
export const MOST_CALLS_FOLD = "Show a verifier for most of this Flowent's calls";

/** The facts' names, and the name of the list that holds them. */
export const HANDLER_RECORD = {
  name: 'What your handler did so far',
  reached: 'Learned from calls to',
  stylesAccepted: 'Styles it may verify with',
  stylesRejected: 'Styles it rejected',
  // Today's totals, also in the details of an old call: not what was known when it came.
  valid: 'Valid signatures so far (as of now)',
  unverified: 'Bad or no signature so far (as of now)',
} as const;

/** No style listed yet; or none accepted, as the handler took a call whose signature is wrong or missing (`tookWrong`). */
export function noStylesWords(tookWrong: boolean): string {
  return tookWrong ? 'none: it took a call whose signature is wrong or missing' : 'none yet';
}

/** How many calls the handler accepted and rejected. */
export function acceptedRejectedWords(accepted: number, rejected: number): string {
  return `${accepted} accepted, ${rejected} rejected`;
}

/** The button that opens Settings, for a handler that rightly took a key set here with whitespace around it. */
export const SET_KEY_AGAIN = 'Set the key again in Settings';
