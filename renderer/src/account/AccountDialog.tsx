import { useEffect, useRef, type KeyboardEvent } from 'react';
import { loadAccount } from './account-actions';
import { useAccountStore } from './account-store';
import { closePanel } from '../page/ui-actions';
import { AccountActions } from './AccountActions';
import { AccountFollow } from './AccountFollow';
import { AccountProfiles } from './AccountProfiles';
import { AccountSession } from './AccountSession';
import { AccountToken } from './AccountToken';
import { Dialog } from '../shared/Dialog';
import { tabAfterKey } from '../shared/tab-keys';

export type AccountTab = 'account' | 'actions';
const TABS: { id: AccountTab; label: string }[] = [
  { id: 'account', label: 'Account' },
  { id: 'actions', label: 'Actions' },
];

/** The Flowent account: profiles, the API token and session (Account), and the action registry (Actions). */
export function AccountDialog() {
  const account = useAccountStore((s) => s.account);
  const tab = useAccountStore((s) => s.tab);
  const tabButtons = useRef(new Map<AccountTab, HTMLButtonElement>());
  // One Tab stop, the section shown; the arrows choose another and take the keyboard to it.
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const next =
      TABS[
        tabAfterKey(
          e.key,
          TABS.findIndex((t) => t.id === tab),
          TABS.length,
        ) ?? -1
      ];
    if (!next) return;
    e.preventDefault();
    useAccountStore.setState({ tab: next.id });
    tabButtons.current.get(next.id)?.focus();
  };
  useEffect(() => {
    void loadAccount();
  }, []);
  return (
    <Dialog title="Flowent account" closeLabel="Close Flowent account" onClose={closePanel} className="wide account-dialog">
      <div className="tabs" role="tablist" aria-label="Account sections" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            tabIndex={tab === t.id ? 0 : -1}
            className={tab === t.id ? 'active' : undefined}
            ref={(button) => {
              if (button) tabButtons.current.set(t.id, button);
              else tabButtons.current.delete(t.id);
            }}
            onClick={() => useAccountStore.setState({ tab: t.id })}
          >
            {t.label}
          </button>
        ))}
      </div>
      {!account ? (
        <p className="muted">Loading the Flowent account…</p>
      ) : tab === 'account' ? (
        <div role="tabpanel" aria-label="Account">
          <AccountProfiles account={account} />
          <AccountToken account={account} />
          <AccountSession account={account} />
          <AccountFollow account={account} />
        </div>
      ) : (
        <div role="tabpanel" aria-label="Actions">
          <AccountActions account={account} />
        </div>
      )}
    </Dialog>
  );
}
