import { copyText } from '../page/ui-actions';
import { nothingToCopyWords } from '../../../main/contract/words';

interface Props {
  text: string;
  /** What is copied, for the accessible name and the error message, e.g. "webhook URL". */
  what: string;
  label?: string;
}

export function CopyButton({ text, what, label = 'Copy' }: Props) {
  // Copying nothing would empty the clipboard and still say "Copied": an empty text is refused, and said so.
  const empty = text === '';
  return (
    <button
      type="button"
      className="copy-button"
      // A label of its own already says what it copies (and speech input users say what they see).
      aria-label={label === 'Copy' ? `Copy ${what}` : undefined}
      disabled={empty}
      title={empty ? nothingToCopyWords(what) : undefined}
      onClick={() => void copyText(text, what)}
    >
      {label}
    </button>
  );
}
