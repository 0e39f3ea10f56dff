import { useState } from 'react';
import type { AccountState, LinkedAction } from '../../../main/contract/account';
import { goneLinkText } from './account-format';
import { loadAccount } from './account-actions';
import { unlinkAction } from './account-registry';
import { BusyButton } from '../shared/BusyButton';
import { ErrorLine } from '../shared/ErrorLine';
import { SECTION_NAMES } from '../../../main/contract/words';

/**
 * Linked actions Flowent no longer has (deleted there, found by a list or a 404), of every
 * profile: each with what to do, and Unlink beside it, which unlinks it from its own profile.
 * Flowent's list does not show them, so their action's own Unlink cannot be reached, and
 * another profile's would otherwise need that profile made active first.
 */
export function GoneLinks({ account }: { account: AccountState }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const gone = account.links.filter((link) => link.gone);
  if (gone.length === 0) return null;

  async function unlink(link: LinkedAction) {
    setBusy(linkKey(link));
    const error = await unlinkAction(link.action, link.profile);
    setBusy(null);
    setMessage(error);
    if (!error) void loadAccount();
  }

  return (
    <>
      <ul className="gone-links" aria-label={SECTION_NAMES.goneLinks}>
        {gone.map((link) => (
          <li key={linkKey(link)} data-testid={`gone-link-${link.profile}-${link.action}`}>
            <span>{goneLinkText(link)}</span>{' '}
            <BusyButton
              busy={busy === linkKey(link)}
              aria-label={`Unlink ${link.action} (${link.profile})`}
              onClick={() => void unlink(link)}
            >
              Unlink
            </BusyButton>
          </li>
        ))}
      </ul>
      <ErrorLine message={message} label="Unlink error" />
    </>
  );
}

/** Two profiles may each link an action of the same name. */
function linkKey(link: Pick<LinkedAction, 'action' | 'profile'>): string {
  return `${link.profile}/${link.action}`;
}
