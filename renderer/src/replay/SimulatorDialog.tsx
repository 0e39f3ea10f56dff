import { useCallback, useEffect, useId, useState } from 'react';
import type { SimulateOutcome, SimulatorAction } from '../../../main/contract/api';
import { useReplayStore } from './replay-store';
import { loadSimulatorActions } from './replay-simulator-actions';
import { closeReplayDialog } from './replay-ui-actions';
import { Dialog } from '../shared/Dialog';
import { ReplayLearnedStyle } from './ReplayLearnedStyle';
import { SimulatorForm, type KeptParameters } from './SimulatorForm';
import { useUnsavedWork } from '../page/use-unsaved-work';
import { SimulatorResult } from './SimulatorResult';
import { schemaOriginWords, SimulatorSchema } from './SimulatorSchema';
import type { StyleName } from '../../../main/contract/names-and-limits';

/** The action list's note on where each schema comes from; an action only seen in history says how often. */
const DATALIST_ORIGIN: Partial<Record<SimulatorAction['origin'], string>> = {
  project: 'schema from the project',
  local: 'schema defined here',
  flowent: 'schema from Flowent',
};
import { useCallsStore } from '../history/calls-store';
import { SIMULATOR_NO_ACTIONS, DIALOG_WORDS, REPLAY_PART_NAMES } from '../../../main/contract/words';

const ACTION_NAME = /^[a-z0-9_]{1,100}$/;

/** The action of the call selected in the list, if any: the one the developer is looking at. */
function selectedAction(): string | null {
  const { selectedId, calls } = useCallsStore.getState();
  const action = calls.find((call) => call.id === selectedId)?.action ?? null;
  return action !== null && ACTION_NAME.test(action) ? action : null;
}

/** Sends the handler a Flowent call that never happened: pick an action, generate or edit parameters, send. */
export function SimulatorDialog() {
  const actions = useReplayStore((s) => s.simulatorActions);
  // Null until the user types: the selected call's action is offered, else the first known one.
  const [typed, setAction] = useState<string | null>(null);
  const [selected] = useState(selectedAction);
  const [outcome, setOutcome] = useState<SimulateOutcome | null>(null);
  // The shown result is of a call since changed (another action, parameters, target): said so, not passed off as this one's.
  const [stale, setStale] = useState(false);
  const showOutcome = useCallback((sent: SimulateOutcome) => {
    setOutcome(sent);
    setStale(false);
  }, []);
  const markStale = useCallback(() => setStale(true), []);
  // Parameters typed for each action, kept while another name is in the field (a typo on the
  // way, a look at another action): the form follows the name per keystroke, and going back
  // to an action brings its parameters back rather than generating over them.
  const [kept, setKept] = useState<ReadonlyMap<string, KeptParameters>>(new Map());
  const keep = useCallback((forAction: string, parameters: KeptParameters | null) => {
    setKept((before) => {
      const now = before.get(forAction);
      if (parameters === null ? now === undefined : sameKept(now, parameters)) return before;
      const after = new Map(before);
      if (parameters === null) after.delete(forAction);
      else after.set(forAction, parameters);
      return after;
    });
  }, []);
  // Picked once for every action sent from here: a handler's style is the same whichever action it runs.
  const [style, setStyle] = useState<StyleName | null>(null);
  const [schemaUnsaved, setSchemaUnsaved] = useState<string | null>(null);
  useUnsavedWork(unsavedWords(schemaUnsaved, kept), undefined, keepWords(schemaUnsaved, kept));
  const nameProblem = useId();
  useEffect(() => {
    void loadSimulatorActions();
  }, []);
  const action = typed ?? selected ?? actions?.[0]?.action ?? '';
  const known = actions?.find((a) => a.action === action) ?? null;
  const valid = ACTION_NAME.test(action);
  const invalid = !valid && action !== '';

  return (
    <Dialog {...DIALOG_WORDS.simulator} onClose={closeReplayDialog} className="wide simulator-dialog">
      {/* With a valid action, the form says it beside its style select. */}
      {!valid && <ReplayLearnedStyle />}
      {actions && actions.length === 0 && (
        <p className="empty-note" aria-label={REPLAY_PART_NAMES.noKnownActions}>
          {SIMULATOR_NO_ACTIONS}
        </p>
      )}
      <label className="inline-field">
        Action
        <input
          list="simulator-actions"
          value={action}
          onChange={(e) => {
            setAction(e.target.value.trim());
            markStale();
          }}
          spellCheck={false}
          placeholder="send_email"
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? nameProblem : undefined}
        />
        <datalist id="simulator-actions">
          {(actions ?? []).map((a) => (
            <option key={a.action} value={a.action}>
              {DATALIST_ORIGIN[a.origin] ?? `seen ${a.calls} time${a.calls === 1 ? '' : 's'}, no schema`}
            </option>
          ))}
        </datalist>
      </label>
      {invalid && (
        <p className="form-error" id={nameProblem} role="alert" aria-label={REPLAY_PART_NAMES.actionNameProblem}>
          An action name is 1-100 lowercase letters, digits or underscores.
        </p>
      )}
      {/* Kept while the name is invalid for a keystroke: a schema being typed would go with it. */}
      <SimulatorSchema action={valid ? action : null} known={valid ? known : null} onUnsaved={setSchemaUnsaved} />
      {valid && (
        <SimulatorForm
          key={action}
          action={action}
          schema={known?.schema ?? null}
          schemaOrigin={schemaOriginWords(known)}
          onOutcome={showOutcome}
          onEdited={markStale}
          kept={kept.get(action) ?? null}
          onKeep={keep}
          style={style}
          onStyle={setStyle}
        />
      )}
      {outcome && <SimulatorResult outcome={outcome} stale={stale} />}
    </Dialog>
  );
}

function sameKept(a: KeptParameters | undefined, b: KeptParameters): boolean {
  return a !== undefined && a.text === b.text && a.seed === b.seed && a.unsent === b.unsent;
}

/** What closing the simulator now would lose, in the Esc warning's words ("the parameters for send_email"). */
function unsentActions(kept: ReadonlyMap<string, KeptParameters>): string[] {
  return [...kept].filter(([, parameters]) => parameters.unsent).map(([name]) => name);
}

/** How the simulator keeps what Esc would discard: a schema by its Save, parameters by sending them. */
function keepWords(schema: string | null, kept: ReadonlyMap<string, KeptParameters>): string {
  const parameters = unsentActions(kept).length > 0;
  if (schema && parameters) return 'save the schema and send the parameters first';
  return parameters ? 'send them first' : 'save first';
}

function unsavedWords(schema: string | null, kept: ReadonlyMap<string, KeptParameters>): string | null {
  const actions = unsentActions(kept);
  const parameters = actions.length === 0 ? null : `the parameters for ${actions.join(' and ')}`;
  return [schema, parameters].filter((part) => part !== null).join(' and ') || null;
}
