import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useFocusReturn } from './use-focus-return';
import { BusyButton } from './BusyButton';
import { confirmGroupWords, KEEP_WORDS, type Confirming } from '../../../main/contract/words';

interface Props {
  /** What is asked, for the group's accessible name: `clearHistory` reads "Confirm clearing history". */
  what: Confirming;
  /** The question, saying what is lost. */
  children: ReactNode;
  /** The button that does it: "Delete all calls". */
  confirm: string;
  onConfirm: () => void;
  /** The button that keeps things as they are (default "Cancel"). */
  cancel?: string;
  onCancel: () => void;
  /** While the change runs: its button cannot be pressed twice. */
  busy?: boolean;
}

/**
 * The question asked in place before something that cannot be undone (deleting, replacing,
 * exposing). The safe choice has the focus, so Enter right after the first press does not
 * confirm it, and Esc takes it too: it closes the question only, not the dialog around it. The
 * question is scrolled into view whole (in a dialog, below its title). When the question goes,
 * the keyboard goes back to what asked it (useFocusReturn).
 */
export function ConfirmBox({ what, children, confirm, onConfirm, cancel = KEEP_WORDS.cancel, onCancel, busy = false }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  useFocusReturn(box);
  useEffect(() => {
    keep.current?.focus({ preventScroll: true });
    // The question with its buttons, not the safe button alone: a person must read what is asked.
    // Optional call: the component tests' DOM has no layout, and no scrollIntoView.
    box.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key !== 'Escape') return;
    // The inspector's Esc would close the dialog (or the call's pane) around the question.
    e.preventDefault();
    e.stopPropagation();
    onCancel();
  }

  return (
    <div className="confirm" role="group" aria-label={confirmGroupWords(what)} ref={box} onKeyDown={onKeyDown}>
      <p>{children}</p>
      <BusyButton className="danger" busy={busy} onClick={onConfirm}>
        {confirm}
      </BusyButton>
      <button type="button" ref={keep} onClick={onCancel}>
        {cancel}
      </button>
    </div>
  );
}
