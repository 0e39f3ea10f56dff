import { useState, type FormEvent } from 'react';
import type { AccountState } from '../../../main/contract/account';
import { removeApiToken, saveApiToken } from '../store/account-actions';
import { sourceLabel } from './SecretSection';

/**
 * The active profile's API token: whether it is set and where from, never its value. The value
 * lives only in the password field until it is sent.
 */
export function AccountToken({ account }: { account: AccountState }) {
  const [input, setInput] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const profile = account.activeProfile;
  const token = account.apiToken;

  async function run(action: () => Promise<string | null>) {
    setBusy(true);
    setMessage(await action());
    setBusy(false);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!input) return;
    const value = input;
    setInput('');
    void run(() => saveApiToken(profile, value));
  }

  return (
    <section aria-label="API token">
      <h3>API token</h3>
      <p data-testid="api-token-current">
        {token.set
          ? `An API token is set for ${profile}${token.source ? ` (${sourceLabel(token.source, account.apiTokenHint)})` : ''}.`
          : `No API token for ${profile}: create one in Flowent's Gateway Management and paste it here.`}
      </p>
      {account.canSetApiToken ? (
        <form onSubmit={onSubmit} className="key-form">
          <label>
            New API token
            <input type="password" autoComplete="off" spellCheck={false} value={input} onChange={(e) => setInput(e.target.value)} />
          </label>
          <button type="submit" disabled={busy || !input}>
            Save token
          </button>
          {token.set && token.source !== 'environment' && (
            <button type="button" disabled={busy} onClick={() => void run(() => removeApiToken(profile))}>
              Clear token
            </button>
          )}
        </form>
      ) : (
        <p className="muted" data-testid="api-token-hint">
          In this mode the API token comes from {account.apiTokenHint}: set it and restart the companion to change it.
        </p>
      )}
      {message && (
        <p className="form-error" role="alert" aria-label="API token error">
          {message}
        </p>
      )}
    </section>
  );
}
