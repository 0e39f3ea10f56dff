import { useState, type FormEvent } from 'react';
import { removeNgrokAuthtoken, saveNgrokAuthtoken } from '../store/tunnel-actions';
import { useMetaStore } from '../store/stores';
import { CopyButton } from './CopyButton';

export const NGROK_TOKEN_URL = 'https://dashboard.ngrok.com/get-started/your-authtoken';

const SOURCE_LABEL = {
  keychain: 'saved in the system keychain',
  environment: 'from NGROK_AUTHTOKEN',
  session: 'for this session only',
} as const;

/** The ngrok authtoken, like the HMAC key: shown only as set or not, never kept in the page. */
export function NgrokTokenSection() {
  const status = useMetaStore((s) => s.status);
  const [input, setInput] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const token = status?.ngrokAuthtoken;

  async function run(action: () => Promise<string | null>) {
    setBusy(true);
    setMessage(await action());
    setBusy(false);
  }

  function onSave(e: FormEvent) {
    e.preventDefault();
    if (!input) return;
    const value = input;
    setInput('');
    void run(() => saveNgrokAuthtoken(value));
  }

  return (
    <section aria-label="ngrok authtoken">
      <h3>ngrok authtoken</h3>
      <p data-testid="ngrok-token-current">
        {token?.set
          ? `Set${token.source ? ` (${SOURCE_LABEL[token.source]})` : ''}.`
          : 'Not set: the public URL (tunnel) cannot open.'}
      </p>
      <p className="muted">
        The public URL runs through ngrok: find it in your ngrok dashboard (Your Authtoken) at{' '}
        <code data-testid="ngrok-token-url">{NGROK_TOKEN_URL}</code> <CopyButton text={NGROK_TOKEN_URL} what="ngrok dashboard link" />
      </p>
      {status?.canSetNgrokAuthtoken ? (
        <form onSubmit={onSave} className="key-form">
          <label>
            New ngrok authtoken
            <input
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={input}
              onChange={(e) => setInput(e.target.value)}
            />
          </label>
          <button type="submit" disabled={busy || !input}>
            Save authtoken
          </button>
          {token?.set && token.source !== 'environment' && (
            <button type="button" disabled={busy} onClick={() => void run(removeNgrokAuthtoken)}>
              Clear authtoken
            </button>
          )}
        </form>
      ) : (
        <p className="muted">
          In this mode the authtoken comes from the <code>NGROK_AUTHTOKEN</code> environment variable: set it and
          restart the companion to change it.
        </p>
      )}
      {message && (
        <p className="form-error" role="alert">
          {message}
        </p>
      )}
    </section>
  );
}
