import type { KeyboardEvent } from 'react';
import { LazyMockEditor } from '../answers/LazyMockEditor';
import { FLOWENT_BODY_LIMIT_BYTES } from '../../../main/contract/api';
import { jsonSyntaxProblem } from '../../../main/contract/json-syntax';
import { PARAMETERS_NOT_AN_OBJECT, parametersOverLimitWords } from '../../../main/contract/words';

const NO_MARKS: never[] = [];

interface Props {
  value: string;
  onChange: (text: string) => void;
  label: string;
  /** Ctrl/Cmd+Enter inside the editor. */
  onSubmit?: () => void;
}

/** A JSON editor for parameters: the mock editor's CodeMirror, with Ctrl/Cmd+Enter to send. */
export function ReplayJsonEditor({ value, onChange, label, onSubmit }: Props) {
  // Taken on the way down, before the editor sees it: its own Ctrl/Cmd+Enter inserts a blank
  // line, which would run as well and leave the sent parameters with a stray newline.
  const onKeyDownCapture = (e: KeyboardEvent<HTMLDivElement>) => {
    if (onSubmit && e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.stopPropagation();
      onSubmit();
    }
  };
  return (
    <div className="json-editor" onKeyDownCapture={onKeyDownCapture}>
      <LazyMockEditor value={value} onChange={onChange} marks={NO_MARKS} label={label} />
    </div>
  );
}

/**
 * A message when `text` is not a JSON object, or makes parameters over Flowent's limit, else null
 * (checked before sending, so a typo costs no call). A JSON mistake is said in plain words with
 * its line and column, not in the browser's own.
 */
export function parametersProblem(text: string): string | null {
  const bytes = utf8Length(text);
  if (bytes > FLOWENT_BODY_LIMIT_BYTES) {
    return parametersOverLimitWords(bytes);
  }
  const mistake = jsonSyntaxProblem(text);
  if (mistake) return mistake.message;
  const value = JSON.parse(text) as unknown;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? null : PARAMETERS_NOT_AN_OBJECT;
}

/** The text's size in UTF-8 without encoding it (this runs on every keystroke). */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair: 2 units, 4 bytes.
      bytes += 2;
      i++;
    } else if (code >= 0x800) bytes += 2;
    else if (code >= 0x80) bytes += 1;
  }
  return bytes;
}
