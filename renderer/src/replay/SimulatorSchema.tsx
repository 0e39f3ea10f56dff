import { ConfirmBox } from '../shared/ConfirmBox';
import { useEffect, useRef, useState } from 'react';
import type { SimulatorAction } from '../../../main/contract/api';
import { saveSimulatorSchema } from './replay-simulator-actions';
import { ErrorLine } from '../shared/ErrorLine';

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

/** The action's schema (where it comes from), and a place to define one here. */
export function SimulatorSchema({ action, known }: { action: string; known: SimulatorAction | null }) {
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const origin = schemaOriginWords(known);
  // Save, Cancel and the removal question go with the buttons that took the focus: it goes back
  // to the schema's own button, not to the page's body.
  const editButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const [focusBack, setFocusBack] = useState<'edit' | 'remove' | null>(null);
  useEffect(() => {
    if (focusBack === null) return;
    (focusBack === 'remove' ? removeButton : editButton).current?.focus();
    setFocusBack(null);
  }, [focusBack]);

  const startEditing = () => {
    setText(JSON.stringify(known?.schema ?? { type: 'object', properties: {}, required: [] }, null, 2));
    setEditing(true);
  };
  const save = async (schema: string | null) => {
    const message = await saveSimulatorSchema(action, schema);
    setError(message);
    if (!message) {
      setEditing(false);
      setRemoving(false);
      setFocusBack('edit');
    }
  };

  return (
    <div className="simulator-schema" aria-label="Action schema">
      <span className="muted">JSON Schema: {origin}</span>{' '}
      {/* The project's file comes first in every check: a schema defined here would not be used. */}
      {known?.origin === 'project' && <span className="muted">(edit that file to change it)</span>}
      {!editing && !removing && known?.origin !== 'project' && (
        <div className="button-row">
          <button type="button" className="link-button" ref={editButton} onClick={startEditing}>
            {known?.origin === 'local' ? 'Edit the schema' : 'Define a schema here'}
          </button>
          {known?.origin === 'local' && (
            <button type="button" className="link-button" ref={removeButton} onClick={() => setRemoving(true)}>
              Remove the schema
            </button>
          )}
        </div>
      )}
      {/* The schema is kept nowhere else: removing it by a stray click lost it for good. */}
      {removing && (
        <ConfirmBox
          what="removing the schema"
          confirm="Remove the schema"
          onConfirm={() => void save(null)}
          onCancel={() => {
            setRemoving(false);
            setFocusBack('remove');
          }}
        >
          Remove the schema defined here for {action}? It is not kept anywhere else.
        </ConfirmBox>
      )}
      {editing && (
        <>
          <textarea aria-label="Schema to define" rows={8} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
          <div className="button-row">
            <button type="button" onClick={() => void save(text)}>
              Save the schema
            </button>
            <button
              type="button"
              onClick={() => {
                setEditing(false);
                setFocusBack('edit');
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
