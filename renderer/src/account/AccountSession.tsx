import { useState } from 'react';
import type { AccountState } from '../../../main/contract/account';
import { formatCountdown } from './account-format';
import { connectFlowent } from './account-actions';
import { useAccountStore } from './account-store';
import { useNow } from '../shared/use-now';
import { inPageWords } from '../page/page-words';
import { ErrorLine } from '../shared/ErrorLine';
import { BusyButton } from '../shared/BusyButton';
import { sessionWords } from '../../../main/contract/words';

/** Connect's refusal, with the account as the page had read it when the refusal came. */
interface ConnectRefusal {
  message: string;
  account: AccountState | null;
}

/**
 * The session's failure, said once. A failed Connect is also the account's `lastError` (every
 * exchange keeps its failure there, whoever asked), so the two are one message: Connect's own
 * words until the page reads the account again (the core's word on this failure, a later
 * exchange, a new token), then the account's. The account read is told apart by identity, not
 * by value: a session that went back to how it was (a new token) is still newer than the refusal.
 */
function sessionError(account: AccountState, refusal: ConnectRefusal | null): string | null {
  if (refusal && refusal.account === account) return refusal.message;
  return account.session.lastError && inPageWords(account.session.lastError);
}

/** The Gateway session: connect, the session's expiry as it counts down, why it failed, the hourly count. */
export function AccountSession({ account }: { account: AccountState }) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<ConnectRefusal | null>(null);
  const { expiresAt } = account.session;
  const now = useNow(expiresAt !== null);

  async function connect() {
    setBusy(true);
    const message = await connectFlowent();
    // The account as the page has it now, not as it was at the click: the failure may have reached the page meanwhile.
    setRefusal(message === null ? null : { message, account: useAccountStore.getState().account });
    setBusy(false);
  }

  return (
    <section aria-label="Session">
      <h3>Session</h3>
      <p data-testid="session-expiry">
        {sessionWords(
          expiresAt === null
            ? { state: 'none' }
            : expiresAt > now
              ? { state: 'live', countdown: formatCountdown(expiresAt, now) }
              : { state: 'expired' },
        )}
      </p>
      <ErrorLine message={sessionError(account, refusal)} label="Session error" testId="session-error" />
      <div className="button-row">
        <BusyButton busy={busy} disabled={!account.apiToken.set} onClick={() => void connect()}>
          {busy ? 'Connecting…' : 'Connect'}
        </BusyButton>
        <span className="muted" data-testid="requests-this-hour">
          {account.requestsThisHour} Gateway request{account.requestsThisHour === 1 ? '' : 's'} this hour
        </span>
      </div>
    </section>
  );
}
