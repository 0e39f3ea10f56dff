import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { canFocus, focusableIn, focusFell } from './focusable';

/** Where a closing box stood, read while it is still in the page. */
interface Place {
  parent: HTMLElement;
  /** The node before and after it: what stands between them afterwards replaced it. */
  before: Node | null;
  after: Node | null;
  /** The wider part of the page to look in when its own parent went with it. */
  outer: HTMLElement;
}

/** An element's name as a person sees it: its tag and its label or text. */
function nameOf(element: HTMLElement): string {
  return `${element.tagName} ${element.getAttribute('aria-label') ?? element.textContent?.trim() ?? ''}`;
}

/** What now stands where the box stood, when it is new (the button the box had replaced, back again). */
function replacementOf({ parent, before, after }: Place): Element | null {
  if (before && before.parentNode !== parent) return null;
  const now = before ? before.nextSibling : parent.firstChild;
  return now instanceof Element && now !== after ? now : null;
}

/**
 * The keyboard's place after the box: the element that opened it, or the same control drawn
 * anew (a box shown instead of its button gives the button back as a new element), or what took
 * the box's place, or the nearest control before it, else after it.
 */
function focusAfter(opener: HTMLElement | null, openerName: string | null, place: Place): void {
  if (canFocus(opener)) return opener.focus();
  const scope = place.parent.isConnected ? place.parent : place.outer;
  if (!scope.isConnected) return;
  const controls = focusableIn(scope);
  const twin = openerName === null ? undefined : controls.find((c) => nameOf(c) === openerName);
  const replacement = replacementOf(place);
  const inReplacement = replacement && controls.find((c) => replacement === c || replacement.contains(c));
  const mark = replacement ?? (place.after?.parentNode === place.parent ? place.after : null);
  const before = mark ? controls.filter((c) => mark.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_PRECEDING) : controls;
  (twin ?? inReplacement ?? before.at(-1) ?? controls.find((c) => !before.includes(c)))?.focus();
}

/**
 * When the box goes away while the keyboard is in it (a choice made, Esc), the keyboard goes back
 * where it came from instead of falling to the page's body. Nothing moves when something else
 * already took it (a dialog closing gives it back itself).
 */
export function useFocusReturn(box: RefObject<HTMLElement | null>): void {
  // Read while the box is drawn the first time, before it takes the focus.
  const [opener] = useState(() => {
    const active = document.activeElement;
    return active instanceof HTMLElement && active !== document.body ? active : null;
  });
  const [openerName] = useState(() => (opener ? nameOf(opener) : null));
  const place = useRef<Place | null>(null);
  useLayoutEffect(() => {
    const element = box.current;
    return () => {
      const parent = element?.parentElement;
      place.current =
        element && parent && element.contains(document.activeElement)
          ? {
              parent,
              before: element.previousSibling,
              after: element.nextSibling,
              outer: element.closest<HTMLElement>('[role="dialog"]') ?? document.body,
            }
          : null;
    };
  }, [box]);
  useEffect(() => {
    return () => {
      const left = place.current;
      if (!left) return;
      // After the whole change is drawn: a control given back is created in the same pass.
      queueMicrotask(() => {
        if (focusFell()) focusAfter(opener, openerName, left);
      });
    };
  }, [opener, openerName]);
}
