import { useCallback, useLayoutEffect, useRef, type RefCallback } from 'react';
import { canFocus, focusFell } from './focusable';

/**
 * For a control that goes away once its work is done (the button is replaced by what it did):
 * when it leaves the page holding the keyboard's focus, `next` takes the focus, instead of the
 * page's body. Give the control the returned ref. Nothing moves when something else already
 * took the focus (a closing dialog gives it back itself), or when `next` is gone too.
 */
export function useFocusWhenGone(next: () => HTMLElement | null): RefCallback<HTMLElement> {
  const nextRef = useRef(next);
  useLayoutEffect(() => {
    nextRef.current = next;
  });
  return useCallback((control: HTMLElement | null) => {
    if (!control) return;
    // Called while the control is still in the page, as it goes.
    return () => {
      if (!control.contains(document.activeElement)) return;
      // After the whole change is drawn: what replaced the control is created in the same pass.
      queueMicrotask(() => {
        const target = nextRef.current();
        if (focusFell() && canFocus(target)) target.focus();
      });
    };
  }, []);
}
