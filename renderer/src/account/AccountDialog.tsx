import { useEffect } from 'react';
import { loadAccount } from './account-actions';
import { useAccountStore } from './account-store';
import { closePanel } from '../page/ui-actions';
import { AccountActions } from './AccountActions';
import { AccountFollow } from './AccountFollow';
import { AccountProfiles } from './AccountProfiles';
import { AccountSession } from './AccountSession';
import { AccountToken } from './AccountToken';
import { Dialog } from '../shared/Dialog';
import { TabRow, type TabOf } from '../shared/TabRow';
import { LOADING_ACCOUNT, DIALOG_WORDS } from '../../../main/contract/words';

export type AccountTab = 'account' | 'actions';
const TABS: TabOf<AccountTab>[] = [
  { id: 'account', label: 'Account' },
  { id: 'actions', label: 'Actions' },
];

/** The Flowent account: profiles, the API token and session (Account), and the action registry (Actions). */
export function AccountDialog() {
  const account = useAccountStore((s) => s.account);
  const tab = useAccountStore((s) => s.tab);
  useEffect(() => {
    void loadAccount();
  }, []);
  return (
    <Dialog {...DIALOG_WORDS.account} onClose={closePanel} className="wide account-dialog">
      <TabRow
        tabs={TABS}
        current={tab}
        onChoose={(chosen) => useAccountStore.setState({ tab: chosen })}
        label="Account sections"
        className="tabs"
      />
      {!account ? (
        <p className="muted">{LOADING_ACCOUNT}</p>
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
