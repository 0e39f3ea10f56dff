import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { ReplayOutcome } from '../../../main/contract/api';
import { replayEdited } from './replay-actions';
import { parametersProblem, ReplayJsonEditor } from './ReplayJsonEditor';
import { useInlineUnsavedWork } from '../page/use-unsaved-work';
import { ErrorLine } from '../shared/ErrorLine';
import { BusyButton } from '../shared/BusyButton';
import { useCallsStore } from '../history/calls-store';
import { dismissDraftKept, dropDraft, keepDraft, keptDraft, sayDraftKept } from './replay-drafts';
import type { StyleName } from '../../../main/contract/names-and-limits';
import { REPLAY_PART_NAMES } from '../../../main/contract/words';

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
  /** The button that opened the editor, null when it opened by itself (a kept draft). */
  openedBy: OpenedBy | null;
}

/**
 * The editor opens below the panel's other buttons, under the fold of a 720 px window: opened by
 * its button, it scrolls into sight, and from the keyboard it takes the keyboard from the button
 * (left there, a person saw nothing happen, and Tab went through three more buttons first).
 */
export interface OpenedBy {
  button: RefObject<HTMLElement | null>;
  keyboard: boolean;
}

/**
 * Edit the parameters, then replay re-signed (Ctrl/Cmd+Enter); Esc closes it, warning once over
 * unsaved edits. Choosing another call keeps them (replay-drafts.ts): this editor opens with them
 * again when the call is chosen again.
 */
export function ReplayEditor({ callId, requestBody, target, style, onOutcome, onClose, openedBy }: Props) {
  const group = useRef<HTMLDivElement>(null);
  useInSightOnceLoaded(group, openedBy);
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
  useEffect(() => {
    dismissDraftKept(callId);
  }, [callId]);
  useEffect(() => {
    return useCallsStore.subscribe((s, before) => {
      if (before.selectedId === callId && s.selectedId !== callId && keptDraft(callId)) sayDraftKept(callId);
    });
  }, [callId]);
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
    <div className="replay-editor" role="group" aria-label="Edit parameters" ref={group} onKeyDown={onKeyDown}>
      <ReplayJsonEditor value={text} onChange={setText} label="Parameters to replay" onSubmit={() => void send()} />
      {problem && (
        <p className="muted" aria-label="Parameters problem">
          {problem}
        </p>
      )}
      <div className="button-row">
        <BusyButton busy={busy} disabled={problem !== null} onClick={() => void send()} title={REPLAY_PART_NAMES.sendKeyAnywhere}>
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

/**
 * Brings the editor into sight once it is there (it loads lazily) and, opened from the keyboard,
 * puts the keyboard in it, while the keyboard is still on its button: a person who moved on
 * meanwhile keeps their place. Through CodeMirror's own focus, whose code the editor has loaded
 * by then: a plain focus of its text re-entered the editor's update where selection events come at once.
 */
function useInSightOnceLoaded(group: RefObject<HTMLDivElement | null>, openedBy: OpenedBy | null): void {
  useEffect(() => {
    const root = group.current;
    if (!root || !openedBy) return;
    let done = false;
    const bringIntoSight = (): boolean => {
      const dom = root.querySelector<HTMLElement>('.cm-editor');
      if (!dom) return false;
      root.scrollIntoView({ block: 'nearest' });
      if (openedBy.keyboard) {
        void import('@codemirror/view').then(({ EditorView }) => {
          const view = EditorView.findFromDOM(dom);
          if (!done && view && document.activeElement === openedBy.button.current) view.focus();
        });
      }
      return true;
    };
    const loaded = new MutationObserver(() => {
      if (bringIntoSight()) loaded.disconnect();
    });
    if (!bringIntoSight()) loaded.observe(root, { childList: true, subtree: true });
    return () => {
      done = true;
      loaded.disconnect();
    };
    // Once, when the editor opens: what opened it does not change while it is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
