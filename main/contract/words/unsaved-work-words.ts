/**
 * What the page says when a first Esc would discard unsaved work: what would go, and how to keep
 * it, in the words of the form's own button.
 */

/** How to keep unsaved work where the form has a Save button. */
export const SAVE_FIRST = 'save first';

/** The first Esc over unsaved `what`: press it again to discard, or `keep` ("save first"). */
export function discardWarningWords(what: string, keep = SAVE_FIRST): string {
  return `Unsaved changes to ${what}: press Esc again to discard them, or ${keep}.`;
}
