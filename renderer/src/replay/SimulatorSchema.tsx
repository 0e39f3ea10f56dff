import { ConfirmBox } from '../shared/ConfirmBox';
import { useEffect, useRef, useState } from 'react';
import type { SimulatorAction } from '../../../main/contract/api';
import { saveSimulatorSchema } from './replay-simulator-actions';
import { ErrorLine } from '../shared/ErrorLine';
import { focusFell } from '../shared/focusable';
import { editingSchemaForWords, removeSchemaQuestion, CONFIRM_WORDS, REPLAY_PART_NAMES } from '../../../main/contract/words';

const ORIGIN: Record<Exclude<SimulatorAction['origin'], 'project'>, string> = {
  local: 'defined here',
  flowent: 'as registered in Flowent (cached)',
  history: 'none known',
};

/** Where the simulator's schema for an action comes from, in the dialog's words ("defined here"). */
export function schemaOriginWords(known: SimulatorAction | null): string {
  if (!known?.schema) return 'none known';
  return known.origin === 'project' ? `the project's actions/${known.action}.yaml` : ORIGIN[known.origin];
}

interface Props {
  /** The action in the Action field; null while the name typed there is not a valid one. */
  action: string | null;
  known: SimulatorAction | null;
  /** What closing the simulator would lose of the schema being edited ("the schema for send_email"), null: nothing. */
  onUnsaved: (what: string | null) => void;
}

/** The action's schema (where it comes from), and a place to define one here. */
export function SimulatorSchema({ action, known, onUnsaved }: Props) {
  // The action the schema being edited (or the removal asked about) is for: the Action field can
  // change meanwhile, and Save must not store the text under the name typed since.
  const [editingFor, setEditingFor] = useState<string | null>(null);
  const [removingFor, setRemovingFor] = useState<string | null>(null);
  const editing = editingFor !== null;
  const removing = removingFor !== null;
  const [text, setText] = useState('');
  // The text the editing started from: only a change to it is work Esc would lose.
  const [startText, setStartText] = useState('');
  const unsaved = editing && text !== startText;
  useEffect(() => {
    onUnsaved(unsaved ? `the schema for ${editingFor}` : null);
  }, [unsaved, editingFor, onUnsaved]);
  useEffect(() => {
    return () => onUnsaved(null);
  }, [onUnsaved]);
  const [error, setError] = useState<string | null>(null);
  const origin = schemaOriginWords(known);
  // Save, Cancel and the removal question go with the buttons that took the focus: it goes back
  // to the schema's own button, not to the page's body.
  const editButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  // Set with the state change that removes them; taken after the render that shows the buttons again.
  const focusBack = useRef<'edit' | 'remove' | null>(null);
  // The button that opened the editor goes as it opens: the keyboard goes into the schema to define.
  const schemaField = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (editing && focusFell()) schemaField.current?.focus({ preventScroll: true });
  }, [editing]);
  useEffect(() => {
    if (focusBack.current === null) return;
    (focusBack.current === 'remove' ? removeButton : editButton).current?.focus();
    focusBack.current = null;
  });

  const startEditing = (action: string) => {
    const start = JSON.stringify(known?.schema ?? { type: 'object', properties: {}, required: [] }, null, 2);
    setText(start);
    setStartText(start);
    setEditingFor(action);
  };
  const save = async (forAction: string, schema: string | null) => {
    const message = await saveSimulatorSchema(forAction, schema);
    setError(message);
    if (!message) {
      setEditingFor(null);
      setRemovingFor(null);
      focusBack.current = 'edit';
    }
  };

  // With no valid name there is no schema to tell of: only one being edited or asked about stays.
  if (action === null && !editing && !removing) return null;
  return (
    <div className="simulator-schema" aria-label="Action schema">
      {/* No valid name, no schema to tell of: "none known" above a schema being edited would read as its own. */}
      {action !== null && (
        <>
          <span className="muted">JSON Schema: {origin}</span>{' '}
        </>
      )}
      {/* The project's file comes first in every check: a schema defined here would not be used. */}
      {known?.origin === 'project' && <span className="muted">(edit that file to change it)</span>}
      {action !== null && !editing && !removing && known?.origin !== 'project' && (
        <div className="button-row">
          <button type="button" className="link-button" ref={editButton} onClick={() => startEditing(action)}>
            {known?.origin === 'local' ? 'Edit the schema' : 'Define a schema here'}
          </button>
          {known?.origin === 'local' && (
            <button type="button" className="link-button" ref={removeButton} onClick={() => setRemovingFor(action)}>
              Remove the schema
            </button>
          )}
        </div>
      )}
      {/* The schema is kept nowhere else: removing it by a stray click lost it for good. */}
      {removing && (
        <ConfirmBox
          what="removeSchema"
          confirm={CONFIRM_WORDS.removeSchema}
          onConfirm={() => void save(removingFor, null)}
          onCancel={() => {
            setRemovingFor(null);
            focusBack.current = 'remove';
          }}
        >
          {removeSchemaQuestion(removingFor)}
        </ConfirmBox>
      )}
      {editing && (
        <>
          {editingFor !== action && <p className="muted">{editingSchemaForWords(editingFor)}</p>}
          <textarea
            ref={schemaField}
            aria-label={REPLAY_PART_NAMES.schemaToDefine}
            rows={8}
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
          />
          <div className="button-row">
            <button type="button" onClick={() => void save(editingFor, text)}>
              Save the schema
            </button>
            <button
              type="button"
              onClick={() => {
                setEditingFor(null);
                focusBack.current = 'edit';
              }}
            >
              Cancel
            </button>
          </div>
        </>
      )}
      <ErrorLine message={error} label="Schema error" />
    </div>
  );
}
