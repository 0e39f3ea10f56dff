import { create } from 'zustand';
import type { AccountState, FlowentAction, FollowRecord } from '../../../main/contract/account';
import { onReset } from '../page/stores';

export interface AccountStoreState {
  /** The active profile's account, as the core last reported it; null before the first read. */
  account: AccountState | null;
  /** Flowent's actions for the active profile; null until listed. */
  actions: FlowentAction[] | null;
  actionsLoading: boolean;
  /** Why the last listing failed, in Flowent's words (shown instead of the list). */
  actionsError: string | null;
  actionsWarnings: string[];
  /** A follow record whose changes wait for the user's one click (follow mode "ask"). */
  pendingFollow: FollowRecord | null;
  /** The follow record the user dismissed, so a reload does not bring its banner back. */
  dismissedFollowAt: number | null;
  /** The Account dialog's section. */
  tab: 'account' | 'actions';
  /** The action being registered here right now, to say so next to its registration check. */
  registering: string | null;
}

const initialAccount = (): AccountStoreState => ({
  account: null,
  actions: null,
  actionsLoading: false,
  actionsError: null,
  actionsWarnings: [],
  pendingFollow: null,
  dismissedFollowAt: null,
  registering: null,
  tab: 'account',
});

export const useAccountStore = create<AccountStoreState>()(initialAccount);
onReset(() => useAccountStore.setState(initialAccount(), true));
