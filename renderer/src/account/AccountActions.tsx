import { useEffect, useState } from 'react';
import type { AccountState } from '../../../main/contract/account';
import { loadActions } from './account-registry';
import { useAccountStore } from './account-store';
import { AccountActionForm } from './AccountActionForm';
import { AccountActionList } from './AccountActionList';
import { AccountActionView } from './AccountActionView';
import { actionsNeedTokenWords } from '../../../main/contract/words';

// The list's cameFrom: the action whose row the keyboard comes back to, shown on its own or just registered.
type Screen =
  | { kind: 'list'; cameFrom?: string }
  | { kind: 'view'; name: string; fromEdit?: boolean }
  | { kind: 'edit'; name: string }
  | { kind: 'new' };

/** The action registry of the active profile: list, one action, the register/edit form. */
export function AccountActions({ account }: { account: AccountState }) {
  const actions = useAccountStore((s) => s.actions);
  const [screen, setScreen] = useState<Screen>({ kind: 'list' });
  const tokenSet = account.apiToken.set;
  const gateway = account.profiles.find((p) => p.name === account.activeProfile)?.baseUrl ?? null;
  useEffect(() => {
    if (tokenSet) void loadActions();
  }, [tokenSet, account.activeProfile, gateway]);

  if (!tokenSet) {
    return (
      <div className="explain-box" data-testid="actions-empty">
        {actionsNeedTokenWords(account.canSetApiToken ? null : account.apiTokenVariable)}{' '}
        <button type="button" onClick={() => useAccountStore.setState({ tab: 'account' })}>
          Go to the API token
        </button>
      </div>
    );
  }
  const toList = () => setScreen({ kind: 'list', cameFrom: screen.kind === 'view' ? screen.name : undefined });
  const current = screen.kind === 'view' || screen.kind === 'edit' ? (actions?.find((a) => a.name === screen.name) ?? null) : null;
  if (screen.kind === 'new') return <AccountActionForm existing={null} onDone={(made) => setScreen({ kind: 'list', cameFrom: made })} />;
  if (screen.kind === 'edit' && current)
    return <AccountActionForm existing={current} onDone={() => setScreen({ kind: 'view', name: current.name, fromEdit: true })} />;
  if (screen.kind === 'view' && current) {
    return (
      <AccountActionView
        account={account}
        action={current}
        onBack={toList}
        fromEdit={screen.fromEdit}
        onEdit={() => setScreen({ kind: 'edit', name: current.name })}
      />
    );
  }
  return (
    <AccountActionList
      account={account}
      cameFrom={screen.kind === 'list' ? (screen.cameFrom ?? null) : null}
      onOpen={(name) => setScreen({ kind: 'view', name })}
      onNew={() => setScreen({ kind: 'new' })}
    />
  );
}
