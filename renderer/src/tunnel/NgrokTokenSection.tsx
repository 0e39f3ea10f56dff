import { removeNgrokAuthtoken, saveNgrokAuthtoken } from './tunnel-actions';
import { useMetaStore } from '../page/stores';
import { CopyButton } from '../shared/CopyButton';
import { SecretSection } from '../shared/SecretSection';
import { NGROK_AUTHTOKEN_ENV } from '../../../main/contract/secret-variables';
import { NO_NGROK_AUTHTOKEN_SET, secretNow } from '../../../main/contract/words';

export const NGROK_TOKEN_URL = 'https://dashboard.ngrok.com/get-started/your-authtoken';

/** The ngrok authtoken, like the HMAC key: shown only as set or not, never kept in the page. */
export function NgrokTokenSection() {
  const status = useMetaStore((s) => s.status);
  const token = status?.ngrokAuthtoken;
  const canSet = status?.canSetNgrokAuthtoken ?? false;
  return (
    <SecretSection
      title="ngrok authtoken"
      envVar={NGROK_AUTHTOKEN_ENV}
      state={token}
      canSet={canSet}
      current={secretNow(token, canSet, NGROK_AUTHTOKEN_ENV, NO_NGROK_AUTHTOKEN_SET, 'ngrok authtoken')}
      keychainUnavailable={status?.keychainUnavailable ?? null}
      currentTestId="ngrok-token-current"
      inputLabel="New ngrok authtoken"
      saveLabel="Save authtoken"
      clearLabel="Clear authtoken"
      clearable={token?.source !== 'environment'}
      onSave={saveNgrokAuthtoken}
      onClear={removeNgrokAuthtoken}
      // The tunnel trims the authtoken before it signs in to ngrok: a copied space or line break does no harm.
      spaceWords={null}
    >
      <p className="muted">
        The public URL runs through ngrok: find it in your ngrok dashboard (Your Authtoken) at{' '}
        <code data-testid="ngrok-token-url">{NGROK_TOKEN_URL}</code> <CopyButton text={NGROK_TOKEN_URL} what="ngrok dashboard link" />
      </p>
    </SecretSection>
  );
}
