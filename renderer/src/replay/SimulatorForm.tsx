import { useCallback, useEffect, useState } from 'react';
import type { SimulateOutcome } from '../../../main/contract/api';
import { generateParameters, simulateCall } from './replay-simulator-actions';
import { parametersProblem, ReplayJsonEditor } from './ReplayJsonEditor';
import { useUnsavedWork } from '../page/use-unsaved-work';
import { TargetField } from './TargetField';
import { ErrorLine } from '../shared/ErrorLine';

interface Props {
  action: string;
  hasSchema: boolean;
  onOutcome: (outcome: SimulateOutcome) => void;
}

/** Parameters (generated from the schema with a seed, then editable), the registration-check toggle, the target, Send. */
export function SimulatorForm({ action, hasSchema, onOutcome }: Props) {
  const [seed, setSeed] = useState(1);
  const [parameters, setParameters] = useState('{}');
  // The parameters as last generated and as last sent: edits are unsaved work until sent (or regenerated).
  const [seeded, setSeeded] = useState('{}');
  const [sentText, setSentText] = useState<string | null>(null);
  const [test, setTest] = useState(false);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem = test ? null : parametersProblem(parameters);
  useUnsavedWork(parameters !== seeded && parameters !== sentText ? `the parameters for ${action}` : null);
  const showGenerated = (text: string) => {
    setParameters(text);
    setSeeded(text);
  };

  const regenerate = useCallback(
    async (withSeed: number) => {
      setError(null);
      const generated = await generateParameters(action, withSeed);
      if ('text' in generated) showGenerated(generated.text);
      else setError(generated.message);
    },
    [action],
  );
  // Fresh parameters for the action as soon as it is picked (and when its schema changes).
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

  const send = async () => {
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
    <div className="simulator-form" role="group" aria-label="Simulated call">
      <label className="inline-field">
        <input type="checkbox" checked={test} onChange={(e) => setTest(e.target.checked)} />
        Send Flowent’s registration check instead (<code>"test": true</code>, unsigned)
      </label>
      {!test && (
        <>
          <div className="button-row">
            <label className="inline-field">
              Seed
              <input type="number" value={seed} onChange={(e) => setSeed(Math.floor(Number(e.target.value)) || 0)} />
            </label>
            <button type="button" onClick={() => void regenerate(seed)} title="Same seed, same parameters">
              Regenerate
            </button>
            <button
              type="button"
              onClick={() => {
                setSeed(seed + 1);
                void regenerate(seed + 1);
              }}
            >
              Next seed
            </button>
          </div>
          {!hasSchema && (
            <p className="muted">No schema is known for {action}: the parameters start empty. Type them, or define a schema above.</p>
          )}
          <ReplayJsonEditor value={parameters} onChange={setParameters} label="Parameters to send" onSubmit={() => void send()} />
          {problem && (
            <p className="muted" aria-label="Parameters problem">
              {problem}
            </p>
          )}
        </>
      )}
      <TargetField label="Simulator target URL" value={target} onChange={setTarget} />
      <div className="button-row">
        <button type="button" disabled={busy || problem !== null} onClick={() => void send()} title="Ctrl/Cmd+Enter in the editor">
          {busy ? 'Sending…' : 'Send'}
        </button>
      </div>
      <ErrorLine message={error} label="Simulator error" />
    </div>
  );
}
