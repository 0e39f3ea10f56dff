import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ParameterProblem, SimulateOutcome } from '../../../main/contract/api';
import { checkSimulatedParameters, generateParameters, simulateCall } from './replay-simulator-actions';
import { parametersProblem, ReplayJsonEditor } from './ReplayJsonEditor';
import { TargetField } from './TargetField';
import { ErrorLine } from '../shared/ErrorLine';
import { BusyButton } from '../shared/BusyButton';
import type { StyleName } from '../../../main/contract/names-and-limits';
import { SigningStyleField } from './SigningStyleField';
import { REPLAY_PART_NAMES } from '../../../main/contract/words';

interface Props {
  action: string;
  /** The schema the parameters are generated from and checked against; null when none is known. */
  schema: Record<string, unknown> | null;
  /** Where that schema comes from, as the dialog says it ("defined here"). */
  schemaOrigin: string;
  onOutcome: (outcome: SimulateOutcome) => void;
  /** The call to send changed (parameters, target, the registration check): a shown result is of the previous one. */
  onEdited: () => void;
  /** The parameters typed for this action before (while another action was shown): restored, not generated over. */
  kept: KeptParameters | null;
  /** Tells the dialog what to keep of this action's parameters (null: nothing, they are as generated). */
  onKeep: (action: string, parameters: KeptParameters | null) => void;
  /** The signing style picked (null: the learned one), kept by the dialog from one action to the next. */
  style: StyleName | null;
  onStyle: (style: StyleName | null) => void;
}

/** Parameters typed for an action, kept by the dialog; `unsent`: edits not sent yet, which Esc warns about. */
export interface KeptParameters {
  text: string;
  seed: number;
  unsent: boolean;
}

/** A seed as typed: a whole number the core takes (a safe integer), else null. */
function seedOf(text: string): number | null {
  const value = Number(text);
  return /^-?\d+$/.test(text.trim()) && Number.isSafeInteger(value) ? value : null;
}

/** How long typing pauses before the parameters are checked against the schema. */
const CHECK_DELAY_MS = 250;

/** Parameters (generated from the schema with a seed, then editable), the registration-check toggle, the target, Send. */
export function SimulatorForm({ action, schema, schemaOrigin, onOutcome, onEdited, kept, onKeep, style, onStyle }: Props) {
  // The field keeps what is typed ("-" on the way to "-4"); the seed is the last whole number it held.
  const [seedText, setSeedText] = useState(String(kept?.seed ?? 1));
  const [seed, setSeed] = useState(kept?.seed ?? 1);
  const seedValid = seedOf(seedText) !== null;
  const seedProblem = useId();
  const [parameters, setParameters] = useState(kept?.text ?? '{}');
  // The parameters as last generated and as last sent: edits are unsaved work until sent (or regenerated).
  const [seeded, setSeeded] = useState('{}');
  const [sentText, setSentText] = useState<string | null>(kept && !kept.unsent ? kept.text : null);
  // Kept parameters are shown as they were: the first generation only learns what "as generated" is.
  const restoring = useRef(kept !== null);
  // Edited parameters a regeneration replaced, until the next edit: one click brings them back.
  const [replaced, setReplaced] = useState<string | null>(null);
  const [test, setTest] = useState(false);
  // Signed, then spoiled: to see that the handler refuses a call whose signature is wrong.
  const [wrongSignature, setWrongSignature] = useState(false);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  // The last check's problems, shown until the next check answers (a pause in typing).
  const [checkedProblems, setCheckedProblems] = useState<ParameterProblem[]>([]);
  const problem = test ? null : parametersProblem(parameters);
  const edited = parameters !== seeded && parameters !== sentText;
  const typed = parameters !== seeded;
  useEffect(() => {
    onKeep(action, typed ? { text: parameters, seed, unsent: edited } : null);
  }, [action, parameters, seed, typed, edited, onKeep]);
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
    const restore = restoring.current;
    restoring.current = false;
    void generateParameters(action, restore ? seed : 1).then((generated) => {
      if (!live) return;
      if (!('text' in generated)) setError(generated.message);
      else if (restore) setSeeded(generated.text);
      else showGenerated(generated.text);
    });
    return () => {
      live = false;
    };
    // The seed is read once, for kept parameters: a new seed generates only through the buttons.
    // eslint-disable-next-line react-hooks/exhaustive-deps
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
    // Ctrl/Cmd+Enter in the editor sends too, past the button and whether it is busy.
    if (busy || problem) return;
    setBusy(true);
    setError(null);
    const trimmed = target.trim();
    const sent = await simulateCall({
      action,
      parameters: test ? null : parameters,
      seed,
      test,
      target: trimmed === '' ? null : trimmed,
      ...(style && !test ? { style } : {}),
      ...(wrongSignature && !test ? { wrongSignature: true } : {}),
    });
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
          <label className="inline-field">
            <input
              type="checkbox"
              checked={wrongSignature}
              onChange={(e) => {
                setWrongSignature(e.target.checked);
                changed();
              }}
            />
            <span>Spoil the signature, to check that your handler refuses a call signed wrongly</span>
          </label>
          <SigningStyleField
            value={style}
            onChange={(picked) => {
              onStyle(picked);
              changed();
            }}
          />
          <div className="button-row">
            <label className="inline-field">
              Seed
              <input
                type="number"
                step={1}
                value={seedText}
                onChange={(e) => {
                  setSeedText(e.target.value);
                  const value = seedOf(e.target.value);
                  if (value !== null) setSeed(value);
                }}
                aria-invalid={!seedValid || undefined}
                aria-describedby={seedValid ? undefined : seedProblem}
              />
            </label>
            <button
              type="button"
              disabled={!seedValid}
              onClick={() => void regenerate(seed, edited ? parameters : null)}
              title={REPLAY_PART_NAMES.sameSeed}
            >
              Regenerate
            </button>
            <button
              type="button"
              disabled={!seedValid}
              onClick={() => {
                setSeed(seed + 1);
                setSeedText(String(seed + 1));
                void regenerate(seed + 1, edited ? parameters : null);
              }}
            >
              Next seed
            </button>
          </div>
          {!seedValid && (
            <p className="form-error" id={seedProblem} role="alert" aria-label="Seed problem">
              A seed is a whole number, such as 1 or -4.
            </p>
          )}
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
            <div className="schema-warning" role="status" aria-label={REPLAY_PART_NAMES.againstSchema}>
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
      {/* Send and why it failed stay in view at the dialog's foot. */}
      <div className="dialog-actions">
        <div className="button-row">
          <BusyButton busy={busy} disabled={problem !== null} onClick={() => void send()} title={REPLAY_PART_NAMES.sendKey}>
            {busy ? 'Sending…' : 'Send'}
          </BusyButton>
        </div>
        <ErrorLine message={error} label="Simulator error" />
      </div>
    </div>
  );
}
