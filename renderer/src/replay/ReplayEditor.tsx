import { useEffect, useState, type KeyboardEvent } from 'react';
import type { ReplayOutcome } from '../../../main/contract/api';
import { replayEdited } from './replay-actions';
import { parametersProblem, ReplayJsonEditor } from './ReplayJsonEditor';
import { useInlineUnsavedWork } from '../page/use-unsaved-work';
import { ErrorLine } from '../shared/ErrorLine';
import { BusyButton } from '../shared/BusyButton';
import { useCallsStore } from '../history/calls-store';
import { dismissDraftKept, dropDraft, keepDraft, keptDraft, sayDraftKept } from './replay-drafts';
import type { StyleName } from '../../../main/contract/names-and-limits';

/**
 * Whether the body is a JSON object, the only body an edit can put parameters into: the core
 * refuses to re-sign any other, and the editor opened on such a body showed `{}` as if it were its parameters.
 */
export function hasParametersToEdit(requestBody: string): boolean {
  try {
    const body = JSON.parse(requestBody) as unknown;
    return body !== null && typeof body === 'object' && !Array.isArray(body);
  } catch {
    return false;
  }
}

/** The call's `parameters`, pretty-printed, as the editor's starting text. */
export function parametersOf(requestBody: string): string {
  try {
    const body = JSON.parse(requestBody) as { parameters?: unknown };
    const parameters = body.parameters;
    return JSON.stringify(parameters !== null && typeof parameters === 'object' && !Array.isArray(parameters) ? parameters : {}, null, 2);
  } catch {
    return '{}';
  }
}

interface Props {
  callId: number;
  requestBody: string;
  target: string;
  /** The signing style picked in the panel (null: the learned one). */
  style: StyleName | null;
  onOutcome: (outcome: ReplayOutcome) => void;
  onClose: () => void;
}

/**
 * Edit the parameters, then replay re-signed (Ctrl/Cmd+Enter); Esc closes it, warning once over
 * unsaved edits. Choosing another call keeps them (replay-drafts.ts): this editor opens with them
 * again when the call is chosen again.
 */
export function ReplayEditor({ callId, requestBody, target, style, onOutcome, onClose }: Props) {
  const [original] = useState(() => parametersOf(requestBody));
  const [text, setText] = useState(() => keptDraft(callId)?.text ?? original);
  // The text last replayed: edits are unsaved work until replayed (or put back to the original).
  const [replayedText, setReplayedText] = useState(() => keptDraft(callId)?.replayedText ?? original);
  const unsaved = text !== original && text !== replayedText;
  // It has no Save: edits are kept by replaying them.
  const mayClose = useInlineUnsavedWork(unsaved ? `the edited parameters of call #${callId}` : null, 'replay them first (Replay edited)');
  useEffect(() => {
    if (unsaved) keepDraft(callId, { text, replayedText });
    else dropDraft(callId);
  }, [callId, unsaved, text, replayedText]);
  // Back on this call, with its edits: the toast saying they are kept has done its work.
  useEffect(() => dismissDraftKept(callId), [callId]);
  useEffect(
    () =>
      useCallsStore.subscribe((s, before) => {
        if (before.selectedId === callId && s.selectedId !== callId && keptDraft(callId)) sayDraftKept(callId);
      }),
    [callId],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem = parametersProblem(text);

  const send = async () => {
    if (problem || busy) return;
    setBusy(true);
    setError(null);
    const attempt = await replayEdited(callId, text, target, style);
    setBusy(false);
    if (attempt.ok) {
      setReplayedText(text);
      onOutcome(attempt.outcome);
    } else setError(attempt.message);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // An Esc the editor used itself (closing its search panel, collapsing a selection) is not for us.
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    // Handled here: the inspector's Esc would clear the search as well.
    e.stopPropagation();
    if (mayClose()) onClose();
  };

  return (
    <div className="replay-editor" role="group" aria-label="Edit parameters" onKeyDown={onKeyDown}>
      <ReplayJsonEditor value={text} onChange={setText} label="Parameters to replay" onSubmit={() => void send()} />
      {problem && (
        <p className="muted" aria-label="Parameters problem">
          {problem}
        </p>
      )}
      <div className="button-row">
        <BusyButton busy={busy} disabled={problem !== null} onClick={() => void send()} title="Ctrl/Cmd+Enter">
          Replay edited
        </BusyButton>
        <button type="button" onClick={() => setText(original)}>
          Reset to the original
        </button>
        <button type="button" onClick={onClose}>
          Close the editor
        </button>
      </div>
      <ErrorLine message={error} label="Edited replay error" />
    </div>
  );
}
