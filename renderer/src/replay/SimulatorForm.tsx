import { useCallback, useEffect, useRef, useState } from 'react';
import type { ParameterProblem, SimulateOutcome } from '../../../main/contract/api';
import { checkSimulatedParameters, generateParameters, simulateCall } from './replay-simulator-actions';
import { parametersProblem, ReplayJsonEditor } from './ReplayJsonEditor';
import { useUnsavedWork } from '../page/use-unsaved-work';
import { TargetField } from './TargetField';
import { ErrorLine } from '../shared/ErrorLine';

interface Props {
  action: string;
  /** The schema the parameters are generated from and checked against; null when none is known. */
  schema: Record<string, unknown> | null;
  /** Where that schema comes from, as the dialog says it ("defined here"). */
  schemaOrigin: string;
  onOutcome: (outcome: SimulateOutcome) => void;
  /** The call to send changed (parameters, target, the registration check): a shown result is of the previous one. */
  onEdited: () => void;
}

/** How long typing pauses before the parameters are checked against the schema. */
const CHECK_DELAY_MS = 250;

/** Parameters (generated from the schema with a seed, then editable), the registration-check toggle, the target, Send. */
export function SimulatorForm({ action, schema, schemaOrigin, onOutcome, onEdited }: Props) {
  const [seed, setSeed] = useState(1);
  const [parameters, setParameters] = useState('{}');
  // The parameters as last generated and as last sent: edits are unsaved work until sent (or regenerated).
  const [seeded, setSeeded] = useState('{}');
  const [sentText, setSentText] = useState<string | null>(null);
  // Edited parameters a regeneration replaced, until the next edit: one click brings them back.
  const [replaced, setReplaced] = useState<string | null>(null);
  const [test, setTest] = useState(false);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  // The last check's problems, shown until the next check answers (a pause in typing).
  const [checkedProblems, setCheckedProblems] = useState<ParameterProblem[]>([]);
  const problem = test ? null : parametersProblem(parameters);
  const edited = parameters !== seeded && parameters !== sentText;
  useUnsavedWork(edited ? `the parameters for ${action}` : null);
  const showGenerated = (text: string) => {
    setParameters(text);
    setSeeded(text);
  };
  // An error said of the previous inputs (no handler for the action, a refused target) no longer holds once they change.
  const changed = () => {
    setError(null);
    onEdited();
  };

  const regenerate = useCallback(
    async (withSeed: number, keep: string | null) => {
      setError(null);
      const generated = await generateParameters(action, withSeed);
      if ('text' in generated) {
        showGenerated(generated.text);
        setReplaced(keep);
        onEdited();
      } else setError(generated.message);
    },
    [action, onEdited],
  );
  // Fresh parameters for the action as soon as it is picked (and when its schema changes).
  const hasSchema = schema !== null;
  useEffect(() => {
    let live = true;
    void generateParameters(action, 1).then((generated) => {
      if (!live) return;
      if ('text' in generated) showGenerated(generated.text);
      else setError(generated.message);
    });
    return () => {
      live = false;
    };
  }, [action, hasSchema]);

  // Flowent checks parameters against the action's schema before it calls: say what these break
  // before they are sent (sending stays possible, a handler's answer to bad parameters is worth testing).
  const checkable = !test && !problem && schema !== null;
  const schemaProblems = checkable ? checkedProblems : [];
  useEffect(() => {
    if (!checkable) return;
    let live = true;
    const timer = setTimeout(() => {
      void checkSimulatedParameters(action, parameters).then((found) => live && setCheckedProblems(found));
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [action, parameters, checkable, schema]);

  const send = async () => {
    // Send stays focusable while busy (aria-disabled): a disabled button drops the focus to the page's body.
    if (busy || problem) return;
    setBusy(true);
    setError(null);
    const trimmed = target.trim();
    const sent = await simulateCall({ action, parameters: test ? null : parameters, seed, test, target: trimmed === '' ? null : trimmed });
    setBusy(false);
    if ('outcome' in sent) {
      if (!test) setSentText(parameters);
      onOutcome(sent.outcome);
    } else setError(sent.message);
  };

  return (
    <div className="simulator-form" role="group" aria-label="Simulated call" ref={form}>
      <label className="inline-field">
        <input
          type="checkbox"
          checked={test}
          onChange={(e) => {
            setTest(e.target.checked);
            changed();
          }}
        />
        {/* One piece of text: as the flex field's items, its words and code were set apart by the field's gap. */}
        <span>
          Send Flowent’s registration check instead (<code>&quot;test&quot;: true</code>, unsigned)
        </span>
      </label>
      {!test && (
        <>
          <div className="button-row">
            <label className="inline-field">
              Seed
              <input type="number" value={seed} onChange={(e) => setSeed(Math.floor(Number(e.target.value)) || 0)} />
            </label>
            <button type="button" onClick={() => void regenerate(seed, edited ? parameters : null)} title="Same seed, same parameters">
              Regenerate
            </button>
            <button
              type="button"
              onClick={() => {
                setSeed(seed + 1);
                void regenerate(seed + 1, edited ? parameters : null);
              }}
            >
              Next seed
            </button>
          </div>
          {replaced !== null && (
            <p className="undo-note" role="status" aria-label="Replaced parameters">
              Your edited parameters were replaced by generated ones.{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setParameters(replaced);
                  setReplaced(null);
                  changed();
                  // The link goes with the note: the focus goes to the parameters it brought back.
                  form.current?.querySelector<HTMLElement>('.cm-content')?.focus();
                }}
              >
                Undo
              </button>
            </p>
          )}
          {!hasSchema && (
            <p className="muted">No schema is known for {action}: the parameters start empty. Type them, or define a schema above.</p>
          )}
          <ReplayJsonEditor
            value={parameters}
            onChange={(text) => {
              // The editor reports the text it was given too (generated, undone): only a change is an edit.
              if (text === parameters) return;
              setParameters(text);
              setReplaced(null);
              changed();
            }}
            label="Parameters to send"
            onSubmit={() => void send()}
          />
          {problem && (
            <p className="form-error" role="alert" aria-label="Parameters problem">
              {problem}
            </p>
          )}
          {schemaProblems.length > 0 && (
            <div className="schema-warning" role="status" aria-label="Parameters against the schema">
              <p>
                These parameters break the action’s JSON Schema ({schemaOrigin}): Flowent checks parameters against it and would not send
                them. Send them anyway to see how your handler copes.
              </p>
              <ul>
                {schemaProblems.map((p) => (
                  <li key={`${p.path}-${p.keyword}`} data-keyword={p.keyword}>
                    {p.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      <TargetField
        label="Simulator target URL"
        value={target}
        onChange={(text) => {
          setTarget(text);
          changed();
        }}
      />
      <div className="button-row">
        <button
          type="button"
          disabled={problem !== null}
          aria-disabled={busy || undefined}
          onClick={() => void send()}
          title="Ctrl/Cmd+Enter in the editor"
        >
          {busy ? 'Sending…' : 'Send'}
        </button>
      </div>
      <ErrorLine message={error} label="Simulator error" />
    </div>
  );
}
