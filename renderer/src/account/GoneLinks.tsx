import { useState } from 'react';
import type { AccountState } from '../../../main/contract/account';
import { goneLinkText } from './account-format';
import { loadAccount } from './account-actions';
import { unlinkAction } from './account-registry';
import { BusyButton } from '../shared/BusyButton';
import { ErrorLine } from '../shared/ErrorLine';

/**
 * Linked actions Flowent no longer has (deleted there, found by a list or a 404): each with what
 * to do, and Unlink beside it. Flowent's list does not show them, so their action's own Unlink
 * cannot be reached.
 */
export function GoneLinks({ account }: { account: AccountState }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const gone = account.links.filter((link) => link.gone);
  if (gone.length === 0) return null;

  async function unlink(action: string) {
    setBusy(action);
    const error = await unlinkAction(action);
    setBusy(null);
    setMessage(error);
    if (!error) void loadAccount();
  }

  return (
    <>
      <ul className="gone-links" aria-label="Linked actions Flowent no longer has">
        {gone.map((link) => (
          <li key={`${link.profile}/${link.action}`} data-testid={`gone-link-${link.profile}-${link.action}`}>
            <span>{goneLinkText(link, account.activeProfile)}</span>{' '}
            {link.profile === account.activeProfile && (
              <BusyButton busy={busy === link.action} aria-label={`Unlink ${link.action}`} onClick={() => void unlink(link.action)}>
                Unlink
              </BusyButton>
            )}
          </li>
        ))}
      </ul>
      <ErrorLine message={message} label="Unlink error" />
    </>
  );
}
