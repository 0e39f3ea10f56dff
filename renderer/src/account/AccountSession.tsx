import { useState } from 'react';
import type { AccountState } from '../../../main/contract/account';
import { formatCountdown } from './account-format';
import { connectFlowent } from './account-actions';
import { useNow } from '../shared/use-now';
import { inPageWords } from '../page/page-words';
import { ErrorLine } from '../shared/ErrorLine';

/** The Gateway session: connect, the session's expiry as it counts down, why it failed, the hourly count. */
export function AccountSession({ account }: { account: AccountState }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const { expiresAt, lastError } = account.session;
  const now = useNow(expiresAt !== null);

  async function connect() {
    setBusy(true);
    setMessage(await connectFlowent());
    setBusy(false);
  }

  return (
    <section aria-label="Session">
      <h3>Session</h3>
      <p data-testid="session-expiry">
        {expiresAt === null
          ? 'Not connected yet: Connect exchanges the API token for a session.'
          : expiresAt > now
            ? `Session expires in ${formatCountdown(expiresAt, now)} (renewed before it runs out).`
            : 'Session expired: it is exchanged again with the next request.'}
      </p>
      {lastError && <ErrorLine message={inPageWords(lastError)} label="Session error" testId="session-error" />}
      <div className="button-row">
        <button type="button" disabled={busy || !account.apiToken.set} onClick={() => void connect()}>
          {busy ? 'Connecting…' : 'Connect'}
        </button>
        <span className="muted" data-testid="requests-this-hour">
          {account.requestsThisHour} Gateway request{account.requestsThisHour === 1 ? '' : 's'} this hour
        </span>
      </div>
      <ErrorLine message={message} label="Connect error" />
    </section>
  );
}
