import { copyText } from '../page/ui-actions';

interface Props {
  text: string;
  /** What is copied, for the accessible name and the error message, e.g. "webhook URL". */
  what: string;
  label?: string;
}

export function CopyButton({ text, what, label = 'Copy' }: Props) {
  return (
    <button
      type="button"
      className="copy-button"
      // A label of its own already says what it copies (and speech input users say what they see).
      aria-label={label === 'Copy' ? `Copy ${what}` : undefined}
      onClick={() => void copyText(text, what)}
    >
      {label}
    </button>
  );
}
