import { useEffect, useId, useState } from 'react';
import { ACTION_NAME_RULE, isActionName } from '../../../main/contract/api';
import { loadKnownActions } from './tunnel-actions';
import { PICKER_NO_ACTIONS, REPLAY_PART_NAMES } from '../../../main/contract/words';

/** The action whose URL is given: the one typed, else the most called of those the companion knows. */
export interface ActionPick {
  /** Null until read: "none known" is said only once it is so. */
  known: string[] | null;
  name: string;
  /** The name when Flowent would take it; null while none is typed or it is not an action name. */
  action: string | null;
  setTyped: (name: string) => void;
}

export function useActionPick(): ActionPick {
  const [known, setKnown] = useState<string[] | null>(null);
  useEffect(() => {
    let live = true;
    void loadKnownActions().then((names) => live && setKnown(names));
    return () => {
      live = false;
    };
  }, []);
  // Null until the user types: the most called known action is offered.
  const [typed, setTyped] = useState<string | null>(null);
  const name = typed ?? known?.[0] ?? '';
  return { known, name, action: isActionName(name) ? name : null, setTyped: (text) => setTyped(text.trim()) };
}

/**
 * The action's name, offered from those known: a URL to register is one action's, and a copied
 * `<action_name>` placeholder would reach Flowent as it is.
 */
export function ActionPicker({ pick, listId }: { pick: ActionPick; listId: string }) {
  const names = pick.known ?? [];
  const invalid = pick.action === null && pick.name !== '';
  const nameProblem = useId();
  return (
    <>
      <label className="inline-field action-picker">
        Action
        <input
          list={listId}
          value={pick.name}
          onChange={(e) => pick.setTyped(e.target.value)}
          spellCheck={false}
          placeholder="send_email"
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? nameProblem : undefined}
        />
        <datalist id={listId} data-testid="known-actions">
          {names.map((option) => (
            <option key={option} value={option} />
          ))}
        </datalist>
      </label>
      {pick.known !== null && names.length === 0 && (
        <p className="empty-note" data-testid="no-known-actions">
          {PICKER_NO_ACTIONS}
        </p>
      )}
      {invalid && (
        <p className="form-error" id={nameProblem} role="alert" aria-label={REPLAY_PART_NAMES.actionNameProblem}>
          An action name is {ACTION_NAME_RULE}.
        </p>
      )}
    </>
  );
}
