/**
 * Inputs that take no typed text and no arrow keys: a ticked "Failures only" keeps focus, and the
 * list's keys must still work after it. (Radios, ranges and selects move with the arrows
 * themselves, so they count as typing.)
 */
const KEYLESS_INPUT_TYPES = new Set(['checkbox', 'button', 'submit', 'reset', 'file', 'color', 'image']);

/**
 * Whether the person is typing in this element (a text field, the editor, a select): single-key
 * shortcuts leave it alone, and a result that arrives leaves the focus there.
 */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !KEYLESS_INPUT_TYPES.has(target.type);
  return target.isContentEditable || ['TEXTAREA', 'SELECT'].includes(target.tagName);
}
