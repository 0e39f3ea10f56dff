import { CHANGE_TOKEN_QUESTION, CONFIRM_WORDS } from '../../../main/contract/words';
import { ConfirmBox } from '../shared/ConfirmBox';
import { useState } from 'react';
import { currentBridge } from '../page/bridge-holder';
import { canRotateToken } from '../transport/connection';
import { rotateAccessToken } from './settings-actions';
import { ErrorLine } from '../shared/ErrorLine';

/**
 * The browser inspector's access token, replaceable from the page (the desktop app has none).
 * This page reloads with the new token; other open pages are told theirs no longer works.
 */
export function InspectorAccessSection() {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!canRotateToken(currentBridge())) return null;

  const rotate = async () => {
    setBusy(true);
    const problem = await rotateAccessToken();
    setBusy(false);
    setError(problem);
  };

  return (
    <section aria-label="Inspector access">
      <h3>Inspector access</h3>
      <p className="muted">
        The token in this page&apos;s address lets it use the companion. Change it if the address was shared or written down somewhere it
        should not be: the old token stops working at once.
      </p>
      {confirming ? (
        <ConfirmBox
          what="changeAccessToken"
          confirm={CONFIRM_WORDS.changeAccessToken}
          onConfirm={() => void rotate()}
          onCancel={() => setConfirming(false)}
          busy={busy}
        >
          {CHANGE_TOKEN_QUESTION}
        </ConfirmBox>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          Change access token…
        </button>
      )}
      <ErrorLine message={error} />
    </section>
  );
}
