import { useEffect, useRef } from 'react';
import { isTyping } from './typing';

/**
 * A result that appears below the fold of a long form: brought into view once per outcome, and
 * the keyboard with it to its heading, unless the person is typing in a field (the editor, the
 * target), where the focus stays.
 */
export function useResultArrival<T>(outcome: T) {
  const box = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    box.current?.scrollIntoView?.({ block: 'nearest' });
    if (!isTyping(document.activeElement)) heading.current?.focus({ preventScroll: true });
  }, [outcome]);
  return { box, heading };
}
