import { copyText } from '../app/ui-actions';

interface Props {
  text: string;
  /** What is copied, for the accessible name and the error message, e.g. "webhook URL". */
  what: string;
  label?: string;
}

export function CopyButton({ text, what, label = 'Copy' }: Props) {
  return (
    <button type="button" className="copy-button" aria-label={`Copy ${what}`} onClick={() => void copyText(text, what)}>
      {label}
    </button>
  );
}
