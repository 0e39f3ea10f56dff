import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { focusableIn } from './focusable';

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
 */
export function Dialog({ title, onClose, closeLabel, className, children }: Props) {
  const titleId = useId();
  const firstRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
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
        <div className="dialog-head">
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
