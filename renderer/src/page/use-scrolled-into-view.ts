import { useEffect, useRef, type RefObject } from 'react';

/**
 * For what appears below the button that caused it (a failure, a result): each time `shown`
 * changes to something, the element is scrolled just far enough to be seen whole, in the dialog
 * or pane that clips it. Someone who scrolled to the button at the foot of a long form would
 * otherwise see nothing happen.
 */
export function useScrolledIntoView<T extends HTMLElement>(shown: unknown): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    // Optional call: the component tests' DOM has no layout, and no scrollIntoView.
    if (shown) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [shown]);
  return ref;
}
