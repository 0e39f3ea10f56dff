import { useState } from 'react';
import { applyFollow, dismissPendingFollow } from './account-actions';
import { useAccountStore } from './account-store';
import { openPanel } from '../page/ui-actions';
import type { StaleAction } from '../../../main/contract/account';
import { BusyButton } from '../shared/BusyButton';

// A selector must return the same value for the same state, or zustand renders forever.
const NONE: StaleAction[] = [];

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
        <div className="banner banner-warn" role="alert" aria-label="Actions to update">
          <span>
            {proposed.length} action{proposed.length === 1 ? '' : 's'} still point{proposed.length === 1 ? 's' : ''} at the old URL{' '}
            <code>{pending.previous}</code> ({proposed.map((c) => c.action).join(', ')}).
            {message && <span className="form-error"> {message}</span>}
          </span>
          <span>
            <BusyButton className="banner-action" busy={busy} onClick={() => void update()}>
              {busy ? 'Updating…' : 'Update them'}
            </BusyButton>
            <button type="button" aria-label="Dismiss actions to update" onClick={dismissPendingFollow}>
              ×
            </button>
          </span>
        </div>
      )}
      {stale.length > 0 && (
        <div className="banner banner-warn" role="alert" aria-label="Stale actions">
          <span>
            {stale.length === 1
              ? stale[0]?.message
              : `${stale.length} linked actions no longer reach this companion: ${stale.map((s) => s.action).join(', ')}.`}
          </span>
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
