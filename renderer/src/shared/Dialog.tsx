import { useEffect, useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { focusableIn } from './focusable';

/** Room between the dialog's title and what is scrolled into view under it. */
const HEAD_GAP_PX = 8;

interface Props {
  title: string;
  onClose: () => void;
  /** The accessible name of the close button, e.g. "Close settings". */
  closeLabel: string;
  className?: string;
  children: ReactNode;
}

/**
 * A modal dialog: focus moves to its close button and goes back where it was when it
 * closes, Tab stays inside, a click on the backdrop closes it (Esc is the global keymap's).
 * Its title stays at the top as it scrolls; whatever is scrolled into view in it (a control
 * Tab reaches, a question asked) stops below the title, not under it.
 */
export function Dialog({ title, onClose, closeLabel, className, children }: Props) {
  const titleId = useId();
  const firstRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    const head = headRef.current;
    if (!dialog || !head || typeof ResizeObserver === 'undefined') return;
    // The title's height, and a little room under it: a long title wraps on a narrow window.
    const fit = () => dialog.style.setProperty('scroll-padding-top', `${head.offsetHeight + HEAD_GAP_PX}px`);
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(head);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    firstRef.current?.focus();
    return () => previous?.focus();
  }, []);

  function trapTab(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key !== 'Tab' || !dialogRef.current) return;
    const focusable = focusableIn(dialogRef.current);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className={`dialog${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        ref={dialogRef}
        onKeyDown={trapTab}
      >
        <div className="dialog-head" ref={headRef}>
          <h2 id={titleId}>{title}</h2>
          <button type="button" ref={firstRef} aria-label={closeLabel} onClick={onClose}>
            ×
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
