import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  /** What is asked, for the group's accessible name: "clearing history" reads "Confirm clearing history". */
  what: string;
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
 * confirm it.
 */
export function ConfirmBox({ what, children, confirm, onConfirm, cancel = 'Cancel', onCancel, busy = false }: Props) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div className="confirm" role="group" aria-label={`Confirm ${what}`}>
      <p>{children}</p>
      <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
        {confirm}
      </button>
      <button type="button" ref={keep} onClick={onCancel}>
        {cancel}
      </button>
    </div>
  );
}
