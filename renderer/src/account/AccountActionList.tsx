import type { AccountState } from '../../../main/contract/account';
import { badgesOf } from './account-format';
import { loadActions } from './account-registry';
import { useAccountStore } from './account-store';
import { ActionBadges } from './ActionBadges';
import { ErrorLine } from '../shared/ErrorLine';
import { BusyButton } from '../shared/BusyButton';

interface Props {
  account: AccountState;
  onOpen: (name: string) => void;
  onNew: () => void;
}

/** Flowent's actions for the active profile, with whether each follows this companion. */
export function AccountActionList({ account, onOpen, onNew }: Props) {
  const actions = useAccountStore((s) => s.actions);
  const loading = useAccountStore((s) => s.actionsLoading);
  const error = useAccountStore((s) => s.actionsError);
  const warnings = useAccountStore((s) => s.actionsWarnings);
  return (
    <section aria-label="Action registry">
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
        !error && <p className="muted">Loading your actions from Flowent…</p>
      ) : actions.length === 0 ? (
        <p className="explain-box" data-testid="actions-empty">
          No actions registered in Flowent yet: register one with “Register an action…”, pointed at this companion with “Register here”.
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
