import { useEffect, useRef } from 'react';
import type { AccountState } from '../../../main/contract/account';
import { badgesOf } from './account-format';
import { loadActions } from './account-registry';
import { useAccountStore } from './account-store';
import { ActionBadges } from './ActionBadges';
import { noActionsWords, LOADING_FLOWENT_ACTIONS } from '../../../main/contract/words';
import { ErrorLine } from '../shared/ErrorLine';
import { BusyButton } from '../shared/BusyButton';
import { canFocus, focusableIn, focusFell } from '../shared/focusable';

interface Props {
  account: AccountState;
  onOpen: (name: string) => void;
  onNew: () => void;
  /** The action just shown on its own or just registered, if any: back in the list, the keyboard goes to its row. */
  cameFrom?: string | null;
}

/** Flowent's actions for the active profile, with whether each follows this companion. */
export function AccountActionList({ account, onOpen, onNew, cameFrom = null }: Props) {
  const actions = useAccountStore((s) => s.actions);
  const loading = useAccountStore((s) => s.actionsLoading);
  const error = useAccountStore((s) => s.actionsError);
  const warnings = useAccountStore((s) => s.actionsWarnings);
  const section = useRef<HTMLElement>(null);
  // The action's own view or the register form went away under the keyboard (← All actions, the
  // action deleted, or registered): it lands on that action's row, or on the list's first control,
  // not on the page's body.
  useEffect(() => {
    if (!focusFell() || !section.current) return;
    const row = cameFrom === null ? null : section.current.querySelector(`[data-testid="action-row-${CSS.escape(cameFrom)}"] button`);
    (canFocus(row) ? row : focusableIn(section.current)[0])?.focus();
  }, [cameFrom]);
  return (
    <section aria-label="Action registry" ref={section}>
      <div className="button-row">
        <button type="button" onClick={onNew}>
          Register an action…
        </button>
        <BusyButton busy={loading} onClick={() => void loadActions()}>
          {loading ? 'Loading…' : 'Reload'}
        </BusyButton>
        <span className="muted">profile {account.activeProfile}</span>
      </div>
      <ErrorLine message={error} label="Actions error" />
      {warnings.map((w) => (
        <p key={w} className="muted">
          {w}
        </p>
      ))}
      {actions === null ? (
        !error && <p className="muted">{LOADING_FLOWENT_ACTIONS}</p>
      ) : actions.length === 0 ? (
        <p className="explain-box" data-testid="actions-empty">
          {noActionsWords(null, '“Register an action…”', '“Register here”')}
        </p>
      ) : (
        <table className="actions-table" aria-label="Actions">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col">Webhook URL</th>
            </tr>
          </thead>
          <tbody>
            {actions.map((a) => (
              <tr key={a.id} data-testid={`action-row-${a.name}`}>
                <td>
                  <button type="button" className="link-button" onClick={() => onOpen(a.name)}>
                    {a.name}
                  </button>{' '}
                  <ActionBadges badges={badgesOf(account, a)} />
                </td>
                <td>{a.description}</td>
                <td>
                  <code>{a.webhook_url}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
