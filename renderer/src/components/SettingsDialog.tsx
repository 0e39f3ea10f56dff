import { useState, type FormEvent } from 'react';
import { clearHistory, removeHmacKey, saveHmacKey } from '../store/settings-actions';
import { closeSettings } from '../store/ui-actions';
import { useMetaStore } from '../store/stores';
import { Dialog } from './Dialog';
import { NgrokTokenSection } from './NgrokTokenSection';

const SOURCE_LABEL = {
  keychain: 'saved in the system keychain',
  environment: 'from FLOWENT_HMAC_KEY',
  session: 'for this session only',
} as const;

export function SettingsDialog() {
  const status = useMetaStore((s) => s.status);
  const total = useMetaStore((s) => s.stats?.total ?? null);
  // The key lives only in this input until it is sent: never in any browser storage.
  const [keyInput, setKeyInput] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<string | null>, after?: () => void) {
    setBusy(true);
    const error = await action();
    setBusy(false);
    setMessage(error);
    if (!error) after?.();
  }

  function onSave(e: FormEvent) {
    e.preventDefault();
    if (!keyInput) return;
    const key = keyInput;
    setKeyInput('');
    void run(() => saveHmacKey(key));
  }

  const hmac = status?.hmacKey;
  return (
    <Dialog title="Settings" closeLabel="Close settings" onClose={closeSettings}>
        <section aria-label="HMAC key">
          <h3>HMAC key</h3>
          <p data-testid="hmac-current">
            {hmac?.set ? (
              <>
                <code>{hmac.masked ?? '••••'}</code> {hmac.source ? `(${SOURCE_LABEL[hmac.source]})` : ''}
              </>
            ) : (
              'No key set: signatures cannot be checked.'
            )}
          </p>
          {status?.canSetHmacKey ? (
            <form onSubmit={onSave} className="key-form">
              <label>
                New HMAC key
                <input
                  type="password"
                  autoComplete="off"
                  spellCheck={false}
                  value={keyInput}
                  onChange={(e) => setKeyInput(e.target.value)}
                />
              </label>
              <button type="submit" disabled={busy || !keyInput}>
                Save key
              </button>
              {hmac?.set && (
                <button type="button" disabled={busy} onClick={() => void run(removeHmacKey)}>
                  Clear key
                </button>
              )}
            </form>
          ) : (
            <p className="muted">
              In this mode the key comes from the <code>FLOWENT_HMAC_KEY</code> environment variable: set it and restart
              the companion to change it.
            </p>
          )}
          {message && (
            <p className="form-error" role="alert">
              {message}
            </p>
          )}
        </section>

        <NgrokTokenSection />

        <section aria-label="Server">
          <h3>Server</h3>
          <dl className="facts">
            <dt>Host</dt>
            <dd>{status?.host ?? '–'}</dd>
            <dt>Port</dt>
            <dd>{status?.port ?? 'not listening'}</dd>
            <dt>Data folder</dt>
            <dd>
              <code>{status?.dataDir ?? '–'}</code>
            </dd>
            <dt>Enforce signatures</dt>
            <dd>{status ? (status.enforceSignatures ? 'yes: bad signatures are answered 401' : 'no') : '–'}</dd>
            <dt>Mode</dt>
            <dd>{status?.mode ?? '–'}</dd>
          </dl>
        </section>

        <section aria-label="History">
          <h3>History</h3>
          {confirming ? (
            <div className="confirm" role="group" aria-label="Confirm clearing history">
              <p>
                Delete {total === null ? 'all stored calls' : `all ${total} stored calls`}? This cannot be undone.
              </p>
              <button
                type="button"
                className="danger"
                disabled={busy}
                onClick={() => void run(clearHistory, () => setConfirming(false))}
              >
                Delete all calls
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          ) : (
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              Clear history…
            </button>
          )}
        </section>
      </Dialog>
  );
}
