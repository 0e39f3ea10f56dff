import type { AccountEvent, AccountState, FlowentProfile, FollowChange, FollowRecord } from '../../../main/contract/account';
import type { FollowMode } from '../../../main/contract/names-and-limits';
import { currentBridge } from '../page/bridge-holder';
import { useAccountStore } from './account-store';
import { runResult } from '../page/run-result';
import { reportError, showToast } from '../page/ui-actions';
import { inPageWords, PAGE_VOCABULARY } from '../page/page-words';
import {
  API_TOKEN_SAVED,
  CONNECTED_TO_FLOWENT,
  followModeSetWords,
  gatewayVariableWinsWords,
  PAGE_FAILURE_WORDS,
  profileInUseWords,
  profileRemovedWords,
  profileSavedWords,
  repointedWords,
  repointFailedWords,
  secretClearedWords,
  notRepointedToastWords,
} from '../../../main/contract/words';
import { DEFAULT_PROFILE } from '../../../main/contract/profile-rules';

/** The newest record still waiting for "Update them", if any. */
function proposedIn(record: FollowRecord | undefined): FollowRecord | null {
  return record && record.mode === 'ask' && record.changes.some((c) => c.outcome === 'proposed') ? record : null;
}

function applyAccount(account: AccountState): void {
  useAccountStore.setState((s) => {
    const gatewayOf = (a: AccountState) => a.profiles.find((p) => p.name === a.activeProfile)?.baseUrl ?? null;
    const profileChanged =
      s.account !== null && (s.account.activeProfile !== account.activeProfile || gatewayOf(s.account) !== gatewayOf(account));
    // The history is the truth once it holds the record; an event's record may arrive before it.
    const known = s.pendingFollow ? account.followHistory.find((r) => r.at === s.pendingFollow?.at) : undefined;
    const pendingFollow = proposedIn(account.followHistory[0]) ?? (known ? proposedIn(known) : s.pendingFollow);
    return {
      account,
      pendingFollow: pendingFollow && pendingFollow.at !== s.dismissedFollowAt ? pendingFollow : null,
      // Another profile (or Gateway) is another Flowent: its actions are listed again.
      ...(profileChanged ? { actions: null, actionsError: null, actionsWarnings: [] } : {}),
    };
  });
}

export async function loadAccount(): Promise<void> {
  const b = currentBridge();
  if (!b) return;
  try {
    applyAccount(await b.getAccount());
  } catch (error) {
    reportError(PAGE_FAILURE_WORDS.loadAccount, error);
  }
}

export function saveProfile(profile: FlowentProfile): Promise<string | null> {
  return runResult(
    PAGE_FAILURE_WORDS.saveProfile,
    (b) => b.saveProfile(profile),
    (account) => {
      applyAccount(account);
      // Saved, yet not in use while FLOWENT_BASE_URL is set: said with the save, not left to be found on Connect.
      const overridden = profile.name === DEFAULT_PROFILE && account.defaultGateway.from === 'environment';
      const saved = profileSavedWords(account, profile.name);
      showToast(overridden ? `${saved}. ${gatewayVariableWinsWords(account.defaultGateway)}` : saved);
    },
  );
}

export function deleteProfile(name: string): Promise<string | null> {
  return runResult(
    PAGE_FAILURE_WORDS.deleteProfile,
    (b) => b.deleteProfile(name),
    (account) => {
      applyAccount(account);
      showToast(profileRemovedWords(name));
    },
  );
}

export function switchProfile(name: string): Promise<string | null> {
  return runResult(
    PAGE_FAILURE_WORDS.switchProfile,
    (b) => b.setActiveProfile(name),
    (account) => {
      applyAccount(account);
      showToast(profileInUseWords(account, name));
    },
  );
}

export function saveApiToken(profile: string, token: string): Promise<string | null> {
  return runResult(
    PAGE_FAILURE_WORDS.setApiToken,
    (b) => b.setFlowentApiToken(profile, token),
    (account) => {
      applyAccount(account);
      showToast(API_TOKEN_SAVED);
    },
  );
}

export function removeApiToken(profile: string): Promise<string | null> {
  return runResult(
    PAGE_FAILURE_WORDS.clearApiToken,
    (b) => b.clearFlowentApiToken(profile),
    (account) => {
      applyAccount(account);
      useAccountStore.setState({ actions: null, actionsError: null, actionsWarnings: [] });
      showToast(secretClearedWords('API token', account.apiToken, account.apiTokenVariable));
    },
  );
}

export function connectFlowent(): Promise<string | null> {
  return runResult(
    PAGE_FAILURE_WORDS.connectFlowent,
    (b) => b.connectFlowent(),
    (account) => {
      applyAccount(account);
      showToast(CONNECTED_TO_FLOWENT);
    },
  );
}

export function setFollowMode(mode: FollowMode): Promise<string | null> {
  return runResult(
    PAGE_FAILURE_WORDS.changeFollowMode,
    (b) => b.setFollowMode(mode),
    (account) => {
      applyAccount(account);
      showToast(followModeSetWords(mode));
    },
  );
}

/** The one click: re-points the actions the newest "ask" record proposed. */
export function applyFollow(): Promise<string | null> {
  // What changed is said by the actions-followed event the core sends for this record.
  return runResult(
    PAGE_FAILURE_WORDS.applyFollow,
    (b) => b.applyFollow(),
    () => {
      useAccountStore.setState({ pendingFollow: null });
      void loadAccount();
    },
  );
}

export function dismissPendingFollow(): void {
  useAccountStore.setState((s) => ({ pendingFollow: null, dismissedFollowAt: s.pendingFollow?.at ?? s.dismissedFollowAt }));
}

/**
 * What the core re-pointed (by itself, or after "Update them"): a toast for the updates and for
 * the links Flowent no longer has (said at the first change after they were found gone), a banner
 * per failure.
 */
function sayFollowed(record: FollowRecord): void {
  const named = (outcome: FollowChange['outcome']) => record.changes.filter((c) => c.outcome === outcome).map((c) => c.action);
  const updated = named('updated');
  if (updated.length) showToast(repointedWords(updated, record.current), 6000);
  const gone = named('gone');
  // The Account tab lists each gone link with its ways out.
  if (gone.length) showToast(notRepointedToastWords(gone), 6000);
  // Register here acts on the profile in use: a link of another one names its profile.
  const activeProfile = useAccountStore.getState().account?.activeProfile ?? null;
  for (const c of record.changes) {
    if (c.outcome === 'failed')
      reportError(repointFailedWords(c, c.failure ? inPageWords(c.failure) : null, PAGE_VOCABULARY, activeProfile));
  }
}

/** Applies one batch's account events: one read of the account, however many said it changed. */
export function applyAccountEvents(events: AccountEvent[]): void {
  let reload = false;
  for (const event of events) {
    switch (event.type) {
      case 'account-changed':
        reload = true;
        break;
      case 'actions-followed':
        reload = true;
        if (proposedIn(event.record)) useAccountStore.setState({ pendingFollow: event.record });
        else sayFollowed(event.record);
        break;
      case 'registration-finished':
        useAccountStore.setState((s) =>
          s.account ? { account: { ...s.account, registrations: [event.record, ...s.account.registrations].slice(0, 20) } } : s,
        );
        break;
      default: {
        const never: never = event;
        void never;
      }
    }
  }
  if (reload) void loadAccount();
}

const ACCOUNT_EVENT_TYPES: ReadonlySet<string> = new Set<AccountEvent['type']>([
  'account-changed',
  'actions-followed',
  'registration-finished',
]);

export function isAccountEvent(event: { type: string }): event is AccountEvent {
  return ACCOUNT_EVENT_TYPES.has(event.type);
}
