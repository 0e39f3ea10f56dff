import { useState } from 'react';
import { applyFollow, dismissPendingFollow } from './account-actions';
import { useAccountStore } from './account-store';
import { openPanel } from '../page/ui-actions';
import type { LinkedAction } from '../../../main/contract/account';
import { repointProposedWords, BANNER_NAMES } from '../../../main/contract/words';
import { staleLinksText } from './account-format';
import { BusyButton } from '../shared/BusyButton';

// A selector must return the same value for the same state, or zustand renders forever.
const NONE: LinkedAction[] = [];

/** What needs the user about linked actions: changes waiting for one click, and actions that no longer reach here. */
export function AccountBanners() {
  const pending = useAccountStore((s) => s.pendingFollow);
  const stale = useAccountStore((s) => s.account?.stale ?? NONE);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const proposed = pending?.changes.filter((c) => c.outcome === 'proposed') ?? [];

  async function update() {
    setBusy(true);
    setMessage(await applyFollow());
    setBusy(false);
  }

  return (
    <>
      {pending && proposed.length > 0 && (
        <div className="banner banner-warn" role="alert" aria-label={BANNER_NAMES.actionsToUpdate}>
          <span>
            {repointProposedWords(
              proposed.map((c) => c.action),
              { from: pending.previous, to: pending.current },
              'with Update them, beside this',
            )}
            {message && <span className="form-error"> {message}</span>}
          </span>
          <span>
            <BusyButton className="banner-action" busy={busy} onClick={() => void update()}>
              {busy ? 'Updating…' : 'Update them'}
            </BusyButton>
            <button type="button" aria-label={BANNER_NAMES.dismissActionsToUpdate} onClick={dismissPendingFollow}>
              ×
            </button>
          </span>
        </div>
      )}
      {stale.length > 0 && (
        <div className="banner banner-warn" role="alert" aria-label="Stale actions">
          <span>{staleLinksText(stale)}</span>
          <button
            type="button"
            className="banner-action"
            onClick={() => {
              useAccountStore.setState({ tab: 'actions' });
              openPanel('account');
            }}
          >
            Open Actions
          </button>
        </div>
      )}
    </>
  );
}
