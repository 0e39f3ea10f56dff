/** What Tab can reach: links, form controls, editable text and anything given a tab stop. */
const FOCUSABLE =
  'a[href], button, input:not([type="hidden"]), select, textarea, [contenteditable="true"], [tabindex]:not([tabindex="-1"])';

/** Whether the keyboard can go to `element` now: in the page, not disabled, not hidden. */
export function canFocus(element: Element | null): element is HTMLElement {
  if (!(element instanceof HTMLElement) || !element.isConnected) return false;
  if ('disabled' in element && element.disabled === true) return false;
  return element.closest('[hidden], [inert], fieldset[disabled]') === null;
}

/** The elements Tab reaches inside `root`, in document order. */
export function focusableIn(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll(FOCUSABLE)].filter(canFocus);
}

/** Whether the keyboard has fallen to the page's body (its element went away or was disabled). */
export function focusFell(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected || (active as HTMLButtonElement).disabled === true;
}
