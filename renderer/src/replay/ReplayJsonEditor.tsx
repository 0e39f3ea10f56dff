import { lazy, Suspense, type KeyboardEvent } from 'react';

// The mock editor's CodeMirror setup (JSON mode, line numbers), loaded when first shown.
const MockEditor = lazy(() => import('../answers/MockEditor'));
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
      <Suspense fallback={<p className="muted">Loading the editor…</p>}>
        <MockEditor value={value} onChange={onChange} marks={NO_MARKS} label={label} />
      </Suspense>
    </div>
  );
}

/** A message when `text` is not a JSON object, else null (checked before sending, so a typo costs no call). */
export function parametersProblem(text: string): string | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? null
      : 'The parameters must be a JSON object ({...}), as Flowent sends.';
  } catch (error) {
    return `The parameters are not JSON yet: ${error instanceof Error ? error.message : String(error)}`;
  }
}
