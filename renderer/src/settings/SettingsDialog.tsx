import { ConfirmBox } from '../shared/ConfirmBox';
import { useState } from 'react';
import { clearHistory, removeHmacKey, saveHmacKey } from './settings-actions';
import { closeSettings } from '../page/ui-actions';
import { useMetaStore } from '../page/stores';
import { Dialog } from '../shared/Dialog';
import { NgrokTokenSection } from '../tunnel/NgrokTokenSection';
import { SecretSection } from '../shared/SecretSection';
import { InspectorAccessSection } from './InspectorAccessSection';
import { HistoryLimitsSection } from './HistoryLimitsSection';
import { ErrorLine } from '../shared/ErrorLine';
import { HMAC_KEY_ENV } from '../../../main/contract/secret-variables';
import {
  clearHistoryQuestion,
  edgeSpaceWords,
  NO_HMAC_KEY_SET,
  secretNow,
  CONFIRM_WORDS,
  DIALOG_WORDS,
} from '../../../main/contract/words';

export function SettingsDialog() {
  const status = useMetaStore((s) => s.status);
  const total = useMetaStore((s) => s.stats?.total ?? null);
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

  const hmac = status?.hmacKey;
  const canSet = status?.canSetHmacKey ?? false;
  const keychainUnavailable = status?.keychainUnavailable ?? null;
  return (
    <Dialog {...DIALOG_WORDS.settings} onClose={closeSettings}>
      <SecretSection
        title="HMAC key"
        envVar={HMAC_KEY_ENV}
        state={hmac}
        canSet={canSet}
        // Only that a key is set, and where from: not a character of it reaches the page.
        current={secretNow(hmac, canSet, HMAC_KEY_ENV, NO_HMAC_KEY_SET, 'key')}
        currentTestId="hmac-current"
        inputLabel="New HMAC key"
        saveLabel="Save key"
        clearLabel="Clear key"
        clearable={hmac?.source !== 'environment'}
        onSave={saveHmacKey}
        onClear={removeHmacKey}
        spaceWords={edgeSpaceWords}
        keychainUnavailable={keychainUnavailable}
      />

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

      <HistoryLimitsSection />

      <InspectorAccessSection />

      <section aria-label="History">
        <h3>History</h3>
        {confirming ? (
          <ConfirmBox
            what="clearHistory"
            confirm={CONFIRM_WORDS.clearHistory}
            onConfirm={() => void run(clearHistory, () => setConfirming(false))}
            onCancel={() => setConfirming(false)}
            busy={busy}
          >
            {clearHistoryQuestion(total)}
          </ConfirmBox>
        ) : (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Clear history…
          </button>
        )}
        <ErrorLine message={message} />
      </section>
    </Dialog>
  );
}
